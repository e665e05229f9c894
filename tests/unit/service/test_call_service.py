"""The calls service on an in-memory store: a call starts ringing, steps land once, conflicts are named.

The store is a fake of the :class:`~simulator.service.ports.CallStore` port (the SQLAlchemy one is
exercised by the web tests on SQLite and PostgreSQL); the runner is the real engine.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from simulator.conversation.events import Event
from simulator.scripts.runner import CallRunner
from simulator.scripts.steps import StepError
from simulator.service.calls import CallService
from simulator.service.errors import AttemptsUsed, CallConflict, CallNotFound
from simulator.service.ports import Mode, SessionStatus, StaleCall, StoredCall
from simulator.service.runners import RunnerCache

EXERCISE = "printer-offline-angry-nl"


@dataclass
class FakeCall:
    id: int
    trainee_id: int
    cohort_id: int | None
    exercise_id: str
    seed: int
    mode: Mode
    status: SessionStatus
    steps: list[Any]
    events: list[Any]
    started_at: datetime
    last_activity_at: datetime
    form: str | None = None
    assignment_id: int | None = None
    attempt: int | None = None
    report: dict[str, Any] | None = None
    ended_at: datetime | None = None
    version_id: int = 0


@dataclass
class FakeStore:
    """Calls in a dict; a commit bumps the version of each call that changed, like ``version_id``."""

    calls: dict[int, FakeCall] = field(default_factory=dict)
    committed: dict[int, FakeCall] = field(default_factory=dict)
    stale_next_commit: bool = False

    def get(self, call_id: int) -> FakeCall | None:
        return self.calls.get(call_id)

    def add(self, **fields: Any) -> FakeCall:
        call = FakeCall(id=len(self.calls) + 1, **fields)
        self.calls[call.id] = call
        return call

    def remove(self, call: StoredCall) -> None:
        del self.calls[call.id]

    def attempts_used(self, assignment_id: int, trainee_id: int) -> int:
        return sum(1 for c in self.committed.values() if (c.assignment_id, c.trainee_id) == (assignment_id, trainee_id))

    def first_cohort(self, trainee_id: int) -> int | None:
        return 3

    def commit(self) -> None:
        if self.stale_next_commit:
            self.stale_next_commit = False
            self.rollback()
            raise StaleCall()
        for call in self.calls.values():
            if call != self.committed.get(call.id):
                call.version_id += 1
                self.committed[call.id] = copy.deepcopy(call)

    def rollback(self) -> None:
        self.calls = {i: copy.deepcopy(c) for i, c in self.committed.items()}


class RecordingDesk:
    def __init__(self) -> None:
        self.told: list[str] = []

    def after_start(self, call: StoredCall, runner: CallRunner) -> None:
        self.told.append("start")

    def after_step(self, call: StoredCall, runner: CallRunner, events: list[Event]) -> None:
        self.told.append("step")

    def after_end(self, call: StoredCall, runner: CallRunner) -> None:
        self.told.append("end")


@dataclass
class FakeAssignment:
    id: int = 9
    exercise_id: str = EXERCISE
    form: str | None = None
    mode: Mode = Mode.EXAM
    cohort_id: int = 5
    max_attempts: int | None = 1

    def seed_for(self, trainee_id: int) -> int:
        return 4000 + trainee_id


def new_runner(call: StoredCall) -> CallRunner:
    return CallRunner(call.exercise_id, seed=call.seed, form=call.form, mode=call.mode.value)


@pytest.fixture
def desk() -> RecordingDesk:
    return RecordingDesk()


@pytest.fixture
def service(desk: RecordingDesk) -> CallService:
    return CallService(RunnerCache(new_runner), desk, clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def test_a_started_call_rings_and_is_stored_with_its_ring_event(service: CallService, desk: RecordingDesk) -> None:
    store = FakeStore()
    call = service.start(store, 1, EXERCISE, seed=7)
    assert call.status is SessionStatus.RINGING and call.cohort_id == 3
    assert store.committed[call.id].events[0]["type"] == "ring"
    assert desk.told == ["start"]


def test_a_step_is_stored_with_its_events_and_answering_makes_the_call_active(service: CallService) -> None:
    store = FakeStore()
    call = service.start(store, 1, EXERCISE, seed=7)
    outcome = service.perform(store, call.id, "answer", None, view=lambda c, r: r.call.phase)
    stored = store.committed[call.id]
    assert stored.steps == [["answer", {}]] and stored.status is SessionStatus.ACTIVE
    assert outcome.view == "talking" and [e.i for e in outcome.events] == [e["i"] for e in stored.events[1:]]


def test_an_exam_assignment_decides_seed_and_attempts(service: CallService) -> None:
    store = FakeStore()
    call = service.start(store, 2, "another-exercise", seed=1, assignment=FakeAssignment())
    assert (call.exercise_id, call.seed, call.mode, call.cohort_id) == (EXERCISE, 4002, Mode.EXAM, 5)
    with pytest.raises(AttemptsUsed) as caught:
        service.start(store, 2, EXERCISE, assignment=FakeAssignment())
    assert caught.value.params == {"used": 1} and caught.value.field == "assignment"


@pytest.mark.parametrize(
    ("change", "code"),
    [("end", "ended"), ("old version", "changed"), ("stale commit", "overtaken")],
)
def test_a_step_on_a_call_that_moved_on_is_a_named_conflict(service: CallService, change: str, code: str) -> None:
    store = FakeStore()
    call = service.start(store, 1, EXERCISE, seed=7)
    version = call.version_id
    service.perform(store, call.id, "answer", None)
    if change == "end":
        service.end(store, call.id)
    elif change == "stale commit":
        version = call.version_id
        store.stale_next_commit = True
    with pytest.raises(CallConflict) as caught:
        service.perform(store, call.id, "wait", 3, version=version)
    assert caught.value.code == code
    assert [s[0] for s in store.committed[call.id].steps] == ["answer"]  # the refused step did not land


def test_an_unknown_call_and_a_bad_step_are_refused_with_what_is_wrong(service: CallService) -> None:
    store = FakeStore()
    with pytest.raises(CallNotFound):
        service.perform(store, 41, "answer", None)
    call = service.start(store, 1, EXERCISE, seed=7)
    with pytest.raises(StepError) as caught:
        service.perform(store, call.id, "ticket.create", {"summary": "Printer"})
    error = caught.value
    assert (error.step, error.number, error.code) == ("ticket.create", 1, "missing")
    assert error.field == "category"


def test_ending_stores_the_report_once(service: CallService, desk: RecordingDesk) -> None:
    store = FakeStore()
    call = service.start(store, 1, EXERCISE, seed=7)
    service.perform(store, call.id, "answer", None)
    ended = service.end(store, call.id)
    assert ended.status is SessionStatus.ENDED and ended.report is not None
    assert ended.report["exercise"] == EXERCISE and desk.told == ["start", "step", "end"]
    with pytest.raises(CallConflict):
        service.end(store, call.id)


def test_runners_the_cache_lets_go_of_leave_the_shared_machines() -> None:
    """A worker that replays calls served elsewhere must not keep every replay alive (the 10-minute soak
    grew ~10 MB a minute per worker before this): replaced, evicted and dropped runners are detached."""
    from simulator.conversation import phase

    def attached() -> int:
        return len(phase._MACHINE.models)

    before = attached()
    cache = RunnerCache(new_runner, size=2)
    calls = [
        FakeCall(i, 1, None, EXERCISE, 7, Mode.PRACTICE, SessionStatus.RINGING, [], [],
                 datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC))
        for i in (1, 2, 3)
    ]  # fmt: skip
    for call in calls:
        cache.keep(call, cache.runner_for(call))
    assert attached() - before == 2  # the third call evicted the first
    calls[1].version_id += 1  # another worker moved call 2 on: this one replays it
    cache.keep(calls[1], cache.runner_for(calls[1]))
    assert attached() - before == 2  # the stale copy was let go
    cache.drop(2)
    cache.drop(3)
    assert attached() == before
