"""Change a call: start it, perform one step, end it and store its report.

Each change loads the stored call, takes the process's runner for it (or replays its steps),
performs the step, appends the step and its events to the row and commits under the row's
``version_id``. Two steps on one call at the same time cannot both land: the second meets a busy
runner in this process or a stale version in another, and fails with :class:`CallConflict` (409);
no step is ever lost silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, CallSession, Mode, SessionStatus, User
from simulator.adapters.db.models.cohorts import cohort_trainees
from simulator.conversation.events import Event
from simulator.scripts.report import build_report
from simulator.scripts.runner import CallRunner
from simulator.scripts.steps import StepError, parse_step
from webapp.babel_marks import lazy_gettext as _l
from webapp.calls import world as desk
from webapp.calls.liveclock import wait_before
from webapp.calls.runners import RUNNERS, Busy, new_runner, rebuild
from webapp.errors import ApiError


class CallConflict(ApiError):
    """Another step changed the call first; the client should reload it and try again."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="version", status=409)


#: Reads what a client should see of the call right after a step, while the call is still locked.
View = Callable[[CallSession, CallRunner], dict[str, Any]]


@dataclass(frozen=True)
class StepOutcome:
    """What one performed step left: its events (a live wait first, if any) and the view after it."""

    call: CallSession
    events: list[Event]
    view: dict[str, Any]


def start_session(
    db: Session,
    trainee: User,
    exercise_id: str,
    *,
    seed: int = 0,
    mode: Mode = Mode.PRACTICE,
    assignment: Assignment | None = None,
) -> CallSession:
    """Create a ringing call for ``trainee``; the ring event is stored at once.

    An assignment decides the exercise and the mode; an exam assignment also decides the seed (its
    form) and how many calls a trainee may start, whatever the request asked for.
    """
    attempt, form = None, None
    if assignment is not None:
        form = assignment.form
        exercise_id, mode = assignment.exercise_id, assignment.mode
        if mode is Mode.EXAM:
            seed = assignment.seed_for(trainee.id)
        attempt = _next_attempt(db, assignment, trainee.id)
    now = utcnow()
    call = CallSession(
        trainee_id=trainee.id,
        cohort_id=assignment.cohort_id if assignment else first_cohort(db, trainee.id),
        exercise_id=exercise_id,
        seed=seed,
        form=form,
        mode=mode,
        assignment_id=assignment.id if assignment else None,
        attempt=attempt,
        status=SessionStatus.RINGING,
        steps=[],
        events=[],
        started_at=now,
        last_activity_at=now,
    )
    db.add(call)
    try:
        db.commit()  # its id numbers its tickets apart (extras_for); the world's store writes in its own session
    except IntegrityError:  # a parallel start took this attempt number first
        db.rollback()
        raise AttemptsUsed(str(_l("Deze opdracht wordt al gestart in een ander venster."))) from None
    try:
        runner = new_runner(call)
    except Exception:
        db.delete(call)
        db.commit()
        raise
    call.events = [e.to_dict() for e in runner.events]
    call.form = runner.form  # the one the seed picked, kept for the item analysis per form
    db.commit()
    RUNNERS.keep(call, runner)
    desk.after_start(call, runner)
    return call


class AttemptsUsed(ApiError):
    """The trainee has started this assignment as often as it allows."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="assignment", status=409)


def attempts_used(db: Session, assignment: Assignment, trainee_id: int) -> int:
    """Return how many calls ``trainee_id`` started for ``assignment``."""
    query = select(func.count()).where(CallSession.assignment_id == assignment.id, CallSession.trainee_id == trainee_id)
    return int(db.scalar(query.select_from(CallSession)) or 0)


def _next_attempt(db: Session, assignment: Assignment, trainee_id: int) -> int:
    used = attempts_used(db, assignment, trainee_id)
    limit = assignment.max_attempts
    if limit is not None and used >= limit:
        raise AttemptsUsed(
            str(_l("Je hebt deze opdracht al %(used)d keer gestart; meer pogingen zijn er niet.", used=used))
        )
    return used + 1


def first_cohort(db: Session, trainee_id: int) -> int | None:
    """Return the trainee's first cohort (lowest id), whose scenario book a self-study call follows."""
    query = select(cohort_trainees.c.cohort_id).where(cohort_trainees.c.user_id == trainee_id)
    return db.scalar(query.order_by(cohort_trainees.c.cohort_id).limit(1))


