"""The simulated call clock.

Calls run on simulated time so that the same script always gives the same timings, whatever the
machine; the web console maps wall-clock gaps onto it with explicit waits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SimClock:
    """Seconds since the phone started ringing."""

    now: float = 0.0

    def advance(self, seconds: float) -> float:
        """Move the clock forward by ``seconds`` (never backwards) and return the new time."""
        if seconds > 0:
            self.now = round(self.now + seconds, 3)
        return self.now

    def advance_to(self, moment: float) -> float:
        """Move the clock to ``moment`` if that lies in the future."""
        if moment > self.now:
            self.now = round(moment, 3)
        return self.now
