"""The repository's side of web calls, on SQLite and PostgreSQL: idempotent ticket sync with optimistic
locking, the CRM directory round trip, approved proposals as world articles, proposals stored once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from simulator.adapters.db import make_engine, make_sessionmaker
from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import KbArticleRecord
from simulator.adapters.db.world_repository import WorldRepository
from simulator.conversation.caller import make_caller
from simulator.conversation.loader import load_exercise
from simulator.world import HelpdeskWorld, make_world

SCOPE = "call-1"


@pytest.fixture
def repo(lane_database_url: str) -> Iterator[WorldRepository]:
    """The repository on a fresh migrated database (both lanes)."""
    engine: Engine = make_engine(lane_database_url)
    yield WorldRepository(make_sessionmaker(engine))
    engine.dispose()


def build_world(exercise_id: str = "slow-laptop-complaint-angry-en", seed: int = 7) -> HelpdeskWorld:
    """Build a shipped exercise's world."""
    exercise = load_exercise(exercise_id)
    return make_world(exercise, make_caller(exercise.language, seed, gender=exercise.caller.gender), seed)


def test_syncing_a_ticket_twice_stores_each_history_line_once(repo: WorldRepository) -> None:
    world = build_world()
    ticket = world.tickets.create(world.start, "trainee", summary="Slow", category="hardware", impact="low",
                                  urgency="medium")  # fmt: skip
    first = repo.sync_ticket(SCOPE, ticket, {"trainee": "Sam"})
    assert repo.sync_ticket(SCOPE, ticket, {"trainee": "Sam"}) == first  # the same state writes nothing
    world.tickets.note(ticket, world.start + timedelta(minutes=3), "trainee", "Schijf vol")
    repo.sync_ticket(SCOPE, ticket, {"trainee": "Sam"})
    [(_, stored)] = repo.load_tickets([SCOPE])
    history = stored.ticket.history
    assert [(e.kind, e.author) for e in history] == [("created", "Sam"), ("note", "Sam"), ("status", "Sam")]
    stale = stored.ticket
    stale.history = history[:1]  # an older replay of the same call
    assert repo.sync_ticket(SCOPE, stale) is None
    [(_, again)] = repo.load_tickets([SCOPE])
    assert len(again.ticket.history) == 3


def test_the_directory_round_trips_with_its_earlier_tickets(repo: WorldRepository) -> None:
    world = build_world()
    assert repo.load_directory(SCOPE) is None
    repo.save_directory(SCOPE, world.crm)
    assert repo.save_earlier(f"{SCOPE}/historiek", world.earlier_tickets()) == 2
    assert repo.save_earlier(f"{SCOPE}/historiek", world.earlier_tickets()) == 0  # stored once
    loaded = repo.load_directory(SCOPE)
    assert loaded is not None
    assert loaded.people == world.crm.people and loaded.assets == world.crm.assets
    earlier = [s.ticket for _, s in repo.load_tickets([f"{SCOPE}/historiek"])]
    assert sorted(t.number for t in earlier) == sorted(t.number for t in world.earlier_tickets())
    assert {t.resolution for t in earlier} == {t.resolution for t in world.earlier_tickets()}


def test_approved_proposals_become_world_articles_and_proposals_are_stored_once(repo: WorldRepository) -> None:
    fields = {"title": "Zebra drukt lege etiketten", "language": "nl", "audience": "end_user",
              "category": "printer", "symptoms": "Lege etiketten.", "solution": "Vervang het lint."}  # fmt: skip
    first = repo.propose_article(fields, "Sam", origin="call-1/KB-0051")
    assert repo.propose_article(fields, "Sam", origin="call-1/KB-0051") == first
    assert repo.published_articles() == []
    repo.review_article(first, "Ilse", approve=True)
    [article] = repo.published_articles()
    assert (article.id, article.status, article.title, article.category) == (first, "published", fields["title"],
                                                                             "printer")  # fmt: skip
    assert repo.published_articles(before=utcnow() - timedelta(hours=1)) == []  # not yet when an older call began
    repo.count(first, "view")
    assert repo.published_articles(before=utcnow())[0].id == first  # a view does not count as a change


def test_workers_importing_the_shipped_articles_at_once_store_each_once(lane_database_url: str) -> None:
    from simulator.world import load_content

    articles = list(load_content().articles.values())
    engines = [make_engine(lane_database_url) for _ in range(6)]
    workers = [WorldRepository(make_sessionmaker(engine)) for engine in engines]
    errors: list[BaseException] = []
    start = threading.Barrier(len(workers))

    def work(repo: WorldRepository) -> None:
        start.wait()
        try:
            repo.import_articles(articles)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors, errors
    with workers[0].sessions() as db:
        stored = list(db.scalars(select(KbArticleRecord.article_id)))
    for engine in engines:
        engine.dispose()
    assert sorted(stored) == sorted(a.id for a in articles)
