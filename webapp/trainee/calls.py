"""The trainee's call pages: start a call, the call console, the report with its evidence."""

from __future__ import annotations

import secrets
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user, login_required

from simulator.adapters.db.models import CallSession, Mode, Role, SessionStatus
from simulator.adapters.db.models.assignments import MAX_SEED
from simulator.assessment.report import session_report
from simulator.service.errors import AttemptsUsed
from simulator.world import load_content
from webapp import catalogue
from webapp.babel_marks import _
from webapp.calls import present, service
from webapp.db import get_session
from webapp.errors import call_message
from webapp.instructor.event_labels import evidence_text
from webapp.instructor.exports import download
from webapp.instructor.review_model import effective_report, reviewed_assessment
from webapp.queries import assignments_of_trainee
from webapp.security import role_required, visible_session_or_404
from webapp.trainee import bp
from webapp.trainee.labels import console_texts, report_texts
from webapp.trainee.procedures import procedures_for


@bp.post("/start")
@role_required(Role.TRAINEE)
def start() -> ResponseReturnValue:
    """Start a call of an exercise (self-study) or of an assignment, then open the console."""
    assignment = None
    chosen = request.form.get("assignment", "").strip()
    if chosen:
        mine = {str(a.id): a for a in assignments_of_trainee(current_user.id)}
        assignment = mine.get(chosen)
        if assignment is None:
            abort(404)
    exercise_id = assignment.exercise_id if assignment else request.form.get("exercise", "").strip()
    if catalogue.exercise_or_none(exercise_id) is None:
        flash(_("Die oefening bestaat niet (meer)."), "error")
        return redirect(url_for("trainee.dashboard"))
    mode = Mode.EXAM if request.form.get("mode") == "exam" else Mode.PRACTICE
    seed = current_app.config.get("CALL_SEED")  # fixed in tests and demos; else every call is a new caller
    seed = secrets.randbelow(MAX_SEED) if seed is None else int(seed)
    try:
        call = service.start_session(
            get_session(), current_user, exercise_id, seed=seed, mode=mode, assignment=assignment
        )
    except AttemptsUsed as exc:
        flash(call_message(exc), "error")
        return redirect(url_for("trainee.dashboard"))
    return redirect(url_for("trainee.console", session_id=call.id))


@bp.get("/gesprek/<int:session_id>")
@role_required(Role.TRAINEE)
def console(session_id: int) -> ResponseReturnValue:
    """Show the call console of the trainee's own running call (others see the report)."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    if call.trainee_id != current_user.id or call.status is SessionStatus.ENDED:
        return redirect(url_for("trainee.report", session_id=call.id))
    exercise = catalogue.exercise_or_none(call.exercise_id)
    if exercise is None:
        abort(404)
    caller = call.events[0]["data"].get("caller", "") if call.events else ""
    return render_template(
        "trainee/console.html",
        call=call,
        exercise=exercise,
        caller=caller,
        shift=exercise.shift,
        choices=_world_choices(),
        texts=console_texts(),
        book=procedures_for(exercise, call.cohort_id),
    )


@bp.get("/gesprek/<int:session_id>/verslag")
@login_required
def report(session_id: int) -> ResponseReturnValue:
    """Show the report of an ended call: outcome, ticket, competencies with evidence, transcript."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    if call.status is not SessionStatus.ENDED or call.report is None:
        if call.trainee_id == current_user.id:
            return redirect(url_for("trainee.console", session_id=call.id))
        return render_template("trainee/report_pending.html", call=call), 200
    exercise = catalogue.exercise_or_none(call.exercise_id)
    data = call.report
    session = readable_report(call)
    shown = [c for c in session["competencies"] if c.get("level") is not None or _any_verdict(c)]
    queue_rows = present.queue(service.rebuild(call)) if exercise is not None and exercise.shift else []
    return render_template(
        "trainee/report.html",
        call=call,
        exercise=exercise,
        report=data,
        session=session,
        competencies=shown,
        unobserved=len(session["competencies"]) - len(shown),
        queue=queue_rows,
        texts=report_texts(),
    )


@bp.get("/gesprek/<int:session_id>/verslag.pdf")
@login_required
def report_pdf(session_id: int) -> ResponseReturnValue:
    """Download the report of an ended call as PDF, with the instructor's verdicts in force."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    if call.status is not SessionStatus.ENDED or call.report is None:
        abort(404)
    return download("pdf", [effective_report(call)], f"eerstelijn-verslag-{call.id}-{call.exercise_id}")


def readable_report(call: CallSession) -> dict[str, Any]:
    """Return the call's report as a person reads it: the instructor's verdicts in force, evidence in words.

    Strengths, points to improve and (practice only) the model answer come from the assessment's
    session report; each piece of evidence is the line that was said or the event described in the
    interface language.
    """
    data = call.report or {}
    shown = {**data, "mode": call.mode.value, "assessment": reviewed_assessment(call)}  # the call's own mode decides
    session = session_report(shown, str(get_locale() or "nl"))
    events = {int(e["i"]): e for e in data.get("events", [])}
    for item in [a for c in session["competencies"] for a in c["activities"]]:
        for moment in item["moments"]:
            moment["text"] = evidence_text(moment, events)
    return session


def _any_verdict(competency: dict[str, Any]) -> bool:
    return any(a.get("verdict") != "not_observed" for a in competency.get("activities", []))


def _world_choices() -> dict[str, list[tuple[str, str]]]:
    """Return the ticket form's choices (categories, groups) named in the interface language."""
    content = load_content()
    lang = str(get_locale() or "nl")

    def named(items: dict[str, Any]) -> list[tuple[str, str]]:
        return [(key, item.name.get(lang) or item.name.get("nl") or key) for key, item in items.items()]

    return {"categories": named(content.categories), "groups": named(content.groups)}
