"""Steps on the tickets of a shift's queue, by number: open one, prioritise it (impact and urgency).

Every other ticket step (``ticket.update``, ``ticket.note``, ``ticket.assign``,
``ticket.link_problem``, ``ticket.resolve``, ``ticket.close``) may name the ticket it works on with
``ticket: INC-…``; :func:`open_named` makes that ticket the current one first, as opening it in the
queue would. A number that does not exist is refused with a reason, as it would be for a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.world.actions import action, ok
from simulator.world.port import ActionContext, ActionResult

if TYPE_CHECKING:
    from simulator.world.tickets import Ticket
    from simulator.world.world import HelpdeskWorld

#: Steps that act on an existing ticket and so may name it with ``ticket``.
NAMED_TICKET_STEPS = frozenset(
    {"ticket.update", "ticket.note", "ticket.assign", "ticket.link_problem", "ticket.resolve", "ticket.close"}
)


def open_named(world: HelpdeskWorld, step: str, args: dict[str, Any]) -> None:
    """Make the ticket a step names (``ticket: INC-…``) the current one; WorldError if it does not exist."""
    number = args.pop("ticket", None) if step in NAMED_TICKET_STEPS else None
    if number:
        world.current = world.tickets.get(str(number).upper()).number


def queue_rank(world: HelpdeskWorld, ticket: Ticket) -> dict[str, Any]:
    """Return where a ticket stands among the open tickets: its rank by priority and whether it is the most urgent."""
    waiting = sorted(t.priority for t in world.tickets.tickets.values() if t.is_open)
    return {
        "rank": waiting.index(ticket.priority) + 1 if ticket.is_open else None,
        "most_urgent": waiting[:1] == [ticket.priority],
    }


@action("ticket.open", 4)
def ticket_open(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Open a ticket of the queue by number: it becomes the ticket the next steps work on."""
    ticket = world.tickets.get(str(args["ticket"]).upper())
    world.current = ticket.number
    data = world.ticket_data(ticket) | {
        "summary": ticket.summary,
        "impact": ticket.impact,
        "urgency": ticket.urgency,
        "channel": ticket.channel,
    }
    return ok(world, "ticket.open", data | queue_rank(world, ticket))


@action("ticket.prioritise", 6)
def ticket_prioritise(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Judge a ticket's impact and urgency again; the SLA policy derives the priority from them."""
    if args.get("ticket"):
        world.current = world.tickets.get(str(args["ticket"]).upper()).number
    ticket = world.ticket()
    before = ticket.priority
    changed = world.tickets.update(
        ticket, world.at(ctx.now), world.author, impact=args["impact"], urgency=args["urgency"]
    )
    data = world.ticket_data(ticket) | {
        "impact": ticket.impact,
        "urgency": ticket.urgency,
        "previous_priority": before,
        "changed": changed,
    }
    return ok(world, "ticket.prioritise", data | queue_rank(world, ticket))
