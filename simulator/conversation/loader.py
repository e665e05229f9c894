"""Load and check exercises and personas: structure first (file:line), then references.

The second pass finds what a schema cannot: a transition to a state that does not exist, an
intent nobody can say, a good ending no path reaches, a placeholder the caller cannot fill.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from simulator.content.errors import ContentError, Problem
from simulator.content.paths import exercises_dir
from simulator.content.yamlfile import LoadedYaml, read_yaml, validate
from simulator.conversation.caller import Caller
from simulator.conversation.caller_model import CALLBACKS, CONDITIONS, SIGNALS, TOLD_PREFIX
from simulator.conversation.exercise import ID_PATTERN, MAX_ID_LENGTH, Exercise
from simulator.conversation.form_checks import check_forms
from simulator.conversation.identity import IDENTITY_DETAILS
from simulator.conversation.lines import placeholders
from simulator.conversation.persona import LANGS, Persona

#: Response keys a persona or exercise may define besides intents.
SPECIAL_RESPONSES = frozenset(
    {"opening_wait", "fallback", "hangup", "goodbye", "consent", "identity", "clarify", "dont_know", "ack", "again"}
    | {"closing_unresolved", "escalation_known"}
    | {f"identity_{detail}" for detail in IDENTITY_DETAILS}
)
CALLER_FIELDS = frozenset(Caller.__dataclass_fields__) | {"full_name"}

#: Extra checks for the ``world`` section, registered by the world package (keeps the core acyclic).
WorldCheck = Callable[[LoadedYaml, Exercise], list[Problem]]
WORLD_CHECKS: list[WorldCheck] = []

T = TypeVar("T")
_cache: dict[Path, tuple[float, object]] = {}
_lock = threading.Lock()
#: Parsed exercise files by path, with the (mtime, size) they were read at: validating a file reads it for the
#: reference checks and again for the reaction warnings, and YAML parsing is most of the time `validate` takes.
_docs: dict[Path, tuple[tuple[int, int], LoadedYaml]] = {}


def personas_dir(root: Path | None = None) -> Path:
    """Return the folder of persona files."""
    return (root or exercises_dir()) / "personas"


def read_persona(path: Path) -> Persona:
    """Read and check one persona file."""
    doc = read_yaml(path)
    persona = validate(doc, Persona)
    problems = list(_check_persona(doc, persona))
    if persona.id != path.stem:
        problems.append(doc.problem(["id"], f"id '{persona.id}' must match the file name '{path.stem}'"))
    if problems:
        raise ContentError(problems)
    return persona


def _check_persona(doc: LoadedYaml, persona: Persona) -> Iterable[Problem]:
    from simulator.nlu import INTENTS

    for i, rule in enumerate(persona.rules):
        if rule.when not in CONDITIONS:
            yield doc.problem(["rules", i, "when"], f"unknown condition '{rule.when}'; known: {_known(CONDITIONS)}")
        if rule.react and rule.react not in persona.reactions:
            yield doc.problem(["rules", i, "react"], f"reaction '{rule.react}' is not defined under reactions")
    for intent in persona.effects:
        if intent not in INTENTS:
            yield doc.problem(["effects", intent], f"unknown intent '{intent}'")
    for key in persona.responses:
        if key not in INTENTS and key not in SPECIAL_RESPONSES:
            yield doc.problem(
                ["responses", key], f"'{key}' is neither an intent nor one of {_known(SPECIAL_RESPONSES)}"
            )
    for section in ("reactions", "responses"):
        for key, by_lang in getattr(persona, section).items():
            for lang in LANGS:
                if not by_lang.get(lang):
                    yield doc.problem([section, key], f"no lines in '{lang}'")
            for lang, lines in by_lang.items():
                yield from _check_lines(doc, [section, key, lang], lines)


def _check_lines(doc: LoadedYaml, path: list[str | int], lines: Iterable[str]) -> Iterable[Problem]:
    for j, line in enumerate(lines):
        unknown = placeholders(line) - CALLER_FIELDS
        if unknown:
            yield doc.problem([*path, j], f"unknown placeholder {sorted(unknown)}; known: {_known(CALLER_FIELDS)}")


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _exercise_doc(path: Path) -> LoadedYaml:
    """Parse an exercise file once per version of it (a changed file is parsed again)."""
    try:
        info = path.stat()
    except OSError:
        return read_yaml(path)  # says what is wrong with the file, with its name
    stamp = (info.st_mtime_ns, info.st_size)
    with _lock:
        hit = _docs.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    doc = read_yaml(path)
    with _lock:
        _docs[path] = (stamp, doc)
    return doc


def read_exercise(path: Path, personas: dict[str, Persona] | None = None) -> Exercise:
    """Read and check one exercise file against the personas it may use."""
    doc = _exercise_doc(path)
    exercise = validate(doc, Exercise)
    if personas is None:
        beside = path.parent / "personas"
        personas = load_personas(beside if beside.is_dir() else None)
    problems = list(check_exercise(doc, exercise, personas))
    if problems:
        raise ContentError(problems)
    return exercise


def reaction_warnings(path: Path, exercise: Exercise) -> list[Problem]:
    """Return the states that meet a trainee act with no decided reaction (warnings, file:line)."""
    from simulator.conversation.reactions import missing_reactions
    from simulator.nlu import INTENTS

    beside = path.parent / "personas"
    personas = load_personas(beside if beside.is_dir() else None)
    persona = personas.get(exercise.persona)
    return missing_reactions(_exercise_doc(path), exercise, persona, INTENTS) if persona else []


def check_exercise(doc: LoadedYaml, ex: Exercise, personas: dict[str, Persona]) -> Iterable[Problem]:
    """Yield every reference problem of an exercise (the second validation pass)."""
    from simulator.nlu import INTENTS, TOPICS

    if ex.persona not in personas:
        yield doc.problem(["persona"], f"unknown persona '{ex.persona}'; known: {_known(personas)}")
    else:
        try:
            personas[ex.persona].with_overrides(ex.persona_overrides)
        except ValueError as exc:
            yield doc.problem(["persona_overrides"], f"invalid override: {str(exc).splitlines()[0]}")
    names = [s.name for s in ex.states]
    for i, name in enumerate(names):
        if name in names[:i]:
            yield doc.problem(["states", i, "name"], f"duplicate state '{name}'")
    fact_ids = [f.id for f in ex.facts]
    for i, fid in enumerate(fact_ids):
        if fid in fact_ids[:i]:
            yield doc.problem(["facts", i, "id"], f"duplicate fact id '{fid}'")
    state_set = set(names)
    if ex.initial not in state_set:
        yield doc.problem(["initial"], f"unknown state '{ex.initial}'")
    for i, end in enumerate(ex.good_endings):
        if end not in state_set:
            yield doc.problem(["good_endings", i], f"unknown state '{end}'")
    triggers = set(INTENTS) | SIGNALS
    for i, tr in enumerate(ex.transitions):
        at: list[str | int] = ["transitions", i]
        if tr.trigger not in triggers:
            yield doc.problem([*at, "trigger"], f"'{tr.trigger}' is neither an intent nor a world signal")
        for src in tr.sources():
            if src != "*" and src not in state_set:
                yield doc.problem([*at, "source"], f"unknown state '{src}'")
        if tr.dest not in state_set:
            yield doc.problem([*at, "dest"], f"transition to missing state '{tr.dest}'")
        for key in ("conditions", "unless"):
            for j, cond in enumerate(getattr(tr, key)):
                told = cond.removeprefix(TOLD_PREFIX)
                if cond.startswith(TOLD_PREFIX) and told not in fact_ids:
                    yield doc.problem([*at, key, j], f"'{cond}' names no fact of this exercise; facts: {fact_ids}")
                elif not cond.startswith(TOLD_PREFIX) and cond not in CONDITIONS:
                    yield doc.problem(
                        [*at, key, j],
                        f"unknown condition '{cond}'; known: {_known(CONDITIONS)} or {TOLD_PREFIX}<fact id>",
                    )
        for j, cb in enumerate(tr.after):
            if cb not in CALLBACKS:
                yield doc.problem([*at, "after", j], f"unknown callback '{cb}'; known: {_known(CALLBACKS)}")
    yield from _reachability(doc, ex, state_set)
    for i, fact in enumerate(ex.facts):
        for j, topic in enumerate(fact.topics):
            if topic not in TOPICS:
                yield doc.problem(["facts", i, "topics", j], f"unknown topic '{topic}'")
        if not fact.topics and not fact.keywords and not fact.volunteered:
            yield doc.problem(["facts", i], "a fact needs topics or keywords, or volunteered: true")
        yield from _check_lines(doc, ["facts", i, "says"], fact.says)
    known_facts = {f.id for f in ex.facts}
    for i, state in enumerate(ex.states):
        for j, told in enumerate(state.tells):
            if told not in known_facts:
                yield doc.problem(["states", i, "tells", j], f"unknown fact '{told}'; known: {_known(known_facts)}")
    for i, state in enumerate(ex.states):
        if state.speaks and state.speaks not in ex.languages():
            known = ", ".join(ex.languages())
            yield doc.problem(["states", i, "speaks"], f"'{state.speaks}' is not one of the call's languages ({known})")
        for key in ("lines", "continues", "idle"):
            yield from _check_lines(doc, ["states", i, key], getattr(state, key))
    for section in ("responses", "reactions"):
        for key in getattr(ex, section):
            if section == "responses" and key not in INTENTS and key not in SPECIAL_RESPONSES:
                yield doc.problem(
                    [section, key], f"'{key}' is neither an intent nor one of {_known(SPECIAL_RESPONSES)}"
                )
    yield from _check_activities(doc, ex)
    yield from check_forms(doc, ex, CALLER_FIELDS, frozenset(INTENTS) | SPECIAL_RESPONSES)
    _import_world()
    for check in WORLD_CHECKS:
        yield from check(doc, ex)


def _import_world() -> None:
    """Import the world package (if installed) so its checks are registered in WORLD_CHECKS."""
    import importlib

    try:
        importlib.import_module("simulator.world")
    except ModuleNotFoundError as exc:
        if not (exc.name and exc.name.startswith("simulator.world")):
            raise


def _reachability(doc: LoadedYaml, ex: Exercise, states: set[str]) -> Iterable[Problem]:
    reached = {ex.initial}
    frontier = [ex.initial]
    while frontier:
        here = frontier.pop()
        for tr in ex.transitions:
            if (here in tr.sources() or "*" in tr.sources()) and tr.dest in states and tr.dest not in reached:
                reached.add(tr.dest)
                frontier.append(tr.dest)
    for i, state in enumerate(ex.states):
        if state.name not in reached:
            kind = "good ending" if state.name in ex.good_endings else "state"
            yield doc.problem(["states", i, "name"], f"{kind} '{state.name}' can never be reached from '{ex.initial}'")


def _check_activities(doc: LoadedYaml, ex: Exercise) -> Iterable[Problem]:
    from simulator.qualification import load_qualification

    try:
        qualification = load_qualification(ex.qualification)
    except KeyError:
        yield doc.problem(["qualification"], f"unknown qualification '{ex.qualification}'")
        return
    for key, ids in (("activities", ex.activities), ("expected", [e.activity for e in ex.expected])):
        for i, aid in enumerate(ids):
            try:
                qualification.activity(aid)
            except KeyError:
                path: list[str | int] = [key, i] if key == "activities" else [key, i, "activity"]
                yield doc.problem(path, f"activity '{aid}' does not exist in {ex.qualification}")


def load_personas(folder: Path | None = None) -> dict[str, Persona]:
    """Load every persona in a folder (default: the shipped ones)."""
    folder = folder or personas_dir()
    problems: list[Problem] = []
    personas: dict[str, Persona] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            persona = _cached(path, read_persona, Persona)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        personas[persona.id] = persona
    if problems:
        raise ContentError(problems)
    return personas


def _cached(path: Path, reader: Callable[[Path], T], kind: type[T]) -> T:
    mtime = path.stat().st_mtime
    with _lock:
        hit = _cache.get(path)
    if hit and hit[0] == mtime and isinstance(hit[1], kind):
        return hit[1]
    value = reader(path)
    with _lock:
        _cache[path] = (mtime, value)
    return value


def exercise_paths(folder: Path | None = None) -> list[Path]:
    """Return the exercise files of a folder, in id order."""
    return sorted((folder or exercises_dir()).glob("*.yaml"))


def user_exercises_dir() -> Path | None:
    """Return the extra folder of exercises the command line reads (``EERSTELIJN_USER_EXERCISES``).

    The web app does not use it: it reads its instructors' exercises through its own
    :class:`simulator.conversation.authored.ExerciseSource`.
    """
    override = os.environ.get("EERSTELIJN_USER_EXERCISES")
    return Path(override) if override else None


def _exercise_path(exercise_id: str) -> Path | None:
    if len(exercise_id) > MAX_ID_LENGTH or not re.fullmatch(ID_PATTERN, exercise_id):
        return None  # no such file can exist (and a 300-character name is an OSError, not a miss)
    for folder in (exercises_dir(), user_exercises_dir()):
        if folder is not None and (folder / f"{exercise_id}.yaml").is_file():
            return folder / f"{exercise_id}.yaml"
    return None


def load_exercise(exercise_id: str) -> Exercise:
    """Load an exercise by id, shipped first, then the instructors' folder; KeyError lists the known ids."""
    path = _exercise_path(exercise_id)
    if path is None:
        known = ", ".join(p.stem for p in exercise_paths())
        raise KeyError(f"unknown exercise '{exercise_id}'; known: {known}")
    personas = load_personas()
    return _cached(path, lambda p: read_exercise(p, personas), Exercise)


def list_exercises() -> list[Exercise]:
    """Load every shipped exercise, then the instructors' valid exercises whose ids are not shipped.

    An instructor's file that no longer validates is left out here (the authoring page shows why);
    a broken shipped file still raises, as it is a bug.
    """
    shipped = exercise_paths()
    extra = user_exercises_dir()
    taken = {p.stem for p in shipped}
    added = [p for p in exercise_paths(extra) if p.stem not in taken] if extra is not None and extra.is_dir() else []
    found = [load_exercise(p.stem) for p in shipped]
    for path in added:
        try:
            found.append(_cached(path, lambda p: read_exercise(p, load_personas()), Exercise))
        except ContentError:
            continue
    return found


def load_persona(persona_id: str) -> Persona:
    """Return a shipped persona by id."""
    personas = load_personas()
    if persona_id not in personas:
        raise KeyError(f"unknown persona '{persona_id}'; known: {_known(personas)}")
    return personas[persona_id]
