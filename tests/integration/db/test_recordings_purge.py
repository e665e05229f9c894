"""Recordings leave with their retention period, on SQLite and PostgreSQL: rows and files together."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from simulator.adapters.db import make_engine
from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import CallSession, Cohort, DbRecordingStore, RecordingRecord, Role, User
from simulator.voice.ports import Final, Word
from webapp.voice import recording

_numbers = count(1)


@pytest.fixture
def engine(lane_database_url: str) -> Iterator[Engine]:
    engine = make_engine(lane_database_url)
    yield engine
    engine.dispose()


def make_trainee(db: Session, **cohort: Any) -> User:
    """Store a trainee, in a cohort with the given recording settings when any are given."""
    n = next(_numbers)
    user = User(email=f"c{n}@example.org", display_name=f"Cursist {n}", role=Role.TRAINEE, password_hash="x")
    db.add(user)
    if cohort:
        db.add(Cohort(name=f"Groep {n}", trainees=[user], **cohort))
    db.flush()
    return user


def make_recording(db: Session, root: Path, trainee: User, age_days: float) -> RecordingRecord:
    """Store a call of ``trainee`` with one recorded utterance made ``age_days`` ago."""
    call = CallSession(trainee=trainee, exercise_id="printer-offline-angry-nl", seed=1)
    db.add(call)
    db.commit()
    final = Final("goeiemorgen", (Word("goeiemorgen", 0.1, 0.6),))
    row = recording.store(db, root, call, f"u{next(_numbers)}", b"\x01\x00" * 16000, final)
    row.created_at = utcnow() - timedelta(days=age_days)
    row.event_index = 3
    db.commit()
    return row


def test_purge_deletes_what_is_past_the_cohort_retention_and_keeps_the_rest(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as db:
        week = make_trainee(db, record_audio=True, audio_retention_days=7)
        month = make_trainee(db, record_audio=True, audio_retention_days=30)
        old_week = make_recording(db, tmp_path, week, age_days=8)
        new_week = make_recording(db, tmp_path, week, age_days=6)
        old_for_week_young_for_month = make_recording(db, tmp_path, month, age_days=8)
        ids = [r.id for r in (old_week, new_week, old_for_week_young_for_month)]
        files = [tmp_path / r.path for r in (old_week, new_week, old_for_week_young_for_month)]
        assert all(f.is_file() for f in files)
        assert recording.purge(db, tmp_path, utcnow()) == 1
        left = set(db.scalars(select(RecordingRecord.id)))
    assert left == set(ids[1:])
    assert not files[0].exists() and files[1].is_file() and files[2].is_file()


def test_switching_recording_off_purges_everything_of_that_cohort(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as db:
        trainee = make_trainee(db, record_audio=True, audio_retention_days=30)
        file = tmp_path / make_recording(db, tmp_path, trainee, age_days=0).path
        db.scalars(select(Cohort)).one().record_audio = False
        db.commit()
        assert recording.purge(db, tmp_path, utcnow()) == 1
        assert db.scalars(select(RecordingRecord)).all() == []
    assert not file.exists()


def test_a_self_study_learner_without_a_cohort_is_never_recorded(engine: Engine) -> None:
    with Session(engine) as db:
        learner = make_trainee(db)
        call = CallSession(trainee=learner, exercise_id="printer-offline-angry-nl", seed=1)
        db.add(call)
        db.commit()
        assert recording.policy_for(db, call).enabled is False


def test_the_store_offers_the_core_protocol(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as db:
        trainee = make_trainee(db, record_audio=True)
        row = make_recording(db, tmp_path, trainee, age_days=2)
        store = DbRecordingStore(db, tmp_path)
        [found] = store.recordings()
        assert (found.session_id, found.utterance, found.key) == (str(row.session_id), 3, str(row.id))
        assert found.duration_s == pytest.approx(1.0) and found.created_at.tzinfo is not None
        store.delete(found)
        db.commit()
        assert store.recordings() == []


def test_the_purge_command_deletes_expired_recordings(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    try:
        with Session(engine) as db:
            trainee = make_trainee(db, record_audio=True, audio_retention_days=1)
            file = tmp_path / make_recording(db, tmp_path, trainee, age_days=3).path
    finally:
        engine.dispose()
    env = {"DATABASE_URL": database_url, "EERSTELIJN_ENV": "testing", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "recordings", "purge", "--folder", str(tmp_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 verlopen opname(s) verwijderd" in done.stdout
    assert not file.exists()
