"""Turn-taking on a live voice call: interruptions, dead air and silence timeouts, from audio timings.

The engine keeps the simulated clock and decides what the caller says; this module only reads the
wall-clock facts a voice front end sees — when the caller's audio started playing and how long it is,
when the recogniser heard the trainee's first word, when the trainee stopped — and turns them into
the engine's inputs: ``say(text, interrupt=True, duration=…)`` when the trainee cut the caller off,
``wait(seconds)`` when the line went quiet long enough for the persona to ask "Hallo? Zijt ge daar
nog?", and the dead-air total that competency 8.6 (call handling time) reports.

All times are seconds on one monotonic clock chosen by the caller of this module (``time.monotonic()``
on a server, the audio clock in a browser); nothing here reads a clock itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.voice.ports import Final

#: Speech this soon after the caller's line began is taken as both starting together, not a cut.
START_GRACE_S = 0.3
#: Speech in the caller's last this-many seconds is normal latching, not an interruption.
END_GRACE_S = 0.4
#: Gaps shorter than this are ordinary turn changes, not dead air.
DEAD_AIR_MIN_S = 1.0


@dataclass(frozen=True)
class TurnDecision:
    """What the front end should tell the engine when the trainee starts talking."""

    interrupt: bool
    cut_after_s: float | None  # how far into the caller's line the trainee came in
    gap_s: float  # silence between the caller's last audio and the trainee's first word
    stop_customer_audio: bool  # the player must stop the caller's audio now


@dataclass
class TurnTracker:
    """Follow one call's turns on the front end's clock."""

    silence_timeout_s: float
    line_start: float | None = None
    line_end: float | None = None
    line_index: int | None = None
    trainee_start: float | None = None
    quiet_since: float | None = None
    silence_prompted: bool = False
    gaps: list[float] = field(default_factory=list)
    interruptions: list[int | None] = field(default_factory=list)

    def customer_started(self, at: float, duration_s: float, line_index: int | None = None) -> None:
        """Note that the caller's line (event ``line_index``) started playing at ``at``."""
        self.line_start, self.line_end, self.line_index = at, at + duration_s, line_index
        self.quiet_since = self.line_end
        self.silence_prompted = False

    def customer_stopped(self, at: float) -> None:
        """Note that the caller's audio stopped early (cut off, or the call ended)."""
        if self.line_end is not None and at < self.line_end:
            self.line_end = at
            self.quiet_since = at

    def caller_is_speaking(self, now: float) -> bool:
        """Return True while the caller's line is still playing."""
        return self.line_start is not None and self.line_end is not None and self.line_start <= now < self.line_end

    def trainee_started(self, at: float) -> TurnDecision:
        """Decide, at the recogniser's first partial, whether the trainee cut the caller off."""
        self.trainee_start = at
        speaking = self.caller_is_speaking(at)
        interrupt = bool(
            speaking
            and self.line_start is not None
            and self.line_end is not None
            and at - self.line_start >= START_GRACE_S
            and self.line_end - at > END_GRACE_S
        )
        gap = 0.0
        if not speaking and self.quiet_since is not None:
            gap = max(0.0, at - self.quiet_since)
            if gap >= DEAD_AIR_MIN_S:
                self.gaps.append(round(gap, 3))
        cut = round(at - self.line_start, 3) if speaking and self.line_start is not None else None
        if interrupt:
            self.interruptions.append(self.line_index)
            self.line_end = at
        self.quiet_since = None
        return TurnDecision(interrupt=interrupt, cut_after_s=cut, gap_s=round(gap, 3), stop_customer_audio=interrupt)

    def trainee_finished(self, at: float) -> float:
        """Note the end of the trainee's utterance; return its duration for ``say(duration=…)``."""
        start = self.trainee_start if self.trainee_start is not None else at
        self.trainee_start = None
        self.quiet_since = at
        self.silence_prompted = False
        return round(max(0.0, at - start), 3)

    def silence_due(self, now: float) -> float | None:
        """Return the quiet seconds to pass to ``wait()`` once the persona's timeout has run out (once)."""
        if self.quiet_since is None or self.silence_prompted or self.trainee_start is not None:
            return None
        quiet = now - self.quiet_since
        if quiet < self.silence_timeout_s:
            return None
        self.silence_prompted = True
        return round(quiet, 3)

    def seconds_until_silence_prompt(self, now: float) -> float | None:
        """Return when to check again for a silence prompt (None while nothing is pending)."""
        if self.quiet_since is None or self.silence_prompted or self.trainee_start is not None:
            return None
        return max(0.0, self.quiet_since + self.silence_timeout_s - now)

    @property
    def dead_air_s(self) -> float:
        """Return the total of the silences the trainee left on the line."""
        return round(sum(self.gaps), 3)


def utterance_duration(final: Final) -> float | None:
    """Return how long the trainee spoke according to the word timestamps (None for silence)."""
    if final.start is None or final.end is None:
        return None
    return round(final.end - final.start, 3)
