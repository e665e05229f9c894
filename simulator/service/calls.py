"""Change a call: start it, perform one step, end it and store its report.

Each change loads the stored call, takes the process's runner for it (or replays its steps),
performs the step, appends the step and its events to the call and commits under its version. Two
steps on one call at the same time cannot both land: the second meets a busy runner in this process
or a stale version in another, and fails with :class:`CallConflict`; no step is ever lost silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from simulator.conversation.events import Event
from simulator.scripts.report import build_report
from simulator.scripts.runner import CallRunner
from simulator.scripts.steps import StepError, parse_step
from simulator.service.errors import AttemptsUsed, CallConflict, CallNotFound
from simulator.service.liveclock import wait_before
from simulator.service.ports import (
    CallStore,
    Desk,
    DuplicateAttempt,
    Mode,
    SessionStatus,
    StaleCall,
    StoredAssignment,
    StoredCall,
)
from simulator.service.runners import Busy, RunnerCache

Shown = TypeVar("Shown")
#: Reads what a client should see of the call from its runner, while the call is locked.
View = Callable[[StoredCall, CallRunner], Shown]


@dataclass(frozen=True)
class StepOutcome:
    """What one performed step left: its events (a live wait first, if any) and the view after it."""

    call: StoredCall
    events: list[Event]
    view: Any


def _now() -> datetime:
    return datetime.now(UTC)


class CallService:
    """The one place that changes a call; one per process, shared by its threads."""

    def __init__(self, runners: RunnerCache, desk: Desk, clock: Callable[[], datetime] = _now) -> None:
        self.runners = runners
        self.desk = desk
        self.clock = clock

    def start(
        self,
        store: CallStore,
        trainee_id: int,
        exercise_id: str,
        *,
        seed: int = 0,
        mode: Mode = Mode.PRACTICE,
        assignment: StoredAssignment | None = None,
    ) -> StoredCall:
        """Create a ringing call for the trainee; the ring event is stored at once.

        An assignment decides the exercise and the mode; an exam assignment also decides the seed
        (its form) and how many calls a trainee may start, whatever the request asked for.
        """
        attempt, form = None, None
        if assignment is not None:
            form = assignment.form
            exercise_id, mode = assignment.exercise_id, assignment.mode
            if mode is Mode.EXAM:
                seed = assignment.seed_for(trainee_id)
            attempt = self._next_attempt(store, assignment, trainee_id)
        now = self.clock()
        call = store.add(
            trainee_id=trainee_id,
            cohort_id=assignment.cohort_id if assignment else store.first_cohort(trainee_id),
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
        try:
            store.commit()  # its id numbers its tickets apart; the world's store writes in its own unit
        except DuplicateAttempt:  # a parallel start took this attempt number first
            raise AttemptsUsed("attempt_started_elsewhere") from None
        try:
            runner = self.runners.new_runner(call)
        except Exception:
            store.remove(call)
            store.commit()
            raise
        call.events = [e.to_dict() for e in runner.events]
        call.form = runner.form  # the one the seed picked, kept for the item analysis per form
        store.commit()
        self.runners.keep(call, runner)
        self.desk.after_start(call, runner)
        return call

    def _next_attempt(self, store: CallStore, assignment: StoredAssignment, trainee_id: int) -> int:
        used = store.attempts_used(assignment.id, trainee_id)
        limit = assignment.max_attempts
        if limit is not None and used >= limit:
            raise AttemptsUsed(used=used)
        return used + 1

    def perform(
        self,
        store: CallStore,
        call_id: int,
        step: str,
        args: Any,
        *,
        live: bool = False,
        version: int | None = None,
        view: View[Any] | None = None,
    ) -> StepOutcome:
        """Perform one step; ``live`` maps the real time since the last action onto the clock first."""
        try:
            with self.runners.exclusive(call_id):
                call, runner, events = self._perform(store, call_id, step, args, live=live, version=version)
                return StepOutcome(call, events, view(call, runner) if view else None)
        except Busy:
            raise CallConflict("busy") from None

    def _perform(
        self, store: CallStore, call_id: int, step: str, args: Any, *, live: bool, version: int | None
    ) -> tuple[StoredCall, CallRunner, list[Event]]:
        call = _load_open(store, call_id, version)
        runner = self.runners.runner_for(call)
        number = len(call.steps) + 1
        parse_step(step, args, f"step {number}", number)  # refuse bad input before any wait is added
        now = self.clock()
        planned: list[tuple[str, Any]] = [(step, args)]
        if live:
            gap = (now - _aware(call.last_activity_at)).total_seconds()
            seconds = wait_before(runner, step, args if isinstance(args, dict) else {}, gap)
            waited = [("wait", {"seconds": seconds})] if seconds else []
            planned = waited if step == "wait" else waited + planned
        events: list[Event] = []
        try:
            for name, raw in planned:
                events += runner.perform(name, raw)
                call.steps.append(list(runner.steps[-1]))
        except StepError:
            self.runners.drop(call_id)
            raise
        call.events.extend(e.to_dict() for e in events)
        call.last_activity_at = now
        if call.status is SessionStatus.RINGING and runner.call.phase != "ringing":
            call.status = SessionStatus.ACTIVE
        self._commit(store, call, runner)
        self.desk.after_step(call, runner, events)
        return call, runner, events

    def inspect(self, call: StoredCall, view: View[Shown]) -> Shown:
        """Return ``view`` of a running call from its runner; a private replay when a step is under way."""
        try:
            with self.runners.exclusive(call.id):
                return view(call, self.runners.runner_for(call))
        except Busy:
            return view(call, self.runners.rebuild(call))

    def end(self, store: CallStore, call_id: int, *, version: int | None = None) -> StoredCall:
        """Hang up if the call is still open, store the report and close the call."""
        try:
            with self.runners.exclusive(call_id):
                call = _load_open(store, call_id, version)
                runner = self.runners.runner_for(call)
                before = runner.call.mark()
                record = runner.finish()
                call.events.extend(e.to_dict() for e in runner.call.events_since(before))
                call.report = build_report(record)
                call.status = SessionStatus.ENDED
                call.ended_at = call.last_activity_at = self.clock()
                self._commit(store, call, runner)
                self.runners.drop(call_id)
                self.desk.after_end(call, runner)
                return call
        except Busy:
            raise CallConflict("busy") from None

    def _commit(self, store: CallStore, call: StoredCall, runner: CallRunner) -> None:
        try:
            store.commit()
        except StaleCall:
            self.runners.drop(call.id)
            raise CallConflict("overtaken") from None
        except Exception:
            store.rollback()
            self.runners.drop(call.id)
            raise
        self.runners.keep(call, runner)


def _load_open(store: CallStore, call_id: int, version: int | None) -> StoredCall:
    call = store.get(call_id)
    if call is None:
        raise CallNotFound()
    if call.status is SessionStatus.ENDED:
        raise CallConflict("ended")
    if version is not None and version != call.version_id:
        raise CallConflict("changed")
    return call


def _aware(moment: datetime) -> datetime:
    """Return ``moment`` with a time zone (SQLite gives naive UTC datetimes back)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
