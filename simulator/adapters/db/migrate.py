"""Run the Alembic migrations without an ``alembic.ini``: the script location is this package.

That way an installed wheel can upgrade a database (``eerstelijn db upgrade``) and tests can
migrate a fresh database to the newest schema the same way production does.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from simulator.adapters.db.engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """Build the Alembic configuration, handing it the engine to migrate when one is given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(url: str | None = None, revision: str = "head") -> str | None:
    """Migrate the database at ``url`` to ``revision`` (default: the newest) and return where it is now."""
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), revision)
        return _current(engine)
    finally:
        engine.dispose()


def current_revision(url: str | None = None) -> str | None:
    """Return the revision the database at ``url`` is at, or None when it was never migrated."""
    engine = make_engine(url)
    try:
        return _current(engine)
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """Return the newest revision the shipped migrations know."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
