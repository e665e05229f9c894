"""Guided tests: without a remote session the caller does a simple test and reads the result back.

An exercise's world file lists ``guided:`` steps. When the trainee instructs the caller (the
``instruct_step`` intent) and no remote session runs, the step whose ``asks`` words come first in
the instruction is done by the caller on their own device (a hands-on action or a command line,
see :mod:`simulator.world.pc.hands`), which may repair a fault exactly as ``remote.run`` does. The
caller then reads the result back from a ``reads`` template filled with the device's facts: ``plain``
for a novice (approximate words, small mistakes), ``exact`` for a sysadmin. One step per turn: the
runner hands a caller who follows one instruction at a time only the first instruction of a list.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from simulator.world.pc.device import Device
from simulator.world.pc.facts import device_facts
from simulator.world.pc.faults import all_repaired
from simulator.world.pc.hands import do, is_doable
from simulator.world.port import ActionContext, ActionResult
from simulator.world.schema import GuidedStep, Reading
from simulator.world.spoken import spoken, vague, word

if TYPE_CHECKING:
    from simulator.world.world import HelpdeskWorld

FILTERS = {"spoken": spoken, "vague": vague, "word": word}
FACT_NAMES = frozenset(device_facts(Device("PC", "user", "acme.local")))
LOOK_SECONDS = 10.0
_CLAUSE = re.compile(r"[.,!?;:\n]+|\b(?:en dan|daarna|vervolgens|and then|then|puis|ensuite|et après)\b", re.I)
#: What a caller says when they cannot do a step yet and the exercise gives no line of its own.
REFUSAL = {
    "nl": {"plain": "Euh… dat lukt me nu niet. Wat moet ik eerst doen?", "exact": "Dat kan ik nu nog niet doen."},
    "fr": {"plain": "Euh… je n'y arrive pas. Je dois faire quoi d'abord ?", "exact": "Je ne peux pas encore faire ça."},
    "en": {"plain": "Erm… I can't do that yet. What should I do first?", "exact": "I can't do that yet."},
}


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Herstart' and 'herstarten' meet 'herstart'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _position(ask: str, text: str) -> int | None:
    """Return where ``ask`` starts a word in the folded ``text``, or None (prefix match: 'lamp' ~ 'lampjes')."""
    hit = re.search(r"(?<![\w])" + re.escape(fold(ask).strip()), text)
    return hit.start() if hit else None


def clauses(text: str) -> list[str]:
    """Split an instruction into its parts ('Open cmd, typ ipconfig, dan …' → ['Open cmd', 'typ ipconfig', …])."""
    return [part.strip() for part in _CLAUSE.split(text) if part and part.strip()]


def match(steps: Sequence[GuidedStep], text: str) -> GuidedStep | None:
    """Return the guided step the instruction asks for first (earliest ask; then longest; then file order)."""
    folded = fold(text)
    best: tuple[int, int, int] | None = None
    chosen: GuidedStep | None = None
    for order, step in enumerate(steps):
        for ask in step.asks:
            at = _position(ask, folded)
            if at is None:
                continue
            key = (at, -len(ask), order)
            if best is None or key < best:
                best, chosen = key, step
    return chosen


class _Readback(string.Formatter):
    """Fill ``{fact}`` and ``{fact:filter}`` (spoken, vague, word) in the caller's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        """Apply a named filter, or the usual format spec."""
        if format_spec in FILTERS:
            return FILTERS[format_spec](str(value), self.lang)
        return str(super().format_field(value, format_spec))


def fill(template: str, facts: dict[str, str], lang: str) -> str:
    """Fill a readback template with the device's facts."""
    return _Readback(lang).format(template, **facts)


def readback(step: GuidedStep, reading: str, facts: dict[str, str], lang: str, rng: random.Random) -> str:
    """Return what the caller reads back: a variant for their way of reading (the other one if absent)."""
    variants = step.reads.get(_reading(reading)) or next((v for v in step.reads.values() if v), [])
    return fill(rng.choice(variants), facts, lang) if variants else ""


def _reading(name: str) -> Reading:
    return "exact" if name == "exact" else "plain"


def missing_need(step: GuidedStep, ctx: ActionContext, done: Sequence[str]) -> str | None:
    """Return why the caller cannot do the step yet (in words), or None."""
    for need in step.needs:
        if need == "identity" and not ctx.identity_verified:
            return "De identiteit van de beller is nog niet gecontroleerd; die stap komt pas daarna."
        if need != "identity" and need not in done:
            return f"De beller moet eerst de stap '{need}' doen; zonder die stap lukt deze niet."
    return None


def guide(
    world: HelpdeskWorld,
    text: str,
    intents: Sequence[str],
    ctx: ActionContext,
    reading: str = "plain",
) -> ActionResult | None:
    """Let the caller do the test an instruction asks for; None when it asks for no guided step."""
    if "instruct_step" not in intents or world.session or not ctx.call_active:
        return None
    step = match(world.spec.guided, text)
    if step is None:
        return None
    lang = world.exercise.language
    done = world.guided_done
    rng = random.Random(f"guided:{world.exercise.id}:{world.seed}:{step.id}:{done.count(step.id)}")
    data: dict[str, Any] = {"step": step.id, "command": step.command, "reading": reading}
    why = missing_need(step, ctx, done)
    if why is not None:
        own = step.refusal.get(_reading(reading)) or next((v for v in step.refusal.values() if v), [])
        lines = own or [REFUSAL.get(lang, REFUSAL["en"])[_reading(reading)]]
        data["readback"] = fill(rng.choice(lines), device_facts(world.device), lang)
        return ActionResult(False, data, why, 0.0)
    output, seconds = do(world.device, step.command) if step.command else ("", LOOK_SECONDS)
    done.append(step.id)
    repaired = not world.fixed and all_repaired(world.device, world.spec.pc.faults)
    if repaired:
        world.fixed = True
    data |= {"output": output, "readback": readback(step, reading, device_facts(world.device), lang, rng)}
    data |= {"repaired": repaired, "seconds": seconds}
    world.log_time(seconds)
    return ActionResult(True, data, None, seconds, ("fixed",) if repaired else ())


def check_guided(steps: Sequence[dict[str, Any]]) -> list[tuple[list[str | int], str]]:
    """Return (path, problem) for guided steps naming unknown commands, needs, facts or filters."""
    out: list[tuple[list[str | int], str]] = []
    ids = [s.get("id") for s in steps]
    for i, s in enumerate(steps):
        if ids.count(s.get("id")) > 1:
            out.append(([i, "id"], f"duplicate guided step id '{s.get('id')}'"))
        if s.get("command") and not is_doable(str(s["command"])):
            out.append(([i, "command"], f"unknown hands-on action or command '{s['command']}'"))
        for j, need in enumerate(s.get("needs", [])):
            if need != "identity" and need not in ids[:i]:
                out.append(([i, "needs", j], f"'{need}' is neither 'identity' nor an earlier guided step"))
        for section in ("reads", "refusal"):
            for reading, templates in (s.get(section) or {}).items():
                for k, template in enumerate(templates):
                    problem = _template_problem(template)
                    if problem:
                        out.append(([i, section, reading, k], problem))
    return out


def _template_problem(template: str) -> str | None:
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"bad template: {exc}"
    for name, spec in fields:
        if name not in FACT_NAMES:
            return f"unknown fact '{{{name}}}'; known: {', '.join(sorted(FACT_NAMES))}"
        if spec and spec not in FILTERS:
            return f"unknown filter ':{spec}' on '{name}'; known: {', '.join(FILTERS)}"
    return None
