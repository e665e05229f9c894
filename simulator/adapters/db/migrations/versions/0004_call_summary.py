"""Call summary: the per-competency levels of a call's assessment, so dashboards need not decode reports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:45:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    """Add ``call_sessions.summary`` and fill it from the stored reports of calls nobody overrode.

    Overridden calls keep NULL: the dashboard fills theirs on first view, with the overrides applied.
    """
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", JSON, nullable=True))
        batch_op.create_index(
            "ix_call_sessions_levels", ["trainee_id", "started_at", "id", "status", "exercise_id", "summary"]
        )
    sessions = sa.table(
        "call_sessions", sa.column("id", sa.Integer()), sa.column("report", JSON), sa.column("summary", JSON)
    )
    bind = op.get_bind()
    overridden = sa.select(sa.table("verdict_overrides", sa.column("session_id", sa.Integer())).c.session_id)
    query = sa.select(sessions.c.id, sessions.c.report).where(sessions.c.id.not_in(overridden))
    rows = bind.execute(query).all()
    for session_id, report in rows:
        if report is None:
            continue
        bind.execute(sessions.update().where(sessions.c.id == session_id).values(summary=_levels(report)))


def _levels(report: dict[str, Any] | None) -> dict[str, int]:
    """Return competency id → level of a stored report (the same rule as the model keeps)."""
    competencies = ((report or {}).get("assessment") or {}).get("competencies", [])
    return {str(c["id"]): int(c["level"]) for c in competencies if c.get("level") is not None}


def downgrade() -> None:
    """Drop ``call_sessions.summary``."""
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_call_sessions_levels")
        batch_op.drop_column("summary")
