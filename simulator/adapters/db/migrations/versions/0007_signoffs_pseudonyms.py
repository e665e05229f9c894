"""Exam sign-offs (who confirmed which results, when) and a pseudonym per account for exports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``result_signoffs`` and ``users.pseudonym``, giving every existing account a random pseudonym."""
    op.create_table(
        "result_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(length=10), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["call_sessions.id"], name=op.f("fk_result_signoffs_session_id_call_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"], ["users.id"], name=op.f("fk_result_signoffs_instructor_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_signoffs")),
    )  # fmt: skip
    op.create_index(op.f("ix_result_signoffs_session_id"), "result_signoffs", ["session_id"], unique=False)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pseudonym", sa.String(length=36), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("pseudonym", sa.String()))
    bind = op.get_bind()
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(pseudonym=str(uuid.uuid4())))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("pseudonym", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_pseudonym"), ["pseudonym"])


def downgrade() -> None:
    """Drop ``users.pseudonym`` and ``result_signoffs``."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_pseudonym"), type_="unique")
        batch_op.drop_column("pseudonym")
    op.drop_index(op.f("ix_result_signoffs_session_id"), table_name="result_signoffs")
    op.drop_table("result_signoffs")
