"""The world's actions, registered by session-script step name (no if-chains).

Each handler takes the world, the step's arguments (plain data) and the call context, and returns
an :class:`ActionResult`; a :class:`WorldError` it raises becomes a refused result with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.world.errors import WorldError
from simulator.world.pc.commands import command_name, run_command
from simulator.world.pc.faults import all_repaired
from simulator.world.port import ActionContext, ActionResult
from simulator.world.tickets import Status

if TYPE_CHECKING:
    from simulator.world.world import HelpdeskWorld

Handler = Callable[["HelpdeskWorld", dict[str, Any], ActionContext], ActionResult]


@dataclass(frozen=True)
class Action:
    """A registered action and how long it takes on the simulated clock."""

    name: str
    handler: Handler
    seconds: float


ACTIONS: dict[str, Action] = {}


def action(name: str, seconds: float) -> Callable[[Handler], Handler]:
    """Register a handler for a step name."""

    def register(fn: Handler) -> Handler:
        ACTIONS[name] = Action(name, fn, seconds)
        return fn

    return register


def ok(
    world: HelpdeskWorld, name: str, data: dict[str, Any], *signals: str, seconds: float | None = None
) -> ActionResult:
    """Build a successful result, logging the handling time on the current ticket."""
    spent = ACTIONS[name].seconds if seconds is None else seconds
    world.log_time(spent)
    return ActionResult(True, data, None, spent, tuple(signals))


@action("ticket.create", 20)
def ticket_create(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Open a ticket for the caller; it becomes the call's current ticket."""
    person = world.crm.caller()
    ticket = world.tickets.create(
        world.at(ctx.now),
        world.author,
        caller=person.full_name,
        organisation=person.organisation,
        person_id=person.id,
        **args,
    )
    world.current = ticket.number
    data = world.ticket_data(ticket) | {"category": ticket.category, "impact": ticket.impact, "urgency": ticket.urgency}
    return ok(world, "ticket.create", data, "ticket_created")


