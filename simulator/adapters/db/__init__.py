"""Persistence of accounts, cohorts, assignments and calls in SQLite or PostgreSQL (SQLAlchemy 2).

``make_engine(url)`` opens a database, ``upgrade(url)`` brings its schema to the newest migration,
``simulator.adapters.db.models`` holds the typed declarative models.
"""

from simulator.adapters.db.base import Base
from simulator.adapters.db.engine import database_url, make_engine, make_sessionmaker
from simulator.adapters.db.migrate import current_revision, head_revision, upgrade

__all__ = [
    "Base",
    "current_revision",
    "database_url",
    "head_revision",
    "make_engine",
    "make_sessionmaker",
    "upgrade",
]
