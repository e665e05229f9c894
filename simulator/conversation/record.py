"""A finished (or running) call as the assessment and the reports see it: read-only facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.conversation.caller import Caller
from simulator.conversation.events import Event, EventType
from simulator.conversation.exercise import Exercise, Mode
from simulator.conversation.outcome import Outcome
from simulator.conversation.persona import Persona, PersonaParams


@dataclass(frozen=True)
class CallRecord:
    """Everything needed to judge a call, with no live objects in it."""

    exercise: Exercise
    persona: Persona
    params: PersonaParams
    caller: Caller
    seed: int
    mode: Mode
    events: tuple[Event, ...]
    outcome: Outcome
    ticket: dict[str, Any] | None = None
    world: dict[str, Any] = field(default_factory=dict)

    def transcript(self) -> list[dict[str, Any]]:
        """Return the spoken lines in order, as the replay report writes them."""
        lines: list[dict[str, Any]] = []
        for e in self.events:
            if e.type == EventType.UTTERANCE and not e.data.get("refused"):
                lines.append({"t": e.t, "speaker": "trainee", "text": e.data["text"], "intents": e.data["intents"]})
            elif e.type == EventType.CUSTOMER_LINE:
                lines.append({"t": e.t, "speaker": "customer", "text": e.data["text"]})
        return lines
