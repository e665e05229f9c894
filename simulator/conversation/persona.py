"""Personas as data: how a kind of caller feels and reacts, in every language.

A persona is behaviour shared by many exercises (the angry office worker, the lost novice, the
terse sysadmin). Rules name predicates of :class:`~simulator.conversation.caller_model.CallerModel`,
so a YAML file can only ask for behaviour that exists.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["nl", "fr", "en"]
LANGS: tuple[Lang, ...] = ("nl", "fr", "en")


class VoiceSpec(BaseModel):
    """How the persona sounds when the voice adapter speaks its lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate: int = Field(160, ge=80, le=450, description="words per minute")
    pitch: int = Field(50, ge=0, le=99)
    variant: str = ""


class PersonaParams(BaseModel):
    """The numbers that shape a persona; exercises may override any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mood: int = Field(50, ge=0, le=100, description="mood when the call starts")
    calm_at: int = Field(50, ge=0, le=100, description="mood from which the caller counts as calm")
    hangup_below: int = Field(0, ge=0, le=100, description="the caller hangs up when mood drops to this")
    vent_turns: int = Field(0, ge=0, le=10, description="lines the caller needs to vent before feeling heard")
    words_per_second: float = Field(2.5, gt=0.5, le=6.0)
    silence_timeout_s: float = Field(20.0, gt=0)
    hold_tolerance_s: float = Field(60.0, gt=0)
    answer_tolerance_s: float = Field(20.0, gt=0)
    max_instructions_per_turn: int = Field(3, ge=1, le=10)
    likes_jargon: bool = False
    voice: VoiceSpec = VoiceSpec()


class Rule(BaseModel):
    """When a predicate on the caller holds after a trainee turn, move the mood and react."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: str
    mood: int = Field(0, ge=-100, le=100)
    react: str | None = None
    once: bool = False


LinesByLang = dict[Lang, list[str]]


class Persona(BaseModel):
    """A kind of caller: parameters, mood effects, behaviour rules and lines per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: dict[Lang, str]
    description: str = ""
    params: PersonaParams = PersonaParams()
    effects: dict[str, int] = Field(default_factory=dict, description="intent -> mood change")
    rules: list[Rule] = Field(default_factory=list)
    reactions: dict[str, LinesByLang] = Field(default_factory=dict)
    responses: dict[str, LinesByLang] = Field(default_factory=dict)
    ignore: list[str] = Field(default_factory=list, description="acts this caller lets pass in every state")

    def with_overrides(self, overrides: dict[str, Any]) -> PersonaParams:
        """Return the parameters with an exercise's overrides applied and validated."""
        merged = self.params.model_dump()
        merged.update(overrides)
        return PersonaParams.model_validate(merged)
