"""The port between the call and the helpdesk world (tickets, knowledge base, CRM, remote tools).

The world implements it; the script runner (an outer layer) drives it. Keeping the port here means
dependencies point one way: scripts → world → conversation.

The runner hands every non-conversation step to a ``World``; the world answers with an
``ActionResult`` that says whether it was allowed, what it changed, how long it took and which
signals the caller should notice (``fixed``, ``kb_shared``…).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from simulator.conversation.caller import Caller
from simulator.conversation.events import EventType
from simulator.conversation.exercise import Exercise


@dataclass(frozen=True)
class ActionContext:
    """What the world may know about the call when it performs an action."""

    now: float
    consent_given: bool
    identity_verified: bool
    caller: Caller
    call_active: bool


@dataclass(frozen=True)
class ActionResult:
    """The outcome of one world action."""

    ok: bool
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    reason: str | None = None
    seconds: float = 0.0
    signals: tuple[str, ...] = ()


class World(Protocol):
    """The helpdesk world of one call."""

    def perform(self, step: str, args: Any, ctx: ActionContext) -> ActionResult:
        """Carry out one session-script step such as ``ticket.create``."""
        ...

    def guide(
        self, text: str, intents: Sequence[str], ctx: ActionContext, reading: str = "plain"
    ) -> ActionResult | None:
        """Let the caller do a test the trainee guides them through (no remote session); None if none fits.

        ``text`` is the instruction the caller follows; ``reading`` how they read a screen back
        (``plain`` or ``exact``)."""
        ...

    def ticket_summary(self) -> dict[str, Any] | None:
        """Return the call's ticket as the replay report shows it, or None."""
        ...

    def snapshot(self) -> dict[str, Any]:
        """Return the world's state for the assessment (plain data)."""
        ...

    def tick(self, now: float) -> list[tuple[EventType, dict[str, Any]]]:
        """Advance SLA clocks to ``now``; return (event type, data) for breaches and warnings."""
        ...


WorldFactory = Callable[[Exercise, Caller, int], World]


@dataclass(frozen=True)
class StepProblem:
    """What is wrong with a step's reference: a message for script authors, and a code, the argument at
    fault and parameters from which an interface says it in its own words (never listing the answers)."""

    message: str
    code: str
    field: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)


#: Reference checks for script steps, registered by the world package: (exercise, step, args) → problem or None.
ReferenceCheck = Callable[[Exercise, str, Any], StepProblem | None]
REFERENCE_CHECKS: list[ReferenceCheck] = []
