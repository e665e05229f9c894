"""Migration 0002 adds the world tables to a database at 0001 and keeps every existing row."""

from __future__ import annotations

from sqlalchemy import inspect, text

from simulator.adapters.db import head_revision, make_engine, upgrade

USER = (
    "INSERT INTO users (email, display_name, password_hash, role, locale, active, created_at) "
    "VALUES ('sam@example.org', 'Sam', 'x', 'trainee', 'nl', true, '2026-03-01 10:00:00')"
)
WORLD_TABLES = {"world_tickets", "world_ticket_history", "kb_articles", "kb_revisions", "crm_people", "crm_assets"}


def test_upgrading_from_0001_keeps_every_row(blank_database_url: str) -> None:
    assert upgrade(blank_database_url, "0001") == "0001"
    engine = make_engine(blank_database_url)
    try:
        with engine.begin() as db:
            db.execute(text("INSERT INTO cohorts (name, description, record_audio, audio_retention_days, created_at)"
                            " VALUES ('Avond 2026', 'x', false, 30, '2026-03-01 10:00:00')"))  # fmt: skip
            db.execute(text(USER))
        before = _counts(engine, ["cohorts", "users"])
        assert upgrade(blank_database_url) == head_revision()
        assert _counts(engine, ["cohorts", "users"]) == before == {"cohorts": 1, "users": 1}
        assert WORLD_TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _counts(engine, tables: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as db:
        return {t: db.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables}
