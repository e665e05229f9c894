"""Routes of self-study: pick exercises by competency or activity, and the learner's own portfolio."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Role, SessionStatus
from simulator.assessment.path import next_exercise, progress, weak_activities
from simulator.assessment.portfolio import trainee_portfolio
from simulator.assessment.reliability import level_reliability
from simulator.conversation.exercise import Exercise
from simulator.qualification import load_qualification
from webapp import catalogue, learning
from webapp.db import get_session
from webapp.instructor.review_model import reviewed_assessment
from webapp.queries import cohorts_of_trainee
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
    result = _portfolio_of_current()
    exercises = catalogue.all_exercises()
    qualification = load_qualification(QUALIFICATION)
    texts = {a.id: a.text for a in qualification.activities()}
    titles = {e.id: e.title for e in exercises}
    cohort = learning.reliability_of(learning.path_calls(_classmates()))
    for comp in result["competencies"]:
        comp["reliability"] = level_reliability(comp["levels"], cohort.get(comp["id"]))
    return render_template("selfstudy/portfolio.html", portfolio=result, texts=texts, titles=titles)


def _classmates() -> set[int]:
    """Return the trainees of the learner's cohorts (the learner included): whose calls estimate reliability."""
    members = {current_user.id}
    for cohort in cohorts_of_trainee(current_user.id):
        members.update(t.id for t in cohort.trainees)
    return members


@bp.get("/traject")
@role_required(Role.TRAINEE)
def path() -> ResponseReturnValue:
    """Show the learning path: modules easy to hard, what is done, and the suggested next exercise."""
    course = learning.course()
    mine = learning.path_calls([current_user.id]).get(current_user.id, [])
    state = progress(course, mine)
    exercises = {e.id: e for e in catalogue.all_exercises()}
    weak = weak_activities(_portfolio_of_current()) if mine else []
    suggestion = next_exercise(state, weak, {k: list(e.activities) for k, e in exercises.items()})
    return render_template(
        "selfstudy/path.html", course=course, state=state, exercises=exercises, suggestion=suggestion
    )


def _portfolio_of_current() -> dict[str, Any]:
    """Return the learner's portfolio over their ended calls, with their instructor's overrides in force."""
    query = (
        select(CallSession)
        .where(CallSession.trainee_id == current_user.id, CallSession.status == SessionStatus.ENDED)
        .order_by(CallSession.started_at, CallSession.id)
    )
    calls = [c for c in get_session().scalars(query).all() if c.report]
    exercises = catalogue.all_exercises()
    return trainee_portfolio(
        [{"trainee": str(c.trainee_id), "at": c.started_at.isoformat(), "exercise": c.exercise_id,
          "assessment": reviewed_assessment(c)} for c in calls],
        exercises={e.id: list(e.activities) for e in exercises},
    )  # fmt: skip
