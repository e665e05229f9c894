"""The qualification as data: competencies, their activities and knowledge elements.

Activities are what a call is scored against, so their ids (``N.k``: the k-th activity of
competency N) are the stable keys every rubric and report points at. Fields the older 2018
profile does not have (role groups, skill types, knowledge per competency) are optional
rather than invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SkillType = Literal["cognitief", "probleemoplossend", "motorisch"]
SKILL_TYPES: tuple[SkillType, ...] = ("cognitief", "probleemoplossend", "motorisch")

_COMPETENCY_ID = r"^[1-9][0-9]*$"
_ACTIVITY_ID = r"^[1-9][0-9]*\.[1-9][0-9]*$"
_TEXT = Field(min_length=1)


class UnknownIdError(KeyError):
    """A competency, activity or qualification id that does not exist; prints as plain text."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Activity(_Frozen):
    """One activity line of a competency, e.g. ``6.1 Laat de klant uitspreken``."""

    id: str = Field(pattern=_ACTIVITY_ID)
    text: str = _TEXT
    #: Skill types ticked for this activity; empty when the source does not classify them.
    skills: tuple[SkillType, ...] = ()
    #: A footnote the source attaches to the activity.
    note: str | None = None

    @property
    def competency_id(self) -> str:
        """Return the id of the competency this activity belongs to (the part before the dot)."""
        return self.id.split(".", 1)[0]

    @property
    def number(self) -> int:
        """Return k, the position of this activity within its competency (1-based)."""
        return int(self.id.split(".", 1)[1])


class Competency(_Frozen):
    """A competency with its activities in the order of the source."""

    id: str = Field(pattern=_COMPETENCY_ID)
    title: str = _TEXT
    #: The role group heading the competency sits under (BKD 2023 only).
    role_group: str | None = None
    #: The code the source gives the competency, e.g. ``co 02777`` (2018 profile only).
    code: str | None = None
    #: ``Basisactiviteiten`` or ``Specifieke Activiteiten`` (2018 profile only).
    category: str | None = None
    activities: tuple[Activity, ...] = Field(min_length=1)
    knowledge: tuple[str, ...] = ()


class Qualification(_Frozen):
    """A qualification (BKD or competency profile) with lookups by competency and activity id."""

    version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = _TEXT
    kind: Literal["beroepskwalificatiedossier", "competentieprofiel"]
    level: int = Field(ge=1, le=8)
    year: int | None = Field(default=None, ge=1990, le=2100)
    #: File name of the official text the data was taken from.
    source: str = _TEXT
    definition: str | None = None
    #: Knowledge elements listed for the whole qualification rather than per competency.
    knowledge: tuple[str, ...] = ()
    competencies: tuple[Competency, ...] = Field(min_length=1)

    _competencies: dict[str, Competency] = PrivateAttr(default_factory=dict)
    _activities: dict[str, Activity] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        """Index competencies and activities by id for the lookups."""
        for comp in self.competencies:
            self._competencies.setdefault(comp.id, comp)
            for act in comp.activities:
                self._activities.setdefault(act.id, act)

    def competency(self, cid: str) -> Competency:
        """Return the competency with id ``cid``; KeyError names the qualification if unknown."""
        try:
            return self._competencies[cid]
        except KeyError:
            raise UnknownIdError(f"{self.id} has no competency {cid!r} (known: 1..{len(self.competencies)})") from None

    def activity(self, aid: str) -> Activity:
        """Return the activity with id ``aid`` (``N.k``); KeyError names the qualification if unknown."""
        try:
            return self._activities[aid]
        except KeyError:
            raise UnknownIdError(f"{self.id} has no activity {aid!r} (ids look like '6.1')") from None

    def activities(self) -> Iterator[Activity]:
        """Yield every activity, competency by competency, in the order of the source."""
        for comp in self.competencies:
            yield from comp.activities

    def role_groups(self) -> list[str]:
        """Return the role groups in order of first appearance (empty for the 2018 profile)."""
        seen: dict[str, None] = {}
        for comp in self.competencies:
            if comp.role_group is not None:
                seen.setdefault(comp.role_group, None)
        return list(seen)
