"""Migration 0006 gives calls and knowledge-base proposals their cohort, filled from what is known, and loses no row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from alembic import command
from sqlalchemy import Connection, inspect, text

from simulator.adapters.db import make_engine, upgrade
from simulator.adapters.db.migrate import alembic_config

NOW = datetime(2026, 3, 1, 10, 0)


def insert(db: Connection, table: str, **values: Any) -> None:
    """Insert one row with bound values (the models are newer than the schema at 0005)."""
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    db.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def test_upgrading_from_0005_places_calls_and_proposals_in_their_cohort(blank_database_url: str) -> None:
    assert upgrade(blank_database_url, "0005") == "0005"
    engine = make_engine(blank_database_url)
    try:
        with engine.begin() as db:
            for uid in (1, 2, 3):
                insert(db, "users", id=uid, email=f"u{uid}@example.org", display_name=f"U{uid}", password_hash="x",
                       role="trainee", locale="nl", active=True, created_at=NOW,
                       session_token=f"{uid:032d}")  # fmt: skip
            for cid in (10, 20):
                insert(db, "cohorts", id=cid, name=f"Klas {cid}", description="", record_audio=False,
                       audio_retention_days=30, created_at=NOW)  # fmt: skip
            for cid, uid in ((20, 1), (10, 1), (20, 2)):
                insert(db, "cohort_trainees", cohort_id=cid, user_id=uid)
            insert(db, "assignments", id=5, cohort_id=20, exercise_id="x", mode="practice", created_at=NOW, seed=7,
                   seed_per_trainee=False)  # fmt: skip
            for call_id, trainee, assignment in ((100, 1, None), (101, 1, 5), (102, 3, None)):
                insert(db, "call_sessions", id=call_id, trainee_id=trainee, exercise_id="x", seed=0, mode="practice",
                       assignment_id=assignment, attempt=1 if assignment else None, status="ended", steps="[]",
                       events="[]", started_at=NOW, last_activity_at=NOW, version_id=1)  # fmt: skip
            for pk, article, origin in ((1, "KB-0901", "origin: call-101/KB-0051"), (2, "KB-0902", "")):
                insert(db, "kb_articles", id=pk, article_id=article, language="nl", audience="end_user",
                       status="review", category="other", revision=1, views=0, shares=0, proposed_by="Sam",
                       updated_at=NOW, version_id=1)  # fmt: skip
                insert(db, "kb_revisions", article_pk=pk, number=1, title="t", tags="", symptoms="s", cause="",
                       solution="o", author="Sam", note=origin, created_at=NOW)  # fmt: skip
        assert upgrade(blank_database_url, "0006") == "0006"
        with engine.connect() as db:
            cohorts = dict(db.execute(text("SELECT id, cohort_id FROM call_sessions")).all())
            proposals = dict(db.execute(text("SELECT article_id, cohort_id FROM kb_articles")).all())
            revisions = db.execute(text("SELECT COUNT(*) FROM kb_revisions")).scalar_one()
        assert cohorts == {100: 10, 101: 20, 102: None}  # the trainee's first cohort, the assignment's, none
        assert proposals == {"KB-0901": 20, "KB-0902": None}  # the cohort of the call it came from
        assert revisions == 2  # SQLite rebuilt the tables: their children are all still there
        command.downgrade(alembic_config(engine), "0005")
        columns = {c["name"] for c in inspect(engine).get_columns("call_sessions")}
        assert "cohort_id" not in columns and "attempt" in columns  # back to 0005, not further
    finally:
        engine.dispose()
