"""Parallel forms: the form an assignment fixes for its cohort and the form each call played.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 13:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``assignments.form`` and ``call_sessions.form`` (both nullable: no form, or the seed's)."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form", sa.String(length=64), nullable=True))
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.drop_column("form")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("form")
