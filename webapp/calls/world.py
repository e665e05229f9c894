"""The call's helpdesk world in the database: what a call's world starts from, and what it leaves.

A new or replayed runner starts from the approved knowledge-base articles and the call's stored
customer directory (``extras_for``). After each committed step the tickets the trainee touched are
saved with their audit history, a proposed article joins the instructors' review queue and views
and shares are counted (``after_step``). Saving is idempotent (scope + number, history appended
once), so a runner replayed in another worker never duplicates a ticket.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC
from typing import Any

from flask import current_app, has_app_context

from simulator.adapters.db.models import CallSession
from simulator.adapters.db.world_repository import WorldRepository
from simulator.conversation.events import Event, EventType
from simulator.scripts.runner import CallRunner
from simulator.world import HelpdeskWorld, WorldExtras, load_content
from simulator.world.errors import WorldError

log = logging.getLogger(__name__)
_KEY = "eerstelijn.world_repository"  # shared with the instructor's review queue
_IMPORTED = "eerstelijn.world_articles_imported"
TICKET_CHANGES = ("ticket.", "kb.share")
#: Ticket numbers each call may use (its earlier tickets, its queue, the ones the trainee opens).
TICKETS_PER_CALL = 1000


_IMPORT_LOCK = threading.Lock()


def repository() -> WorldRepository | None:
    """Return the app's world repository (None outside an app), shipped articles imported once.

    Importing the shipped articles first means a proposal never gets the id of a shipped one.
    """
    if not has_app_context():
        return None
    app = current_app
    found: WorldRepository | None = app.extensions.get(_KEY)
    if found is None:
        from webapp.db import database

        found = app.extensions[_KEY] = WorldRepository(database().sessions)
    if not app.extensions.get(_IMPORTED):
        with _IMPORT_LOCK:
            if not app.extensions.get(_IMPORTED):
                found.import_articles(list(load_content().articles.values()))
                app.extensions[_IMPORTED] = True
    return found


def scope_of(call_id: int) -> str:
    """Return the world scope of a call: its tickets and its customer directory live there."""
    return f"call-{call_id}"


def history_scope(call_id: int) -> str:
    """Return the scope of the call's customer history (the earlier tickets of its directory)."""
    return f"call-{call_id}/historiek"


def first_ticket(call_id: int | None) -> int:
    """Return the number of a call's first ticket: every call has its own thousand, so numbers are unique."""
    return call_id * TICKETS_PER_CALL + 1 if call_id else 1


def extras_for(call: CallSession) -> WorldExtras | None:
    """Return what the call's world starts from: approved articles (as of the call's start), stored CRM."""
    repo = repository()
    if repo is None:
        return None
    started = call.started_at
    if started is not None and started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    articles = tuple(repo.published_articles(before=started))
    directory = repo.load_directory(scope_of(call.id)) if call.id else None
    earlier = None
    if directory is not None:
        stored = [s.ticket for _, s in repo.load_tickets([history_scope(call.id)])]
        earlier = tuple(sorted(stored, key=lambda t: t.number))
    return WorldExtras(articles, directory, earlier)


def after_start(call: CallSession, runner: CallRunner) -> None:
    """Store the call's customer directory and its earlier tickets, unless a stored one was used."""
    repo, world = repository(), _world(runner)
    if repo is None or world is None:
        return
    _safely(call, _store_directory, repo, call, world)


def after_step(call: CallSession, runner: CallRunner, events: list[Event]) -> None:
    """Save what the step changed in the world: touched tickets, a proposal, article views and shares."""
    repo, world = repository(), _world(runner)
    if repo is None or world is None:
        return
    done = [e for e in events if not e.data.get("refused")]
    if any(e.type.startswith(TICKET_CHANGES) for e in done):
        _safely(call, save_tickets, call, runner)
    for event in done:
        if event.type == EventType.KB_PROPOSE:
            _safely(call, _store_proposal, repo, call, world, str(event.data["article"]))
        elif event.type in (EventType.KB_OPEN, EventType.KB_SHARE):
            what = "view" if event.type == EventType.KB_OPEN else "share"
            _safely(call, _count, repo, str(event.data["article"]), what)


def after_end(call: CallSession, runner: CallRunner) -> None:
    """Save the call's tickets as the call left them (the handling time of the last steps included)."""
    _safely(call, save_tickets, call, runner)


def save_tickets(call: CallSession, runner: CallRunner) -> int:
    """Save every ticket the trainee touched in the call (idempotent); return how many are stored."""
    repo, world = repository(), _world(runner)
    if repo is None or world is None:
        return 0
    names = {world.author: call.trainee.display_name}
    touched = world.touched_tickets()
    for ticket in touched:
        repo.sync_ticket(scope_of(call.id), ticket, names)
    return len(touched)


def _store_directory(repo: WorldRepository, call: CallSession, world: HelpdeskWorld) -> None:
    if repo.load_directory(scope_of(call.id)) is None:
        repo.save_directory(scope_of(call.id), world.crm)
        repo.save_earlier(history_scope(call.id), world.earlier_tickets())


def _store_proposal(repo: WorldRepository, call: CallSession, world: HelpdeskWorld, article_id: str) -> None:
    article = world.kb.proposals[article_id]
    fields: dict[str, Any] = article.model_dump(include={"title", "language", "audience", "category", "tags",
                                                         "symptoms", "cause", "solution"})  # fmt: skip
    origin = f"{scope_of(call.id)}/{article_id}"
    repo.propose_article(fields, call.trainee.display_name, origin=origin, cohort_id=call.cohort_id)


def _count(repo: WorldRepository, article_id: str, what: str) -> None:
    try:
        repo.count(article_id, what)
    except WorldError:
        pass  # an article only this call knows (its own proposal) is not counted


def _world(runner: CallRunner) -> HelpdeskWorld | None:
    world = runner.world
    return world if isinstance(world, HelpdeskWorld) else None


def _safely(call: CallSession, action: Any, *args: Any) -> None:
    """Run a save after the call's step has committed; a failure is logged, never undoes the step."""
    try:
        action(*args)
    except Exception:  # the step is committed: failing the trainee's action over a side store is worse
        log.exception("saving the world of call %s failed", call.id)
