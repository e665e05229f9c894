"""Tickets: the ITIL matrix, the lifecycle, refusals with reasons, audit history."""

from __future__ import annotations

import pytest
from world_builders import make_ctx, make_ticket

from simulator.world import HelpdeskWorld


@pytest.mark.parametrize(
    ("impact", "urgency", "priority"),
    [("high", "high", "P1"), ("high", "medium", "P2"), ("high", "low", "P3"), ("medium", "high", "P2"),
     ("medium", "medium", "P3"), ("medium", "low", "P4"), ("low", "high", "P3"), ("low", "medium", "P4"),
     ("low", "low", "P5")],
)  # fmt: skip
def test_priority_follows_the_matrix(world: HelpdeskWorld, impact: str, urgency: str, priority: str) -> None:
    number = make_ticket(world, impact=impact, urgency=urgency)
    assert world.tickets.get(number).priority == priority


def test_tickets_are_numbered_and_create_signals_the_caller(world: HelpdeskWorld) -> None:
    result = world.perform("ticket.create", {"summary": "x", "category": "printer", "impact": "low",
                                             "urgency": "low"}, make_ctx())  # fmt: skip
    assert result.data["ticket"] == "INC-000001"
    assert "ticket_created" in result.signals
    assert 15 <= result.seconds <= 30
    assert make_ticket(world) == "INC-000002"


def test_updating_impact_recomputes_priority_and_is_audited(world: HelpdeskWorld) -> None:
    number = make_ticket(world)
    result = world.perform("ticket.update", {"impact": "high"}, make_ctx())
    assert result.ok and result.data["priority"] == "P1"
    fields = [(e.field, e.old, e.new) for e in world.tickets.get(number).history if e.kind == "field"]
    assert ("impact", "low", "high") in fields and ("priority", "P3", "P1") in fields


@pytest.mark.parametrize(
    ("step", "args", "reason"),
    [
        ("ticket.close", {}, "nog niet opgelost"),
        ("ticket.assign", {"group": "marketing"}, "Onbekende groep"),
        ("ticket.link_problem", {"problem": "PRB-0999"}, "bestaat niet"),
        ("ticket.update", {"category": "koffie"}, "Onbekende categorie"),
    ],
)
def test_illegal_actions_are_refused_with_a_dutch_reason(world: HelpdeskWorld, step: str, args: dict[str, str],
                                                         reason: str) -> None:  # fmt: skip
    make_ticket(world)
    result = world.perform(step, args, make_ctx())
    assert not result.ok
    assert reason in (result.reason or "")


def test_ticket_actions_without_a_ticket_are_refused(world: HelpdeskWorld) -> None:
    result = world.perform("ticket.note", {"text": "x"}, make_ctx())
    assert not result.ok and "nog geen ticket" in (result.reason or "")


def test_full_lifecycle_with_escalation_and_link(world: HelpdeskWorld) -> None:
    number = make_ticket(world, category="vpn", impact="high", urgency="high")
    assign = world.perform("ticket.assign", {"group": "network"}, make_ctx())
    assert "escalated" in assign.signals and assign.data["follows_matrix"] is True
    link = world.perform("ticket.link_problem", {"problem": "PRB-0003"}, make_ctx())
    assert "problem_linked" in link.signals and "vpn2" in link.data["workaround"]
    world.perform("ticket.note", {"text": "Workaround gegeven"}, make_ctx())
    resolved = world.perform("ticket.resolve", {"resolution": "Back-upgateway"}, make_ctx())
    assert "resolved" in resolved.signals
    ticket = world.tickets.get(number)
    assert world.perform("ticket.close", {}, make_ctx()).ok
    assert world.ticket_summary() == {"number": number, "priority": "P1", "status": "closed", "group": "network",
                                      "problem": "PRB-0003"}  # fmt: skip
    kinds = [e.kind for e in ticket.history]
    assert kinds[0] == "created" and {"assign", "link", "note", "resolve", "status"} <= set(kinds)
    assert world.perform("ticket.note", {"text": "te laat"}, make_ctx()).ok is False


def test_assign_to_first_line_is_not_an_escalation(world: HelpdeskWorld) -> None:
    make_ticket(world)
    assert "escalated" not in world.perform("ticket.assign", {"group": "first_line"}, make_ctx()).signals


def test_customer_visible_reply_differs_from_work_note(world: HelpdeskWorld) -> None:
    number = make_ticket(world)
    world.perform("ticket.note", {"text": "intern"}, make_ctx())
    world.perform("ticket.update", {"reply": "Beste klant"}, make_ctx())
    kinds = {e.text: e.kind for e in world.tickets.get(number).history if e.text in ("intern", "Beste klant")}
    assert kinds == {"intern": "note", "Beste klant": "reply"}
