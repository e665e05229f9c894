"""The session report and the modes: model answers and hints in practice, nothing in exams."""

from __future__ import annotations

from simulator.assessment import assess, next_hint
from simulator.assessment.report import render_text, session_report


def as_report(record) -> dict:
    """Return the replay-report shape of a record."""
    return {
        "exercise": record.exercise.id,
        "mode": record.mode,
        "events": [e.to_dict() for e in record.events],
        "transcript": record.transcript(),
        "outcome": record.outcome.to_dict(),
        "assessment": assess(record).to_dict(),
    }


def test_report_links_verdicts_to_moments_and_lists_strengths_and_improvements(make_record, ev):
    record = make_record(
        [
            ev.say("Ik begrijp dat dit vervelend is.", "empathy"),
            ev.mood(35, 10, "empathy"),
            ev.act("interruption", line=2),
            ev.say("Herstart eens.", interrupt=True),
        ],
        activities=["6.1", "6.4"],
    )
    session = session_report(as_report(record))
    six = next(c for c in session["competencies"] if c["id"] == "6")
    empathy = next(a for a in six["activities"] if a["id"] == "6.4")
    assert empathy["verdict"] == "met" and empathy["moments"][0]["anchor"] == "#event-2"
    strengths = [a["id"] for a in session["strengths"]]
    assert "6.4" in strengths and "6.1" not in strengths
    assert "6.1" in [a["id"] for a in session["improvements"]]
    assert session["model_answer"][0]["activity"] == "5.1"
    text = render_text(session)
    assert "[#2 6.0s]" in text and "Werkpunten" in text


def test_exam_mode_hides_expected_handling_and_gives_no_hints(make_record, ev):
    exam = make_record([ev.say("Dag.")], mode="exam")
    session = session_report(as_report(exam), lang="en")
    assert session["model_answer"] is None
    assert "In exam mode the expected handling stays hidden." in render_text(session)
    assert next_hint(exam) is None


def test_practice_hint_is_the_first_expected_step_not_yet_done(make_record, ev):
    greeted = make_record(
        [
            ev.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.", "greeting", slots={"own_name": "Sam"}),
            ev.hears("Mijn printer doet het niet."),
            ev.say("Kan ik nog iets voor u doen? Tot ziens!", "check_satisfaction", "closing"),
        ]
    )
    assert next_hint(make_record([]))["activity"] == "5.1"
    assert next_hint(greeted)["activity"] == "6.4"
