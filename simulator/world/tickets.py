"""Incidents as a service desk records them (after Zammad and GLPI): numbered, prioritised by the
SLA policy, moved through a lifecycle, assigned to groups, linked to known problems, audited.

Every change appends an :class:`Entry` to the ticket's history and bumps ``version`` (the
persistence adapter uses it for optimistic locking). Illegal moves raise :class:`WorldError`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from simulator.world.errors import WorldError
from simulator.world.sla import LEVELS, SlaClock, SlaPolicy


class Status(enum.StrEnum):
    """Where a ticket is in its life."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting_on_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN = frozenset({Status.NEW, Status.IN_PROGRESS, Status.WAITING})
MOVES: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.RESOLVED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
}
STATUS_NL = {
    Status.NEW: "nieuw",
    Status.IN_PROGRESS: "in behandeling",
    Status.WAITING: "wacht op klant",
    Status.RESOLVED: "opgelost",
    Status.CLOSED: "gesloten",
}


@dataclass(frozen=True)
class Entry:
    """One line of a ticket's audit history: a field change, a work note or a customer reply."""

    at: datetime
    kind: str  # created, field, note, reply, status, assign, link, resolve, close, time
    author: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as plain data."""
        data = {k: v for k, v in self.__dict__.items() if v is not None}
        data["at"] = self.at.isoformat()
        return data


@dataclass
class Ticket:
    """One incident."""

    number: str
    summary: str
    category: str
    impact: str
    urgency: str
    priority: str
    opened_at: datetime
    caller: str = ""
    organisation: str = ""
    person_id: str | None = None
    subcategory: str | None = None
    description: str = ""
    channel: str = "phone"
    status: Status = Status.NEW
    group: str = "first_line"
    assignee: str | None = None
    problem: str | None = None
    resolution: str | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    time_spent_s: float = 0.0
    history: list[Entry] = field(default_factory=list)
    clock: SlaClock = field(default_factory=SlaClock)
    version: int = 1

    @property
    def is_open(self) -> bool:
        """Whether work on the ticket is still to do."""
        return self.status in OPEN

    def summary_dict(self) -> dict[str, Any]:
        """Return the ticket as the replay report shows it."""
        return {
            "number": self.number,
            "priority": self.priority,
            "status": self.status.value,
            "group": self.group,
            "problem": self.problem,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return every field of the ticket as plain data (snapshot, persistence)."""
        return {
            **self.summary_dict(),
            "summary": self.summary,
            "description": self.description,
            "category": self.category,
            "subcategory": self.subcategory,
            "impact": self.impact,
            "urgency": self.urgency,
            "caller": self.caller,
            "organisation": self.organisation,
            "channel": self.channel,
            "assignee": self.assignee,
            "resolution": self.resolution,
            "opened_at": self.opened_at.isoformat(),
            "time_spent_s": round(self.time_spent_s, 1),
            "version": self.version,
            "history": [e.to_dict() for e in self.history],
        }


