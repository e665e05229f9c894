"""The demo cohort and accounts: created once, never duplicated, passwords left alone."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from simulator.adapters.db import make_engine
from simulator.adapters.db.demo import DEMO_COHORT, DEMO_LOGINS, seed_demo
from simulator.adapters.db.models import Assignment, Cohort, Role, User

EXERCISES = ["printer-offline-angry-nl", "slow-laptop-novice-nl"]


def test_seeding_twice_gives_one_cohort_and_keeps_changed_passwords(lane_database_url: str) -> None:
    engine = make_engine(lane_database_url)
    try:
        with Session(engine) as db:
            seed_demo(db, EXERCISES)
            admin = db.scalars(select(User).where(User.email == "admin@demo.local")).one()
            admin.set_password("nieuw-geheim-wachtwoord")
            db.commit()
        with Session(engine) as db:
            cohort = seed_demo(db, [*EXERCISES, "shift-morning-queue-nl"])
            assert db.scalar(select(func.count()).select_from(User)) == len(DEMO_LOGINS)
            assert db.scalars(select(Cohort.name)).all() == [DEMO_COHORT]
            assert sorted(db.scalars(select(Assignment.exercise_id))) == sorted([*EXERCISES, "shift-morning-queue-nl"])
            assert [u.email for u in cohort.instructors] == ["instructeur@demo.local"]
            assert sorted(u.email for u in cohort.trainees) == ["cursist1@demo.local", "cursist2@demo.local"]
            accounts = {u.email: u for u in db.scalars(select(User))}
            assert accounts["admin@demo.local"].check_password("nieuw-geheim-wachtwoord")
            assert accounts["cursist1@demo.local"].check_password("demo-cursist")
            assert accounts["admin@demo.local"].role is Role.ADMIN
    finally:
        engine.dispose()
