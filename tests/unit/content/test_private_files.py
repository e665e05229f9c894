"""Files with trainees' data are written readable by the server's account only (0600)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from simulator.adapters.db import make_engine
from simulator.scripts.sessions import load_session, save_session


@pytest.fixture(autouse=True)
def permissive_umask():
    """Write as a default umask (022) would, so a file that is not made private is 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_saved_session_is_0600(tmp_path: Path) -> None:
    report = {"exercise": "printer-offline-angry-nl", "transcript": [], "events": []}
    path = save_session(report, [("answer", {})], tmp_path / "sessions")
    assert mode(path) == 0o600
    loaded = load_session(path)
    assert {k: loaded[k] for k in report} == report  # plus its start time and pseudonymous learner
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    assert json.loads(path.read_text(encoding="utf-8"))["steps"] == [["answer", {}]]


def test_a_new_sqlite_database_and_its_wal_are_0600(tmp_path: Path) -> None:
    database = tmp_path / "data" / "eerstelijn.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x TEXT)"))
            connection.execute(text("INSERT INTO t VALUES ('a')"))
        files = sorted(database.parent.iterdir())
        assert database in files and len(files) >= 2  # the database and its write-ahead log
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        engine.dispose()


def test_an_existing_world_readable_database_is_made_private(tmp_path: Path) -> None:
    database = tmp_path / "eerstelijn.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o600
