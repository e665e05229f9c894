"""Handlings written in trainees' own words (tests/freeform): the ending and the caller's state a
person would expect, written down before the engine ran them (tests/freeform/expected).

Scripts named ``heldback-*`` are never run here: they measure the engine (README, figures) and are
never used to tune it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.conversation.loader import load_exercise, load_persona
from simulator.scripts.dialogue import replay_dialogue

FREEFORM = Path(__file__).resolve().parents[2] / "freeform"


def _cases() -> list[tuple[str, str, dict[str, object]]]:
    cases = []
    for file in sorted((FREEFORM / "expected").glob("*.yaml")):
        expected = yaml.safe_load(file.read_text(encoding="utf-8"))
        for name, session in expected["sessions"].items():
            if not name.startswith("heldback-"):
                cases.append((expected["exercise"], name, session))
    return cases


CASES = _cases()


@pytest.mark.parametrize(("exercise", "name", "expected"), CASES, ids=[f"{e}/{n}" for e, n, _ in CASES])
def test_the_call_ends_as_a_person_would_expect(exercise: str, name: str, expected: dict[str, object]) -> None:
    result = replay_dialogue(FREEFORM / "scripts" / exercise / f"{name}.yaml")
    assert result.resolved == (expected["ending"] == "good"), f"ending: expected {expected['ending']}"
    calm_at = load_persona(load_exercise(exercise).persona).with_overrides(load_exercise(exercise).persona_overrides)
    caller = "hung_up" if result.ended_by == "customer" else ("calm" if result.mood >= calm_at.calm_at else "upset")
    if expected["ending"] == "good":
        assert caller == expected["caller"], f"caller {caller}, mood {result.mood}"
    else:
        assert caller != "calm" or expected["caller"] == "calm", (
            f"a flawed handling left the caller calm ({result.mood})"
        )
    assert not result.repeated, "the caller said a line twice"


def test_every_exercise_has_competent_and_flawed_handlings_in_own_words() -> None:
    by_exercise: dict[str, list[str]] = {}
    for exercise, name, _ in CASES:
        by_exercise.setdefault(exercise, []).append(name)
    for exercise, names in by_exercise.items():
        assert sum(n.startswith("good-") for n in names) >= 3, exercise
        assert sum(n.startswith("flawed-") for n in names) >= 3, exercise
