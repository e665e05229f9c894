"""Cohorts: a group of trainees with the instructors who assess them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow

if TYPE_CHECKING:
    from simulator.adapters.db.models.accounts import User
    from simulator.adapters.db.models.assignments import Assignment

cohort_instructors = Table(
    "cohort_instructors",
    Base.metadata,
    Column("cohort_id", ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

cohort_trainees = Table(
    "cohort_trainees",
    Base.metadata,
    Column("cohort_id", ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Cohort(Base):
    """A class group, e.g. "Demo VDAB Gent"; whether its calls are recorded and for how long."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    record_audio: Mapped[bool] = mapped_column(default=False)
    audio_retention_days: Mapped[int] = mapped_column(default=30)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    instructors: Mapped[list[User]] = relationship(secondary=cohort_instructors, order_by="User.display_name")
    trainees: Mapped[list[User]] = relationship(secondary=cohort_trainees, order_by="User.display_name")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="Assignment.deadline"
    )

    def __repr__(self) -> str:
        return f"<Cohort {self.id} {self.name}>"
