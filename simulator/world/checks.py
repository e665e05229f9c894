"""Reference checks: world files against each other, exercises against the world, script steps
against the exercise's world. Registered with the loader and the runner by ``simulator.world``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.content.errors import ContentError, Problem
from simulator.content.yamlfile import LoadedYaml
from simulator.conversation.exercise import Exercise
from simulator.world.guided import check_guided
from simulator.world.pc.commands import is_known
from simulator.world.pc.faults import FAULTS
from simulator.world.port import StepProblem

if TYPE_CHECKING:
    from simulator.world.content import WorldContent


def _known(names: Iterable[str], limit: int = 12) -> str:
    names = sorted(names)
    more = f" … ({len(names)} in all)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def check_content(content: WorldContent, docs: dict[str, LoadedYaml], folder: Path) -> list[Problem]:
    """Return every cross-reference problem between the world files."""
    out: list[Problem] = []
    groups, cats, prbs, kbs = set(content.groups), set(content.categories), set(content.problems), set(content.articles)

    def doc(name: str) -> LoadedYaml:
        return docs[str(folder / name)]

    book = doc("scenario-book.yaml")
    for key in ("first_line_group", "security_group"):
        if getattr(content.book, key) not in groups:
            out.append(book.problem([key], f"unknown group '{getattr(content.book, key)}'"))
    for i, rule in enumerate(content.book.escalation):
        if rule.category not in cats | {"*"}:
            out.append(book.problem(["escalation", i, "category"], f"unknown category '{rule.category}'"))
        if rule.group not in groups:
            out.append(book.problem(["escalation", i, "group"], f"unknown group '{rule.group}'"))
    sla = doc("sla.yaml")
    for impact in ("low", "medium", "high"):
        for urgency in ("low", "medium", "high"):
            priority = content.sla.matrix.get((impact, urgency))
            if priority is None:
                out.append(sla.problem(["matrix", impact], f"no priority for urgency '{urgency}'"))
            elif priority not in content.sla.targets:
                out.append(sla.problem(["matrix", impact, urgency], f"no targets for {priority}"))
    prb_doc = doc("problems.yaml")
    for i, p in enumerate(content.problems.values()):
        if p.category not in cats:
            out.append(prb_doc.problem(["problems", i, "category"], f"unknown category '{p.category}'"))
        if p.group not in groups:
            out.append(prb_doc.problem(["problems", i, "group"], f"unknown group '{p.group}'"))
        if p.article and p.article not in kbs:
            out.append(prb_doc.problem(["problems", i, "article"], f"unknown article '{p.article}'"))
    for article in content.articles.values():
        d = docs[content.files[article.id]]
        i = [a.get("id") for a in d.data["articles"]].index(article.id)
        if article.category not in cats:
            out.append(d.problem(["articles", i, "category"], f"unknown category '{article.category}'"))
        if article.problem and article.problem not in prbs:
            out.append(d.problem(["articles", i, "problem"], f"unknown problem '{article.problem}'"))
    for ew in content.exercises.values():
        out.extend(_check_exercise_world(docs[content.files[ew.exercise]], ew.model_dump(), content))
    return out


def _check_exercise_world(
    d: LoadedYaml, ew: dict[str, Any], content: WorldContent, at: tuple[str | int, ...] = ()
) -> list[Problem]:
    out: list[Problem] = []
    groups, cats = set(content.groups), set(content.categories)
    for i, kb in enumerate(ew.get("kb", [])):
        if kb not in content.articles:
            out.append(d.problem([*at, "kb", i], f"unknown article '{kb}'"))
    for i, prb in enumerate(ew.get("problems", [])):
        if prb not in content.problems:
            out.append(d.problem([*at, "problems", i], f"unknown problem '{prb}'"))
    for i, fault in enumerate(ew.get("pc", {}).get("faults", [])):
        if fault not in FAULTS:
            out.append(d.problem([*at, "pc", "faults", i], f"unknown fault '{fault}'; known: {_known(FAULTS)}"))
    for i, line in enumerate(ew.get("commands", [])):
        if not is_known(line):
            out.append(d.problem([*at, "commands", i], f"unknown command in '{line}'"))
    for path, message in check_guided(ew.get("guided", [])):
        out.append(d.problem([*at, "guided", *path], message))
    for section in ("queue",):
        for i, item in enumerate(ew.get(section, [])):
            out.extend(_check_group_category(d, [*at, section, i], item, groups, cats))
    for i, item in enumerate(ew.get("crm", {}).get("history", [])):
        out.extend(_check_group_category(d, [*at, "crm", "history", i], item, groups, cats))
    return out


def _check_group_category(
    d: LoadedYaml, path: list[str | int], item: dict[str, Any], groups: set[str], cats: set[str]
) -> list[Problem]:
    out = []
    if item.get("category") not in cats:
        out.append(d.problem([*path, "category"], f"unknown category '{item.get('category')}'"))
    if item.get("group", "first_line") not in groups:
        out.append(d.problem([*path, "group"], f"unknown group '{item.get('group')}'"))
    return out


def check_exercise(doc: LoadedYaml, exercise: Exercise) -> list[Problem]:
    """Check an exercise's references to the world (category, its ``world:`` section); a WORLD_CHECK."""
    from simulator.world.content import load_content
    from simulator.world.schema import ExerciseWorld

    try:
        content = load_content()
    except ContentError as exc:
        return list(exc.problems)
    out: list[Problem] = []
    problem = exercise.problem
    if problem.category not in content.categories:
        out.append(
            doc.problem(
                ["problem", "category"], f"unknown category '{problem.category}'; known: {_known(content.categories)}"
            )
        )
    elif problem.subcategory and problem.subcategory not in content.categories[problem.category].subcategories:
        out.append(doc.problem(["problem", "subcategory"], f"unknown subcategory '{problem.subcategory}'"))
    if exercise.world:
        try:
            ExerciseWorld.model_validate(dict(exercise.world) | {"version": 1, "exercise": exercise.id})
        except ValueError as exc:
            out.append(doc.problem(["world"], str(exc).splitlines()[0] + ": " + " ".join(str(exc).splitlines()[1:3])))
            return out
        out.extend(_check_exercise_world(doc, dict(exercise.world), content, ("world",)))
    out.extend(_check_forms(doc, exercise, content))
    if exercise.shift and not _queue_of(exercise, content):
        out.append(doc.problem(["shift"], "a shift needs tickets in the queue (world: queue, or its world file)"))
    return out


