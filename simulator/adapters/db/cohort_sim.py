"""Store a synthetic cohort: simulated trainees and their ended, assessed calls, as real calls are stored.

The accounts get a random password nobody knows (they exist to be analysed, not to log in); the
demo instructor, if there is one, is added to the cohort so the item analysis shows on a fresh install.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import CallSession, Cohort, Mode, Role, SessionStatus, User
from simulator.scripts.cohort import SimulatedCall

DEMO_INSTRUCTOR = "instructeur@demo.local"


def store_cohort(db: Session, name: str, calls: Iterable[SimulatedCall]) -> tuple[Cohort, int]:
    """Store the calls under a cohort called ``name`` (made if missing); return it and the number of calls."""
    cohort = db.scalar(select(Cohort).where(Cohort.name == name))
    if cohort is None:
        cohort = Cohort(name=name, description="Gesimuleerde cursisten voor de itemanalyse.")
        db.add(cohort)
        db.flush()
    instructor = db.scalar(select(User).where(User.email == DEMO_INSTRUCTOR))
    if instructor is not None and instructor not in cohort.instructors:
        cohort.instructors.append(instructor)
    slug = "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-")
    trainees: dict[int, User] = {}
    stored = 0
    for call in calls:
        trainee = trainees.get(call.trainee) or _trainee(db, cohort, slug, call)
        trainees[call.trainee] = trainee
        now = utcnow()
        db.add(
            CallSession(
                trainee=trainee,
                cohort_id=cohort.id,
                exercise_id=call.exercise,
                seed=call.seed,
                form=call.form,
                mode=Mode.PRACTICE,
                status=SessionStatus.ENDED,
                steps=[],
                events=call.report["events"],
                report=call.report,
                started_at=now,
                ended_at=now,
                last_activity_at=now,
            )
        )
        stored += 1
    db.commit()
    return cohort, stored


def _trainee(db: Session, cohort: Cohort, slug: str, call: SimulatedCall) -> User:
    email = f"{slug}-{call.trainee + 1:02d}@simulatie.local"
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(
            email=email,
            display_name=f"Gesimuleerd {call.trainee + 1:02d} (vaardigheid {call.skill:.2f})",
            role=Role.TRAINEE,
            locale="nl",
        )
        user.set_password(secrets.token_urlsafe(24))
        db.add(user)
    if user not in cohort.trainees:
        cohort.trainees.append(user)
    return user
