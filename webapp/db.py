"""The database of the web app: one engine per app, one session per app context (i.e. per request).

Views call :func:`get_session`; the session is closed (and any uncommitted work rolled back) when
the app context ends, so a failing request never leaves a transaction open.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from simulator.adapters.db import make_engine, make_sessionmaker

_KEY = "eerstelijn.db"


@dataclass(frozen=True)
class Database:
    """The engine and session factory one app uses."""

    engine: Engine
    sessions: sessionmaker[Session]


def init_app(app: Flask) -> None:
    """Open the app's engine and close the request's session when its context ends."""
    engine = make_engine(app.config.get("DATABASE_URL"))
    app.extensions[_KEY] = Database(engine, make_sessionmaker(engine))
    app.teardown_appcontext(close_session)


def database(app: Flask | None = None) -> Database:
    """Return the engine and session factory of ``app`` (default: the current one)."""
    target = app or current_app
    found: Database = target.extensions[_KEY]
    return found


def get_session() -> Session:
    """Return this request's session, opening it on first use."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    """Close the request's session; uncommitted changes are rolled back."""
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()
