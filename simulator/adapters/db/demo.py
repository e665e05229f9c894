"""Demo accounts, a demo cohort and its assignments, so ``eerstelijn serve`` is usable at once.

Seeding is idempotent: running it again adds only what is missing and never resets a password a
person has changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, Cohort, Mode, Role, User

DEMO_COHORT = "Demo VDAB Gent"
#: Cohorts of simulated trainees (``eerstelijn cohort simulate``) are named so.
SIMULATED_PREFIX = "Gesimuleerde groep"


@dataclass(frozen=True)
class DemoLogin:
    """One demo account and its password, as printed for the person starting the demo."""

    email: str
    password: str
    display_name: str
    role: Role


DEMO_LOGINS = (
    DemoLogin("instructeur@demo.local", "demo-instructeur", "Ilse Instructeur", Role.INSTRUCTOR),
    DemoLogin("cursist1@demo.local", "demo-cursist", "Sam Cursist", Role.TRAINEE),
    DemoLogin("cursist2@demo.local", "demo-cursist", "Noor Cursist", Role.TRAINEE),
    DemoLogin("admin@demo.local", "demo-admin", "Alex Beheerder", Role.ADMIN),
)


def _account(db: Session, login: DemoLogin) -> User:
    user = db.scalar(select(User).where(User.email == login.email))
    if user is None:
        user = User(email=login.email, display_name=login.display_name, role=login.role, locale="nl")
        user.set_password(login.password)
        db.add(user)
    return user


def seed_demo(db: Session, exercise_ids: Iterable[str]) -> Cohort:
    """Create the demo accounts, the demo cohort and one practice assignment per exercise."""
    users = {login.email: _account(db, login) for login in DEMO_LOGINS}
    cohort = db.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT))
    if cohort is None:
        cohort = Cohort(name=DEMO_COHORT, description="Demogroep om eerstelijn te verkennen.")
        db.add(cohort)
    for login in DEMO_LOGINS:
        members = cohort.instructors if login.role is Role.INSTRUCTOR else cohort.trainees
        if login.role is not Role.ADMIN and users[login.email] not in members:
            members.append(users[login.email])
    instructor = users[DEMO_LOGINS[0].email]
    for simulated in db.scalars(select(Cohort).where(Cohort.name.startswith(SIMULATED_PREFIX))):
        if instructor not in simulated.instructors:  # the item analysis of `eerstelijn cohort simulate`
            simulated.instructors.append(instructor)
    assigned = {a.exercise_id for a in cohort.assignments}
    deadline = utcnow().replace(hour=16, minute=0, second=0, microsecond=0) + timedelta(days=14)
    for exercise_id in exercise_ids:
        if exercise_id not in assigned:
            cohort.assignments.append(Assignment(exercise_id=exercise_id, mode=Mode.PRACTICE, deadline=deadline))
    db.commit()
    return cohort
