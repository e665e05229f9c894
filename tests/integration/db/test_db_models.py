"""The models keep their promises on both databases: no lost updates, required reasons, UTC times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from simulator.adapters.db import make_engine
from simulator.adapters.db.models import CallSession, Role, SessionStatus, User, Verdict, VerdictOverride


@pytest.fixture
def engine(lane_database_url: str) -> Iterator[Engine]:
    engine = make_engine(lane_database_url)
    yield engine
    engine.dispose()


def make_user(db: Session, **overrides: Any) -> User:
    fields: dict[str, Any] = {"email": "cursist@example.org", "display_name": "Cursist", "role": Role.TRAINEE}
    fields.update(overrides)
    user = User(**fields)
    user.password_hash = "x"
    db.add(user)
    db.flush()
    return user


def make_call(db: Session, **overrides: Any) -> CallSession:
    fields: dict[str, Any] = {"exercise_id": "printer-offline-angry-nl", "seed": 7}
    fields.update(overrides)
    if "trainee" not in fields and "trainee_id" not in fields:
        fields["trainee"] = make_user(db)
    call = CallSession(**fields)
    db.add(call)
    db.commit()
    return call


def test_two_writers_on_one_call_the_second_gets_stale_data(engine: Engine) -> None:
    with Session(engine) as setup:
        call_id = make_call(setup).id
    with Session(engine) as first, Session(engine) as second:
        mine = first.get(CallSession, call_id)
        theirs = second.get(CallSession, call_id)
        assert mine is not None and theirs is not None
        mine.steps.append(["say", {"text": "Goeiemorgen"}])
        first.commit()
        theirs.steps.append(["say", {"text": "Hallo"}])
        with pytest.raises(StaleDataError):
            second.commit()
    with Session(engine) as check:
        stored = check.get(CallSession, call_id)
        assert stored is not None
        assert stored.steps == [["say", {"text": "Goeiemorgen"}]]
        assert stored.version_id == 2


def test_appending_to_events_is_saved(engine: Engine) -> None:
    with Session(engine) as db:
        call = make_call(db)
        call.events.append({"i": 0, "t": 0.0, "type": "ring", "data": {}})
        call.status = SessionStatus.ACTIVE
        db.commit()
        call_id = call.id
    with Session(engine) as db:
        stored = db.get(CallSession, call_id)
        assert stored is not None
        assert stored.events == [{"i": 0, "t": 0.0, "type": "ring", "data": {}}]
        assert stored.status is SessionStatus.ACTIVE


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_override_without_reason_is_refused_by_the_database(engine: Engine, reason: str) -> None:
    with Session(engine) as db:
        call = make_call(db)
        db.add(
            VerdictOverride(
                session=call,
                activity_id="6.1",
                automatic_verdict=Verdict.NOT_MET,
                verdict=Verdict.MET,
                reason=reason,
            )
        )
        with pytest.raises(IntegrityError):
            db.commit()


def test_times_come_back_in_utc_whatever_zone_went_in(engine: Engine) -> None:
    brussels_summer = timezone(timedelta(hours=2))
    started = datetime(2026, 6, 1, 10, 30, tzinfo=brussels_summer)
    with Session(engine) as db:
        call_id = make_call(db, started_at=started).id
    with Session(engine) as db:
        stored = db.get(CallSession, call_id)
        assert stored is not None
        assert stored.started_at == datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
        assert stored.started_at.tzinfo is UTC


def test_naive_times_are_refused(engine: Engine) -> None:
    with Session(engine) as db, pytest.raises(Exception, match="naive datetime"):
        make_call(db, started_at=datetime(2026, 6, 1, 10, 30))


def test_deleting_a_trainee_deletes_their_calls(engine: Engine) -> None:
    with Session(engine) as db:
        call = make_call(db)
        db.add(VerdictOverride(session=call, activity_id="6.1", automatic_verdict="not_met", verdict="met", reason="r"))
        db.commit()
        trainee_id = call.trainee_id
    with Session(engine) as db:
        db.execute(User.__table__.delete().where(User.id == trainee_id))
        db.commit()
        assert db.scalars(select(CallSession)).all() == []
        assert db.scalars(select(VerdictOverride)).all() == []


def test_passwords_are_stored_hashed(engine: Engine) -> None:
    with Session(engine) as db:
        user = make_user(db, email="a@example.org")
        user.set_password("correct-paard-batterij")
        db.commit()
        assert "correct-paard-batterij" not in user.password_hash
        assert user.check_password("correct-paard-batterij")
        assert not user.check_password("fout")
