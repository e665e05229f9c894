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

from dataclasses import asdict, dataclass, field, fields
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as plain data (kept in Redis between web workers)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnDecision:
        """Return the decision :meth:`to_dict` wrote."""
        return cls(
            bool(data["interrupt"]), data.get("cut_after_s"), float(data["gap_s"]), bool(data["stop_customer_audio"])
        )


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

    def to_dict(self) -> dict[str, Any]:
        """Return the tracker as plain data, so another process can carry on with it."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnTracker:
        """Return the tracker :meth:`to_dict` wrote (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class CallTurns:
    """A call's turn-taking state between requests: its tracker and the open utterance's decision.

    The decision is taken once per utterance (at the first sign of speech) and every later chunk of that
    utterance answers with it, whichever web worker receives the chunk.
    """

    tracker: TurnTracker
    utterance: str | None = None
    decision: TurnDecision | None = None

    def start_utterance(self, utterance_id: str) -> None:
        """Make ``utterance_id`` the open utterance (an earlier one's decision no longer counts)."""
        if self.utterance != utterance_id:
            self.utterance, self.decision = utterance_id, None

    def decide(self, utterance_id: str, now: float) -> TurnDecision:
        """Take the utterance's decision at ``now`` unless it was taken already; return it."""
        self.start_utterance(utterance_id)
        if self.decision is None:
            self.decision = self.tracker.trainee_started(now)
        return self.decision

    def finish_utterance(self, utterance_id: str, now: float) -> tuple[TurnDecision | None, float | None]:
        """Close the utterance: return its decision and spoken duration (None when it never started)."""
        decision = self.decision if self.utterance == utterance_id else None
        duration = self.tracker.trainee_finished(now) if decision is not None else None
        self.utterance, self.decision = None, None
        return decision, duration

    def to_dict(self) -> dict[str, Any]:
        """Return the state as plain data."""
        decision = self.decision.to_dict() if self.decision else None
        return {"tracker": self.tracker.to_dict(), "utterance": self.utterance, "decision": decision}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CallTurns:
        """Return the state :meth:`to_dict` wrote."""
        decision = data.get("decision")
        return cls(
            TurnTracker.from_dict(data["tracker"]),
            data.get("utterance"),
            TurnDecision.from_dict(decision) if isinstance(decision, dict) else None,
        )


def utterance_duration(final: Final) -> float | None:
    """Return how long the trainee spoke according to the word timestamps (None for silence)."""
    if final.start is None or final.end is None:
        return None
    return round(final.end - final.start, 3)