def _check_forms(doc: LoadedYaml, exercise: Exercise, content: Any) -> list[Problem]:
    """Check each form's world (as laid over the exercise's) and the category it records."""
    from simulator.conversation.forms import merge
    from simulator.world.schema import ExerciseWorld

    out: list[Problem] = []
    base = content.exercises.get(exercise.id)
    for i, form in enumerate(exercise.forms):
        at = ("forms", i)
        category = form.problem.category
        if category is not None and category not in content.categories:
            out.append(doc.problem([*at, "problem", "category"], f"unknown category '{category}'"))
        if not form.world:
            continue
        world = merge(merge(base.model_dump() if base else {}, exercise.world), form.world)
        try:
            ExerciseWorld.model_validate(world | {"version": 1, "exercise": exercise.id})
        except ValueError as exc:
            lines = str(exc).splitlines()
            out.append(doc.problem([*at, "world"], lines[0] + ": " + " ".join(lines[1:3])))
            continue
        out.extend(_check_exercise_world(doc, dict(form.world), content, (*at, "world")))
    return out


def _queue_of(exercise: Exercise, content: Any) -> list[Any]:
    """Return the queue an exercise's world starts with (its ``world:`` section wins over its world file)."""
    queue = dict(exercise.world).get("queue")
    if queue is not None:
        return list(queue)
    world = content.exercises.get(exercise.id)
    return list(world.queue) if world is not None else []


def check_step(exercise: Exercise, step: str, args: Any) -> StepProblem | None:
    """Return what is wrong with a script step's references to the world, or None; a REFERENCE_CHECK."""
    from simulator.world.content import EXTRA_ARTICLE_IDS, load_content

    content = load_content()

    def get(key: str) -> Any:
        return args.get(key) if isinstance(args, dict) else getattr(args, key, None)

    article, problem, group, category = get("article"), get("problem"), get("group"), get("category")
    if step in ("kb.open", "kb.share") and article not in content.articles and article not in EXTRA_ARTICLE_IDS:
        return _unknown("article", article, f"knowledge-base article '{article}'; known: {_known(content.articles)}")
    if step == "ticket.link_problem" and problem not in content.problems:
        return _unknown("problem", problem, f"problem '{problem}'; known: {_known(content.problems)}")
    if step == "ticket.assign" and group not in content.groups:
        return _unknown("group", group, f"group '{group}'; known: {_known(content.groups)}")
    if step in ("ticket.create", "ticket.update") and category is not None:
        if category not in content.categories:
            return _unknown("category", category, f"category '{category}'; known: {_known(content.categories)}")
        sub = get("subcategory")
        if sub and sub not in content.categories[category].subcategories:
            return _unknown("subcategory", sub, f"subcategory '{sub}' of '{category}'")
    if step == "remote.run" and not is_known(str(get("command"))):
        # no list of the known commands: on the simulated PC that would give the exercise's answer away
        return _unknown("command", get("command"), f"command '{get('command')}'")
    return None


def _unknown(field: str, value: Any, what: str) -> StepProblem:
    return StepProblem(f"unknown {what}", f"unknown_{field}", field, {"value": str(value)})
