"""Knowledge-base articles with revisions and the review workflow (draft → review → published).

A trainee's proposal is stored as an article in ``review``; an instructor publishes it. Each edit
adds a revision; the article row points at the current one and counts views and shares.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow


class KbArticleRecord(Base):
    """One article; its text lives in its revisions."""

    __tablename__ = "kb_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(String(10), unique=True)
    language: Mapped[str] = mapped_column(String(2), index=True)
    audience: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), index=True)
    category: Mapped[str] = mapped_column(String(40))
    problem: Mapped[str | None] = mapped_column(String(20), default=None)
    revision: Mapped[int] = mapped_column(default=1)
    views: Mapped[int] = mapped_column(default=0)
    shares: Mapped[int] = mapped_column(default=0)
    proposed_by: Mapped[str | None] = mapped_column(String(120), default=None)
    reviewed_by: Mapped[str | None] = mapped_column(String(120), default=None)
    #: the cohort of the trainee who proposed it: only its instructors (and admins) review it
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True, default=None
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version_id: Mapped[int] = mapped_column(nullable=False)

    __mapper_args__ = {"version_id_col": version_id}

    revisions: Mapped[list[KbRevisionRecord]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="KbRevisionRecord.number"
    )


class KbRevisionRecord(Base):
    """The text of an article at one revision."""

    __tablename__ = "kb_revisions"
    __table_args__ = (UniqueConstraint("article_pk", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    tags: Mapped[str] = mapped_column(String(500), default="")
    symptoms: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[KbArticleRecord] = relationship(back_populates="revisions")
