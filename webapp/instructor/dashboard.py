"""The cohort dashboard's figures: the competency heatmap, progress per assignment, and who is stuck.

The heatmap comes from the assessment portfolio over the cohort's ended calls, with the
instructor's overrides in force; progress and "stuck" are simple rules over calls and deadlines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, CallSession, Cohort, User
from simulator.assessment.overrides import agreement, review_pairs
from simulator.assessment.portfolio import cohort_heatmap
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


def portfolio_calls(calls: Sequence[CallSession]) -> list[dict[str, Any]]:
    """Return calls in the portfolio's shape, trainees keyed by account id, overrides in force."""
    return [
        {
            "trainee": str(call.trainee_id),
            "at": call.started_at.isoformat(),
            "exercise": call.exercise_id,
            "assessment": reviewed_assessment(call),
        }
        for call in calls
    ]


def heatmap(cohort: Cohort, calls: Sequence[CallSession]) -> dict[str, Any]:
    """Return rows per trainee (by name) with their latest level per competency, and the competency columns."""
    grid = cohort_heatmap(portfolio_calls(calls))
    columns = [{"id": c["id"], "title": c["title"]} for c in grid["competencies"]]
    index = {trainee: n for n, trainee in enumerate(grid["trainees"])}
    rows = []
    for trainee in cohort.trainees:
        n = index.get(str(trainee.id))
        levels = [None if n is None else comp["levels"][n] for comp in grid["competencies"]]
        rows.append({"trainee": trainee, "levels": levels})
    return {"columns": columns, "rows": rows}


def progress(cohort: Cohort, calls: Sequence[CallSession]) -> list[Progress]:
    """Return per assignment how many of the cohort's trainees finished a call of its exercise."""
    done = _finished_by_exercise(calls)
    total = len(cohort.trainees)
    members = {t.id for t in cohort.trainees}
    return [Progress(a, len(done[a.exercise_id] & members), total) for a in cohort.assignments]


def _finished_by_exercise(calls: Sequence[CallSession]) -> dict[str, set[int]]:
    done: dict[str, set[int]] = defaultdict(set)
    for call in calls:
        done[call.exercise_id].add(call.trainee_id)
    return done


def stuck(cohort: Cohort, calls: Sequence[CallSession], now: datetime | None = None) -> list[Stuck]:
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


def _low_streaks(calls: Sequence[CallSession]) -> dict[int, list[tuple[str, str]]]:
    """Return per trainee the competencies whose last ``LOW_STREAK`` assessed levels were all ≤ 1."""
    history: dict[tuple[int, str], list[int]] = defaultdict(list)
    titles: dict[str, str] = {}
    for call in sorted(calls, key=lambda c: (c.started_at, c.id)):
        for comp in reviewed_assessment(call).get("competencies", []):
            if comp.get("level") is not None:
                history[(call.trainee_id, str(comp["id"]))].append(int(comp["level"]))
                titles[str(comp["id"])] = str(comp.get("title", ""))
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for (trainee_id, competency), levels in sorted(history.items(), key=lambda p: (p[0][0], int(p[0][1]))):
        recent = levels[-LOW_STREAK:]
        if len(recent) == LOW_STREAK and max(recent) <= 1:
            found[trainee_id].append((competency, titles[competency]))
    return found


def rubric_agreement(calls: Sequence[CallSession]) -> dict[str, Any]:
    """Return Cohen's κ between automatic and instructor verdicts over the calls an instructor reviewed."""
    reviewed = [call for call in calls if call.overrides]
    pairs = [p for call in reviewed for p in review_pairs(reviewed_assessment(call))]
    result = agreement(pairs)
    result["sessions"] = len(reviewed)
    result["overrides"] = sum(len(call.overrides) for call in reviewed)
    return result
