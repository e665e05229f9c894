"""The world in the database, on SQLite and PostgreSQL: tickets with history, the KB workflow and
search, the CRM directory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from simulator.adapters.db import make_engine, make_sessionmaker
from simulator.adapters.db.world_repository import WorldRepository
from simulator.world.content import load_content
from simulator.world.errors import WorldError
from simulator.world.tickets import Status, Ticket, TicketBook

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(lane_database_url: str) -> Iterator[Engine]:
    """An engine on a fresh migrated database (both lanes)."""
    engine = make_engine(lane_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def repo(engine: Engine) -> WorldRepository:
    """The repository under test."""
    return WorldRepository(make_sessionmaker(engine))


@pytest.fixture
def book() -> TicketBook:
    """A ticket book with the shipped policy, groups, categories and problems."""
    c = load_content()
    return TicketBook(c.sla, set(c.groups), c.category_map(), set(c.problems))


def make_ticket(book: TicketBook, **overrides: object) -> Ticket:
    """Create a ticket in the book."""
    fields = {"summary": "Printer offline", "category": "printer", "impact": "low", "urgency": "high",
              "caller": "Annick Verstraete"} | overrides  # fmt: skip
    return book.create(START, "sam", **fields)


def test_a_ticket_round_trips_with_its_history(repo: WorldRepository, book: TicketBook) -> None:
    ticket = make_ticket(book)
    book.note(ticket, START + timedelta(minutes=1), "sam", "Spooler herstart")
    book.assign(ticket, START + timedelta(minutes=2), "sam", "workplace")
    version = repo.sync_ticket("session:1", ticket)
    [(scope, stored)] = repo.load_tickets(["session:1"])
    assert scope == "session:1" and stored.version == version
    loaded = stored.ticket
    assert (loaded.priority, loaded.status, loaded.group) == ("P3", Status.IN_PROGRESS, "workplace")
    assert [e.kind for e in loaded.history] == [e.kind for e in ticket.history]
    assert loaded.history[1].text == "Spooler herstart" and loaded.opened_at == START


def test_scopes_keep_their_own_numbering(repo: WorldRepository, book: TicketBook) -> None:
    repo.sync_ticket("session:1", make_ticket(book))
    other = make_ticket(TicketBook(book.policy, book.groups, book.categories, book.problems))
    repo.sync_ticket("session:2", other)
    assert [s.ticket.number for _, s in repo.load_tickets(["session:2"])] == ["INC-000001"]
    assert repo.frequent_categories() == [("printer", 2)]


def test_kb_import_search_propose_and_review(repo: WorldRepository) -> None:
    content = load_content()
    assert repo.import_articles(list(content.articles.values())) == len(content.articles)
    assert repo.import_articles(list(content.articles.values())) == 0
    assert repo.search("printer offline wachtrij", "nl")[0]["id"] == "KB-0001"
    assert repo.search("mot de passe oublié", "fr")[0]["id"] == "KB-0006"
    new_id = repo.propose_article({"title": "Excel crasht door InvoiceLink", "language": "en",
                                   "symptoms": "Excel closes", "solution": "Set LoadBehavior to 0",
                                   "category": "office", "tags": ["invoicelink"]}, author="trainee:7")  # fmt: skip
    assert repo.article(new_id)["status"] == "review"
    assert repo.search("invoicelink") == []
    assert repo.review_article(new_id, "instructor:1", approve=True) == "published"
    assert repo.search("invoicelink")[0]["id"] == new_id
    with pytest.raises(WorldError):
        repo.review_article(new_id, "instructor:1", approve=True)
    article = repo.article(new_id)
    assert article["revision"] == 1 and [r["author"] for r in article["revisions"]] == ["trainee:7"]
    assert repo.count("KB-0001", "view") == 1 and repo.count("KB-0001", "view") == 2
    assert repo.count("KB-0001", "share") == 1


def test_the_crm_directory_is_stored_and_found(repo: WorldRepository) -> None:
    from simulator.conversation.caller import make_caller
    from simulator.world.crm import build_directory

    caller = make_caller("nl", 7)
    directory = build_directory(caller, "nl", 7, colleagues=3, role=None, hostname="ACME-LT1",
                                printers=[("PRN-2E-01", "HP", "Gang")])  # fmt: skip
    assert repo.save_directory("session:1", directory) == 4
    assert repo.save_directory("session:1", directory) == 4
    found = repo.find_people("session:1", caller.last_name)
    assert found[0]["email"] == caller.email and caller.asset_tag in found[0]["assets"]
