"""Builders for exercises and calls: a minimal valid exercise that each test bends one way."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.conversation.call import Call
from simulator.conversation.loader import load_exercise, load_persona

BASE_EXERCISE: dict[str, Any] = {
    "version": 1,
    "id": "test-exercise",
    "title": "Testoefening",
    "summary": "Een kleine oefening voor de tests.",
    "language": "nl",
    "persona": "novice",
    "activities": ["6.1", "8.2"],
    "problem": {"summary": "Printer doet niets", "category": "printer", "impact": "low", "urgency": "medium"},
    "facts": [{"id": "since_when", "topics": ["since_when"], "says": ["Sinds gisteren."]}],
    "initial": "explaining",
    "states": [
        {"name": "explaining", "lines": ["Mijn printer doet niets meer."]},
        {"name": "fixed", "lines": ["Hij werkt weer!"]},
    ],
    "transitions": [{"trigger": "fixed", "source": "explaining", "dest": "fixed"}],
    "good_endings": ["fixed"],
    "expected": [{"activity": "8.2", "do": "Vraag sinds wanneer."}],
}


@pytest.fixture
def make_exercise_file(tmp_path: Path) -> Callable[..., Path]:
    """Write an exercise file built from the base with overrides; ``raw`` writes text as is."""

    def make(raw: str | None = None, **overrides: Any) -> Path:
        path = tmp_path / "exercise.yaml"
        if raw is not None:
            path.write_text(raw, encoding="utf-8")
            return path
        data = copy.deepcopy(BASE_EXERCISE)
        data.update(overrides)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


@pytest.fixture
def make_call() -> Callable[..., Call]:
    """Start a call of a shipped exercise, answered unless told otherwise."""

    def make(exercise_id: str = "printer-offline-angry-nl", seed: int = 7, answer: bool = True, **kw: Any) -> Call:
        exercise = load_exercise(exercise_id)
        call = Call(exercise, load_persona(exercise.persona), seed=seed, **kw)
        if answer:
            call.answer()
        return call

    return make
