"""A world given stored extras (approved articles, a stored directory with earlier tickets) behaves as
the shipped one plus those; the frequent problems report and the SLA state read back from history."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from world_builders import make_ctx, make_ticket

from simulator.conversation.caller import make_caller
from simulator.conversation.loader import load_exercise
from simulator.world import WorldExtras, load_content, make_world
from simulator.world.report import ArticleUse, clock_from_history, frequent_problems, problems_csv, sla_state
from simulator.world.schema import Article
from simulator.world.tickets import Status

EXERCISE = "slow-laptop-complaint-angry-en"


def make_article(**overrides: object) -> Article:
    """Build an approved article; any field can be overridden."""
    fields = {
        "id": "KB-0900",
        "title": "Zebra label printer prints blank labels",
        "language": "en",
        "category": "printer",
        "symptoms": "Labels come out blank.",
        "solution": "Replace the ribbon.",
    }
    return Article.model_validate(fields | overrides)


def world_with(extras: WorldExtras | None, exercise_id: str = EXERCISE, seed: int = 7):  # type: ignore[no-untyped-def]
    exercise = load_exercise(exercise_id)
    return make_world(exercise, make_caller(exercise.language, seed, gender=exercise.caller.gender), seed, extras)


def test_an_approved_article_is_searchable_and_shareable_and_ids_pass_the_reference_check() -> None:
    world = world_with(WorldExtras(articles=(make_article(),)))
    hits = world.perform("kb.search", {"query": "label printer blank ribbon"}, make_ctx()).data["results"]
    assert hits[0]["id"] == "KB-0900"
    assert world.perform("kb.share", {"article": "KB-0900"}, make_ctx()).ok
    assert "KB-0900" not in world_with(None).content.articles  # the shipped content is untouched


def test_merged_content_is_cached_and_shipped_articles_win() -> None:
    base = load_content()
    one, two = base.with_articles([make_article()]), base.with_articles([make_article()])
    assert one is two and one is not base
    assert base.with_articles([make_article(id="KB-0001", title="Not the shipped one")]) is base
    assert base.with_articles([make_article(status="review")]) is base  # only published articles join


def test_a_stored_directory_and_earlier_tickets_replace_the_seeded_ones() -> None:
    seeded = world_with(None)
    directory = copy.deepcopy(seeded.crm)
    me = directory.caller()
    directory.people[me.id] = type(me)(**{**me.__dict__, "phone": "+32 9 000 00 00"})
    earlier = tuple(copy.deepcopy(seeded.earlier_tickets()))
    assert len(earlier) == 2
    stored = world_with(WorldExtras(directory=directory, earlier=earlier))
    card = stored.person_card(stored.crm.caller())
    assert card["phone"] == "+32 9 000 00 00"
    assert card["tickets"] == seeded.person_card(seeded.crm.caller())["tickets"]
    assert make_ticket(stored) == make_ticket(seeded) == "INC-000003"  # numbering continues after the history
    assert stored.touched_tickets()[0].number == "INC-000003" and seeded.crm.caller().phone != "+32 9 000 00 00"


def test_an_empty_stored_history_is_not_reseeded() -> None:
    world = world_with(WorldExtras(directory=world_with(None).crm, earlier=()))
    assert world.earlier_tickets() == []


START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.mark.parametrize(
    ("moves", "minutes", "state"),
    [
        ([], 60, "running"),
        ([], 47 * 60 + 30, "warning"),  # P3: 1440 business minutes (8:00-18:00); Wed 8:30 is 1170 of them
        ([], 3 * 24 * 60, "breached"),
        ([(Status.WAITING, 10)], 3 * 24 * 60, "paused"),
        ([(Status.RESOLVED, 30)], 3 * 24 * 60, "met"),
    ],
)
def test_the_sla_state_is_read_back_from_the_history(moves: list[tuple[Status, int]], minutes: int,
                                                      state: str) -> None:  # fmt: skip
    world = world_with(None, "printer-offline-angry-nl")
    ticket = world.tickets.create(START, "sam", summary="Printer", category="printer", impact="low", urgency="high")
    for status, after in moves:
        if status == Status.RESOLVED:
            world.tickets.resolve(ticket, START + timedelta(minutes=after), "sam", "Spooler herstart")
        else:
            world.tickets.set_status(ticket, status, START + timedelta(minutes=after), "sam")
    assert clock_from_history(ticket).periods == ticket.clock.periods
    found = sla_state(world.tickets.policy, ticket, START + timedelta(minutes=minutes))
    assert found["state"] == state and found["target_min"] == 1440


def test_frequent_problems_weigh_tickets_then_shares_then_views() -> None:
    rows = frequent_problems(
        [("printer", 2), ("email", 1)],
        [ArticleUse("KB-0002", "Printer", "printer", 3, 1), ArticleUse("KB-0018", "Mailbox", "email", 9, 0),
         ArticleUse("KB-0011", "VPN", "network", 2, 2), ArticleUse("KB-0007", "Unused", "network")],
        {"printer": "Printers"},
    )  # fmt: skip
    assert [(r.category, r.tickets, r.views, r.shares) for r in rows] == [
        ("printer", 2, 3, 1), ("email", 1, 9, 0), ("network", 0, 2, 2)
    ]  # fmt: skip
    assert rows[0].name == "Printers" and [a.id for a in rows[2].articles] == ["KB-0011"]
    lines = problems_csv(rows).splitlines()
    assert lines[0] == "category,name,tickets,kb_views,kb_shares,top_articles"
    assert lines[1] == "printer,Printers,2,3,1,KB-0002"


def test_an_earlier_ticket_may_still_be_open_so_a_caller_can_call_back_about_it() -> None:
    world = world_with(None, "callback-open-ticket-angry-nl")
    (earlier,) = world.earlier_tickets()
    assert earlier.status == Status.IN_PROGRESS and earlier.resolution in ("", None)
    assert earlier.group == "workplace" and earlier.is_open


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "closed"}, "needs its resolution"),
        ({"status": "in_progress", "resolution": "Opgelost."}, "has no resolution yet"),
    ],
)
def test_an_earlier_ticket_has_a_resolution_exactly_when_it_is_done(fields: dict[str, str], message: str) -> None:
    from pydantic import ValidationError

    from simulator.world.schema import HistoryTicket

    with pytest.raises(ValidationError, match=message):
        HistoryTicket.model_validate({"days_ago": 3, "summary": "Dock", "category": "hardware", **fields})