def perform_step(
    db: Session,
    session_id: int,
    step: str,
    args: Any,
    *,
    live: bool = False,
    version: int | None = None,
    view: View | None = None,
) -> StepOutcome:
    """Perform one step; ``live`` maps the real time since the last action onto the clock first."""
    try:
        with RUNNERS.exclusive(session_id):
            call, runner, events = _perform(db, session_id, step, args, live=live, version=version)
            return StepOutcome(call, events, view(call, runner) if view else {})
    except Busy:
        raise CallConflict(str(_l("Er wordt al een andere actie in dit gesprek verwerkt. Probeer opnieuw."))) from None


def _perform(
    db: Session, session_id: int, step: str, args: Any, *, live: bool, version: int | None
) -> tuple[CallSession, CallRunner, list[Event]]:
    call = _load_open(db, session_id, version)
    runner = RUNNERS.runner_for(call)
    parse_step(step, args, "step")  # refuse bad input before any wait is added
    now = utcnow()
    planned: list[tuple[str, Any]] = []
    if live:
        gap = (now - _aware(call.last_activity_at)).total_seconds()
        seconds = wait_before(runner, step, args if isinstance(args, dict) else {}, gap)
        if step == "wait":
            planned = [("wait", {"seconds": seconds})] if seconds else []
        else:
            planned = ([("wait", {"seconds": seconds})] if seconds else []) + [(step, args)]
    else:
        planned = [(step, args)]
    events: list[Event] = []
    try:
        for name, raw in planned:
            events += runner.perform(name, raw, where=f"step {len(call.steps) + 1}")
            call.steps.append(list(runner.steps[-1]))
    except StepError:
        RUNNERS.drop(session_id)
        raise
    call.events.extend(e.to_dict() for e in events)
    call.last_activity_at = now
    if call.status is SessionStatus.RINGING and runner.call.phase != "ringing":
        call.status = SessionStatus.ACTIVE
    _commit(db, call, runner)
    desk.after_step(call, runner, events)
    return call, runner, events


def inspect(call: CallSession, view: View) -> dict[str, Any]:
    """Return ``view`` of a running call from its runner; a private replay when a step is under way."""
    try:
        with RUNNERS.exclusive(call.id):
            return view(call, RUNNERS.runner_for(call))
    except Busy:
        return view(call, rebuild(call))


def end_session(db: Session, session_id: int, *, version: int | None = None) -> CallSession:
    """Hang up if the call is still open, store the report and close the session."""
    try:
        with RUNNERS.exclusive(session_id):
            call = _load_open(db, session_id, version)
            runner = RUNNERS.runner_for(call)
            before = runner.call.mark()
            record = runner.finish()
            call.events.extend(e.to_dict() for e in runner.call.events_since(before))
            call.report = build_report(record)
            call.status = SessionStatus.ENDED
            call.ended_at = call.last_activity_at = utcnow()
            _commit(db, call, runner)
            RUNNERS.drop(session_id)
            desk.after_end(call, runner)
            return call
    except Busy:
        raise CallConflict(str(_l("Er wordt al een andere actie in dit gesprek verwerkt. Probeer opnieuw."))) from None


def _load_open(db: Session, session_id: int, version: int | None) -> CallSession:
    call = db.get(CallSession, session_id, populate_existing=True)
    if call is None:
        raise ApiError(str(_l("Dit gesprek bestaat niet.")), field="session_id", status=404)
    if call.status is SessionStatus.ENDED:
        raise CallConflict(str(_l("Dit gesprek is al afgerond; bekijk het verslag.")))
    if version is not None and version != call.version_id:
        raise CallConflict(str(_l("Het gesprek is intussen veranderd (in een ander venster?). Laad het opnieuw.")))
    return call


def _commit(db: Session, call: CallSession, runner: CallRunner) -> None:
    try:
        db.commit()
    except StaleDataError:
        db.rollback()
        RUNNERS.drop(call.id)
        raise CallConflict(
            str(_l("Een andere actie in dit gesprek was je net voor. Laad het gesprek opnieuw."))
        ) from None
    except Exception:
        db.rollback()
        RUNNERS.drop(call.id)
        raise
    RUNNERS.keep(call, runner)


def _aware(moment: datetime) -> datetime:
    """Return ``moment`` with a time zone (SQLite gives naive UTC datetimes back)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
