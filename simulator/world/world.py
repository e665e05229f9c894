"""The helpdesk world of one call: tickets with SLA, known problems, knowledge base, CRM, the
caller's PC and the scenario book, behind the ``World`` port of :mod:`simulator.world.port`."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from simulator.conversation.caller import Caller
from simulator.conversation.events import EventType
from simulator.conversation.exercise import Exercise
from simulator.conversation.forms import merge
from simulator.world.actions import ACTIONS
from simulator.world.content import WorldContent, load_content
from simulator.world.crm import ContactMoment, Directory, Person, build_directory
from simulator.world.errors import WorldError
from simulator.world.extras import WorldExtras, copy_directory
from simulator.world.guided import guide
from simulator.world.kb import KnowledgeBase
from simulator.world.pc.build import build_device
from simulator.world.pc.faults import FAULTS, all_repaired
from simulator.world.port import ActionContext, ActionResult
from simulator.world.queue_actions import open_named
from simulator.world.schema import ExerciseWorld
from simulator.world.tickets import Status, Ticket, TicketBook


def exercise_world(content: WorldContent, exercise: Exercise) -> ExerciseWorld:
    """Return the exercise's world: its world file, overridden by a ``world:`` section in the exercise."""
    spec = content.exercise(exercise.id)
    if exercise.world:
        # key by key, so a form may change the PC's faults and keep its printers (``forms.merge``)
        merged = merge(spec.model_dump(), exercise.world) | {"version": 1, "exercise": exercise.id}
        spec = ExerciseWorld.model_validate(merged)
    return spec


