"""The world's content files (``exercises/world/``) as pydantic models: structure, then references.

Shared files: ``scenario-book.yaml``, ``groups.yaml``, ``categories.yaml``, ``sla.yaml``,
``problems.yaml`` and ``kb/*.yaml``; one ``exercises/<exercise-id>.yaml`` per exercise with its PC,
its authored customer history, its queue and the articles and problems that matter to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["nl", "fr", "en"]
Level = Literal["low", "medium", "high"]
Priority = Literal["P1", "P2", "P3", "P4", "P5"]
KB_ID = r"^KB-\d{4}$"
PRB_ID = r"^PRB-\d{4}$"
SLUG = r"^[a-z][a-z0-9_-]*$"
#: An exercise id: shipped, or an instructor's in its namespace (``i7.wifi-printer``).
EXERCISE_REF = r"^(?:i[1-9][0-9]*\.)?[a-z][a-z0-9_-]*$"
_ALL: tuple[Priority, ...] = ("P1", "P2", "P3", "P4", "P5")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ByLang = dict[Lang, str]


class Company(_Strict):
    name: str
    domain: str
    service_desk_phone: str = ""


class EscalationRule(_Strict):
    category: str
    priorities: list[Priority] = Field(default_factory=lambda: list(_ALL))
    group: str


class Norms(_Strict):
    answer_within_s: float = Field(15, gt=0)
    target_handle_s: float = Field(480, gt=0)


class ScenarioBook(_Strict):
    """The company's procedures a first-line supporter is bound to (an instructor edits this)."""

    version: Literal[1]
    company: Company
    first_line_group: str = "first_line"
    greeting: ByLang
    closing: ByLang
    identity_check: dict[Lang, list[str]] = Field(description="steps, in order, per language")
    identity_fields: list[str] = Field(min_length=1)
    never_ask: list[str] = Field(default_factory=list)
    escalation: list[EscalationRule] = Field(min_length=1)
    consent_rule: ByLang
    consent_required: bool = True
    security_incident: dict[Lang, list[str]]
    security_group: str = "security"
    norms: Norms = Norms()


class Group(_Strict):
    id: str = Field(pattern=SLUG)
    name: ByLang
    description: str = ""


class GroupsFile(_Strict):
    version: Literal[1]
    groups: list[Group] = Field(min_length=1)


class Category(_Strict):
    id: str = Field(pattern=SLUG)
    name: ByLang
    subcategories: list[str] = Field(default_factory=list)
    #: what each subcategory is called in each language (every subcategory has a name)
    subcategory_names: dict[str, ByLang] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _every_subcategory_named(self) -> Category:
        missing = [sub for sub in self.subcategories if sub not in self.subcategory_names]
        unknown = [sub for sub in self.subcategory_names if sub not in self.subcategories]
        if missing:
            raise ValueError(f"subcategory_names has no name for {missing}")
        if unknown:
            raise ValueError(f"subcategory_names names {unknown}, which are not among the subcategories")
        return self


class CategoriesFile(_Strict):
    version: Literal[1]
    categories: list[Category] = Field(min_length=1)


class TargetSpec(_Strict):
    response_min: int = Field(gt=0)
    resolution_min: int = Field(gt=0)
    around_the_clock: bool = False


class BusinessHoursSpec(_Strict):
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]]
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    end: str = Field(pattern=r"^\d{2}:\d{2}$")
    timezone: str = "Europe/Brussels"


class SlaFile(_Strict):
    version: Literal[1]
    matrix: dict[Level, dict[Level, Priority]] = Field(description="impact → urgency → priority")
    targets: dict[Priority, TargetSpec]
    business_hours: BusinessHoursSpec
    warning_at: float = Field(0.8, gt=0, lt=1)


class Problem(_Strict):
    id: str = Field(pattern=PRB_ID)
    title: str
    status: Literal["open", "known_error", "resolved"] = "known_error"
    category: str
    group: str
    since: str = ""
    symptoms: str
    workaround: str
    article: str | None = Field(None, pattern=KB_ID)


class ProblemsFile(_Strict):
    version: Literal[1]
    problems: list[Problem]


class Article(_Strict):
    id: str = Field(pattern=KB_ID)
    title: str = Field(min_length=3)
    language: Lang
    audience: Literal["end_user", "support"] = "end_user"
    status: Literal["draft", "review", "published"] = "published"
    category: str
    tags: list[str] = Field(default_factory=list)
    symptoms: str
    cause: str = ""
    solution: str = Field(description="Markdown")
    problem: str | None = Field(None, pattern=PRB_ID)
    revision: int = Field(1, ge=1)


