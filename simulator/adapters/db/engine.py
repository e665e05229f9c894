"""Open the database: an embedded SQLite file by default, PostgreSQL when ``DATABASE_URL`` says so.

SQLite runs in WAL mode with foreign keys on, so several web workers can read while one writes and
the schema's ``ON DELETE`` rules hold. PostgreSQL URLs are normalised to the psycopg 3 driver.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from simulator.content.private import make_private

DEFAULT_FILE = "eerstelijn.sqlite3"


def default_sqlite_path() -> Path:
    """Return the SQLite file: under ``EERSTELIJN_DATA`` if set, else ``instance/`` in the working folder."""
    data = os.environ.get("EERSTELIJN_DATA")
    folder = Path(data) if data else Path.cwd() / "instance"
    return folder / DEFAULT_FILE


def database_url(url: str | None = None) -> str:
    """Return the URL to use: the one given, else ``DATABASE_URL``, else the default SQLite file."""
    chosen = url or os.environ.get("DATABASE_URL")
    if not chosen:
        return f"sqlite:///{default_sqlite_path()}"
    for prefix in ("postgres://", "postgresql://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (see :func:`database_url`); a SQLite file is created readable by its owner only."""
    resolved = make_url(database_url(url))
    if resolved.get_backend_name() == "sqlite":
        database = resolved.database
        if database and database != ":memory:" and not database.startswith("file:"):
            make_private(Path(database))  # SQLite gives its -wal and -shm files the same mode
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(resolved, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory every unit of work uses; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)
