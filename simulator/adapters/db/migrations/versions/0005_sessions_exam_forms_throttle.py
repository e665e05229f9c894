"""Session tokens, exam forms and attempts, and a login throttle keyed on account and on address.

``users.session_token`` ends every login cookie of an account when it changes (logout, password
change). ``assignments`` get their seed (the form), whether each trainee gets a form of their own,
and a number of attempts; ``call_sessions.attempt`` numbers a trainee's calls per assignment and is
unique, so two starts at once cannot both take the last attempt. ``login_throttle`` replaces
``login_failures``: one counter per key, changed by atomic updates.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:10:00
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_SEED = 2**31 - 1


def upgrade() -> None:
    """Add the columns, fill them for existing rows, and swap the failure log for the throttle table."""
    bind = op.get_bind()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=32), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_token", sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(session_token=secrets.token_hex(16)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=32), nullable=False)

    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seed", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("seed_per_trainee", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("max_attempts", sa.Integer(), nullable=True))
    assignments = sa.table(
        "assignments",
        sa.column("id", sa.Integer()),
        sa.column("mode", sa.String()),
        sa.column("seed", sa.Integer()),
        sa.column("max_attempts", sa.Integer()),
    )
    for assignment_id, mode in bind.execute(sa.select(assignments.c.id, assignments.c.mode)).all():
        values = {"seed": secrets.randbelow(MAX_SEED + 1), "max_attempts": 1 if mode == "exam" else None}
        bind.execute(assignments.update().where(assignments.c.id == assignment_id).values(**values))
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.alter_column("seed", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("seed_per_trainee", existing_type=sa.Boolean(), server_default=None)

    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempt", sa.Integer(), nullable=True))
    _number_attempts(bind)
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_call_sessions_assignment_id_trainee_id_attempt"), ["assignment_id", "trainee_id", "attempt"]
        )

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failures_key")
    op.drop_table("login_failures")


def _number_attempts(bind: sa.Connection) -> None:
    """Number each trainee's existing calls of an assignment 1, 2, … in the order they started."""
    calls = sa.table(
        "call_sessions",
        sa.column("id", sa.Integer()),
        sa.column("trainee_id", sa.Integer()),
        sa.column("assignment_id", sa.Integer()),
        sa.column("started_at", sa.DateTime()),
        sa.column("attempt", sa.Integer()),
    )
    query = (
        sa.select(calls.c.id, calls.c.trainee_id, calls.c.assignment_id)
        .where(calls.c.assignment_id.is_not(None))
        .order_by(calls.c.started_at, calls.c.id)
    )
    seen: dict[tuple[int, int], int] = {}
    for call_id, trainee_id, assignment_id in bind.execute(query).all():
        number = seen[(assignment_id, trainee_id)] = seen.get((assignment_id, trainee_id), 0) + 1
        bind.execute(calls.update().where(calls.c.id == call_id).values(attempt=number))


def downgrade() -> None:
    """Drop the new columns and the throttle table; bring back the (empty) failure log."""
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=254), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index("ix_login_failures_key", ["username", "remote_addr", "at"], unique=False)
    op.drop_table("login_throttle")
    with op.batch_alter_table("call_sessions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_call_sessions_assignment_id_trainee_id_attempt"), type_="unique")
        batch_op.drop_column("attempt")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("max_attempts")
        batch_op.drop_column("seed_per_trainee")
        batch_op.drop_column("seed")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