class KbFile(_Strict):
    version: Literal[1]
    articles: list[Article] = Field(min_length=1)


class HistoryTicket(_Strict):
    """An earlier ticket of the caller, as the exercise needs it."""

    days_ago: float = Field(gt=0)
    summary: str
    description: str = ""
    category: str
    impact: Level = "low"
    urgency: Level = "medium"
    status: Literal["resolved", "closed", "new", "in_progress", "waiting_on_customer"] = "closed"
    group: str = "first_line"
    resolution: str = ""
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _resolution_when_done(self) -> HistoryTicket:
        """A finished earlier ticket says how it was solved; a still open one (a caller calling back) has none."""
        done = self.status in ("resolved", "closed")
        if done and not self.resolution:
            raise ValueError("a resolved or closed earlier ticket needs its resolution")
        if not done and self.resolution:
            raise ValueError(f"an earlier ticket that is still {self.status} has no resolution yet")
        return self


class QueuedTicket(_Strict):
    """A ticket waiting in the queue when the exercise starts (its SLA clock already runs)."""

    minutes_ago: float = Field(ge=0)
    summary: str
    description: str = ""
    caller: str
    category: str
    impact: Level
    urgency: Level
    channel: Literal["email", "portal", "phone", "monitoring"] = "email"
    status: Literal["new", "in_progress", "waiting_on_customer"] = "new"
    group: str = "first_line"


class Contact(_Strict):
    days_ago: float = Field(gt=0)
    channel: Literal["phone", "email", "portal", "walk_in"] = "phone"
    summary: str


class PrinterSpec(_Strict):
    name: str
    model: str = "HP LaserJet M607"
    location: str = ""
    status: Literal["normal", "offline", "error", "paper_jam"] = "normal"


class PcSpec(_Strict):
    """The caller's PC: overrides of the standard device, and the faults injected into it."""

    hostname: str | None = None
    os: str = "Windows 11 Pro 23H2"
    location: Literal["office", "home"] = "office"
    faults: list[str] = Field(default_factory=list)
    printers: list[PrinterSpec] = Field(default_factory=list)
    software: list[str] = Field(default_factory=list, description="installed besides the standard image")
    groups: list[str] = Field(default_factory=list, description="the user's directory groups besides the defaults")
    settings: dict[str, Any] = Field(default_factory=dict, description="fault parameters, e.g. addin: PdfMakerX")


class CrmSpec(_Strict):
    history: list[HistoryTicket] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    colleagues: int = Field(4, ge=0, le=30)
    role: str | None = None


Reading = Literal["plain", "exact"]


class GuidedStep(_Strict):
    """A simple test the caller can do themselves when guided (no remote session); see docs/world.md."""

    id: str = Field(pattern=SLUG)
    asks: list[str] = Field(min_length=1, description="words that, in an instruction, mean 'do this'")
    command: str | None = Field(None, description="a hands-on action (router.restart) or a command line (ipconfig)")
    needs: list[str] = Field(default_factory=list, description="'identity' or ids of guided steps done before")
    reads: dict[Reading, list[str]] = Field(default_factory=dict, description="readback templates per reading")
    refusal: dict[Reading, list[str]] = Field(default_factory=dict, description="what the caller says when unable")


class ExerciseWorld(_Strict):
    """One exercise's world."""

    version: Literal[1]
    exercise: str = Field(pattern=EXERCISE_REF)
    starts_at: datetime = datetime(2026, 3, 2, 9, 12)
    pc: PcSpec = PcSpec()
    crm: CrmSpec = CrmSpec()
    queue: list[QueuedTicket] = Field(default_factory=list)
    kb: list[str] = Field(default_factory=list, description="articles relevant to this exercise")
    caller_reads_support: bool = Field(
        False, description="the caller is IT staff: support articles may be sent to them too"
    )
    problems: list[str] = Field(default_factory=list, description="known problems relevant to this exercise")
    commands: list[str] = Field(default_factory=list, description="commands that help here (listed for instructors)")
    self_service: list[str] = Field(
        default_factory=list, description="articles the caller can follow alone to fix the fault once shared"
    )
    guided: list[GuidedStep] = Field(
        default_factory=list, description="simple tests the caller can do when guided, without a remote session"
    )
    notes: str = ""
