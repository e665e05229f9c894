"""Verdict overrides (an instructor corrects a verdict, with a reason) and exam sign-offs (who confirmed, when)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import enum_column

if TYPE_CHECKING:
    from simulator.adapters.db.models.accounts import User
    from simulator.adapters.db.models.call_sessions import CallSession


class Verdict(enum.StrEnum):
    """How well a BKD activity was shown in a call (see the session-script contract)."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_OBSERVED = "not_observed"


class VerdictOverride(Base):
    """The instructor's verdict that replaces the automatic one; the automatic one stays on record."""

    __tablename__ = "verdict_overrides"
    __table_args__ = (
        CheckConstraint("length(trim(reason)) > 0", name="reason_given"),
        CheckConstraint("level IS NULL OR (level >= 0 AND level <= 3)", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("call_sessions.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[str] = mapped_column(String(10))
    automatic_verdict: Mapped[Verdict] = mapped_column(enum_column(Verdict, "automatic_verdict"))
    verdict: Mapped[Verdict] = mapped_column(enum_column(Verdict, "verdict"))
    level: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text)
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[CallSession] = relationship(back_populates="overrides")
    instructor: Mapped[User | None] = relationship()


class ResultSignOff(Base):
    """An instructor's sign-off of an exam's results: one activity's verdict, or all of them (activity NULL)."""

    __tablename__ = "result_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("call_sessions.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[str | None] = mapped_column(String(10), default=None)
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[CallSession] = relationship(back_populates="signoffs")
    instructor: Mapped[User | None] = relationship()
