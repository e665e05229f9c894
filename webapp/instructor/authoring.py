"""Exercise authoring: instructors upload or edit exercise YAML, see each problem at its line, and save.

The text is parsed with the safe YAML loader and checked in the same two passes as shipped content
(structure, then references). A saved exercise goes into its author's namespace in the instance's
exercise folder (``i7.wifi`` for instructor 7), so it can never replace a shipped exercise or another
instructor's, and only the cohorts its author teaches see it (:mod:`webapp.catalogue`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.content.errors import ContentError, Problem
from simulator.content.yamlfile import parse_yaml, validate
from simulator.conversation.exercise import Exercise
from simulator.conversation.loader import check_exercise, load_personas
from webapp.babel_marks import _
from webapp.catalogue import may_see
from webapp.content import source

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


def shipped_ids() -> set[str]:
    """Return the ids of the exercises that ship with eerstelijn (never overwritten)."""
    return source().exercises.shipped_ids()


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


def save(checked: Checked, author_id: int) -> str:
    """Write a valid exercise into its author's namespace and return its id there (e.g. ``i7.wifi``)."""
    if not checked.ok or checked.exercise is None:
        raise ValueError("only a valid exercise can be saved")
    return source().exercises.save(checked.text, checked.exercise.id, author_id)


def exercise_text(exercise_id: str) -> str | None:
    """Return the YAML of an exercise the current user may see (shipped or an instructor's), or None."""
    return source().exercises.text(exercise_id) if may_see(exercise_id) else None
