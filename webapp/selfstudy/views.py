"""Routes of self-study: pick exercises by competency or activity, and the learner's own portfolio."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Role, SessionStatus
from simulator.assessment.portfolio import trainee_portfolio
from simulator.conversation.exercise import Exercise
from simulator.qualification import load_qualification
from webapp import catalogue
from webapp.db import get_session
from webapp.instructor.review_model import reviewed_assessment
from webapp.security import role_required
from webapp.selfstudy import bp

QUALIFICATION = "bkd-2023"


def activity_catalogue(exercises: list[Exercise]) -> list[dict[str, Any]]:
    """Return every competency with its activities and, per activity, the exercises that train it."""
    qualification = load_qualification(QUALIFICATION)
    by_activity: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        for activity in exercise.activities:
            by_activity.setdefault(activity, []).append(exercise)
    return [
        {
            "id": comp.id,
            "title": comp.title,
            "activities": [
                {"id": a.id, "text": a.text, "exercises": by_activity.get(a.id, [])} for a in comp.activities
            ],
        }
        for comp in qualification.competencies
    ]


@bp.get("/")
@role_required(Role.TRAINEE)
def practice() -> ResponseReturnValue:
    """List what can be trained, by competency; ``?activiteit=9.3`` narrows it to one activity."""
    exercises = catalogue.all_exercises()
    wanted = request.args.get("activiteit", "").strip()
    competencies = activity_catalogue(exercises)
    trainable = [c for c in competencies if any(a["exercises"] for a in c["activities"])]
    chosen = next((a for c in competencies for a in c["activities"] if a["id"] == wanted), None)
    return render_template("selfstudy/practice.html", competencies=trainable, chosen=chosen, wanted=wanted)


@bp.get("/portfolio")
@role_required(Role.TRAINEE)
def portfolio() -> ResponseReturnValue:
    """Show the learner's own portfolio: latest level and trend per competency, gaps with suggested exercises."""
    query = (
        select(CallSession)
        .where(CallSession.trainee_id == current_user.id, CallSession.status == SessionStatus.ENDED)
        .order_by(CallSession.started_at, CallSession.id)
    )
    calls = [c for c in get_session().scalars(query).all() if c.report]
    exercises = catalogue.all_exercises()
    result = trainee_portfolio(
        [
            {"trainee": str(c.trainee_id), "at": c.started_at.isoformat(), "exercise": c.exercise_id,
             "assessment": reviewed_assessment(c)}
            for c in calls
        ],
        exercises={e.id: list(e.activities) for e in exercises},
    )  # fmt: skip
    qualification = load_qualification(QUALIFICATION)
    texts = {a.id: a.text for a in qualification.activities()}
    titles = {e.id: e.title for e in exercises}
    return render_template("selfstudy/portfolio.html", portfolio=result, texts=texts, titles=titles)
