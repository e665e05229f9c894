"""Alembic environment: migrate the engine handed in by :mod:`simulator.adapters.db.migrate`."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

import simulator.adapters.db.models  # noqa: F401  (registers every table on Base.metadata)
from simulator.adapters.db.base import Base, UtcDateTime
from simulator.adapters.db.engine import make_engine

config = context.config


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render our UTC type as a plain DateTime so migrations never import the models."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime()"
    return False


engine = config.attributes.get("engine") or make_engine()

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite's batch mode copies a table, drops it and renames the copy: with foreign keys on,
        # that drop would cascade to every child row (dropping ``users`` deletes every call, a ticket's
        # history, a call's overrides). Off for the whole migration, set outside a transaction.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
