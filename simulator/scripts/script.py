"""Reading a session script file: one exercise, a seed, a mode and numbered steps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from simulator.content.errors import ContentError
from simulator.content.yamlfile import LoadedYaml, parse_yaml, read_yaml
from simulator.conversation.exercise import ID_PATTERN
from simulator.scripts.steps import StepError, _Args, parse_step

Mode = Literal["practice", "exam"]
TOP_KEYS = frozenset({"exercise", "seed", "mode", "steps", "form"})


@dataclass(frozen=True)
class Step:
    """One numbered step (1-based, as an instructor counts them)."""

    number: int
    name: str
    args: _Args
    line: int | None = None


@dataclass(frozen=True)
class SessionScript:
    """A parsed and validated session script."""

    exercise: str
    seed: int
    mode: Mode
    steps: tuple[Step, ...]
    file: str = "<script>"
    #: the parallel form to play; None: the seed picks it
    form: str | None = None


def load_script(path: Path) -> SessionScript:
    """Read a script file; problems come back as a ContentError naming file, line and step."""
    return _build(read_yaml(path))


def parse_script(text: str | bytes, file: str = "<script>") -> SessionScript:
    """Parse a script from text (uploads, API bodies)."""
    return _build(parse_yaml(text, file))


def _build(doc: LoadedYaml) -> SessionScript:
    data = doc.data
    if not isinstance(data, dict):
        raise ContentError([doc.problem([], "a session script must be a mapping with 'exercise' and 'steps'")])
    problems = [doc.problem([key], f"unknown key '{key}'") for key in data if key not in TOP_KEYS]
    exercise = data.get("exercise")
    if not isinstance(exercise, str) or not exercise:
        problems.append(doc.problem(["exercise"], "'exercise' (an exercise id) is required"))
    seed = data.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        problems.append(doc.problem(["seed"], "'seed' must be a whole number ≥ 0"))
    mode = data.get("mode", "practice")
    if mode not in ("practice", "exam"):
        problems.append(doc.problem(["mode"], "'mode' must be 'practice' or 'exam'"))
    form = data.get("form")
    if form is not None and not (isinstance(form, str) and re.fullmatch(ID_PATTERN, form)):
        problems.append(doc.problem(["form"], "'form' must be the id of one of the exercise's forms"))
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list):
        problems.append(doc.problem(["steps"], "'steps' must be a list of steps"))
        raw_steps = []
    for index, raw in enumerate(raw_steps):
        number = index + 1
        where = f"step {number}"
        line = doc.line_of(["steps", index])
        try:
            steps.append(_step(raw, number, where, line))
        except StepError as exc:
            problems.append(doc.problem(["steps", index], f"{where}: {exc.message}"))
    if problems:
        raise ContentError(problems)
    return SessionScript(str(exercise), int(seed), mode, tuple(steps), doc.file, form)


def _step(raw: Any, number: int, where: str, line: int | None) -> Step:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise StepError(where, "each step is a mapping with exactly one step name, e.g. '- answer: {}'", number=number)
    ((name, args),) = raw.items()
    return Step(number, str(name), parse_step(str(name), args, where, number), line)
