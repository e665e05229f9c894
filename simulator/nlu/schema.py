"""The shape of the NLU content files (corpus and lexicon), checked with file:line errors."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from simulator.nlu.catalogue import INTENTS, TOPICS

Lang = Literal["nl", "fr", "en"]


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


def _known_intent(name: str) -> str:
    if name not in INTENTS:
        raise ValueError(f"unknown intent {name!r} (known: {', '.join(INTENTS)})")
    return name


def _known_topic(name: str) -> str:
    if name not in TOPICS:
        raise ValueError(f"unknown topic {name!r} (known: {', '.join(TOPICS)})")
    return name


Regex = Annotated[str, AfterValidator(_check_regex)]
IntentName = Annotated[str, AfterValidator(_known_intent)]
TopicName = Annotated[str, AfterValidator(_known_topic)]


class Group(BaseModel):
    """Utterances that share the same set of intent labels (empty: small talk with no intent)."""

    model_config = ConfigDict(extra="forbid")

    intents: list[IntentName]
    examples: list[str] = Field(min_length=1)

    @field_validator("intents")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("an intent is listed twice")
        return value

    @field_validator("examples")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        if any(not isinstance(v, str) or not v.strip() for v in value):
            raise ValueError("an example is empty")
        return value


class Corpus(BaseModel):
    """A labelled corpus of trainee utterances in one language."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    lang: Lang
    groups: list[Group] = Field(min_length=1)


class SlotRule(BaseModel):
    """A pattern whose named group ``value`` fills a slot (matched on the text with its case kept)."""

    model_config = ConfigDict(extra="forbid")

    slot: str = Field(pattern=r"^[a-z_]+$")
    pattern: Regex

    @field_validator("pattern")
    @classmethod
    def _has_value_group(cls, value: str) -> str:
        if "(?P<value>" not in value:
            raise ValueError("the pattern needs a named group (?P<value>...)")
        return value


class NormaliseRule(BaseModel):
    """A spoken or colloquial form rewritten to the written one before rules and models see it."""

    model_config = ConfigDict(extra="forbid")

    pattern: Regex
    replace: str


class Lexicon(BaseModel):
    """Rules for one language: intent patterns, topic phrases, jargon terms and slot patterns.

    Intent and topic patterns are regular expressions matched on lowercase, accent-free text.
    """

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    lang: Lang
    intents: dict[IntentName, list[Regex]] = Field(default_factory=dict)
    topics: dict[TopicName, list[Regex]] = Field(default_factory=dict)
    jargon: list[str] = Field(default_factory=list)
    slots: list[SlotRule] = Field(default_factory=list)
    #: A rule match for the intent is dropped when one of these matches the same sentence or clause.
    unless: dict[IntentName, list[Regex]] = Field(default_factory=dict)
    #: Applied in order to folded text, in training and in use ('da's' → 'dat is', 'gonna' → 'going to').
    normalise: list[NormaliseRule] = Field(default_factory=list)


class ChallengeItem(BaseModel):
    """One hand-written sentence and what it should be read as; never used to train or tune."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    intents: list[IntentName]
    #: Intents that may also be reported without counting as a misreading (e.g. 'Dag.' as greeting).
    allowed: list[IntentName] = Field(default_factory=list)
    note: str = ""


class ChallengeSet(BaseModel):
    """A separate test set of natural helpdesk sentences, reported apart from the held-back split."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    lang: Lang
    items: list[ChallengeItem] = Field(min_length=1)
