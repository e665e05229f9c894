"""CRM: the same seed gives the same organisation; lookups by name, e-mail, phone, asset tag, ticket."""

from __future__ import annotations

import pytest
from world_builders import build_world, make_ctx

from simulator.world import HelpdeskWorld


def test_the_directory_is_deterministic_per_seed() -> None:
    a, b, c = build_world(seed=3), build_world(seed=3), build_world(seed=4)
    assert a.crm == b.crm
    assert a.crm.caller().full_name != c.crm.caller().full_name


def test_the_crm_caller_is_the_caller_on_the_phone(world: HelpdeskWorld) -> None:
    me = world.crm.caller()
    assert (me.full_name, me.email, me.employee_number) == (
        world.caller.full_name, world.caller.email, world.caller.employee_number)  # fmt: skip
    tags = {a.tag for a in world.crm.assets_of(me.id)}
    assert world.caller.asset_tag in tags
    assert "PRN-2E-01" in {a.tag for a in world.crm.assets}


@pytest.mark.parametrize("field", ["last_name", "email", "employee_number", "asset_tag", "phone"])
def test_lookup_finds_the_caller_by(world: HelpdeskWorld, field: str) -> None:
    query = getattr(world.caller, field)
    result = world.perform("crm.lookup", {"query": query.upper() if field == "last_name" else query}, make_ctx())
    assert world.caller.full_name in [m["full_name"] for m in result.data["matches"]]


def test_unknown_person_gives_an_empty_result_not_a_refusal(world: HelpdeskWorld) -> None:
    result = world.perform("crm.lookup", {"query": "Zzyzx Nobody"}, make_ctx())
    assert result.ok and result.data["count"] == 0


def test_the_slow_laptop_caller_has_two_earlier_tickets() -> None:
    world = build_world("slow-laptop-complaint-angry-en")
    result = world.perform("crm.lookup", {"query": world.caller.last_name}, make_ctx())
    card = next(m for m in result.data["matches"] if m["full_name"] == world.caller.full_name)
    assert [t["status"] for t in card["tickets"]] == ["closed", "closed"]
    assert "Disk Cleanup" in card["tickets"][0]["resolution"]
    new = world.perform("ticket.create", {"summary": "Slow again", "category": "hardware", "impact": "low",
                                          "urgency": "medium"}, make_ctx())  # fmt: skip
    assert new.data["ticket"] == "INC-000003"
