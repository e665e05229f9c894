"""The person on the phone, generated from the exercise's seed.

The same seed always gives the same caller, so a script replayed next week meets the same person
and an instructor can discuss "Mevrouw De Baets" with the whole class.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Literal

from faker import Faker

from simulator.conversation.belgian_fr import BelgianFrenchProvider

Lang = Literal["nl", "fr", "en"]
Gender = Literal["female", "male"]

LOCALES: dict[str, str] = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


@dataclass(frozen=True)
class Caller:
    """The customer's identity as the CRM knows it."""

    first_name: str
    last_name: str
    gender: Gender
    organisation: str
    department: str
    phone: str
    email: str
    employee_number: str
    asset_tag: str
    date_of_birth: str
    address: str

    @property
    def full_name(self) -> str:
        """Return first and last name."""
        return f"{self.first_name} {self.last_name}"

    def fields(self) -> dict[str, str]:
        """Return every field, plus ``full_name``, for filling in customer lines."""
        data = {k: str(v) for k, v in asdict(self).items()}
        data["full_name"] = self.full_name
        return data


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower()) or "x"


def make_caller(
    lang: Lang,
    seed: int,
    *,
    gender: Gender | None = None,
    department: str | None = None,
    organisation: str | None = None,
) -> Caller:
    """Generate the caller for an exercise from its language and seed."""
    rng = random.Random(f"caller:{lang}:{seed}")
    fake = Faker(LOCALES[lang])
    fake.seed_instance(rng.randrange(2**31))
    chosen: Gender = gender or ("female" if rng.random() < 0.5 else "male")
    first = fake.first_name_female() if chosen == "female" else fake.first_name_male()
    last = fake.last_name()
    if lang == "fr":
        fake.add_provider(BelgianFrenchProvider)
        org = organisation or fake.be_company()
        phone = fake.be_phone_number()
        address = fake.be_address()
    else:
        org = organisation or fake.company()
        phone = fake.phone_number()
        address = fake.address().replace("\n", ", ")
    domain = _slug(org.split(",")[0].split(" ")[0]) + (".co.uk" if lang == "en" else ".be")
    return Caller(
        first_name=first,
        last_name=last,
        gender=chosen,
        organisation=org,
        department=department or "",
        phone=phone,
        email=f"{_slug(first)}.{_slug(last)}@{domain}",
        employee_number=f"{rng.randint(10000, 99999)}",
        asset_tag=f"PC-{rng.randint(1000, 9999)}",
        date_of_birth=fake.date_of_birth(minimum_age=20, maximum_age=64).strftime("%d/%m/%Y"),
        address=address,
    )
