"""Fixtures every test layer may use: fresh databases on SQLite and PostgreSQL.

``database_url`` is the default lane: ``DATABASE_URL`` when set (CI runs the suite once with it
pointing at PostgreSQL), else a SQLite file. ``lane_database_url`` runs a test on both lanes.
Each test gets an empty, fully migrated database; ``blank_database_url`` gives one never migrated.
PostgreSQL tests run in a schema of their own inside the ``test`` database, so several test runs
can share the server; where the server is unreachable they skip and say why.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from simulator.adapters.db import make_engine, upgrade

POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LANES = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


def postgres_server_url() -> str:
    """Return the PostgreSQL server to test against: DATABASE_URL if it is one, else the local one."""
    env = os.environ.get("DATABASE_URL", "")
    if env.startswith(("postgresql", "postgres://")):
        return env.replace("postgres://", "postgresql+psycopg://", 1).replace(
            "postgresql://", "postgresql+psycopg://", 1
        )
    return POSTGRES_DEFAULT


def default_lane() -> str:
    """Return the lane ``database_url`` uses: postgresql when DATABASE_URL names it, else sqlite."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def in_schema(server_url: str, schema: str) -> str:
    """Return a URL whose connections work inside ``schema`` (via the search_path option)."""
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


class PostgresSchemas:
    """Create and drop throw-away schemas on the test server."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.engine = make_engine(server_url, connect_args={"connect_timeout": 3})
        self.reason: str | None = None
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:  # any driver or network error means: skip, and say why
            where = make_url(server_url).render_as_string(hide_password=True)
            self.reason = f"PostgreSQL not reachable at {where}: {exc}".splitlines()[0]

    def create(self) -> str:
        """Create a fresh schema and return a URL that uses it."""
        if self.reason:
            pytest.skip(self.reason)
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        return in_schema(self.server_url, schema)

    def drop(self, url: str) -> None:
        """Drop the schema behind ``url``."""
        schema = make_url(url).query["options"].split("=", 1)[1]
        with self.engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    """The PostgreSQL server, checked once per run."""
    schemas = PostgresSchemas(postgres_server_url())
    yield schemas
    schemas.engine.dispose()


class MigratedDatabases:
    """Migrate once per lane and hand out empty copies: a file copy on SQLite, truncation on PostgreSQL."""

    def __init__(self, folder: Path, schemas: PostgresSchemas) -> None:
        self.folder = folder
        self.schemas = schemas
        self.sqlite_template: Path | None = None
        self.postgres_url: str | None = None

    def fresh(self, lane: str, target: Path) -> str:
        """Return the URL of an empty, migrated database on ``lane``."""
        if lane == "sqlite":
            if self.sqlite_template is None:
                template = self.folder / "template.sqlite3"
                upgrade(f"sqlite:///{template}")
                self.sqlite_template = template
            shutil.copyfile(self.sqlite_template, target)
            return f"sqlite:///{target}"
        if self.postgres_url is None:
            url = self.schemas.create()
            upgrade(url)
            self.postgres_url = url
        truncate_all(self.postgres_url)
        return self.postgres_url

    def close(self) -> None:
        """Drop the PostgreSQL schema this run used."""
        if self.postgres_url is not None:
            self.schemas.drop(self.postgres_url)


def truncate_all(url: str) -> None:
    """Empty every table except Alembic's, restarting identities (fails fast if a test left a lock)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
            connection.execute(text("SET LOCAL lock_timeout = '5s'"))
            if tables:
                quoted = ", ".join(f'"{t}"' for t in tables)
                connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_databases(
    tmp_path_factory: pytest.TempPathFactory, postgres_schemas: PostgresSchemas
) -> Iterator[MigratedDatabases]:
    """The per-run source of fresh migrated databases."""
    databases = MigratedDatabases(tmp_path_factory.mktemp("db-template"), postgres_schemas)
    yield databases
    databases.close()


@pytest.fixture
def database_url(migrated_databases: MigratedDatabases, tmp_path: Path) -> str:
    """An empty, migrated database on the default lane (DATABASE_URL, else SQLite)."""
    return migrated_databases.fresh(default_lane(), tmp_path / "eerstelijn.sqlite3")


@pytest.fixture(params=LANES)
def lane_database_url(request: pytest.FixtureRequest, migrated_databases: MigratedDatabases, tmp_path: Path) -> str:
    """An empty, migrated database, once on SQLite and once on PostgreSQL."""
    return migrated_databases.fresh(request.param, tmp_path / "eerstelijn.sqlite3")


@pytest.fixture(params=LANES)
def blank_database_url(
    request: pytest.FixtureRequest, postgres_schemas: PostgresSchemas, tmp_path: Path
) -> Iterator[str]:
    """An empty database that was never migrated, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.sqlite3'}"
        return
    url = postgres_schemas.create()
    yield url
    postgres_schemas.drop(url)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Redis server of this test alone (so the test may stop it), on a free local port: (URL, process)."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server): this test stops its own server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)], stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    from simulator.adapters.voice.asr_queue import connect
    from simulator.voice.ports import VoiceUnavailable

    for _ in range(100):
        try:
            connect(url)
            break
        except VoiceUnavailable:
            time.sleep(0.05)
    yield url, server
    if server.poll() is None:
        server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