class TicketBook:
    """All tickets of one world with the rules that guard them."""

    def __init__(
        self,
        policy: SlaPolicy,
        groups: set[str],
        categories: dict[str, set[str]],
        problems: set[str],
        first_number: int = 1,
    ):
        self.policy = policy
        self.groups = groups
        self.categories = categories
        self.problems = problems
        self.tickets: dict[str, Ticket] = {}
        self.first_number = first_number

    def next_number(self) -> str:
        """Return the number the next ticket gets (``first_number`` onwards, INC-000001 by default)."""
        used = [int(n.split("-")[1]) for n in self.tickets]
        return f"INC-{max(used, default=self.first_number - 1) + 1:06d}"

    def get(self, number: str) -> Ticket:
        """Return a ticket by number."""
        try:
            return self.tickets[number]
        except KeyError:
            raise WorldError(f"Ticket {number} bestaat niet.") from None

    def create(self, at: datetime, author: str, **fields: Any) -> Ticket:
        """Open a ticket; the priority follows from impact and urgency."""
        self._check_category(fields["category"], fields.get("subcategory"))
        for key in ("impact", "urgency"):
            if fields[key] not in LEVELS:
                raise WorldError(f"Onbekende waarde voor {key}: '{fields[key]}' (laag/midden/hoog: low, medium, high).")
        number = fields.pop("number", None) or self.next_number()
        priority = self.policy.priority(fields["impact"], fields["urgency"])
        ticket = Ticket(number=number, priority=priority, opened_at=at, **fields)
        if ticket.channel == "phone":
            ticket.responded_at = at
        ticket.clock.start(at)
        ticket.history.append(Entry(at, "created", author, text=f"{ticket.summary} ({priority})"))
        self.tickets[number] = ticket
        return ticket

    def update(self, ticket: Ticket, at: datetime, author: str, **changes: Any) -> list[str]:
        """Change fields (impact and urgency recompute the priority); return the changed names."""
        self._check_open(ticket, "wijzigen")
        if "category" in changes or "subcategory" in changes:
            self._check_category(changes.get("category", ticket.category), changes.get("subcategory"))
        changed = []
        for key, value in changes.items():
            old = getattr(ticket, key)
            if value is None or value == old:
                continue
            setattr(ticket, key, value)
            ticket.history.append(Entry(at, "field", author, field=key, old=str(old), new=str(value)))
            changed.append(key)
        new_priority = self.policy.priority(ticket.impact, ticket.urgency)
        if new_priority != ticket.priority:
            ticket.history.append(Entry(at, "field", "sla", field="priority", old=ticket.priority, new=new_priority))
            ticket.priority = new_priority
            changed.append("priority")
        self._touch(ticket, at)
        return changed

    def set_status(self, ticket: Ticket, status: Status, at: datetime, author: str) -> None:
        """Move the ticket to another status if the lifecycle allows it."""
        if status == ticket.status:
            return
        if status not in MOVES[ticket.status]:
            raise WorldError(
                f"Een ticket met status '{STATUS_NL[ticket.status]}' kan niet naar '{STATUS_NL[status]}' gaan."
            )
        old = ticket.status
        ticket.status = status
        if status in (Status.WAITING, Status.RESOLVED, Status.CLOSED):
            ticket.clock.pause(at)
        else:
            ticket.clock.start(at)
        ticket.history.append(Entry(at, "status", author, field="status", old=old.value, new=status.value))
        self._touch(ticket, at)

    def note(self, ticket: Ticket, at: datetime, author: str, text: str, *, visible: bool = False) -> None:
        """Add a work note (internal) or a reply the customer sees."""
        if ticket.status == Status.CLOSED:
            raise WorldError(f"Ticket {ticket.number} is gesloten; een notitie kan niet meer.")
        ticket.history.append(Entry(at, "reply" if visible else "note", author, text=text))
        if ticket.status == Status.NEW:
            self.set_status(ticket, Status.IN_PROGRESS, at, author)
        self._touch(ticket, at)

    def assign(self, ticket: Ticket, at: datetime, author: str, group: str, assignee: str | None = None) -> None:
        """Hand the ticket to a group (and optionally a person)."""
        if group not in self.groups:
            raise WorldError(f"Onbekende groep '{group}'. Bekende groepen: {', '.join(sorted(self.groups))}.")
        self._check_open(ticket, "toewijzen")
        old = f"{ticket.group}/{ticket.assignee or '-'}"
        ticket.group, ticket.assignee = group, assignee
        ticket.history.append(Entry(at, "assign", author, field="group", old=old, new=f"{group}/{assignee or '-'}"))
        self._touch(ticket, at)

    def link_problem(self, ticket: Ticket, at: datetime, author: str, problem: str) -> None:
        """Link the incident to a known problem."""
        if problem not in self.problems:
            raise WorldError(f"Bekend probleem {problem} bestaat niet.")
        self._check_open(ticket, "koppelen")
        old, ticket.problem = ticket.problem, problem
        ticket.history.append(Entry(at, "link", author, field="problem", old=old, new=problem))
        self._touch(ticket, at)

    def resolve(self, ticket: Ticket, at: datetime, author: str, resolution: str) -> None:
        """Record the solution; the resolution clock stops."""
        self.set_status(ticket, Status.RESOLVED, at, author)
        ticket.resolution, ticket.resolved_at = resolution, at
        ticket.history.append(Entry(at, "resolve", author, text=resolution))

    def close(self, ticket: Ticket, at: datetime, author: str) -> None:
        """Close a resolved ticket."""
        if ticket.status != Status.RESOLVED:
            raise WorldError(
                f"Ticket {ticket.number} is nog niet opgelost (status '{STATUS_NL[ticket.status]}'); "
                "los het eerst op voor u het sluit."
            )
        self.set_status(ticket, Status.CLOSED, at, author)
        ticket.closed_at = at

    def log_time(self, ticket: Ticket, seconds: float) -> None:
        """Add handling time to the ticket."""
        ticket.time_spent_s += seconds

    def _touch(self, ticket: Ticket, at: datetime) -> None:
        ticket.version += 1
        if ticket.responded_at is None:
            ticket.responded_at = at

    def _check_open(self, ticket: Ticket, verb: str) -> None:
        if ticket.status == Status.CLOSED:
            raise WorldError(f"Ticket {ticket.number} is gesloten; u kunt het niet meer {verb}.")

    def _check_category(self, category: str, subcategory: str | None) -> None:
        if category not in self.categories:
            raise WorldError(f"Onbekende categorie '{category}'. Bekend: {', '.join(sorted(self.categories))}.")
        if subcategory and subcategory not in self.categories[category]:
            raise WorldError(f"Onbekende subcategorie '{subcategory}' in categorie '{category}'.")
