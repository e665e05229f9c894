"""Assignments: an exercise a cohort must take, by a deadline, for practice or as an exam."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import enum_column
from simulator.adapters.db.models.call_sessions import Mode

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
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="assignments")
    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Assignment {self.id} {self.exercise_id} {self.mode.value} cohort={self.cohort_id}>"
