"""Belgian details for French-speaking callers.

Faker's ``fr_BE`` gives Belgian names but American addresses, phone numbers and companies, which
a trainee in Liège or Brussels would notice at once. This small provider gives them Belgian ones.
"""

from __future__ import annotations

from faker.providers import BaseProvider

CITIES = (
    ("Bruxelles", "1000"),
    ("Ixelles", "1050"),
    ("Schaerbeek", "1030"),
    ("Wavre", "1300"),
    ("Namur", "5000"),
    ("Liège", "4000"),
    ("Charleroi", "6000"),
    ("Mons", "7000"),
    ("Tournai", "7500"),
    ("Arlon", "6700"),
    ("Verviers", "4800"),
    ("Louvain-la-Neuve", "1348"),
)
STREETS = (
    "Rue de la Station",
    "Rue du Moulin",
    "Avenue Louise",
    "Chaussée de Namur",
    "Rue Saint-Gilles",
    "Boulevard d'Avroy",
    "Rue des Carmes",
    "Place du Marché",
    "Rue de Fer",
    "Chaussée de Bruxelles",
)
COMPANY_WORDS = (
    "Meuse",
    "Ardenne",
    "Sambre",
    "Wallonie",
    "Condroz",
    "Hesbaye",
    "Famenne",
    "Brabant",
)
COMPANY_KINDS = (
    "Logistique",
    "Assurances",
    "Construction",
    "Comptabilité",
    "Imprimerie",
    "Services",
    "Transports",
    "Conseil",
)
LEGAL_FORMS = ("SA", "SRL", "SC", "ASBL")
MOBILE_PREFIXES = ("0470", "0471", "0472", "0475", "0476", "0477", "0478", "0479", "0486", "0495")
ZONE_PREFIXES = ("02", "04", "081", "071", "065", "069", "010")


class BelgianFrenchProvider(BaseProvider):
    """Belgian companies, addresses and phone numbers for ``fr_BE`` callers."""

    def be_company(self) -> str:
        """Return a plausible Walloon or Brussels company name."""
        return (
            f"{self.random_element(COMPANY_KINDS)} {self.random_element(COMPANY_WORDS)} "
            f"{self.random_element(LEGAL_FORMS)}"
        )

    def be_phone_number(self) -> str:
        """Return a Belgian landline or mobile number as Belgians write them."""
        if self.generator.random.random() < 0.5:
            prefix = self.random_element(MOBILE_PREFIXES)
            digits = self.numerify("## ## ##")
            return f"{prefix} {digits}"
        prefix = self.random_element(ZONE_PREFIXES)
        rest = self.numerify("### ## ##" if len(prefix) == 2 else "## ## ##")
        return f"{prefix} {rest}"

    def be_address(self) -> str:
        """Return a Belgian street address with postcode and town."""
        city, postcode = self.random_element(CITIES)
        number = self.generator.random.randint(1, 180)
        return f"{self.random_element(STREETS)} {number}, {postcode} {city}"
