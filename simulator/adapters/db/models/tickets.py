"""Helpdesk tickets and their audit history, per scope (one call session, a shift, the demo desk).

``version_id`` makes two people updating one ticket at once fail loudly (``StaleDataError``)
instead of one silently overwriting the other; the repository turns that into ``ConcurrentUpdate``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base


class TicketRecord(Base):
    """One incident as the helpdesk stores it."""

    __tablename__ = "world_tickets"
    __table_args__ = (UniqueConstraint("scope", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(60), index=True)
    number: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40))
    subcategory: Mapped[str | None] = mapped_column(String(40), default=None)
    impact: Mapped[str] = mapped_column(String(10))
    urgency: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(24), index=True)
    group: Mapped[str] = mapped_column("assignment_group", String(40))
    assignee: Mapped[str | None] = mapped_column(String(120), default=None)
    problem: Mapped[str | None] = mapped_column(String(20), default=None)
    caller: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    person_id: Mapped[str | None] = mapped_column(String(20), default=None)
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    resolution: Mapped[str | None] = mapped_column(Text, default=None)
    time_spent_s: Mapped[float] = mapped_column(default=0.0)
    opened_at: Mapped[datetime]
    responded_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    version_id: Mapped[int] = mapped_column(nullable=False)

    __mapper_args__ = {"version_id_col": version_id}

    history: Mapped[list[TicketHistoryRecord]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketHistoryRecord.id"
    )


class TicketHistoryRecord(Base):
    """One audit line: a field change, a work note, a customer-visible reply."""

    __tablename__ = "world_ticket_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("world_tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    author: Mapped[str] = mapped_column(String(120))
    field: Mapped[str | None] = mapped_column(String(40), default=None)
    old: Mapped[str | None] = mapped_column(Text, default=None)
    new: Mapped[str | None] = mapped_column(Text, default=None)
    text: Mapped[str | None] = mapped_column(Text, default=None)

    ticket: Mapped[TicketRecord] = relationship(back_populates="history")
