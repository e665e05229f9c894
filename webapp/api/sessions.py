"""``/api/v1/sessions``: start a call, perform its steps, end it and read its report.

Every session-script step is a ``POST …/steps`` with ``{"step": "say", "args": {"text": "…"}}``;
a step that is not valid as written answers 422 ``{"error", "field", "step", "number"}``, a step the world
refuses is not an error (its event says ``refused``). ``"live": true`` (the console) maps the real
time since the last action onto the simulated clock; scripts and platforms leave it out and send
explicit ``wait`` steps, so their calls are exactly reproducible.
"""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from simulator.adapters.db.models import Assignment, CallSession, Mode, SessionStatus
from simulator.adapters.db.models.assignments import MAX_SEED
from simulator.conversation.events import EventType
from simulator.scripts.runner import CallRunner
from simulator.world.kb import article_card
from webapp import catalogue
from webapp.api import bp
from webapp.calls import exam_view, present, service
from webapp.db import get_session
from webapp.errors import ApiError
from webapp.instructor.review_model import reviewed_assessment
from webapp.queries import assignments_of_trainee, sessions_of_trainee
from webapp.security import visible_session_or_404


def session_summary(call: CallSession) -> dict[str, Any]:
    """Return a call without its event log; its trainee sees an exam without its seed."""
    body = present.summary(call)
    return exam_view.summary(body) if _exam_of_mine(call) else body


def _exam_of_mine(call: CallSession) -> bool:
    """Return whether ``call`` is an exam and the current user is the trainee who takes it."""
    return call.mode is Mode.EXAM and call.trainee_id == current_user.id


@bp.get("/sessions")
@login_required
def list_sessions() -> ResponseReturnValue:
    """List the caller's own most recent calls."""
    return jsonify({"sessions": [session_summary(c) for c in sessions_of_trainee(current_user.id, limit=100)]})


@bp.post("/sessions")
@login_required
def start_call() -> ResponseReturnValue:
    """Start a call: ``{"exercise": id, "seed": 0, "mode": "practice"}`` or ``{"assignment": id}``.

    An exam assignment's form (seed) is the server's choice: a ``seed`` sent with one is refused.
    """
    body = _json_object('send a JSON object such as {"exercise": "printer-offline-angry-nl"}')
    assignment = _assignment(body.get("assignment"))
    if assignment is not None and assignment.mode is Mode.EXAM and "seed" in body:
        raise ApiError(
            "an exam's caller is chosen by the server from the assignment; leave out seed", field="seed", status=422
        )
    exercise_id = assignment.exercise_id if assignment else body.get("exercise")
    if not isinstance(exercise_id, str) or catalogue.exercise_or_none(exercise_id) is None:
        raise ApiError(f"unknown exercise {exercise_id!r}", field="exercise", status=422)
    seed = body.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise ApiError(f"seed must be a whole number from 0 to {MAX_SEED}", field="seed", status=422)
    mode = body.get("mode", "practice")
    if mode not in ("practice", "exam"):
        raise ApiError("mode must be 'practice' or 'exam'", field="mode", status=422)
    db = get_session()
    call = service.start_session(db, current_user, exercise_id, seed=seed, mode=Mode(mode), assignment=assignment)
    answer = _call_body(call)
    answer["console_url"] = url_for("trainee.console", session_id=call.id)
    return jsonify(answer), 201, {"Location": url_for("api.get_call", session_id=call.id)}


