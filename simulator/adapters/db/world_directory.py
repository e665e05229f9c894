"""The CRM directory of a scope in the database: people and their assets, saved and loaded back.

Contact moments are authored per exercise and re-seeded by the world; earlier tickets live with the
other tickets (see :meth:`WorldRepository.save_earlier`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from simulator.adapters.db.models.crm import AssetRecord, PersonRecord
from simulator.world.crm import Asset, Directory, Person


def save_directory(sessions: sessionmaker[Session], scope: str, directory: Directory) -> int:
    """Store the people and assets of a scope (replacing what was there); return the people count."""
    with sessions.begin() as db:
        for old in db.scalars(select(AssetRecord).where(AssetRecord.scope == scope)):
            db.delete(old)
        for old_person in db.scalars(select(PersonRecord).where(PersonRecord.scope == scope)):
            db.delete(old_person)
        db.flush()
        rows: dict[str, PersonRecord] = {}
        for p in directory.people.values():
            rows[p.id] = PersonRecord(
                scope=scope, person_id=p.id, first_name=p.first_name, last_name=p.last_name, email=p.email,
                phone=p.phone, employee_number=p.employee_number, organisation=p.organisation,
                department=p.department, role=p.role, is_caller=p.is_caller,
            )  # fmt: skip
            db.add(rows[p.id])
        db.flush()  # people first: assets keep their order by id
        for a in directory.assets:
            db.add(AssetRecord(scope=scope, tag=a.tag, kind=a.kind, model=a.model, hostname=a.hostname,
                               location=a.location, owner=rows.get(a.owner or "")))  # fmt: skip
    return len(directory.people)


def load_directory(sessions: sessionmaker[Session], scope: str) -> Directory | None:
    """Return the scope's stored directory in the order it was saved, or None when there is none."""
    with sessions() as db:
        people = db.scalars(select(PersonRecord).where(PersonRecord.scope == scope).order_by(PersonRecord.id)).all()
        if not people:
            return None
        assets = db.scalars(
            select(AssetRecord).where(AssetRecord.scope == scope).order_by(AssetRecord.id)
            .options(selectinload(AssetRecord.owner))
        ).all()  # fmt: skip
        found = [
            Person(p.person_id, p.first_name, p.last_name, p.email, p.phone, p.employee_number, p.organisation,
                   p.department, p.role, is_caller=p.is_caller)
            for p in people
        ]  # fmt: skip
        caller = next((p for p in found if p.is_caller), found[0])
        directory = Directory(caller.organisation, {p.id: p for p in found})
        directory.assets = [
            Asset(a.tag, a.kind, a.model, a.owner.person_id if a.owner else None, a.hostname, a.location)
            for a in assets
        ]
        return directory


def find_people(sessions: sessionmaker[Session], scope: str, text: str) -> list[dict[str, Any]]:
    """Find people in a scope by (part of) their name or e-mail, with their asset tags."""
    like = f"%{text.lower()}%"
    with sessions() as db:
        rows = db.scalars(
            select(PersonRecord).where(PersonRecord.scope == scope).where(
                func.lower(PersonRecord.first_name + " " + PersonRecord.last_name).like(like)
                | func.lower(PersonRecord.email).like(like)
            ).options(selectinload(PersonRecord.assets))
        )  # fmt: skip
        return [{"person_id": r.person_id, "name": f"{r.first_name} {r.last_name}", "email": r.email,
                 "assets": sorted(a.tag for a in r.assets)} for r in rows]  # fmt: skip
