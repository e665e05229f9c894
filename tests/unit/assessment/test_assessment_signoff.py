"""Exam levels stay provisional until an instructor signs them off, at once or verdict by verdict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulator.assessment.overrides import make_override
from simulator.assessment.signoff import SignOff, history, reviewed

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BY_VERDICT = [SignOff("1", "Ilse", T0, "5.1"), SignOff("1", "Ilse", T0, "9.3")]


def judged(aid: str, verdict: str, n: int) -> dict:
    """Return an automatically judged activity with one piece of evidence."""
    return {"id": aid, "verdict": verdict, "detector": "d", "evidence": [{"t": n, "event": n, "quote": "x"}]}


def assessment() -> dict:
    """Return an assessment with two judged competencies and one unjudged activity."""
    return {
        "qualification": "bkd-2023",
        "competencies": [
            {
                "id": "5",
                "title": "Communiceert",
                "level": 2,
                "activities": [
                    judged("5.1", "met", 1),
                    {"id": "5.2", "verdict": "not_observed", "detector": None, "evidence": []},
                ],
            },
            {
                "id": "9",
                "title": "Werkt klantgericht",
                "level": 1,
                "activities": [
                    judged("9.3", "not_met", 2),
                    judged("9.4", "met", 3),
                ],
            },
        ],
    }


def test_practice_results_are_never_provisional():
    out = reviewed(assessment(), "practice")
    assert out["provisional"] is False and "provisional" not in out["competencies"][0]


def test_exam_levels_are_provisional_until_signed_off_at_once():
    before = reviewed(assessment(), "exam")
    assert before["provisional"] and all(c["provisional"] for c in before["competencies"])
    signed = reviewed(assessment(), "exam", signoffs=[SignOff("1", "Ilse", T0)])
    assert not signed["provisional"]
    assert signed["competencies"][1]["signed_off"] == {"by": "Ilse", "at": T0.isoformat()}


def test_signing_verdict_by_verdict_makes_a_level_final_once_all_its_verdicts_are_confirmed():
    partial = reviewed(assessment(), "exam", signoffs=BY_VERDICT)
    five, nine = partial["competencies"]
    assert not five["provisional"] and nine["provisional"] and partial["provisional"]
    override = make_override(
        session="1", activity="9.4", automatic="met", verdict="partly", reason="Te kortaf.", instructor="Jan",
        at=T0 + timedelta(minutes=5),
    )  # fmt: skip
    done = reviewed(assessment(), "exam", [override], BY_VERDICT)
    assert not done["provisional"]
    assert done["competencies"][1]["signed_off"]["by"] == "Jan"  # an override is the instructor's own judgement
    assert done["competencies"][1]["activities"][1]["confirmed"]["how"] == "override"


def test_history_lists_every_earlier_state_with_when_it_ended():
    override = make_override(
        session="1", activity="9.3", automatic="not_met", verdict="met", reason="Wel gevraagd.", instructor="Jan",
        at=T0 + timedelta(minutes=5),
    )  # fmt: skip
    states = history(assessment(), "exam", [override], [SignOff("1", "Ilse", T0)])
    assert [s["until"] for s in states] == [T0.isoformat(), (T0 + timedelta(minutes=5)).isoformat()]
    assert states[0]["assessment"]["provisional"] and not states[1]["assessment"]["provisional"]
    assert states[1]["assessment"]["competencies"][1]["activities"][0]["verdict"] == "not_met"
