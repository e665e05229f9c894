"""The event log: the single source of truth of a call.

Everything the assessment says points at an event index, so the log is append-only and every
event carries the simulated time at which it happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """One thing that happened in a call, at simulated time ``t``."""

    i: int
    t: float
    type: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the event as the replay report writes it."""
        return {"i": self.i, "t": round(self.t, 2), "type": self.type, "data": self.data}


class EventLog:
    """An append-only list of events; the index of an event never changes."""

    def __init__(self) -> None:
        self._events: list[Event] = []

    def append(self, t: float, type_: str, **data: Any) -> Event:
        """Record an event and return it."""
        event = Event(len(self._events), round(t, 3), type_, data)
        self._events.append(event)
        return event

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index: int) -> Event:
        return self._events[index]
