"""SLA clocks: business hours, the pause while waiting on the customer, warnings and breaches once."""

from __future__ import annotations

from datetime import UTC, datetime

from world_builders import build_world, make_ctx, make_ticket

from simulator.world.sla import BusinessHours


def test_business_hours_skip_nights_and_weekends() -> None:
    hours = BusinessHours()
    friday = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)
    monday = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    assert hours.seconds_between(friday, monday) == 2 * 3600


def test_waiting_on_customer_pauses_the_resolution_clock() -> None:
    world = build_world()
    number = make_ticket(world, impact="medium", urgency="high")  # P2: 480 business minutes
    ticket = world.tickets.get(number)
    policy = world.tickets.policy
    world.perform("ticket.update", {"status": "waiting_on_customer"}, make_ctx(now=60))
    paused = ticket.clock.elapsed(policy, "P2", world.at(3600))
    assert paused == ticket.clock.elapsed(policy, "P2", world.at(60))
    world.perform("ticket.update", {"status": "in_progress"}, make_ctx(now=3600))
    assert ticket.clock.elapsed(policy, "P2", world.at(3660)) == paused + 60


def test_warning_then_breach_are_reported_once_each() -> None:
    world = build_world()
    number = make_ticket(world, impact="high", urgency="high", now=0.0)  # P1: 240 minutes around the clock
    assert world.tick(60) == []
    warning = world.tick(0.8 * 240 * 60 + 1)
    assert [(t, d["ticket"], d["target"]) for t, d in warning] == [("sla.warning", number, "resolution")]
    assert world.tick(0.9 * 240 * 60) == []
    breach = world.tick(240 * 60 + 1)
    assert [t for t, _ in breach] == ["sla.breach"]
    assert world.tick(300 * 60) == []


def test_a_paused_ticket_does_not_breach() -> None:
    world = build_world()
    make_ticket(world, impact="high", urgency="high", now=0.0)
    world.perform("ticket.update", {"status": "waiting_on_customer"}, make_ctx(now=10))
    assert world.tick(10 * 3600) == []


def test_the_morning_queue_has_six_running_clocks_and_the_p1_is_about_to_breach() -> None:
    world = build_world("shift-morning-queue-nl")
    tickets = list(world.tickets.tickets.values())
    assert len(tickets) == 6 and all(t.is_open for t in tickets)
    first = world.tick(0)
    assert ("sla.warning", "response") in {(t, d["target"]) for t, d in first}
    later = world.tick(5 * 60)
    assert any(t == "sla.breach" and d["priority"] == "P1" for t, d in later)


def test_responding_stops_the_response_clock() -> None:
    world = build_world("shift-morning-queue-nl")
    p1 = next(t for t in world.tickets.tickets.values() if t.priority == "P1")
    opened = world.perform("crm.lookup", {"query": p1.number}, make_ctx(now=0))
    assert opened.data["ticket"]["number"] == p1.number
    world.perform("ticket.note", {"text": "Opgenomen, netwerkteam gebeld"}, make_ctx(now=1))
    assert not [d for t, d in world.tick(10 * 60) if d["ticket"] == p1.number and d["target"] == "response"]
