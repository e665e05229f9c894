"""The phase of a call — ringing, talking, on hold, ended — as a ``transitions`` machine declared as data.

A call used to keep its phase in a string set here and there; a step taken in the wrong phase (talking
before picking up, waiting after hanging up) was caught by ad-hoc checks. The phases, the moves between
them and which trainee step each phase allows are now data, like the caller's scenario: one long-lived
machine serves every call (``add_model``/``remove_model``), and a step a phase does not allow gets the
phase's reason for refusing it.
"""

from __future__ import annotations

import threading
from typing import Any, Literal, cast

from transitions import Machine

Phase = Literal["ringing", "talking", "on_hold", "ended"]

PHASES: tuple[Phase, ...] = ("ringing", "talking", "on_hold", "ended")

#: The moves between phases; ``hang_up`` ends a call from any open phase (the trainee, the caller or the clock).
PHASE_TRANSITIONS: tuple[dict[str, Any], ...] = (
    {"trigger": "pick_up", "source": "ringing", "dest": "talking"},
    {"trigger": "put_on_hold", "source": "talking", "dest": "on_hold"},
    {"trigger": "take_back", "source": "on_hold", "dest": "talking"},
    {"trigger": "hang_up", "source": ["ringing", "talking", "on_hold"], "dest": "ended"},
)

#: The phases in which each trainee step may be taken.
STEP_PHASES: dict[str, frozenset[str]] = {
    "answer": frozenset({"ringing"}),
    "say": frozenset({"talking"}),
    "hold": frozenset({"talking"}),
    "wait": frozenset({"ringing", "talking", "on_hold"}),
    "end_call": frozenset({"ringing", "talking", "on_hold"}),
}

#: Why a step is refused in a phase, by phase (``answer`` while talking has its own reason).
REFUSALS: dict[str, str] = {
    "ended": "Het gesprek is al beëindigd.",
    "ringing": "De telefoon is nog niet opgenomen.",
    "on_hold": "De beller staat in de wacht.",
    "answer": "De telefoon is al opgenomen.",
}


class CallPhase:
    """The phase of one call; the shared machine adds ``pick_up``, ``hang_up``… and ``state`` to it."""

    state: str

    def __init__(self) -> None:
        with _LOCK:
            _MACHINE.add_model(self, initial="ringing")

    @property
    def name(self) -> Phase:
        """Return the current phase."""
        return cast(Phase, self.state)

    @property
    def ended(self) -> bool:
        """Whether the call is over."""
        return self.state == "ended"

    def move(self, trigger: str) -> bool:
        """Fire a phase move; False when the current phase does not allow it."""
        if not cast(Any, self).may_trigger(trigger):
            return False
        cast(Any, self).trigger(trigger)
        return True

    def refusal(self, step: str) -> str | None:
        """Return why the step cannot be taken now, or None when the phase allows it."""
        if self.state in STEP_PHASES.get(step, frozenset(PHASES)):
            return None
        if step == "answer" and self.state != "ended":
            return REFUSALS["answer"]
        return REFUSALS.get(self.state, REFUSALS["ended"])

    def release(self) -> None:
        """Detach from the shared machine at the end of a call."""
        with _LOCK:
            if self in _MACHINE.models:
                _MACHINE.remove_model(self)


_MACHINE = Machine(
    model=None,
    states=list(PHASES),
    transitions=[dict(t) for t in PHASE_TRANSITIONS],
    initial="ringing",
    auto_transitions=False,
    ignore_invalid_triggers=False,
)
_LOCK = threading.Lock()
