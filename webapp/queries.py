"""Read queries the views share: whose cohorts, which assignments, which calls."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from simulator.adapters.db.models import Assignment, CallSession, Cohort, Role, User
from simulator.adapters.db.models.cohorts import cohort_instructors, cohort_trainees
from webapp.db import get_session


def cohorts_of_trainee(user_id: int) -> Sequence[Cohort]:
    """Return the cohorts a trainee belongs to."""
    query = select(Cohort).join(cohort_trainees).where(cohort_trainees.c.user_id == user_id)
    return get_session().scalars(query.order_by(Cohort.name)).all()


def cohorts_for(user: User) -> Sequence[Cohort]:
    """Return the cohorts ``user`` may manage: all for an admin, their own for an instructor."""
    query = select(Cohort).order_by(Cohort.name)
    if user.role is not Role.ADMIN:
        query = query.join(cohort_instructors).where(cohort_instructors.c.user_id == user.id)
    return get_session().scalars(query).all()


def assignments_of_trainee(user_id: int) -> Sequence[Assignment]:
    """Return the assignments of every cohort the trainee is in, soonest deadline first."""
    query = (
        select(Assignment)
        .join(cohort_trainees, cohort_trainees.c.cohort_id == Assignment.cohort_id)
        .where(cohort_trainees.c.user_id == user_id)
        .order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.id)
    )
    return get_session().scalars(query).all()


def sessions_of_trainee(user_id: int, limit: int = 20) -> Sequence[CallSession]:
    """Return a trainee's most recent calls."""
    query = (
        select(CallSession)
        .where(CallSession.trainee_id == user_id)
        .order_by(CallSession.started_at.desc(), CallSession.id.desc())
        .limit(limit)
    )
    return get_session().scalars(query).all()


def user_by_email(email: str) -> User | None:
    """Return the account with this e-mail address (case-insensitive), if any."""
    return get_session().scalar(select(User).where(User.email == email.strip().lower()))
