"""The exercises a person may see: the shipped ones, the instance's shared ones, and those of their cohorts.

An instructor's exercise belongs to the cohorts its author teaches: their trainees and co-instructors
see it, other cohorts do not (it answers as if it did not exist). Admins see every exercise.
"""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from simulator.adapters.db.models import Role, User
from simulator.adapters.db.models.cohorts import cohort_instructors, cohort_trainees
from simulator.conversation.authored import author_of
from simulator.conversation.exercise import Exercise
from webapp.content import source
from webapp.db import get_session


def visible_authors(user: User | None) -> set[int] | None:
    """Return the instructors whose exercises ``user`` may see (None: everyone's, for an admin)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if user.role is Role.ADMIN:
        return None
    member_of = select(cohort_trainees.c.cohort_id).where(cohort_trainees.c.user_id == user.id)
    teaches = select(cohort_instructors.c.cohort_id).where(cohort_instructors.c.user_id == user.id)
    query = select(cohort_instructors.c.user_id).where(
        cohort_instructors.c.cohort_id.in_(member_of) | cohort_instructors.c.cohort_id.in_(teaches)
    )
    return set(get_session().scalars(query)) | {user.id}


def may_see(exercise_id: str, user: User | None = None) -> bool:
    """Return whether ``user`` (default: the current one) may see and play an exercise."""
    author = author_of(exercise_id)
    if author is None:
        return True
    authors = visible_authors(current_user if user is None else user)
    return authors is None or author in authors


def all_exercises() -> list[Exercise]:
    """Return every exercise the current user may see, ordered by title."""
    authors = visible_authors(current_user)
    found = [
        e for e in source().exercises.all() if authors is None or author_of(e.id) is None or author_of(e.id) in authors
    ]
    return sorted(found, key=lambda exercise: exercise.title.casefold())


def exercise_or_none(exercise_id: str) -> Exercise | None:
    """Return the exercise with this id, or None when it does not exist or is not the current user's to see."""
    if not may_see(exercise_id):
        return None
    try:
        return source().exercises.load(exercise_id)
    except KeyError:
        return None


def titles() -> dict[str, str]:
    """Return exercise titles by id, for lists that show assignments."""
    return {exercise.id: exercise.title for exercise in all_exercises()}


def exercises_for_activity(activity: str | None) -> list[Exercise]:
    """Return the exercises that train ``activity`` (e.g. "9.3"), or all when none is given."""
    exercises = all_exercises()
    if not activity:
        return exercises
    return [exercise for exercise in exercises if activity in exercise.activities]
