"""Routes of the trainee blueprint."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from simulator.adapters.db.models import Role
from webapp import catalogue
from webapp.calls.service import attempts_used
from webapp.db import get_session
from webapp.queries import assignments_of_trainee, cohorts_of_trainee, sessions_of_trainee
from webapp.security import role_required
from webapp.trainee import bp


@bp.get("/")
@role_required(Role.TRAINEE)
def dashboard() -> ResponseReturnValue:
    """Show the assigned exercises, the self-study catalogue (optionally by activity) and recent calls."""
    activity = request.args.get("activiteit", "").strip() or None
    exercises = catalogue.all_exercises()
    activities = sorted({a for e in exercises for a in e.activities}, key=_activity_key)
    assignments = assignments_of_trainee(current_user.id)
    return render_template(
        "trainee/dashboard.html",
        cohorts=cohorts_of_trainee(current_user.id),
        assignments=assignments,
        attempts={a.id: attempts_used(get_session(), a, current_user.id) for a in assignments},
        exercises=catalogue.exercises_for_activity(activity),
        titles={e.id: e.title for e in exercises},
        activities=activities,
        activity=activity,
        sessions=sessions_of_trainee(current_user.id),
    )


def _activity_key(activity: str) -> tuple[int, ...]:
    return tuple(int(part) for part in activity.split(".") if part.isdigit())
