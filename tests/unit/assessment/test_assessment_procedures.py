"""Scenario-book procedures (7.3, 17.2), registration rules (15.1), level recomputed after overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.assessment import Verdict
from simulator.assessment.context import CallView
from simulator.assessment.detectors import get_detector
from simulator.assessment.overrides import apply_overrides, make_override
from simulator.assessment.rubric import load_rubric

GREETING = "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?"
CLOSING = "Kan ik nog iets voor u doen? Nog een fijne dag."
DETECTORS = Path(__file__).resolve().parents[3] / "simulator" / "assessment" / "detectors"


def judge(record, detector: str, activity: str):
    """Run one detector on one activity of a record, with the aspect the shipped rubric asks for."""
    uses = [u for u in load_rubric().activity_rules()[activity].detectors if u.name == detector]
    assert uses, f"the rubric does not judge {activity} with {detector}"
    return get_detector(detector)(CallView(record), uses[0].aspect or "")


def test_scenario_book_kept_when_script_consent_and_matrix_are_followed(make_record, ev):
    record = make_record(
        [
            ev.say(GREETING, "greeting", slots={"company": "Acme", "own_name": "Sam"}),
            ev.say("Mag ik uw naam en personeelsnummer?", "ask_caller_identity", "verify_identity"),
            ev.say("En uw geboortedatum, ter controle?", "verify_identity", topics=["date_of_birth"]),
            ev.say("Mag ik even op afstand meekijken?", "ask_remote_consent"),
            ev.act("consent", given=True),
            ev.act("remote.connect", host="PC1"),
            ev.act("ticket.assign", group="workplace", follows_matrix=True),
            ev.say(CLOSING, "check_satisfaction", "closing"),
        ]
    )
    found = judge(record, "follows_scenario_book", "7.3")
    assert found.verdict is Verdict.MET
    assert {"rule_consent", "rule_matrix"} <= set(found.reasons[0].params["kept"])


def test_scenario_book_broken_by_takeover_without_consent_and_wrong_group(make_record, ev):
    record = make_record(
        [
            ev.say("Hallo."),
            ev.act("remote.connect", host="PC1"),
            ev.act("ticket.assign", group="network", follows_matrix=False),
        ]
    )
    found = judge(record, "follows_scenario_book", "17.2")
    assert found.verdict is Verdict.NOT_MET
    assert {"rule_matrix", "rule_consent"} <= set(found.reasons[0].params["broken"])
    assert found.evidence, "a verdict points at the moments that broke the rules"


def test_one_slip_in_the_procedures_is_partly(make_record, ev):
    record = make_record(
        [
            ev.say(GREETING, "greeting", slots={"company": "Acme", "own_name": "Sam"}),
            ev.act("ticket.assign", group="network", follows_matrix=False),
            ev.say(CLOSING, "check_satisfaction", "closing"),
        ]
    )
    assert judge(record, "follows_scenario_book", "7.3").verdict is Verdict.PARTLY


def test_registration_needs_a_ticket_a_clear_summary_and_noted_work(make_record, ev):
    none = make_record([ev.say(GREETING, "greeting")])
    good = make_record(
        [ev.act("ticket.create", ticket="INC-1", category="printer"), ev.act("ticket.note", ticket="INC-1")],
        ticket={"summary": "Printer offline op de afdeling", "category": "printer"},
    )
    sloppy = make_record(
        [ev.act("ticket.create", ticket="INC-1", category="network")], ticket={"summary": "printer", "category": "x"}
    )
    assert judge(none, "registers_per_guidelines", "15.1").verdict is Verdict.NOT_MET
    assert judge(good, "registers_per_guidelines", "15.1").verdict is Verdict.MET
    assert judge(sloppy, "registers_per_guidelines", "15.1").verdict is Verdict.NOT_MET


@pytest.mark.parametrize("activity", ["7.3", "15.1", "17.2"])
def test_procedure_activities_are_scored_not_left_to_observation(activity):
    rule = load_rubric().activity_rules()[activity]
    assert rule.detectors and not rule.observation


def _competency(verdicts: dict[str, str], level: int) -> dict:
    activities = [{"id": aid, "verdict": v, "evidence": [], "detector": "x"} for aid, v in verdicts.items()]
    return {"qualification": "bkd-2023", "competencies": [{"id": "6", "level": level, "activities": activities}]}


def test_changing_only_verdicts_recomputes_the_level_with_the_rubric():
    # 6.1 and 6.3 weigh 2, the others 1: all met is level 3
    assessment = _competency({"6.1": "met", "6.2": "met", "6.3": "met", "6.4": "met", "6.5": "met"}, 3)
    overrides = [
        make_override(session="s", activity=a, automatic="met", verdict="not_met", reason="gezien", instructor="i")
        for a in ("6.1", "6.3")
    ]
    comp = apply_overrides(assessment, overrides)["competencies"][0]
    # 3 of 7 weighted points = 0.43: level 1 (0.2 ≤ s < 0.55)
    assert (comp["level"], comp["automatic_level"], comp["score"]) == (1, 3, pytest.approx(0.429, abs=1e-3))


def test_a_level_the_instructor_sets_wins_over_the_recomputed_one():
    assessment = _competency({"6.1": "met", "6.2": "met"}, 3)
    override = make_override(
        session="s", activity="6.1", automatic="met", verdict="not_met", reason="r", instructor="i", level=2
    )
    assert apply_overrides(assessment, [override])["competencies"][0]["level"] == 2


def test_an_override_that_agrees_keeps_the_level():
    assessment = _competency({"6.1": "met", "6.2": "partly"}, 2)
    override = make_override(session="s", activity="6.1", automatic="met", verdict="met", reason="ok", instructor="i")
    comp = apply_overrides(assessment, [override])["competencies"][0]
    assert comp["level"] == 2 and "automatic_level" not in comp
