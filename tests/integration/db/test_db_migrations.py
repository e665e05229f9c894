"""Migrations build the schema the models describe, on SQLite and PostgreSQL, and keep data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

import simulator.adapters.db.models  # noqa: F401  (registers the tables)
from simulator.adapters.db import Base, current_revision, head_revision, make_engine, upgrade
from simulator.adapters.db.models import Role, User
from simulator.cli.main import main

EXPECTED_TABLES = {
    "users",
    "api_tokens",
    "login_throttle",
    "cohorts",
    "cohort_instructors",
    "cohort_trainees",
    "assignments",
    "call_sessions",
    "verdict_overrides",
    "result_signoffs",
}


def test_upgrade_builds_every_table_on_an_empty_database(blank_database_url: str) -> None:
    assert current_revision(blank_database_url) is None
    assert upgrade(blank_database_url) == head_revision()
    engine = make_engine(blank_database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert EXPECTED_TABLES <= tables
    assert "alembic_version" in tables


def test_migrated_schema_matches_the_models(lane_database_url: str) -> None:
    engine = make_engine(lane_database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == [], "models and migrations disagree; add a revision (eerstelijn db revision)"


def test_db_upgrade_command_twice_keeps_the_data(blank_database_url: str, capsys) -> None:
    assert main(["db", "--url", blank_database_url, "upgrade"]) == 0
    engine = make_engine(blank_database_url)
    try:
        with Session(engine) as db:
            user = User(email="blijft@example.org", display_name="Blijft", role=Role.TRAINEE)
            user.set_password("een-lang-wachtwoord")
            db.add(user)
            db.commit()
        assert main(["db", "--url", blank_database_url, "upgrade"]) == 0
        with Session(engine) as db:
            assert db.scalars(select(User.email)).all() == ["blijft@example.org"]
    finally:
        engine.dispose()
    assert main(["db", "--url", blank_database_url, "current"]) == 0
    out = capsys.readouterr().out
    assert f"versie: {head_revision()} (nieuwste: {head_revision()})" in out


def test_db_command_reports_an_unreachable_database_without_traceback(tmp_path, capsys) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert main(["db", "--url", url, "current"]) == 2
    err = capsys.readouterr().err
    assert "databank onbereikbaar" in err
    assert "Traceback" not in err


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_upgrading_to_sign_offs_gives_every_existing_account_its_own_pseudonym(blank_database_url: str) -> None:
    url = blank_database_url
    assert upgrade(url, "0006") == "0006"  # the accounts exist before the sign-off migration (0007)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for n in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO users (email, display_name, password_hash, role, locale, active, created_at, "
                        "session_token) "
                        "VALUES (:email, :name, 'x', 'trainee', 'nl', :active, CURRENT_TIMESTAMP, :token)"
                    ),
                    {"email": f"oud{n}@example.org", "name": f"Oud {n}", "active": True, "token": f"{n:032d}"},
                )
        assert upgrade(url) == head_revision()
        with engine.connect() as connection:
            pseudonyms = connection.execute(text("SELECT pseudonym FROM users")).scalars().all()
            assert "result_signoffs" in inspect(connection).get_table_names()
    finally:
        engine.dispose()
    assert len(set(pseudonyms)) == 2 and all(len(p) == 36 for p in pseudonyms)
