"""Call sessions: one trainee taking one exercise, stored as the steps taken and the events logged.

The call can be rebuilt at any time by replaying ``steps`` with the same ``seed``; ``events`` and
``report`` are kept so reviews need no replay. ``version_id`` makes concurrent updates (two tabs,
two workers) fail loudly with ``StaleDataError`` instead of losing a turn.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import JsonType, enum_column
from simulator.assessment.portfolio import level_summary
from simulator.service.ports import Mode, SessionStatus

if TYPE_CHECKING:
    from simulator.adapters.db.models.accounts import User
    from simulator.adapters.db.models.assignments import Assignment
    from simulator.adapters.db.models.overrides import ResultSignOff, VerdictOverride


class CallSession(Base):
    """One call of one trainee; ``steps`` is a list of ``[step, args]`` as in a session script."""

    __tablename__ = "call_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(100))
    seed: Mapped[int] = mapped_column(default=0)
    #: the parallel form the call plays (its assignment's, else the one its seed picked); None: no forms
    form: Mapped[str | None] = mapped_column(String(64), default=None)
    mode: Mapped[Mode] = mapped_column(enum_column(Mode, "mode"), default=Mode.PRACTICE)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="SET NULL"), index=True, default=None
    )
    #: the how-manieth call of this trainee for ``assignment_id`` (1, 2, …); unique, so two starts at once
    #: cannot both take the last attempt; None outside an assignment
    attempt: Mapped[int | None] = mapped_column(default=None)
    #: the cohort the call was made in (its assignment's, else the trainee's first): its scenario book applies
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True, default=None
    )
    status: Mapped[SessionStatus] = mapped_column(enum_column(SessionStatus, "status"), default=SessionStatus.RINGING)
    # a copy of the type each: as_mutable() tracks every column of the *same* type object, and
    # ``report`` (a dict) must not be coerced into a MutableList
    steps: Mapped[list[Any]] = mapped_column(MutableList.as_mutable(JsonType.copy()), default=list)
    events: Mapped[list[Any]] = mapped_column(MutableList.as_mutable(JsonType.copy()), default=list)
    report: Mapped[dict[str, Any] | None] = mapped_column(JsonType, default=None)
    #: competency id → level in force (automatic; after an override, the instructor's), so dashboards
    #: need not decode reports; set with ``report``, refreshed by the review when an override is saved
    summary: Mapped[dict[str, int] | None] = mapped_column(JsonType.copy(), default=None)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    version_id: Mapped[int] = mapped_column(nullable=False)

    __mapper_args__ = {"version_id_col": version_id}
    # covers the dashboard's queries (levels of a cohort's ended calls, its newest calls) without reading the logs
    __table_args__ = (
        Index("ix_call_sessions_levels", "trainee_id", "started_at", "id", "status", "exercise_id", "summary"),
        UniqueConstraint("assignment_id", "trainee_id", "attempt"),
    )

    trainee: Mapped[User] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    overrides: Mapped[list[VerdictOverride]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="VerdictOverride.at"
    )
    signoffs: Mapped[list[ResultSignOff]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ResultSignOff.at"
    )

    @validates("report")
    def _summarise(self, key: str, report: dict[str, Any] | None) -> dict[str, Any] | None:
        """Store the per-competency levels beside the report whenever the report is set."""
        self.summary = level_summary((report or {}).get("assessment")) if report is not None else None
        return report

    def __repr__(self) -> str:
        return f"<CallSession {self.id} {self.exercise_id} {self.status.value} trainee={self.trainee_id}>"
