"""What the calls service needs from the outside: a store of calls (a unit of work) and the desk.

The database adapter (``simulator/adapters/db/call_store.py``) implements :class:`CallStore` with
SQLAlchemy; its rows satisfy :class:`StoredCall`. :class:`Desk` is told what each step changed so
the helpdesk world (tickets, knowledge base) can be saved beside the call.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the database models import this module: it must stay light
    from simulator.conversation.events import Event
    from simulator.scripts.runner import CallRunner


class Mode(enum.StrEnum):
    """Practice shows mood and hints; an exam shows nothing and counts."""

    PRACTICE = "practice"
    EXAM = "exam"


class SessionStatus(enum.StrEnum):
    """Where the call is: the phone rings, the trainee is talking, or it is over."""

    RINGING = "ringing"
    ACTIVE = "active"
    ENDED = "ended"


class StoredCall(Protocol):
    """One stored call: who takes which exercise, its steps and events, and its version."""

    id: int
    trainee_id: int
    cohort_id: int | None
    exercise_id: str
    seed: int
    form: str | None
    mode: Mode
    status: SessionStatus
    steps: list[Any]
    events: list[Any]
    report: dict[str, Any] | None
    started_at: datetime
    ended_at: datetime | None
    last_activity_at: datetime
    version_id: int


class StoredAssignment(Protocol):
    """An assignment: it decides a call's exercise, mode, cohort and (in an exam) seed and attempts."""

    id: int
    exercise_id: str
    form: str | None
    mode: Mode
    cohort_id: int
    max_attempts: int | None

    def seed_for(self, trainee_id: int) -> int:
        """Return the seed of ``trainee_id``'s call."""
        ...


class StaleCall(Exception):
    """Raised by :meth:`CallStore.commit` when another writer changed the call first."""


class DuplicateAttempt(Exception):
    """Raised by :meth:`CallStore.commit` when another start took the same attempt number first."""


class CallStore(Protocol):
    """The calls of one unit of work; nothing is kept until :meth:`commit`."""

    def get(self, call_id: int) -> StoredCall | None:
        """Return the call as stored now (not a cached copy), or None."""
        ...

    def add(self, **fields: Any) -> StoredCall:
        """Add a new call with ``fields`` (the attributes of :class:`StoredCall` but ``id``)."""
        ...

    def remove(self, call: StoredCall) -> None:
        """Forget a call added in this unit of work (committed when the store commits)."""
        ...

    def attempts_used(self, assignment_id: int, trainee_id: int) -> int:
        """Return how many calls ``trainee_id`` started for the assignment."""
        ...

    def first_cohort(self, trainee_id: int) -> int | None:
        """Return the trainee's first cohort (lowest id), whose scenario book a self-study call follows."""
        ...

    def commit(self) -> None:
        """Keep every change; raise :class:`StaleCall` or :class:`DuplicateAttempt` (changes rolled back)."""
        ...

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        ...


class Desk(Protocol):
    """Saves what a call did to the helpdesk world, after the call's own change has committed."""

    def after_start(self, call: StoredCall, runner: CallRunner) -> None:
        """Store what the call's world starts from (its customer directory)."""
        ...

    def after_step(self, call: StoredCall, runner: CallRunner, events: list[Event]) -> None:
        """Store what a step changed (tickets, a proposed article, views and shares)."""
        ...

    def after_end(self, call: StoredCall, runner: CallRunner) -> None:
        """Store the call's tickets as the call left them."""
        ...
