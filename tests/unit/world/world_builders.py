"""Builders for world tests: a world for any shipped exercise, and an action context."""

from __future__ import annotations

from typing import Any

from simulator.conversation.caller import make_caller
from simulator.conversation.loader import load_exercise
from simulator.world import HelpdeskWorld, WorldContent, make_world
from simulator.world.port import ActionContext


def make_ctx(**overrides: Any) -> ActionContext:
    """Build an action context; consent given and the call running unless overridden."""
    caller = overrides.pop("caller", None) or make_caller("nl", 7)
    values: dict[str, Any] = {
        "now": 60.0,
        "consent_given": True,
        "identity_verified": True,
        "caller": caller,
        "call_active": True,
    } | overrides
    return ActionContext(**values)


def build_world(
    exercise_id: str = "printer-offline-angry-nl", seed: int = 7, content: WorldContent | None = None
) -> HelpdeskWorld:
    """Build the world of a shipped exercise (with ``content``: another scenario book)."""
    exercise = load_exercise(exercise_id)
    caller = make_caller(exercise.language, seed, gender=exercise.caller.gender)
    return make_world(exercise, caller, seed, content=content)


def make_ticket(world: HelpdeskWorld, **overrides: Any) -> str:
    """Create a ticket through the world's action and return its number."""
    now = overrides.pop("now", 60.0)
    args = {"summary": "Printer offline", "category": "printer", "impact": "low", "urgency": "high"} | overrides
    result = world.perform("ticket.create", args, make_ctx(now=now))
    assert result.ok, result.reason
    return str(result.data["ticket"])
