"""Content belongs to a cohort: the cohort of each call (its scenario book) and of each KB proposal (its reviewers).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:30:00
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORIGIN = re.compile(r"origin: call-(\d+)/")
TABLES = ("call_sessions", "kb_articles")


def upgrade() -> None:
    """Add ``call_sessions.cohort_id`` and ``kb_articles.cohort_id`` and fill them from what is known.

    A call's cohort is its assignment's, else the trainee's first cohort; a proposal's is the cohort of
    the call it came from (its first revision notes the origin). A proposal nobody can place stays
    NULL: only admins review it.
    """
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("cohort_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{table}_cohort_id", ["cohort_id"], unique=False)
            batch_op.create_foreign_key(
                f"fk_{table}_cohort_id_cohorts", "cohorts", ["cohort_id"], ["id"], ondelete="SET NULL"
            )
    _fill()


def _fill() -> None:
    bind = op.get_bind()
    calls = sa.table(
        "call_sessions",
        sa.column("id", sa.Integer()),
        sa.column("trainee_id", sa.Integer()),
        sa.column("assignment_id", sa.Integer()),
        sa.column("cohort_id", sa.Integer()),
    )
    assignments = sa.table("assignments", sa.column("id", sa.Integer()), sa.column("cohort_id", sa.Integer()))
    members = sa.table("cohort_trainees", sa.column("cohort_id", sa.Integer()), sa.column("user_id", sa.Integer()))
    by_assignment = dict(bind.execute(sa.select(assignments.c.id, assignments.c.cohort_id)).all())
    first: dict[int, int] = {}
    for cohort_id, user_id in bind.execute(sa.select(members.c.cohort_id, members.c.user_id)).all():
        first[user_id] = min(cohort_id, first.get(user_id, cohort_id))
    cohort_of: dict[int, int] = {}
    for call_id, trainee_id, assignment_id in bind.execute(
        sa.select(calls.c.id, calls.c.trainee_id, calls.c.assignment_id)
    ).all():
        cohort = by_assignment.get(assignment_id) if assignment_id is not None else None
        cohort = cohort if cohort is not None else first.get(trainee_id)
        if cohort is not None:
            cohort_of[call_id] = cohort
            bind.execute(calls.update().where(calls.c.id == call_id).values(cohort_id=cohort))
    articles = sa.table("kb_articles", sa.column("id", sa.Integer()), sa.column("cohort_id", sa.Integer()))
    revisions = sa.table(
        "kb_revisions",
        sa.column("article_pk", sa.Integer()),
        sa.column("number", sa.Integer()),
        sa.column("note", sa.String()),
    )
    query = sa.select(revisions.c.article_pk, revisions.c.note).where(revisions.c.number == 1)
    for article_pk, note in bind.execute(query).all():
        found = ORIGIN.search(note or "")
        cohort = cohort_of.get(int(found.group(1))) if found else None
        if cohort is not None:
            bind.execute(articles.update().where(articles.c.id == article_pk).values(cohort_id=cohort))


def downgrade() -> None:
    """Drop both columns."""
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_cohort_id_cohorts", type_="foreignkey")
            batch_op.drop_index(f"ix_{table}_cohort_id")
            batch_op.drop_column("cohort_id")