class HelpdeskWorld:
    """Everything the trainee works with during one call."""

    author = "trainee"
    #: Who wrote the earlier tickets the exercise seeds (they belong to the customer's history).
    history_author = "historiek"

    def __init__(
        self,
        exercise: Exercise,
        caller: Caller,
        seed: int,
        content: WorldContent | None = None,
        extras: WorldExtras | None = None,
    ) -> None:
        self.exercise, self.caller, self.seed = exercise, caller, seed
        extras = extras or WorldExtras()
        self.content = (content or load_content()).with_articles(extras.articles)
        self.spec = exercise_world(self.content, exercise)
        zone = ZoneInfo(self.content.timezone)
        self.start = self.spec.starts_at.replace(tzinfo=self.spec.starts_at.tzinfo or zone)
        self.tickets = TicketBook(
            self.content.sla,
            set(self.content.groups),
            self.content.category_map(),
            set(self.content.problems),
            first_number=extras.first_ticket,
        )
        self.device = build_device(self.spec.pc, caller, seed)
        self.crm: Directory = (
            copy_directory(extras.directory)
            if extras.directory
            else build_directory(
                caller,
                exercise.language,
                seed,
                colleagues=self.spec.crm.colleagues,
                role=self.spec.crm.role,
                hostname=self.device.hostname,
                printers=[(p.name, p.model, p.location) for p in self.spec.pc.printers],
            )
        )
        self.kb = KnowledgeBase(self.content, exercise.language)
        self.current: str | None = None
        self.session = False
        self.fixed = False
        self.guided_done: list[str] = []  # guided steps the caller did, in order
        self._fired: set[tuple[str, str, str]] = set()
        self._seed_history(extras.earlier)

    # --- the port ------------------------------------------------------------------------------
    def perform(self, step: str, args: Any, ctx: ActionContext) -> ActionResult:
        """Carry out one session-script step; a domain error becomes a refused result."""
        action = ACTIONS.get(step)
        if action is None:
            return ActionResult(False, reason=f"De helpdeskomgeving kent de actie '{step}' niet.")
        try:
            args = dict(args or {})
            open_named(self, step, args)
            return action.handler(self, args, ctx)
        except WorldError as exc:
            return ActionResult(False, {"ticket": self.current} if self.current else {}, exc.reason, 1.0)

    def guide(
        self, text: str, intents: Sequence[str], ctx: ActionContext, reading: str = "plain"
    ) -> ActionResult | None:
        """Let the caller do the simple test the trainee's instruction asks for (see ``world/guided.py``)."""
        return guide(self, text, intents, ctx, reading)

    def ticket_summary(self) -> dict[str, Any] | None:
        """Return the call's current ticket as the replay report shows it."""
        return self.tickets.get(self.current).summary_dict() if self.current else None

    def snapshot(self) -> dict[str, Any]:
        """Return the world's state as plain data for the assessment and the console."""
        return {
            "company": self.content.book.company.name,
            "book": {
                "first_line_group": self.content.book.first_line_group,
                "security_group": self.content.book.security_group,
                "escalation": {rule.category: rule.group for rule in self.content.book.escalation},
            },
            "current_ticket": self.current,
            "tickets": [t.to_dict() for t in self.tickets.tickets.values()],
            "expected_group": self.expected_group(self.tickets.get(self.current)) if self.current else None,
            "pc": {
                "hostname": self.device.hostname,
                "faults": list(self.spec.pc.faults),
                "repaired": all_repaired(self.device, self.spec.pc.faults),
                "session": self.session,
            },
            "kb": {
                "views": dict(self.kb.views),
                "shares": dict(self.kb.shares),
                "proposals": [a.model_dump() for a in self.kb.proposals.values()],
                "relevant": list(self.spec.kb),
            },
            "problems": list(self.spec.problems),
            "guided": {"offered": [g.id for g in self.spec.guided], "done": list(self.guided_done)},
            "caller": self.person_card(self.crm.caller()),
        }

    def tick(self, now: float) -> list[tuple[EventType, dict[str, Any]]]:
        """Advance the SLA clocks to ``now``; return each warning and breach once."""
        at = self.at(now)
        policy = self.tickets.policy
        events: list[tuple[EventType, dict[str, Any]]] = []
        for ticket in self.tickets.tickets.values():
            if not ticket.is_open:
                continue
            target = policy.targets[ticket.priority]
            clocks = [("resolution", ticket.clock.elapsed(policy, ticket.priority, at), target.resolution_min)]
            if ticket.responded_at is None:
                clocks.append(("response", policy.elapsed(ticket.priority, ticket.opened_at, at), target.response_min))
            for name, elapsed, minutes in clocks:
                for kind, share in ((EventType.SLA_WARNING, policy.warning_at), (EventType.SLA_BREACH, 1.0)):
                    key = (ticket.number, name, kind)
                    if elapsed >= share * minutes * 60 and key not in self._fired:
                        self._fired.add(key)
                        events.append(
                            (
                                kind,
                                {
                                    "ticket": ticket.number,
                                    "target": name,
                                    "at": round(now, 2),
                                    "priority": ticket.priority,
                                    "target_min": minutes,
                                    "elapsed_min": round(elapsed / 60, 1),
                                },
                            )
                        )
        return events

    def sla_alerts(self, number: str) -> list[str]:
        """Return the SLA alerts fired for a ticket so far, e.g. ``["response: sla.breach"]``."""
        return sorted(f"{target}: {kind}" for ticket, target, kind in self._fired if ticket == number)

    # --- helpers for actions -------------------------------------------------------------------
    def at(self, now: float) -> datetime:
        """Return the simulated instant ``now`` seconds after the phone started ringing."""
        return self.start + timedelta(seconds=now)

    def ticket(self) -> Ticket:
        """Return the ticket the trainee works on."""
        if self.current is None:
            raise WorldError("Er is nog geen ticket; maak er eerst een aan (ticket.create).")
        return self.tickets.get(self.current)

    def log_time(self, seconds: float) -> None:
        """Count handling time on the current ticket."""
        if self.current and self.tickets.get(self.current).is_open:
            self.tickets.log_time(self.tickets.get(self.current), seconds)

    def ticket_data(self, ticket: Ticket) -> dict[str, Any]:
        """Return what a ticket event records."""
        return {
            "ticket": ticket.number,
            "priority": ticket.priority,
            "status": ticket.status.value,
            "group": ticket.group,
            "problem": ticket.problem,
        }

    def expected_group(self, ticket: Ticket) -> str:
        """Return the group the escalation matrix names for the ticket's category and priority."""
        for rule in self.content.book.escalation:
            if rule.category in (ticket.category, "*") and ticket.priority in rule.priorities:
                return rule.group
        return self.content.book.first_line_group

    def person_card(self, person: Person) -> dict[str, Any]:
        """Return a CRM card with the person's earlier tickets."""
        card = self.crm.card(person)
        card["tickets"] = [
            {
                "number": t.number,
                "summary": t.summary,
                "status": t.status.value,
                "opened_at": t.opened_at.isoformat(),
                "resolution": t.resolution,
            }
            for t in sorted(self.tickets.tickets.values(), key=lambda t: t.opened_at, reverse=True)
            if t.person_id == person.id
        ]
        return card

    def touched_tickets(self) -> list[Ticket]:
        """Return the tickets the trainee created or changed in this call (what a desk stores)."""
        return [t for t in self.tickets.tickets.values() if any(e.author == self.author for e in t.history)]

    def earlier_tickets(self) -> list[Ticket]:
        """Return the customer's earlier tickets (the CRM history), as the exercise seeded or a store gave them."""
        return [t for t in self.tickets.tickets.values() if t.history and t.history[0].author == self.history_author]

    def _seed_history(self, earlier: tuple[Ticket, ...] | None = None) -> None:
        """Create the caller's earlier tickets (or take the stored ones) and the queue the exercise starts with."""
        me = self.crm.caller()
        system = self.history_author
        zone = self.start.tzinfo
        for stored in earlier or ():
            ticket = copy.deepcopy(stored)
            for name in ("opened_at", "responded_at", "resolved_at", "closed_at"):
                moment = getattr(ticket, name)
                if moment is not None:
                    setattr(ticket, name, moment.astimezone(zone))
            self.tickets.tickets[ticket.number] = ticket
        for h in sorted(self.spec.crm.history if earlier is None else (), key=lambda h: -h.days_ago):
            at = self.start - timedelta(days=h.days_ago)
            t = self.tickets.create(
                at,
                system,
                summary=h.summary,
                description=h.description,
                category=h.category,
                impact=h.impact,
                urgency=h.urgency,
                caller=me.full_name,
                organisation=me.organisation,
                person_id=me.id,
            )
            if h.group != t.group:
                self.tickets.assign(t, at, system, h.group)
            for note in h.notes:
                self.tickets.note(t, at + timedelta(minutes=5), system, note)
            if h.status in ("resolved", "closed"):
                self.tickets.resolve(t, at + timedelta(hours=2), system, h.resolution)
            elif h.status != "new":  # still open: the caller may be calling back about it
                self.tickets.set_status(t, Status(h.status), at + timedelta(hours=1), system)
            if h.status == "closed":
                self.tickets.close(t, at + timedelta(days=3), system)
        for c in self.spec.crm.contacts:
            when = (self.start - timedelta(days=c.days_ago)).isoformat()
            self.crm.contacts.append(ContactMoment(me.id, when, c.channel, c.summary))
        for q in sorted(self.spec.queue, key=lambda q: -q.minutes_ago):
            at = self.start - timedelta(minutes=q.minutes_ago)
            t = self.tickets.create(
                at,
                "portaal",
                summary=q.summary,
                description=q.description,
                category=q.category,
                impact=q.impact,
                urgency=q.urgency,
                caller=q.caller,
                organisation=me.organisation,
                channel=q.channel,
            )
            if q.group != t.group:
                self.tickets.assign(t, at, "portaal", q.group)
            if q.status != "new":
                self.tickets.set_status(t, Status(q.status), at, "portaal")
            t.responded_at = at if q.status != "new" else None


def describe_faults(names: list[str]) -> list[str]:
    """Return the instructor's description of each fault."""
    return [f"{n}: {FAULTS[n].description}" for n in names if n in FAULTS]
