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


def _caller(exercise: str, mood: int, ended_by: str | None) -> str:
    ex = load_exercise(exercise)
    calm_at = load_persona(ex.persona).with_overrides(ex.persona_overrides).calm_at
    return "hung_up" if ended_by == "customer" else ("calm" if mood >= calm_at else "upset")


#: Handlings where the engine still disagrees with the person who wrote them, and why (kept visible).
KNOWN = {
    "laptop-reset-sysadmin-en/good-3": "'Is there anything saved locally that isn't in OneDrive?' is read as a "
    "satisfaction check ('is there anything else?') by the classifier since the merge of main, not as a question, so "
    "the caller does not say what is stored locally and the reset then loses his data (ended well before that merge)",
    "shared-mailbox-vip-en/flawed-2": "'I'll add you right now, we'll skip the approval this once' is read as an "
    "explanation of the next steps, not as agreeing to what the procedure forbids (comply_forbidden), so the "
    "director's request goes through the good path",
    "gdpr-request-angry-fr/flawed-1": "reading the caller's badge entries and address off the screen is not recognised "
    "as telling personal data on the phone (disclose_personal_data), so the form she then gets calms her as if the "
    "procedure had been followed",
    "teams-headset-novice-en/good-2": "'click on the three little dots at the top, next to your picture, and pick "
    "Settings' counts the place phrase 'next to your picture' as a step of its own, so the novice hears three "
    "instructions, is overwhelmed and does not follow; the guidance then runs one step behind",
    "excel-crash-novice-en/good-5": "the whole menu path in one line is too much for her: she asks for the first "
    "step, the trainee moves on without repeating it, so the add-in is never switched off",
}


def _params(cases: list[tuple[str, str, dict[str, object]]]) -> list[object]:
    return [
        pytest.param(*c, id=f"{c[0]}/{c[1]}", marks=[pytest.mark.xfail(reason=KNOWN[f"{c[0]}/{c[1]}"], strict=True)])
        if f"{c[0]}/{c[1]}" in KNOWN
        else pytest.param(*c, id=f"{c[0]}/{c[1]}")
        for c in cases
    ]


GOOD = _params([c for c in CASES if c[1].startswith("good-")])
FLAWED = _params([c for c in CASES if c[1].startswith("flawed-")])


@pytest.mark.parametrize(("exercise", "name", "expected"), GOOD)
def test_a_competent_handling_in_own_words_ends_well(exercise: str, name: str, expected: dict[str, object]) -> None:
    result = replay_dialogue(FREEFORM / "scripts" / exercise / f"{name}.yaml")
    assert result.resolved == (expected["ending"] == "good"), f"ending: expected {expected['ending']}"
    caller = _caller(exercise, result.mood, result.ended_by)
    assert caller == expected["caller"], f"caller {caller}, mood {result.mood}"
    assert not result.repeated, "the caller said a line twice"


@pytest.mark.parametrize(("exercise", "name", "expected"), FLAWED)
def test_a_flawed_handling_is_not_rewarded(exercise: str, name: str, expected: dict[str, object]) -> None:
    """A flawed handling the assessor would not reward never earns both a good ending and a calm caller.

    Some flawed handlings still solve the problem and leave the caller content (the flaw costs verdicts,
    not the ending); the assessor's expectation says which.
    """
    result = replay_dialogue(FREEFORM / "scripts" / exercise / f"{name}.yaml")
    caller = _caller(exercise, result.mood, result.ended_by)
    if not (expected["ending"] == "good" and expected["caller"] == "calm"):
        assert not (result.resolved and caller == "calm"), f"rewarded: good ending and a calm caller ({result.mood})"
    assert not result.repeated, "the caller said a line twice"


def test_every_exercise_has_competent_and_flawed_handlings_in_own_words() -> None:
    by_exercise: dict[str, list[str]] = {}
    for exercise, name, _ in CASES:
        by_exercise.setdefault(exercise, []).append(name)
    for exercise, names in by_exercise.items():
        assert sum(n.startswith("good-") for n in names) >= 3, exercise
        assert sum(n.startswith("flawed-") for n in names) >= 3, exercise