@bp.get("/sessions/<int:session_id>")
@login_required
def get_call(session_id: int) -> ResponseReturnValue:
    """Return one call: its state, its (visible) events, transcript and, once ended, its report."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    return jsonify(_call_body(call))


@bp.post("/sessions/<int:session_id>/steps")
@login_required
def perform_step(session_id: int) -> ResponseReturnValue:
    """Perform one session-script step in the caller's own running call."""
    _own_call(session_id)
    body = _json_object('send a JSON object such as {"step": "say", "args": {"text": "Goeiemorgen"}}')
    step = body.get("step")
    if not isinstance(step, str) or not step:
        raise ApiError('name the step, e.g. "say"', field="step", status=422)
    version = _version(body)
    outcome = service.perform_step(
        get_session(),
        session_id,
        step,
        body.get("args"),
        live=body.get("live") is True,
        version=version,
        view=present.state,
    )
    call = outcome.call
    answer: dict[str, Any] = {
        "version": call.version_id,
        "status": call.status.value,
        "events": present.visible_events([e.to_dict() for e in outcome.events], call.mode),
        "state": outcome.view,
    }
    article = _opened_article(call, step, outcome.events)
    if article:
        answer["article"] = exam_view.article(article) if call.mode is Mode.EXAM else article
    return jsonify(answer)


@bp.post("/sessions/<int:session_id>/end")
@login_required
def end_call(session_id: int) -> ResponseReturnValue:
    """Hang up if needed, store the report and close the call."""
    _own_call(session_id)
    body = request.get_json(silent=True)
    version = _version(body) if isinstance(body, dict) else None
    call = service.end_session(get_session(), session_id, version=version)
    answer = session_summary(call)
    answer["report_url"] = url_for("trainee.report", session_id=call.id)
    return jsonify(answer)


@bp.get("/sessions/<int:session_id>/report")
@login_required
def get_report(session_id: int) -> ResponseReturnValue:
    """Return the report of an ended call (the replay report's format)."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    if call.status is not SessionStatus.ENDED or call.report is None:
        raise ApiError("the call has not ended yet; end it first (POST …/end)", field="session_id", status=409)
    return jsonify(_report(call))


def _report(call: CallSession) -> dict[str, Any] | None:
    """Return the stored report with the assessment in force (the instructor's overrides and sign-offs).

    An exam's trainee gets it without the seed (the form stays the server's).
    """
    if call.report is None:
        return None
    report = {**call.report, "assessment_in_force": reviewed_assessment(call)}
    if not _exam_of_mine(call):
        return report
    return {key: value for key, value in report.items() if key != "seed"}


def _call_body(call: CallSession) -> dict[str, Any]:
    body = session_summary(call)
    trainee_view = call.trainee_id == current_user.id and call.status is not SessionStatus.ENDED
    events = present.visible_events(list(call.events), call.mode) if trainee_view else list(call.events)
    body["steps"] = list(call.steps)
    body["events"] = events
    body["transcript"] = [
        {"i": e["i"], "t": e["t"], "speaker": e["data"].get("speaker"), "text": e["data"]["text"]}
        for e in events
        if e["type"] in (EventType.UTTERANCE, EventType.CUSTOMER_LINE) and not e["data"].get("refused")
    ]
    if call.status is SessionStatus.ENDED:
        body["state"] = None
        body["report"] = _report(call)
        body["report_url"] = url_for("trainee.report", session_id=call.id)
    else:
        body["state"] = service.inspect(call, present.state)
    return body


def _own_call(session_id: int) -> CallSession:
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    if call.trainee_id != current_user.id:
        abort(403, description="only the trainee who takes this call can act in it")
    return call


def _json_object(example: str) -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(example, field="body")
    return body


def _version(body: dict[str, Any]) -> int | None:
    version = body.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise ApiError("version must be the whole number the last answer gave", field="version", status=422)
    return version


def _assignment(value: Any) -> Assignment | None:
    if value is None:
        return None
    mine = {a.id: a for a in assignments_of_trainee(current_user.id)}
    if not isinstance(value, int) or value not in mine:
        raise ApiError("unknown assignment, or not one of your groups'", field="assignment", status=422)
    return mine[value]


def _opened_article(call: CallSession, step: str, events: list[Any]) -> dict[str, Any] | None:
    opened = [e for e in events if e.type == EventType.KB_OPEN and not e.data.get("refused")]
    if step != "kb.open" or not opened:
        return None
    runner: CallRunner = service.runner_for(call)
    try:
        card: dict[str, Any] = article_card(runner.world.kb.published(opened[-1].data["article"]), html=True)  # type: ignore[union-attr]
    except (AttributeError, KeyError):
        return None
    return card
