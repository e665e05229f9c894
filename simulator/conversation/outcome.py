"""How a call ended, as the replay report states it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """How the call ended, for the report."""

    ended_by: str | None
    resolved: bool
    customer_mood: int
    duration_s: float
    wait_before_answer_s: float | None

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as the replay report writes it."""
        return {
            "ended_by": self.ended_by,
            "resolved": self.resolved,
            "customer_mood": self.customer_mood,
            "duration_s": round(self.duration_s, 2),
            "wait_before_answer_s": self.wait_before_answer_s,
        }
