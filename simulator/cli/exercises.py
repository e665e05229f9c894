"""``eerstelijn exercises list | show ID | validate [PATH...]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.errors import Problem


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the exercises command."""
    parser = subparsers.add_parser("exercises", help="oefeningen tonen en valideren")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="alle oefeningen").add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="één oefening met haar wereld")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    validate = sub.add_parser("validate", help="oefenbestanden controleren (standaard: alle)")
    validate.add_argument("paths", nargs="*", type=Path)
    check = sub.add_parser("check-dialogue", help="vrije sessiescripts afspelen: waar raakt de beller de draad kwijt?")
    check.add_argument("folder", type=Path)
    check.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the chosen action."""
    if args.action == "list":
        return _list(args.json)
    if args.action == "show":
        return _show(args.id, args.json)
    if args.action == "check-dialogue":
        from simulator.cli.dialogue import check

        return check(args.folder, args.json)
    return _validate(args.paths)


def _list(as_json: bool) -> int:
    from simulator.conversation.loader import list_exercises

    exercises = list_exercises()
    if as_json:
        rows = [
            {"id": e.id, "title": e.title, "language": e.language, "persona": e.persona, "activities": e.activities}
            for e in exercises
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for e in exercises:
        print(f"{e.id:34} {e.language}  {e.persona:9} {e.title}")
    return 0


def _show(exercise_id: str, as_json: bool) -> int:
    from simulator.cli.main import UsageError
    from simulator.conversation.loader import load_exercise

    try:
        exercise = load_exercise(exercise_id)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    if as_json:
        print(exercise.model_dump_json(indent=1))
        return 0
    print(f"{exercise.id} — {exercise.title}")
    print(f"  taal: {exercise.language} · persona: {exercise.persona} · kwalificatie: {exercise.qualification}")
    print(f"  {exercise.summary.strip()}")
    print(
        f"  probleem: {exercise.problem.summary} ({exercise.problem.category}, "
        f"impact {exercise.problem.impact}, urgentie {exercise.problem.urgency})"
    )
    print(f"  activiteiten: {', '.join(exercise.activities)}")
    print(
        f"  toestanden: {' → '.join(s.name for s in exercise.states)}; goede afloop: {', '.join(exercise.good_endings)}"
    )
    for key, value in _world_ids(exercise).items():
        print(f"  {key}: {', '.join(value) if value else '—'}")
    for i, form in enumerate(exercise.forms):  # the seed picks form (seed mod number of forms)
        title = form.title.get(exercise.language) or next(iter(form.title.values()))
        print(f"  variant {form.id} (seed ≡ {i} mod {len(exercise.forms)}): {title}")
    return 0


def _world_ids(exercise: object) -> dict[str, list[str]]:
    """Return the ids the exercise's world defines (KB articles, problems, groups, categories, commands)."""
    import importlib

    try:
        world = importlib.import_module("simulator.world")
    except ModuleNotFoundError:
        return {}
    ids = getattr(world, "world_ids", None)
    return dict(ids(exercise)) if callable(ids) else {}


def _validate(paths: list[Path]) -> int:
    from simulator.content.errors import ContentError
    from simulator.conversation.loader import exercise_paths, reaction_warnings, read_exercise

    targets = paths or exercise_paths()
    problems: list[Problem] = []
    for path in targets:
        if path.is_dir():
            targets.extend(sorted(path.glob("*.yaml")))
            continue
        try:
            exercise = read_exercise(path)
            print(f"ok  {path}")
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        for warning in reaction_warnings(path, exercise):
            print(f"let op: {warning}")
    if not paths:
        problems.extend(_validate_paths())
    if problems:
        raise ContentError(problems)
    return 0


def _validate_paths() -> list[Problem]:
    """Check the learning paths against the exercises and the qualification; warn about exercises on no path."""
    from simulator.assessment.path import paths_dir, read_path
    from simulator.content.errors import ContentError
    from simulator.conversation.loader import exercise_paths
    from simulator.qualification import load_qualification

    ids = [p.stem for p in exercise_paths()]
    competencies = [c.id for c in load_qualification("bkd-2023").competencies]
    problems: list[Problem] = []
    placed: set[str] = set()
    for file in sorted(paths_dir().glob("*.yaml")):
        try:
            course = read_path(file, ids, competencies)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        print(f"ok  {file}")
        placed.update(step.exercise for module in course.modules for step in module.steps)
    for exercise in ids:
        if exercise not in placed:
            print(f"let op: {exercise} staat in geen enkele module van een leertraject ({paths_dir()})")
    return problems
