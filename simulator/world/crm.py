"""Customer history: organisations, people, assets and contacts, generated from the exercise's seed.

The caller is the one :func:`simulator.conversation.caller.make_caller` made, so the CRM and the
voice on the phone agree; colleagues and assets come from Faker with the same seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from faker import Faker

from simulator.conversation.caller import LOCALES, Caller
from simulator.world.search import fold

ROLES = {
    "nl": ["Boekhouder", "Administratief medewerker", "Projectleider", "HR-adviseur", "Verkoper", "Teamleider"],
    "fr": ["Comptable", "Employé administratif", "Chef de projet", "Conseiller RH", "Commercial", "Chef d'équipe"],
    "en": ["Accountant", "Office administrator", "Project manager", "HR advisor", "Sales executive", "Team lead"],
}


@dataclass(frozen=True)
class Asset:
    """A device the CRM knows, with its tag and owner."""

    tag: str
    kind: str  # laptop, desktop, printer, phone, headset, dock
    model: str
    owner: str | None
    hostname: str | None = None
    location: str = ""


@dataclass(frozen=True)
class Person:
    """Someone the service desk serves."""

    id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    employee_number: str
    organisation: str
    department: str
    role: str
    is_caller: bool = False

    @property
    def full_name(self) -> str:
        """Return first and last name."""
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ContactMoment:
    """An earlier contact that did not need a ticket."""

    person: str
    at: str
    channel: str
    summary: str


@dataclass
class Directory:
    """The CRM of one exercise run."""

    organisation: str
    people: dict[str, Person] = field(default_factory=dict)
    assets: list[Asset] = field(default_factory=list)
    contacts: list[ContactMoment] = field(default_factory=list)

    def caller(self) -> Person:
        """Return the person on the phone."""
        return next(p for p in self.people.values() if p.is_caller)

    def find(self, query: str) -> list[Person]:
        """Find people by name, e-mail, phone, employee number or asset tag (accent- and case-insensitive)."""
        q = fold(query).strip()
        digits = re.sub(r"\D", "", query)
        hits: list[Person] = []
        owners = {a.owner for a in self.assets if q in (fold(a.tag), fold(a.hostname or "")) and a.owner}
        for person in self.people.values():
            names = fold(f"{person.first_name} {person.last_name} {person.last_name} {person.first_name}")
            if (
                (len(q) >= 2 and q in names)
                or q == fold(person.email)
                or (len(digits) >= 5 and digits in re.sub(r"\D", "", person.phone))
                or q == person.employee_number
                or person.id in owners
            ):
                hits.append(person)
        return hits

    def assets_of(self, person_id: str) -> list[Asset]:
        """Return the assets a person owns."""
        return [a for a in self.assets if a.owner == person_id]

    def contacts_of(self, person_id: str) -> list[ContactMoment]:
        """Return a person's earlier contacts, newest first."""
        return sorted((c for c in self.contacts if c.person == person_id), key=lambda c: c.at, reverse=True)

    def card(self, person: Person) -> dict[str, Any]:
        """Return what the CRM shows about a person."""
        data = asdict(person) | {"full_name": person.full_name}
        data["assets"] = [asdict(a) for a in self.assets_of(person.id)]
        data["contacts"] = [asdict(c) for c in self.contacts_of(person.id)]
        return data


def build_directory(
    caller: Caller,
    lang: str,
    seed: int,
    *,
    colleagues: int,
    role: str | None,
    hostname: str,
    printers: list[tuple[str, str, str]],
) -> Directory:
    """Generate the caller's organisation: the caller, colleagues, their assets and the shared printers."""
    rng = random.Random(f"crm:{lang}:{seed}")
    fake = Faker(LOCALES[lang])
    fake.seed_instance(rng.randrange(2**31))
    directory = Directory(caller.organisation)
    me = Person(
        "P-0001",
        caller.first_name,
        caller.last_name,
        caller.email,
        caller.phone,
        caller.employee_number,
        caller.organisation,
        caller.department,
        role or rng.choice(ROLES[lang]),
        is_caller=True,
    )
    directory.people[me.id] = me
    domain = caller.email.split("@")[1]
    for n in range(colleagues):
        first, last = fake.first_name(), fake.last_name()
        person = Person(
            f"P-{n + 2:04d}",
            first,
            last,
            f"{_slug(first)}.{_slug(last)}@{domain}",
            fake.phone_number(),
            str(rng.randint(10000, 99999)),
            caller.organisation,
            caller.department or rng.choice(["IT", "Finance"]),
            rng.choice(ROLES[lang]),
        )
        directory.people[person.id] = person
    for person in directory.people.values():
        tag = caller.asset_tag if person.is_caller else f"PC-{rng.randint(1000, 9999)}"
        host = hostname if person.is_caller else f"ACME-{tag.replace('PC-', 'LT')}"
        model = rng.choice(["Dell Latitude 5440", "Lenovo ThinkPad T14 Gen 4", "HP EliteBook 840 G10"])
        directory.assets.append(Asset(tag, "laptop", model, person.id, host))
        directory.assets.append(Asset(f"PHN-{rng.randint(1000, 9999)}", "phone", "Cisco IP Phone 8845", person.id))
    directory.assets.append(Asset(f"HS-{rng.randint(1000, 9999)}", "headset", "Jabra Evolve2 65", me.id))
    for name, model, location in printers:
        directory.assets.append(Asset(name, "printer", model, None, location=location))
    return directory


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text)) or "x"
