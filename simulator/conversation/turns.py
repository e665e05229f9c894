"""Who has the floor on a phone line: the caller's line in progress, and how long it has been quiet.

Turn-taking is its own small piece of state: a trainee who speaks while the caller is still talking
cuts them off (the line is cut at a plausible point), a trainee who waits lets them finish, and a
silence is noticed once, until someone speaks again.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.conversation.clock import SimClock


@dataclass
class Floor:
    """The caller's current line (start, end, event index), the end of the last speech, a silence noted."""

    speaking: tuple[float, float, int] | None = None
    last_speech_end: float = 0.0
    silence_noted: bool = False

    def catch_up(self, clock: SimClock) -> None:
        """Let the caller finish the line they are saying."""
        if self.speaking:
            clock.advance_to(self.speaking[1])
            self.speaking = None

    def cut(self, clock: SimClock) -> tuple[int, float] | None:
        """Cut the caller off if they are still talking; return (their line's event index, when)."""
        if not (self.speaking and self.speaking[1] > clock.now):
            return None
        begin, end, index = self.speaking
        at = round(begin + min(1.5, 0.4 * (end - begin)), 3)
        clock.advance_to(at)
        self.speaking = None
        return index, at

    def spoke(self, start: float, duration: float, index: int) -> None:
        """The caller started a line of this length."""
        self.speaking = (start, start + duration, index)
        self.last_speech_end = start + duration
        self.silence_noted = False

    def heard(self, now: float) -> None:
        """Someone on the line finished speaking now."""
        self.last_speech_end = now

    def new_silence(self, now: float, tolerance: float) -> float | None:
        """Return how long it has been quiet, once, when that reaches the tolerance."""
        quiet = now - self.last_speech_end
        if quiet >= tolerance and not self.silence_noted:
            self.silence_noted = True
            return quiet
        return None
