"""The event log: the single source of truth of a call.

Everything the assessment says points at an event index, so the log is append-only and every
event carries the simulated time at which it happened. Event types are named once, in
:class:`EventType`: a misspelt type raises instead of quietly matching nothing (which would turn a
verdict into "not observed"). The enum is a ``StrEnum``, so stored JSON keeps the same strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Unpack, overload

from simulator.conversation.payloads import (
    AnswerData,
    ConsentData,
    CustomerLineData,
    EndData,
    FactRevealedData,
    HoldData,
    IdentityToldData,
    InterruptionData,
    MoodData,
    ResumeData,
    RingData,
    StateChangeData,
    UtteranceData,
    WaitData,
)


class UnknownEventType(ValueError):
    """An event type that is not one of :class:`EventType` (a misspelling, or a type never defined)."""

    def __init__(self, name: object) -> None:
        self.name = name
        super().__init__(f"unknown event type {name!r}; the known types are listed in docs/events.md")


class EventType(StrEnum):
    """Every type of event a call's log can hold (see docs/events.md)."""

    RING = "ring"
    WAIT = "wait"
    ANSWER = "answer"
    SAY = "say"  # only as a refused step: a say while ringing or after the end
    UTTERANCE = "utterance"
    INTERRUPTION = "interruption"
    MOOD = "mood"
    FACT_REVEALED = "fact_revealed"
    IDENTITY_TOLD = "identity_told"
    CONSENT = "consent"
    STATE_CHANGE = "state_change"
    CUSTOMER_LINE = "customer_line"
    HOLD = "hold"
    RESUME = "resume"
    END = "end"
    END_CALL = "end_call"  # only as a refused step: hanging up a call that already ended
    GUIDED = "guided"
    TICKET_CREATE = "ticket.create"
    TICKET_UPDATE = "ticket.update"
    TICKET_NOTE = "ticket.note"
    TICKET_ASSIGN = "ticket.assign"
    TICKET_LINK_PROBLEM = "ticket.link_problem"
    TICKET_RESOLVE = "ticket.resolve"
    TICKET_CLOSE = "ticket.close"
    TICKET_OPEN = "ticket.open"
    TICKET_PRIORITISE = "ticket.prioritise"
    KB_SEARCH = "kb.search"
    KB_OPEN = "kb.open"
    KB_SHARE = "kb.share"
    KB_PROPOSE = "kb.propose"
    CRM_LOOKUP = "crm.lookup"
    REMOTE_CONNECT = "remote.connect"
    REMOTE_RUN = "remote.run"
    REMOTE_DISCONNECT = "remote.disconnect"
    SLA_WARNING = "sla.warning"
    SLA_BREACH = "sla.breach"

    @classmethod
    def of(cls, name: object) -> EventType:
        """Return the type called ``name``, or raise :class:`UnknownEventType`."""
        if isinstance(name, str):
            try:
                return cls(name)
            except ValueError:
                pass
        raise UnknownEventType(name)

    @classmethod
    def all_of(cls, names: tuple[object, ...]) -> tuple[EventType, ...]:
        """Return the types called ``names``; any unknown name raises."""
        return tuple(cls.of(n) for n in names)


#: The spoken events: the trainee's lines and the caller's.
SPEECH = frozenset({EventType.UTTERANCE, EventType.CUSTOMER_LINE})


@dataclass(frozen=True)
class Event:
    """One thing that happened in a call, at simulated time ``t``."""

    i: int
    t: float
    type: EventType
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", EventType.of(self.type))

    def to_dict(self) -> dict[str, Any]:
        """Return the event as the replay report writes it."""
        return {"i": self.i, "t": round(self.t, 2), "type": self.type.value, "data": self.data}


class EventLog:
    """An append-only list of events; the index of an event never changes."""

    def __init__(self) -> None:
        self._events: list[Event] = []

    # fmt: off
    @overload
    def append(self, t: float, type_: Literal[EventType.RING], **data: Unpack[RingData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.WAIT], **data: Unpack[WaitData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.ANSWER], **data: Unpack[AnswerData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.UTTERANCE], **data: Unpack[UtteranceData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.INTERRUPTION], **data: Unpack[InterruptionData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.MOOD], **data: Unpack[MoodData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.FACT_REVEALED], **data: Unpack[FactRevealedData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.IDENTITY_TOLD], **data: Unpack[IdentityToldData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.CONSENT], **data: Unpack[ConsentData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.STATE_CHANGE], **data: Unpack[StateChangeData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.CUSTOMER_LINE], **data: Unpack[CustomerLineData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.HOLD], **data: Unpack[HoldData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.RESUME], **data: Unpack[ResumeData]) -> Event: ...
    @overload
    def append(self, t: float, type_: Literal[EventType.END], **data: Unpack[EndData]) -> Event: ...
    # fmt: on
    def append(self, t: float, type_: EventType, **data: Any) -> Event:
        """Record an event of the call itself, its payload checked by type, and return it."""
        return self.report(t, type_, data)

    def report(self, t: float, type_: EventType | str, data: Mapping[str, Any]) -> Event:
        """Record an event whose payload another part reports (a world action, a refusal, a guided test).

        The type is still checked: an unknown one raises :class:`UnknownEventType`.
        """
        event = Event(len(self._events), round(t, 3), EventType.of(type_), dict(data))
        self._events.append(event)
        return event

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index: int) -> Event:
        return self._events[index]
