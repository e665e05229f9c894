"""Reports over stored tickets: the SLA state of a ticket read back from its audit history, and the
"frequent problems" report from ticket categories and knowledge-base use (views and shares).

Pure functions over domain objects and plain rows, so the web app, the command line and the tests
compute the same figures whatever database the rows came from.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from simulator.content.spreadsheet import csv_writer
from simulator.world.sla import SlaClock, SlaPolicy
from simulator.world.tickets import Status, Ticket

PAUSING = frozenset({Status.WAITING.value, Status.RESOLVED.value, Status.CLOSED.value})


def clock_from_history(ticket: Ticket) -> SlaClock:
    """Rebuild a ticket's resolution clock from its status changes (waiting, resolved and closed pause it)."""
    clock = SlaClock()
    clock.start(ticket.opened_at)
    for entry in ticket.history:
        if entry.kind != "status" or entry.new is None:
            continue
        if entry.new in PAUSING:
            clock.pause(entry.at)
        else:
            clock.start(entry.at)
    return clock


def sla_state(policy: SlaPolicy, ticket: Ticket, now: datetime | None = None) -> dict[str, object]:
    """Return where the ticket stands against its resolution target: ``met``, ``breached``, ``running``,
    ``warning`` or ``paused``, with minutes used and allowed.

    ``now`` defaults to the ticket's last recorded moment: exercise tickets live on a simulated clock,
    so the wall clock says nothing about them.
    """
    at = now or max([ticket.opened_at, *(e.at for e in ticket.history)])
    clock = clock_from_history(ticket)
    target = policy.targets[ticket.priority].resolution_min
    end = ticket.resolved_at or ticket.closed_at
    used = clock.elapsed(policy, ticket.priority, end or at) / 60
    if end is not None or not ticket.is_open:
        state = "met" if used <= target else "breached"
    elif used >= target:
        state = "breached"
    elif ticket.status == Status.WAITING:
        state = "paused"
    elif used >= policy.warning_at * target:
        state = "warning"
    else:
        state = "running"
    return {"state": state, "used_min": round(used, 1), "target_min": target, "left_min": round(target - used, 1)}


@dataclass(frozen=True)
class ArticleUse:
    """How often one knowledge-base article was opened and shared."""

    id: str
    title: str
    category: str
    views: int = 0
    shares: int = 0


@dataclass
class ProblemRow:
    """One category in the frequent problems report."""

    category: str
    name: str
    tickets: int = 0
    views: int = 0
    shares: int = 0
    articles: list[ArticleUse] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """Return how much the category weighs: tickets count most, then shares, then views."""
        return 10 * self.tickets + 3 * self.shares + self.views


def frequent_problems(
    tickets: Iterable[tuple[str, int]], articles: Iterable[ArticleUse], names: Mapping[str, str] | None = None
) -> list[ProblemRow]:
    """Combine ticket counts per category with article use per category, heaviest first."""
    names = names or {}
    rows: dict[str, ProblemRow] = {}

    def row(category: str) -> ProblemRow:
        if category not in rows:
            rows[category] = ProblemRow(category, names.get(category, category))
        return rows[category]

    for category, count in tickets:
        row(category).tickets += count
    for use in articles:
        if use.views or use.shares:
            target = row(use.category)
            target.views += use.views
            target.shares += use.shares
            target.articles.append(use)
    for found in rows.values():
        found.articles.sort(key=lambda a: (-a.shares, -a.views, a.id))
    return sorted(rows.values(), key=lambda r: (-r.weight, -r.tickets, r.category))


CSV_HEADER = ("category", "name", "tickets", "kb_views", "kb_shares", "top_articles")


def problems_csv(rows: Iterable[ProblemRow]) -> str:
    """Return the report as CSV (one line per category; the most used articles in the last column)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        top = " ".join(a.id for a in r.articles[:3])
        writer.writerow((r.category, r.name, r.tickets, r.views, r.shares, top))
    return out.getvalue()
