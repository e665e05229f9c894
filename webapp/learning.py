"""What the learning path and the reliability of levels need from the database, for trainees and instructors.

Both read only small columns (exercise, mode, the stored per-competency ``summary``) of ended calls, so
a cohort's page stays fast; the computing is the core's (``assessment.path``, ``assessment.reliability``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from simulator.adapters.db.models import CallSession, SessionStatus
from simulator.assessment.path import LearningPath, load_path
from simulator.assessment.reliability import Components, cohort_components
from webapp.db import get_session


def course() -> LearningPath:
    """Return the shipped learning path."""
    return load_path("course")


def path_calls(trainee_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Return per trainee their ended calls as the path needs them: exercise, mode and levels, oldest first."""
    ids = list(trainee_ids)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(CallSession.trainee_id, CallSession.exercise_id, CallSession.mode, CallSession.summary)
        .where(CallSession.trainee_id.in_(ids), CallSession.status == SessionStatus.ENDED)
        .order_by(CallSession.started_at, CallSession.id)
    )
    for trainee_id, exercise_id, mode, summary in get_session().execute(query).all():
        found[trainee_id].append({"exercise": exercise_id, "mode": mode.value, "levels": dict(summary or {})})
    return found


def reliability_of(calls: dict[int, list[dict[str, Any]]]) -> dict[str, Components]:
    """Return the variance components per competency over these trainees' calls (competencies with enough data)."""
    levels: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for trainee_id, theirs in calls.items():
        for call in theirs:
            for competency, level in call["levels"].items():
                levels[competency][str(trainee_id)].append(int(level))
    return cohort_components(levels)
