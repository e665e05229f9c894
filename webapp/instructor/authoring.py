"""Exercise authoring: instructors upload or edit exercise YAML, see each problem at its line, and save.

The text is parsed with the safe YAML loader and checked in the same two passes as shipped content
(structure, then references). Saved exercises go to the instance's exercise folder, which the loader
reads after the shipped folder; a shipped id can never be overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from simulator.content.errors import ContentError, Problem
from simulator.content.paths import exercises_dir
from simulator.content.yamlfile import parse_yaml, validate
from simulator.conversation.exercise import MAX_ID_LENGTH, Exercise
from simulator.conversation.loader import check_exercise, exercise_paths, load_personas, use_user_exercises
from webapp.babel_marks import _

#: Uploads larger than this are refused (413) before parsing.
MAX_EXERCISE_BYTES = 200 * 1024
FILE_NAME = "oefening.yaml"


@dataclass
class Checked:
    """The outcome of checking one exercise text: the exercise when valid, every problem otherwise."""

    text: str
    exercise: Exercise | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether the text is a valid exercise."""
        return self.exercise is not None and not self.problems

    def lines(self) -> list[tuple[int, str, list[str]]]:
        """Return (number, text, problems at that line) for the annotated editor view."""
        by_line: dict[int, list[str]] = {}
        for problem in self.problems:
            if problem.line is not None:
                at = f"{problem.path}: " if problem.path else ""
                by_line.setdefault(problem.line, []).append(at + problem.message)
        rows = self.text.splitlines() or [""]
        last = len(rows)
        for number in [n for n in by_line if n > last]:  # a problem past the end shows on the last line
            by_line.setdefault(last, []).extend(by_line.pop(number))
        return [(n, line, by_line.get(n, [])) for n, line in enumerate(rows, start=1)]

    def unplaced(self) -> list[str]:
        """Return the problems that have no line (e.g. the file is not UTF-8)."""
        return [p.message for p in self.problems if p.line is None]


def user_folder(app: Flask | None = None) -> Path:
    """Return the folder of the instructors' exercises (``USER_EXERCISES_DIR``, else instance/exercises)."""
    app = app or current_app
    configured = app.config.get("USER_EXERCISES_DIR")
    return Path(configured) if configured else Path(app.instance_path) / "exercises"


def configure(app: Flask) -> None:
    """Let the exercise loader find this app's instructor exercises."""
    use_user_exercises(user_folder(app))


def shipped_ids() -> set[str]:
    """Return the ids of the exercises that ship with eerstelijn (never overwritten)."""
    return {p.stem for p in exercise_paths(exercises_dir())}


def check_text(text: str) -> Checked:
    """Parse (safe loader) and check an exercise text; every problem keeps its line."""
    checked = Checked(text)
    try:
        doc = parse_yaml(text, FILE_NAME)
        exercise = validate(doc, Exercise)
        checked.problems = list(check_exercise(doc, exercise, load_personas()))
    except ContentError as exc:
        checked.problems = list(exc.problems)
        return checked
    if exercise.id in shipped_ids():
        message = _("de id '%(id)s' hoort bij een meegeleverde oefening; kies een andere id", id=exercise.id)
        checked.problems.append(doc.problem(["id"], message))
    checked.exercise = exercise
    return checked


def save(checked: Checked) -> Path:
    """Write a valid exercise to the instructors' folder under its id and return the path."""
    if not checked.ok or checked.exercise is None:
        raise ValueError("only a valid exercise can be saved")
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{checked.exercise.id}.yaml"
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(checked.text if checked.text.endswith("\n") else checked.text + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def user_exercise_text(exercise_id: str) -> str | None:
    """Return the YAML of an instructor's exercise, or None when there is no such file."""
    if len(exercise_id) > MAX_ID_LENGTH or not exercise_id.replace("-", "").replace("_", "").isalnum():
        return None  # not an id, and a file name this long is an OSError
    path = user_folder() / f"{exercise_id}.yaml"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def shipped_exercise_text(exercise_id: str) -> str | None:
    """Return the YAML of a shipped exercise (read-only), or None."""
    if exercise_id not in shipped_ids():
        return None
    return (exercises_dir() / f"{exercise_id}.yaml").read_text(encoding="utf-8")
