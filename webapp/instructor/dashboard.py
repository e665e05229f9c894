"""The cohort dashboard's figures: the competency heatmap, progress per assignment, and who is stuck.

The heatmap comes from the assessment portfolio over the cohort's ended calls, with the
instructor's overrides in force; progress and "stuck" are simple rules over calls and deadlines.
Levels come from each call's stored ``summary`` (written when the call ends), so the page decodes a
full report only for the few calls an instructor overrode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, CallSession, Cohort, SessionStatus, User
from simulator.assessment.overrides import agreement, review_pairs
from simulator.assessment.portfolio import level_summary
from simulator.qualification import load_qualification
from webapp.db import get_session
from webapp.instructor.review_model import reviewed_assessment

#: An assignment is "near its deadline" this long before it.
DEADLINE_NEAR = timedelta(days=2)
#: This many assessed calls in a row at level ≤ 1 on one competency means a trainee is stuck on it.
LOW_STREAK = 2


@dataclass
class Progress:
    """How many trainees completed one assignment."""

    assignment: Assignment
    done: int
    total: int

    @property
    def percent(self) -> int:
        """Return the share done, rounded, for the progress bar."""
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Stuck:
    """A trainee who needs attention, and why (one sentence per reason, kept as data for translation)."""

    trainee: User
    reasons: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class CallLevels:
    """What the dashboard needs of one ended call: who, which exercise, when, and its levels in force."""

    id: int
    trainee_id: int
    exercise_id: str
    started_at: datetime
    levels: dict[str, int]


@lru_cache(maxsize=4)
def competency_titles(qualification: str = "bkd-2023") -> dict[str, str]:
    """Return competency id → title of the qualification, every column of the heatmap."""
    return {c.id: c.title for c in load_qualification(qualification).competencies}


def assessed_calls(trainee_ids: list[int]) -> list[CallLevels]:
    """Return the ended calls of these trainees with their levels, oldest first, reading only small columns.

    The levels come from the stored ``summary``; a call stored before summaries existed (NULL) is
    read in full once and its summary filled in, so the next page view is fast too.
    """
    if not trainee_ids:
        return []
    columns = (CallSession.id, CallSession.trainee_id, CallSession.exercise_id, CallSession.started_at)
    query = (
        select(*columns, CallSession.summary)
        .where(CallSession.trainee_id.in_(trainee_ids), CallSession.status == SessionStatus.ENDED)
        .order_by(CallSession.started_at, CallSession.id)
    )
    db = get_session()
    found = []
    for call_id, trainee_id, exercise_id, started_at, summary in db.execute(query).all():
        if summary is None:
            summary = _fill_summary(call_id)
            if summary is None:
                continue
        found.append(CallLevels(call_id, trainee_id, exercise_id, started_at, summary))
    return found


def _fill_summary(call_id: int) -> dict[str, int] | None:
    """Compute and store the summary of a call that has none yet; None when it has no assessment."""
    call = get_session().get(CallSession, call_id)
    if call is None or not call.report:
        return None
    call.summary = level_summary(reviewed_assessment(call))
    get_session().commit()
    return call.summary


def heatmap(cohort: Cohort, calls: Sequence[CallLevels]) -> dict[str, Any]:
    """Return rows per trainee with their latest level per competency (calls come oldest first), and the columns."""
    latest: dict[int, dict[str, int]] = defaultdict(dict)
    for call in calls:
        latest[call.trainee_id].update(call.levels)
    columns = [{"id": cid, "title": title} for cid, title in competency_titles().items()]
    rows = [
        {"trainee": trainee, "levels": [latest[trainee.id].get(c["id"]) for c in columns]}
        for trainee in cohort.trainees
    ]
    return {"columns": columns, "rows": rows}


def progress(cohort: Cohort, calls: Sequence[CallLevels]) -> list[Progress]:
    """Return per assignment how many of the cohort's trainees finished a call of its exercise."""
    done = _finished_by_exercise(calls)
    total = len(cohort.trainees)
    members = {t.id for t in cohort.trainees}
    return [Progress(a, len(done[a.exercise_id] & members), total) for a in cohort.assignments]


def _finished_by_exercise(calls: Sequence[CallLevels]) -> dict[str, set[int]]:
    done: dict[str, set[int]] = defaultdict(set)
    for call in calls:
        done[call.exercise_id].add(call.trainee_id)
    return done


def stuck(cohort: Cohort, calls: Sequence[CallLevels], now: datetime | None = None) -> list[Stuck]:
    """Return trainees with no call for an assignment near (or past) its deadline, or repeated low levels."""
    now = now or utcnow()
    done = _finished_by_exercise(calls)
    low = _low_streaks(calls)
    found = []
    for trainee in cohort.trainees:
        entry = Stuck(trainee)
        for a in cohort.assignments:
            if a.deadline is not None and a.deadline - now <= DEADLINE_NEAR and trainee.id not in done[a.exercise_id]:
                entry.reasons.append({"kind": "deadline", "assignment": a, "overdue": a.deadline < now})
        for competency, title in low.get(trainee.id, []):
            entry.reasons.append({"kind": "low", "competency": competency, "title": title})
        if entry.reasons:
            found.append(entry)
    return found


def _low_streaks(calls: Sequence[CallLevels]) -> dict[int, list[tuple[str, str]]]:
    """Return per trainee the competencies whose last ``LOW_STREAK`` assessed levels were all ≤ 1."""
    history: dict[tuple[int, str], list[int]] = defaultdict(list)
    titles = competency_titles()
    for call in sorted(calls, key=lambda c: (c.started_at, c.id)):
        for cid, level in call.levels.items():
            history[(call.trainee_id, cid)].append(level)
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for (trainee_id, competency), levels in sorted(history.items(), key=lambda p: (p[0][0], int(p[0][1]))):
        recent = levels[-LOW_STREAK:]
        if len(recent) == LOW_STREAK and max(recent) <= 1:
            found[trainee_id].append((competency, titles.get(competency, "")))
    return found


def rubric_agreement(calls: Sequence[CallSession]) -> dict[str, Any]:
    """Return Cohen's κ between automatic and instructor verdicts over the calls an instructor reviewed."""
    reviewed = [call for call in calls if call.overrides]
    pairs = [p for call in reviewed for p in review_pairs(reviewed_assessment(call))]
    result = agreement(pairs)
    result["sessions"] = len(reviewed)
    result["overrides"] = sum(len(call.overrides) for call in reviewed)
    return result
