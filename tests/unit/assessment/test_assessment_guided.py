"""9.2 'Begeleidt de gebruiker bij eenvoudige testen' judged from the caller's guided tests."""

from __future__ import annotations

from simulator.assessment import Verdict
from simulator.assessment.context import CallView
from simulator.assessment.detectors import get_detector

OFFERED = {"guided": {"offered": ["router_restart", "ipconfig"], "done": []}}
STEP = "Trek de stekker van het kastje uit en steek hem terug in."


def judge_9_2(record):
    """Run the 9.2 detector on a record."""
    return get_detector("guides_simple_tests")(CallView(record))


def test_a_test_the_caller_did_and_read_back_is_met_with_both_as_evidence(make_record, ev):
    record = make_record(
        [
            ev.say(STEP, "instruct_step"),
            ev.act("guided", utterance=2, step="router_restart", readback="Het bolletje is rood.", output="…"),
        ],
        persona="novice",
        world=OFFERED,
    )
    found = judge_9_2(record)
    assert found.verdict is Verdict.MET
    assert [e.event for e in found.evidence] == [2, 3]
    assert found.evidence[1].quote == "router_restart: Het bolletje is rood."


def test_a_step_the_caller_could_not_do_yet_is_partly(make_record, ev):
    record = make_record(
        [
            ev.say("Kies een nieuw wachtwoord via de selfservice.", "instruct_step"),
            ev.act("guided", utterance=2, step="selfservice_reset", refused=True, reason="Identiteit eerst."),
        ],
        persona="novice",
        world=OFFERED,
    )
    found = judge_9_2(record)
    assert found.verdict is Verdict.PARTLY
    assert found.evidence[0].quote == "selfservice_reset: Identiteit eerst."


def test_instructions_without_any_test_the_caller_can_read_back_are_partly(make_record, ev):
    record = make_record(
        [ev.say("Zet uw laptop even uit en weer aan.", "instruct_step")], persona="novice", world=OFFERED
    )
    assert judge_9_2(record).verdict is Verdict.PARTLY
    without_guided_content = make_record([ev.say("Zet uw laptop even uit en weer aan.", "instruct_step")])
    assert judge_9_2(without_guided_content).verdict is Verdict.MET


def test_several_steps_at_once_stay_partly_even_when_one_was_done(make_record, ev):
    record = make_record(
        [
            ev.say("Trek de stekker uit. Typ dan ipconfig.", "instruct_step"),
            ev.mood(50, -5, "too_many_steps"),
            ev.act("guided", utterance=2, step="router_restart", readback="Rood."),
        ],
        persona="novice",
        world=OFFERED,
    )
    assert judge_9_2(record).verdict is Verdict.PARTLY


def test_no_test_at_all_is_not_met(make_record, ev):
    record = make_record([ev.say("Ik maak een ticket aan.", "announce_hold")], persona="novice", world=OFFERED)
    assert judge_9_2(record).verdict is Verdict.NOT_MET
