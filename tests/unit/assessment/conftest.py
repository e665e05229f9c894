"""Builders for assessment tests: a call record from a hand-written event log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from simulator.conversation.caller import make_caller
from simulator.conversation.events import Event
from simulator.conversation.exercise import Exercise
from simulator.conversation.outcome import Outcome
from simulator.conversation.persona import Persona
from simulator.conversation.record import CallRecord

ROOT = Path(__file__).resolve().parents[3]
EXERCISE = ROOT / "exercises" / "printer-offline-angry-nl.yaml"
PERSONAS = ROOT / "exercises" / "personas"

EventSpec = tuple[str, dict[str, Any]]
RecordFactory = Callable[..., CallRecord]


def say(text: str, *intents: str, **data: Any) -> EventSpec:
    """Return a trainee utterance event spec."""
    base = {"step": "say", "speaker": "trainee", "text": text, "intents": list(intents), "scores": {}, "topics": []}
    base.update({"slots": {}, "jargon": [], "interrupt": False, "duration": 2.0})
    base.update(data)
    return ("utterance", base)


def hears(text: str, **data: Any) -> EventSpec:
    """Return a customer line event spec."""
    return ("customer_line", {"speaker": "customer", "text": text, "kind": "scenario", "venting": False, **data})


def mood(value: int, delta: int, *causes: str) -> EventSpec:
    """Return a mood change event spec."""
    return ("mood", {"mood": value, "delta": delta, "causes": list(causes)})


def act(type_: str, **data: Any) -> EventSpec:
    """Return any other event spec (world actions, facts, consent...)."""
    return (type_, data)


@pytest.fixture(scope="session")
def ev() -> SimpleNamespace:
    """Return the event-spec helpers (say, hears, mood, act)."""
    return SimpleNamespace(say=say, hears=hears, mood=mood, act=act)


@pytest.fixture(scope="session")
def printer_exercise() -> Exercise:
    """Return the printer exercise, read without the loader's cross-file checks."""
    return Exercise.model_validate(yaml.safe_load(EXERCISE.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def personas() -> dict[str, Persona]:
    """Return the shipped personas by id."""
    return {
        p.stem: Persona.model_validate(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in PERSONAS.glob("*.yaml")
    }


@pytest.fixture
def make_record(printer_exercise: Exercise, personas: dict[str, Persona]) -> RecordFactory:
    """Return a builder: ``make_record(events, **overrides)`` gives a CallRecord (events 2 s apart)."""

    def build(events: list[EventSpec] = (), **overrides: Any) -> CallRecord:  # type: ignore[assignment]
        changes = {k: overrides.pop(k) for k in ("activities", "facts", "norms", "problem") if k in overrides}
        exercise = printer_exercise.model_copy(update=changes) if changes else printer_exercise
        if "activities" not in changes:
            exercise = exercise.model_copy(update={"activities": sorted(_every_activity())})
        persona = personas[overrides.pop("persona", "angry")]
        params = persona.params.model_copy(update=overrides.pop("params", {}))
        wait = overrides.pop("wait", 4.0)
        log = [Event(0, 0.0, "ring", {"caller": "Test"}), Event(1, wait, "answer", {"step": "answer", "wait_s": wait})]
        t = wait
        for type_, data in events:
            t += 2.0
            log.append(Event(len(log), t, type_, dict(data)))
        ended = overrides.pop("ended_by", "trainee")
        log.append(Event(len(log), t + 1.0, "end", {"ended_by": ended}))
        outcome = Outcome(
            ended_by=ended,
            resolved=overrides.pop("resolved", False),
            customer_mood=overrides.pop("end_mood", params.mood),
            duration_s=overrides.pop("duration", t + 1.0),
            wait_before_answer_s=wait,
        )
        return CallRecord(
            exercise=exercise,
            persona=persona,
            params=params,
            caller=make_caller("nl", 0),
            seed=0,
            mode=overrides.pop("mode", "practice"),
            events=tuple(log),
            outcome=outcome,
            ticket=overrides.pop("ticket", None),
            world=overrides.pop("world", {}),
        )

    return build


def _every_activity() -> set[str]:
    from simulator.qualification import load_qualification

    return {a.id for a in load_qualification("bkd-2023").activities()}
