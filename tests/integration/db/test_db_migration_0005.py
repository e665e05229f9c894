"""Migration 0005 gives existing accounts a session token and existing exams a form and one attempt."""

from __future__ import annotations

from sqlalchemy import text

from simulator.adapters.db import head_revision, make_engine, upgrade

NOW = "'2026-03-01 10:00:00'"


def test_upgrading_from_0004_fills_tokens_forms_attempts_and_keeps_every_call(blank_database_url: str) -> None:
    assert upgrade(blank_database_url, "0004") == "0004"
    engine = make_engine(blank_database_url)
    try:
        with engine.begin() as db:
            for email in ("a@example.org", "b@example.org"):
                db.execute(text("INSERT INTO users (email, display_name, password_hash, role, locale, active, "
                                f"created_at) VALUES ('{email}', 'X', 'x', 'trainee', 'nl', true, {NOW})"))  # fmt: skip
            db.execute(text(f"INSERT INTO cohorts (name, description, record_audio, audio_retention_days, created_at)"
                            f" VALUES ('Avond', '', false, 30, {NOW})"))  # fmt: skip
            for mode in ("exam", "practice"):
                db.execute(text("INSERT INTO assignments (cohort_id, exercise_id, mode, created_at) "
                                f"VALUES (1, 'printer-offline-angry-nl', '{mode}', {NOW})"))  # fmt: skip
            for minute in (3, 1, 2):
                db.execute(text("INSERT INTO call_sessions (trainee_id, exercise_id, seed, mode, assignment_id, "
                                "status, steps, events, started_at, last_activity_at, version_id) VALUES "
                                "(1, 'printer-offline-angry-nl', 0, 'exam', 1, 'ended', '[]', '[]', "
                                f"'2026-03-01 10:0{minute}:00', {NOW}, 1)"))  # fmt: skip
        assert upgrade(blank_database_url) == head_revision()
        with engine.connect() as db:
            tokens = db.execute(text("SELECT session_token FROM users ORDER BY id")).scalars().all()
            forms = db.execute(text("SELECT mode, seed, max_attempts FROM assignments ORDER BY id")).all()
            attempts = db.execute(text("SELECT attempt FROM call_sessions ORDER BY started_at")).scalars().all()
    finally:
        engine.dispose()
    assert len(set(tokens)) == 2 and all(len(t) == 32 for t in tokens)
    assert [(mode, limit) for mode, _seed, limit in forms] == [("exam", 1), ("practice", None)]
    assert all(0 <= seed < 2**31 for _mode, seed, _limit in forms)
    assert attempts == [1, 2, 3]
