"""``/api/v1/exercises``: the catalogue of exercises."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from simulator.conversation.exercise import Exercise
from webapp import catalogue
from webapp.api import bp
from webapp.errors import ApiError


def exercise_summary(exercise: Exercise) -> dict[str, Any]:
    """Return what a client needs to list and pick an exercise (never the expected handling)."""
    return {
        "id": exercise.id,
        "title": exercise.title,
        "summary": exercise.summary,
        "language": exercise.language,
        "persona": exercise.persona,
        "activities": list(exercise.activities),
    }


@bp.get("/exercises")
@login_required
def list_exercises() -> ResponseReturnValue:
    """List the exercises, optionally only those training one activity (``?activity=9.3``)."""
    activity = request.args.get("activity")
    if activity is not None and not _is_activity(activity):
        raise ApiError("activity must look like '9.3'", field="activity")
    return jsonify({"exercises": [exercise_summary(e) for e in catalogue.exercises_for_activity(activity)]})


@bp.get("/exercises/<exercise_id>")
@login_required
def get_exercise(exercise_id: str) -> ResponseReturnValue:
    """Return one exercise."""
    exercise = catalogue.exercise_or_none(exercise_id)
    if exercise is None:
        raise ApiError(f"unknown exercise '{exercise_id}'", field="exercise_id", status=404)
    return jsonify(exercise_summary(exercise))


def _is_activity(text: str) -> bool:
    parts = text.split(".")
    return len(text) <= 8 and len(parts) == 2 and all(part.isdigit() for part in parts)
