"""The exercise format: one YAML file per exercise, validated by these models.

An exercise declares the caller, the problem, the facts the caller only reveals when asked, the
scenario as a state machine, the customer's lines and what a good trainee does. The engine is
generic over this data: a new exercise never needs new Python.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.conversation.persona import Lang, LinesByLang

Level = Literal["low", "medium", "high"]
Mode = Literal["practice", "exam"]
ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
#: An exercise id is a file name (``<id>.yaml``), so it stays far below a file system's 255 bytes.
MAX_ID_LENGTH = 100


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CallerSpec(_Strict):
    """What the exercise fixes about the caller; the rest comes from the seed."""

    gender: Literal["female", "male"] | None = None
    department: str | None = None
    organisation: str | None = None
    role: str | None = None


class ProblemSpec(_Strict):
    """The problem as the service desk should end up recording it."""

    summary: str
    description: str = ""
    category: str
    subcategory: str | None = None
    impact: Level
    urgency: Level


class FactSpec(_Strict):
    """Something the caller knows but only tells when asked about one of its topics."""

    id: str = Field(pattern=ID_PATTERN)
    topics: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list, description="extra phrases, in the exercise language")
    says: list[str] = Field(min_length=1)
    essential: bool = True
    volunteered: bool = False


class StateSpec(_Strict):
    """A stage of the call, with what the caller says there."""

    name: str = Field(pattern=ID_PATTERN)
    lines: list[str] = Field(default_factory=list, description="variants said on entering the state")
    continues: list[str] = Field(default_factory=list, description="said in order on later turns here")
    idle: list[str] = Field(default_factory=list, description="variants when there is nothing else to say")
    venting: bool = False
    tells: list[str] = Field(default_factory=list, description="facts the caller's lines here already convey")
    speaks: Lang | None = Field(None, description="from this state on the caller's own words are in this language")
    ignore: list[str] = Field(default_factory=list, description="acts the caller deliberately lets pass here")


class TransitionSpec(_Strict):
    """A move between stages, fired by a trainee intent or a world signal."""

    trigger: str = Field(pattern=ID_PATTERN)
    source: str | list[str]
    dest: str = Field(pattern=ID_PATTERN)
    conditions: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)

    def sources(self) -> list[str]:
        """Return the source states as a list."""
        return [self.source] if isinstance(self.source, str) else list(self.source)


class ExpectedStep(_Strict):
    """One thing a strong trainee does, for hints, model answers and scoring."""

    activity: str = Field(pattern=r"^\d{1,2}\.\d{1,2}$")
    do: str
    example: str | None = None


class Norms(_Strict):
    """Call-quality norms for this exercise (they override the scenario book's defaults)."""

    answer_within_s: float = Field(15.0, gt=0)
    target_handle_s: float = Field(480.0, gt=0)
    time_limit_s: float = Field(1200.0, gt=0, description="the call ends by itself after this")


class StateLines(_Strict):
    """What a form changes of one state: the lines given replace the state's, the rest stays."""

    name: str = Field(pattern=ID_PATTERN)
    lines: list[str] | None = None
    continues: list[str] | None = None
    idle: list[str] | None = None
    tells: list[str] | None = None


class ProblemChange(_Strict):
    """The fields of the problem a form records differently (impact and urgency stay: same difficulty)."""

    summary: str | None = None
    description: str | None = None
    category: str | None = None
    subcategory: str | None = None


class FormSpec(_Strict):
    """A parallel form: another root cause with its own facts and world, the same difficulty and activities.

    Only what differs is written; :func:`simulator.conversation.forms.with_form` lays it over the exercise.
    """

    id: str = Field(pattern=ID_PATTERN, max_length=64)
    title: dict[Lang, str] = Field(min_length=1, description="the form's name per language")
    summary: str | None = None
    caller: CallerSpec | None = Field(default=None, description="replaces the exercise's caller spec")
    problem: ProblemChange = ProblemChange()
    facts: list[FactSpec] = Field(default_factory=list, description="by id: replaces that fact, or adds one")
    states: list[StateLines] = Field(default_factory=list, description="by name: replaces the lines given")
    expected: list[ExpectedStep] = Field(default_factory=list, description="by activity: replaces its steps")
    responses: dict[str, LinesByLang | list[str]] = Field(default_factory=dict)
    world: dict[str, Any] = Field(default_factory=dict, description="merged over the exercise's world")


class Exercise(_Strict):
    """One exercise: a scripted call and its world."""

    version: Literal[1]
    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)
    title: str
    summary: str
    language: Lang
    #: Languages the caller also understands and may switch to (a bilingual caller); the call starts in ``language``.
    also_speaks: list[Lang] = Field(default_factory=list)
    persona: str
    persona_overrides: dict[str, Any] = Field(default_factory=dict)
    qualification: str = "bkd-2023"
    activities: list[str] = Field(min_length=1)
    caller: CallerSpec = CallerSpec()
    problem: ProblemSpec
    facts: list[FactSpec] = Field(default_factory=list)
    initial: str
    states: list[StateSpec] = Field(min_length=1)
    transitions: list[TransitionSpec] = Field(default_factory=list)
    good_endings: list[str] = Field(min_length=1)
    expected: list[ExpectedStep] = Field(min_length=1)
    norms: Norms = Norms()
    responses: dict[str, LinesByLang | list[str]] = Field(default_factory=dict)
    reactions: dict[str, LinesByLang | list[str]] = Field(default_factory=dict)
    world: dict[str, Any] = Field(default_factory=dict)
    #: The trainee works a shift: the console and the report show the world's ticket queue.
    shift: bool = False
    #: Parallel forms; the seed picks one (``simulator.conversation.forms``). None: the exercise has one form.
    forms: list[FormSpec] = Field(default_factory=list)
    #: The form this exercise was laid out for (set by ``with_form``; never written in YAML).
    form: str | None = Field(default=None, exclude=True)

    @field_validator("activities")
    @classmethod
    def _activity_ids(cls, value: list[str]) -> list[str]:
        for aid in value:
            parts = aid.split(".")
            if len(parts) != 2 or not all(p.isdigit() for p in parts):
                raise ValueError(f"'{aid}' is not an activity id like '6.1'")
        return value

    def languages(self) -> tuple[Lang, ...]:
        """Return the languages a trainee may speak in this call, the call's own first."""
        return (self.language, *(lang for lang in self.also_speaks if lang != self.language))

    def state(self, name: str) -> StateSpec:
        """Return the state with this name."""
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)
