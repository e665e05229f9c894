"""The calls service's store on SQLAlchemy: one request's session is one unit of work.

Its rows (:class:`CallSession`) are the service's :class:`~simulator.service.ports.StoredCall`; a
stale ``version_id`` or a taken attempt number comes back as the port's own exception.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from simulator.adapters.db.models import CallSession
from simulator.adapters.db.models.cohorts import cohort_trainees
from simulator.service.ports import DuplicateAttempt, StaleCall, StoredCall


class SqlCallStore:
    """Calls in a SQLAlchemy session (the caller owns the session and closes it)."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def get(self, call_id: int) -> CallSession | None:
        """Return the call as stored now (``populate_existing``: another worker may have moved it on)."""
        return self.db.get(CallSession, call_id, populate_existing=True)

    def add(self, **fields: Any) -> CallSession:
        """Add a new call."""
        call = CallSession(**fields)
        self.db.add(call)
        return call

    def remove(self, call: StoredCall) -> None:
        """Delete a call added in this session."""
        self.db.delete(call)

    def attempts_used(self, assignment_id: int, trainee_id: int) -> int:
        """Return how many calls ``trainee_id`` started for the assignment."""
        query = select(func.count()).where(
            CallSession.assignment_id == assignment_id, CallSession.trainee_id == trainee_id
        )
        return int(self.db.scalar(query.select_from(CallSession)) or 0)

    def first_cohort(self, trainee_id: int) -> int | None:
        """Return the trainee's first cohort (lowest id)."""
        query = select(cohort_trainees.c.cohort_id).where(cohort_trainees.c.user_id == trainee_id)
        return self.db.scalar(query.order_by(cohort_trainees.c.cohort_id).limit(1))

    def commit(self) -> None:
        """Commit; a lost version race or a duplicate attempt is rolled back and named."""
        try:
            self.db.commit()
        except StaleDataError:
            self.db.rollback()
            raise StaleCall() from None
        except IntegrityError:
            self.db.rollback()
            raise DuplicateAttempt() from None

    def rollback(self) -> None:
        """Roll back."""
        self.db.rollback()
