"""Assignments: an exercise a cohort must take, by a deadline, for practice or as an exam."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import enum_column
from simulator.service.ports import Mode

#: seeds are whole numbers from 0 to this (the API's and the session script's range)
MAX_SEED = 2**31 - 1
#: an exam may be taken once unless the instructor allows more; practice is unlimited
DEFAULT_EXAM_ATTEMPTS = 1


def new_form_seed() -> int:
    """Return a random seed for a new assignment: its "form", fixed from then on."""
    return secrets.randbelow(MAX_SEED + 1)


if TYPE_CHECKING:
    from simulator.adapters.db.models.accounts import User
    from simulator.adapters.db.models.cohorts import Cohort


class Assignment(Base):
    """One exercise assigned to one cohort."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(100))
    mode: Mapped[Mode] = mapped_column(enum_column(Mode, "mode"), default=Mode.PRACTICE)
    deadline: Mapped[datetime | None] = mapped_column(default=None)
    #: the form of the call: the seed itself, or (``seed_per_trainee``) the base each trainee's is derived from
    seed: Mapped[int] = mapped_column(default=new_form_seed)
    seed_per_trainee: Mapped[bool] = mapped_column(default=False)
    #: the exercise's parallel form every trainee plays; None: each call's seed picks it (``conversation.forms``)
    form: Mapped[str | None] = mapped_column(String(64), default=None)
    #: calls a trainee may start for this assignment; None means unlimited
    max_attempts: Mapped[int | None] = mapped_column(default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="assignments")
    created_by: Mapped[User | None] = relationship()

    def seed_for(self, trainee_id: int) -> int:
        """Return the seed of ``trainee_id``'s call: the cohort's form, or one derived from assignment and trainee.

        The derivation is a hash, so it is the same on every worker and every attempt, differs
        between trainees, and cannot be steered from the request.
        """
        if not self.seed_per_trainee:
            return self.seed
        digest = hashlib.sha256(f"eerstelijn:{self.id}:{self.seed}:{trainee_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") % (MAX_SEED + 1)

    def __repr__(self) -> str:
        return f"<Assignment {self.id} {self.exercise_id} {self.mode.value} cohort={self.cohort_id}>"
