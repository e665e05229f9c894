"""The SLA policy: impact × urgency → priority (ITIL matrix), targets per priority, business hours.

Clocks are measured in *SLA seconds*: wall-clock seconds inside business hours (or all seconds for
a 24×7 priority). A ticket waiting on the customer does not count; see :class:`SlaClock`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class Target:
    """Response and resolution targets of one priority."""

    response_min: int
    resolution_min: int
    around_the_clock: bool = False


@dataclass(frozen=True)
class BusinessHours:
    """The service desk's opening hours (weekday numbers: Monday is 0)."""

    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(8, 0)
    end: time = time(18, 0)

    def seconds_between(self, a: datetime, b: datetime) -> float:
        """Return the business seconds between two instants (0 when b is before a)."""
        if b <= a:
            return 0.0
        total = 0.0
        day = a.replace(hour=0, minute=0, second=0, microsecond=0)
        while day < b:
            if day.weekday() in self.days:
                open_ = day.replace(hour=self.start.hour, minute=self.start.minute)
                close = day.replace(hour=self.end.hour, minute=self.end.minute)
                lo, hi = max(a, open_), min(b, close)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += timedelta(days=1)
        return total


@dataclass(frozen=True)
class SlaPolicy:
    """The configurable policy (``exercises/world/sla.yaml``)."""

    matrix: dict[tuple[str, str], str]
    targets: dict[str, Target]
    hours: BusinessHours = BusinessHours()
    warning_at: float = 0.8

    def priority(self, impact: str, urgency: str) -> str:
        """Derive the priority from impact and urgency; the trainee never chooses it."""
        return self.matrix[(impact, urgency)]

    def elapsed(self, priority: str, a: datetime, b: datetime) -> float:
        """Return the SLA seconds between two instants for a ticket of this priority."""
        if self.targets[priority].around_the_clock:
            return max(0.0, (b - a).total_seconds())
        return self.hours.seconds_between(a, b)


@dataclass
class SlaClock:
    """The running periods of one ticket's resolution clock; paused while waiting on the customer."""

    periods: list[tuple[datetime, datetime | None]] = field(default_factory=list)

    @property
    def running(self) -> bool:
        """Whether the clock runs now."""
        return bool(self.periods) and self.periods[-1][1] is None

    def start(self, at: datetime) -> None:
        """Start (or resume) the clock."""
        if not self.running:
            self.periods.append((at, None))

    def pause(self, at: datetime) -> None:
        """Stop the clock (waiting on customer, resolved)."""
        if self.running:
            begin, _ = self.periods[-1]
            self.periods[-1] = (begin, max(begin, at))

    def elapsed(self, policy: SlaPolicy, priority: str, now: datetime) -> float:
        """Return the SLA seconds counted so far."""
        return sum(policy.elapsed(priority, a, b or now) for a, b in self.periods)