@action("ticket.update", 6)
def ticket_update(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Change fields, the status (waiting on customer pauses the SLA) or send a customer-visible reply."""
    ticket, at = world.ticket(), world.at(ctx.now)
    status, reply = args.pop("status", None), args.pop("reply", None)
    changed = world.tickets.update(ticket, at, world.author, **args)
    if reply:
        world.tickets.note(ticket, at, world.author, reply, visible=True)
        changed.append("reply")
    if status:
        world.tickets.set_status(ticket, Status(status), at, world.author)
        changed.append("status")
    return ok(world, "ticket.update", world.ticket_data(ticket) | {"changed": changed})


@action("ticket.note", 8)
def ticket_note(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Add an internal work note."""
    ticket = world.ticket()
    world.tickets.note(ticket, world.at(ctx.now), world.author, args["text"])
    return ok(world, "ticket.note", world.ticket_data(ticket) | {"visible": False})


@action("ticket.assign", 5)
def ticket_assign(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Assign to a group; any group but first line is an escalation."""
    ticket = world.ticket()
    world.tickets.assign(ticket, world.at(ctx.now), world.author, args["group"], args.get("assignee"))
    expected = world.expected_group(ticket)
    data = world.ticket_data(ticket) | {
        "assignee": ticket.assignee,
        "expected_group": expected,
        "follows_matrix": ticket.group == expected,
    }
    escalated = ticket.group != world.content.book.first_line_group
    return ok(world, "ticket.assign", data, *(["escalated"] if escalated else []))


@action("ticket.link_problem", 5)
def ticket_link(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Link the ticket to a known problem and show its workaround."""
    ticket = world.ticket()
    world.tickets.link_problem(ticket, world.at(ctx.now), world.author, args["problem"])
    problem = world.content.problems[args["problem"]]
    data = world.ticket_data(ticket) | {
        "title": problem.title,
        "workaround": problem.workaround,
        "relevant": problem.id in world.spec.problems,
    }
    return ok(world, "ticket.link_problem", data, "problem_linked")


@action("ticket.resolve", 6)
def ticket_resolve(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Record the solution."""
    ticket = world.ticket()
    world.tickets.resolve(ticket, world.at(ctx.now), world.author, args["resolution"])
    return ok(world, "ticket.resolve", world.ticket_data(ticket) | {"fixed": world.fixed}, "resolved")


@action("ticket.close", 3)
def ticket_close(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Close a resolved ticket."""
    ticket = world.ticket()
    world.tickets.close(ticket, world.at(ctx.now), world.author)
    return ok(world, "ticket.close", world.ticket_data(ticket) | {"time_spent_s": round(ticket.time_spent_s, 1)})


@action("kb.search", 3)
def kb_search(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Search the knowledge base."""
    results = world.kb.search(args["query"])
    for row in results:
        row["relevant"] = row["id"] in world.spec.kb
    return ok(world, "kb.search", {"query": args["query"], "results": results, "count": len(results)})


@action("kb.open", 4)
def kb_open(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Open an article."""
    card = world.kb.open(args["article"])
    data = {k: card[k] for k in ("id", "title", "language", "audience", "status", "views")}
    return ok(world, "kb.open", {"article": card["id"], **data, "relevant": card["id"] in world.spec.kb})


@action("kb.share", 5)
def kb_share(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Send an article to the caller by e-mail."""
    card = world.kb.share(args["article"], support_allowed=world.spec.caller_reads_support)
    data = {
        "article": card["id"],
        "title": card["title"],
        "shares": card["shares"],
        "to": ctx.caller.email,
        "relevant": card["id"] in world.spec.kb,
    }
    if world.current:
        world.tickets.note(
            world.ticket(), world.at(ctx.now), world.author, f"{card['id']} gedeeld met de klant", visible=True
        )
    signals = ["kb_shared"]
    if card["id"] in world.spec.self_service and not world.fixed:
        world.device.account_locked = world.device.password_expired = False
        world.fixed = data["fixed"] = True
        signals.append("fixed")
    return ok(world, "kb.share", data, *signals)


@action("kb.propose", 60)
def kb_propose(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Propose a new article; it waits in review for an instructor."""
    category = world.ticket().category if world.current else "other"
    article = world.kb.propose(
        args["title"],
        args["symptoms"],
        args.get("cause", ""),
        args["solution"],
        args.get("audience", "end_user"),
        category,
    )
    return ok(world, "kb.propose", {"article": article.id, "title": article.title, "status": article.status})


@action("crm.lookup", 3)
def crm_lookup(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Look up a person (name, number, e-mail, asset tag) or a ticket by number.

    An open ticket of the desk (a shift's queue) becomes the one the trainee works on; a customer's
    earlier or closed ticket is only shown, so the call's own ticket can still be created and assigned.
    """
    query = args["query"].strip()
    if query.upper() in world.tickets.tickets:
        ticket = world.tickets.get(query.upper())
        if ticket.is_open and ticket not in world.earlier_tickets():
            world.current = ticket.number
        return ok(
            world,
            "crm.lookup",
            {"query": query, "ticket": ticket.to_dict() | {"history": len(ticket.history)}, "count": 1},
        )
    matches = [world.person_card(p) for p in world.crm.find(query)]
    return ok(world, "crm.lookup", {"query": query, "matches": matches, "count": len(matches)})


@action("remote.connect", 8)
def remote_connect(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Take over the caller's PC: only with consent, during the call, when the PC is reachable."""
    if world.content.book.consent_required and not ctx.consent_given:
        raise WorldError("De klant heeft nog geen toestemming gegeven om de pc over te nemen; vraag het eerst.")
    if not ctx.call_active:
        raise WorldError("Er is geen lopend gesprek; de klant moet de sessie aan haar kant aanvaarden.")
    if world.session:
        raise WorldError("Er loopt al een sessie op afstand.")
    if not world.device.online:
        raise WorldError(
            f"{world.device.hostname} is niet bereikbaar (geen internetverbinding); "
            "begeleid de klant om de stappen zelf te doen."
        )
    world.session = True
    return ok(world, "remote.connect", {"host": world.device.hostname, "user": world.device.user}, "remote_connected")


@action("remote.run", 2)
def remote_run(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """Run a command on the caller's PC; a repair that removes the last fault is heard as ``fixed``."""
    if not world.session:
        raise WorldError("Er is geen sessie op afstand; maak eerst verbinding (remote.connect).")
    line = args["command"]
    output = run_command(world.device, line)
    signals: list[str] = []
    repaired = not world.fixed and all_repaired(world.device, world.spec.pc.faults)
    if repaired:
        world.fixed = True
        signals.append("fixed")
    data = {"command": line, "name": command_name(line), "output": output, "repaired": repaired}
    return ok(world, "remote.run", data, *signals)


@action("remote.disconnect", 2)
def remote_disconnect(world: HelpdeskWorld, args: dict[str, Any], ctx: ActionContext) -> ActionResult:
    """End the remote session."""
    if not world.session:
        raise WorldError("Er is geen sessie op afstand om te beëindigen.")
    world.session = False
    return ok(world, "remote.disconnect", {"host": world.device.hostname})
