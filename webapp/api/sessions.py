"""``/api/v1/sessions``: the caller's calls; one call for whoever may see it."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from simulator.adapters.db.models import CallSession
from webapp.api import bp
from webapp.db import get_session
from webapp.queries import sessions_of_trainee
from webapp.security import visible_session_or_404


def session_summary(call: CallSession) -> dict[str, Any]:
    """Return a call without its event log."""
    return {
        "id": call.id,
        "trainee_id": call.trainee_id,
        "exercise_id": call.exercise_id,
        "mode": call.mode.value,
        "status": call.status.value,
        "assignment_id": call.assignment_id,
        "started_at": call.started_at.isoformat(),
        "ended_at": call.ended_at.isoformat() if call.ended_at else None,
    }


@bp.get("/sessions")
@login_required
def list_sessions() -> ResponseReturnValue:
    """List the caller's own most recent calls."""
    return jsonify({"sessions": [session_summary(c) for c in sessions_of_trainee(current_user.id, limit=100)]})


@bp.get("/sessions/<int:session_id>")
@login_required
def get_call(session_id: int) -> ResponseReturnValue:
    """Return one call with its steps, events and report, if the caller may see it."""
    call = visible_session_or_404(get_session().get(CallSession, session_id))
    body = session_summary(call)
    body.update(steps=list(call.steps), events=list(call.events), report=call.report)
    return jsonify(body)
