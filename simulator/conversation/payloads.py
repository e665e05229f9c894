"""The payload of each event the call itself writes, as typed dictionaries (see docs/events.md).

TypedDicts and not classes: at run time a payload is the same plain ``dict`` the log has always
stored, so JSON in the database and replays stay byte for byte the same, while mypy checks every
``EventLog.append`` against the keys its type allows. Events whose payload another part reports
(world actions, SLA clocks, guided tests, refusals) go through ``EventLog.report`` with open data.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class RingData(TypedDict):
    """``ring``: who is calling."""

    caller: str


class WaitData(TypedDict):
    """``wait``: the trainee let time pass."""

    step: str
    seconds: float


class AnswerData(TypedDict):
    """``answer``: how long the phone rang."""

    step: str
    wait_s: float | None


class UtteranceData(TypedDict):
    """``utterance``: a trainee line and what was understood of it."""

    step: str
    speaker: str
    text: str
    intents: NotRequired[list[str]]
    scores: NotRequired[dict[str, float]]
    topics: NotRequired[list[str]]
    slots: NotRequired[dict[str, Any]]
    jargon: NotRequired[list[str]]
    segments: NotRequired[list[dict[str, Any]]]
    foreign: NotRequired[Any]
    interrupt: bool
    duration: float
    asr_text: NotRequired[str]
    corrected: NotRequired[bool]


class InterruptionData(TypedDict):
    """``interruption``: which caller line was cut, and when."""

    line: int
    cut_at: float


class MoodData(TypedDict):
    """``mood``: the caller's new mood and why it changed."""

    mood: int
    delta: int
    causes: list[str]


class FactRevealedData(TypedDict):
    """``fact_revealed``: a hidden fact the caller told."""

    fact: str
    essential: bool
    volunteered: NotRequired[bool]


class IdentityToldData(TypedDict):
    """``identity_told``: the identity details the caller gave when asked."""

    details: list[str]
    asked: bool


class ConsentData(TypedDict):
    """``consent``: the caller agreed to a remote session."""

    given: bool


class StateChangeData(TypedDict):
    """``state_change``: the scenario moved, and what moved it."""

    source: str
    dest: str
    trigger: str
    cause: int | None


class CustomerLineData(TypedDict):
    """``customer_line``: the caller speaks, and why they said that."""

    speaker: str
    text: str
    kind: str
    state: str
    mood: int
    duration: float
    venting: bool
    why: NotRequired[list[dict[str, str]]]
    acts: NotRequired[list[str]]


class HoldData(TypedDict):
    """``hold``: the caller was put on hold."""

    step: str
    seconds: float
    announced: bool


class ResumeData(TypedDict):
    """``resume``: the trainee came back from the hold."""

    seconds: float


class EndData(TypedDict):
    """``end``: who ended the call and why."""

    ended_by: str
    reason: NotRequired[str]
    step: NotRequired[str]
