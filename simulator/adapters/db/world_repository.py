"""Store the helpdesk world: tickets with their audit history (optimistic locking), knowledge-base
articles with revisions and the review workflow, and the CRM directory of a scope.

Search reuses the core's BM25 index over the published articles, rebuilt only after a write: the
same ranking on SQLite and PostgreSQL, measured in ``bench/bench_world.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from simulator.adapters.db import world_directory
from simulator.adapters.db.models.kb import KbArticleRecord, KbRevisionRecord
from simulator.adapters.db.models.tickets import TicketHistoryRecord, TicketRecord
from simulator.world.crm import Directory
from simulator.world.errors import WorldError
from simulator.world.kb import next_article_id
from simulator.world.report import clock_from_history
from simulator.world.schema import Article
from simulator.world.search import Bm25Index
from simulator.world.tickets import Entry, Status, Ticket

TICKET_FIELDS = (
    "summary", "description", "category", "subcategory", "impact", "urgency", "priority", "group", "assignee",
    "problem", "caller", "organisation", "person_id", "channel", "resolution", "time_spent_s", "opened_at",
    "responded_at", "resolved_at", "closed_at",
)  # fmt: skip


#: How a proposal's first revision remembers where it came from (see ``propose_article``).
ORIGIN = "origin: "


class ConcurrentUpdate(WorldError):
    """Someone else changed the record since it was read; reload and try again."""


@dataclass(frozen=True)
class Stored:
    """A ticket as loaded, with the version to hand back when saving."""

    ticket: Ticket
    version: int


class WorldRepository:
    """Tickets, articles and people in the database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._index: tuple[int, Bm25Index, dict[str, tuple[str, str]]] | None = None
        self._lock = threading.Lock()
        self._generation = 0

    # --- tickets -------------------------------------------------------------------------------
    def sync_ticket(self, scope: str, ticket: Ticket, authors: Mapping[str, str] | None = None) -> int | None:
        """Store the ticket as a call's world has it now, idempotently; return the stored version.

        The ticket's history is append-only, so a stored row with as many entries or more is already
        this state or a later one: the fields are refreshed but no entry is added twice, and a
        runner replayed in another worker saves nothing new. Entries by ``authors``' keys are
        stored under their names (the world writes "trainee"; the desk shows who). A concurrent
        writer is detected by the row's version and the save is retried once on fresh data;
        returns None when a newer state was stored in between.
        """
        names = authors or {}
        for attempt in (1, 2):
            try:
                with self.sessions.begin() as db:
                    row, created = _ticket_row(db, scope, ticket)
                    if not created and len(row.history) > len(ticket.history):
                        return None  # a later state of this call is stored already
                    _copy_fields(row, ticket)
                    for entry in ticket.history[len(row.history) :]:
                        fields = _entry_fields(entry) | {"author": names.get(entry.author, entry.author)}
                        row.history.append(TicketHistoryRecord(**fields))
                    db.flush()
                    return row.version_id
            except (StaleDataError, IntegrityError):
                if attempt == 2:
                    message = f"Ticket {ticket.number} kon niet bewaard worden; probeer opnieuw."
                    raise ConcurrentUpdate(message) from None
        return None

    def save_earlier(self, scope: str, tickets: list[Ticket]) -> int:
        """Store a directory's earlier tickets (its customer history) once; return how many were added."""
        added = 0
        for ticket in tickets:
            with self.sessions() as db:
                exists = db.scalar(
                    select(TicketRecord.id).where(TicketRecord.scope == scope, TicketRecord.number == ticket.number)
                )
            if exists is None:
                self.sync_ticket(scope, ticket)
                added += 1
        return added

    def load_tickets(self, scopes: Collection[str]) -> list[tuple[str, Stored]]:
        """Return the tickets of some scopes with their history, newest first, each with its scope."""
        if not scopes:
            return []
        query = (
            select(TicketRecord)
            .where(TicketRecord.scope.in_(list(scopes)))
            .options(selectinload(TicketRecord.history))
            .order_by(TicketRecord.opened_at.desc(), TicketRecord.id.desc())
        )
        with self.sessions() as db:
            return [(row.scope, Stored(_ticket_of(row), row.version_id)) for row in db.scalars(query)]

    def frequent_categories(
        self, scope: str | None = None, *, scopes: Collection[str] | None = None
    ) -> list[tuple[str, int]]:
        """Return ticket counts per category, most frequent first (the 'frequent problems' report)."""
        query = select(TicketRecord.category, func.count()).group_by(TicketRecord.category)
        if scope:
            query = query.where(TicketRecord.scope == scope)
        if scopes is not None:
            query = query.where(TicketRecord.scope.in_(list(scopes) or [""]))
        with self.sessions() as db:
            rows = [(str(c), int(n)) for c, n in db.execute(query)]
        return sorted(rows, key=lambda r: (-r[1], r[0]))

    # --- knowledge base ------------------------------------------------------------------------
    def import_articles(self, articles: list[Article], author: str = "import") -> int:
        """Store shipped articles that are not in the database yet; return how many were added.

        Several workers may import at the same moment: whoever loses the race on an article id finds
        it stored on the next attempt, so the import is safe to run from every process.
        """
        for attempt in range(3):
            try:
                with self.sessions.begin() as db:
                    have = set(db.scalars(select(KbArticleRecord.article_id)))
                    new = [a for a in articles if a.id not in have]
                    for article in new:
                        db.add(_article_row(article, author))
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        self._invalidate()
        return len(new)

    def propose_article(
        self, fields: dict[str, Any], author: str, *, origin: str | None = None, cohort_id: int | None = None
    ) -> str:
        """Store a trainee's proposal as an article in review; return its id.

        ``origin`` (e.g. ``call-12/KB-0051``: the call and the id the call gave it) makes the
        proposal idempotent: proposing the same origin again returns the stored article's id.
        ``cohort_id`` is the author's cohort, whose instructors review it.
        """
        marker = f"{ORIGIN}{origin}" if origin else ""
        with self.sessions.begin() as db:
            if marker:
                found = db.scalar(
                    select(KbArticleRecord.article_id).join(KbRevisionRecord).where(KbRevisionRecord.note == marker)
                )
                if found is not None:
                    return str(found)
            taken = set(db.scalars(select(KbArticleRecord.article_id)))
            article = Article.model_validate({"category": "other", **fields, "id": next_article_id(taken),
                                              "status": "review"})  # fmt: skip
            row = _article_row(article, author, proposed=True)
            row.revisions[0].note = marker
            row.cohort_id = cohort_id
            db.add(row)
        return article.id

    def published_articles(self, *, proposed_only: bool = True, before: datetime | None = None) -> list[Article]:
        """Return the published articles as the world reads them (approved proposals only, by default).

        ``before`` leaves out articles published or changed after that moment, so a call rebuilt
        later sees the knowledge base it started with.
        """
        query = select(KbArticleRecord).where(KbArticleRecord.status == "published")
        if proposed_only:
            query = query.where(KbArticleRecord.proposed_by.is_not(None))
        if before is not None:
            query = query.where(KbArticleRecord.updated_at <= before)
        with self.sessions() as db:
            rows = db.scalars(query.order_by(KbArticleRecord.id).options(selectinload(KbArticleRecord.revisions)))
            return [_article_of(row) for row in rows]

    def review_article(self, article_id: str, reviewer: str, *, approve: bool) -> str:
        """Publish an article in review, or send it back to draft; return the new status."""
        with self.sessions.begin() as db:
            row = self._article_row(db, article_id)
            if row.status != "review":
                raise WorldError(f"{article_id} staat niet ter review (status '{row.status}').")
            row.status = "published" if approve else "draft"
            row.reviewed_by = reviewer
            status = row.status
        self._invalidate()
        return status

    def count(self, article_id: str, what: str) -> int:
        """Count a view or a share of an article (atomically, without touching its version); return the total."""
        column = {"view": KbArticleRecord.views, "share": KbArticleRecord.shares}[what]
        with self.sessions.begin() as db:
            db.execute(
                update(KbArticleRecord)
                .where(KbArticleRecord.article_id == article_id)
                .values({column.key: column + 1, "updated_at": KbArticleRecord.updated_at})
                .execution_options(synchronize_session=False)
            )
            total = db.scalar(select(column).where(KbArticleRecord.article_id == article_id))
        if total is None:
            raise WorldError(f"Kennisbankartikel {article_id} bestaat niet.")
        return int(total)

    def article(self, article_id: str) -> dict[str, Any]:
        """Return an article with its current text and every revision's author."""
        with self.sessions() as db:
            row = self._article_row(db, article_id)
            current = row.revisions[-1]
            return {
                "id": row.article_id, "title": current.title, "language": row.language, "audience": row.audience,
                "status": row.status, "category": row.category, "revision": row.revision, "views": row.views,
                "shares": row.shares, "symptoms": current.symptoms, "cause": current.cause,
                "solution": current.solution, "version": row.version_id,
                "revisions": [{"number": r.number, "author": r.author, "note": r.note} for r in row.revisions],
            }  # fmt: skip

    def search(self, query: str, language: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        """Rank published articles for a query (BM25 over folded, stemmed tokens)."""
        index, meta = self._published_index()
        allowed = {k for k, (lang, _) in meta.items() if language is None or lang == language}
        return [{"id": h.key, "title": meta[h.key][1], "score": h.score} for h in index.search(query, limit, allowed)]

    def _published_index(self) -> tuple[Bm25Index, dict[str, tuple[str, str]]]:
        with self._lock:
            if self._index and self._index[0] == self._generation:
                return self._index[1], self._index[2]
            generation = self._generation
        index, meta = Bm25Index(), {}
        with self.sessions() as db:
            rows = db.scalars(
                select(KbArticleRecord).where(KbArticleRecord.status == "published")
                .options(selectinload(KbArticleRecord.revisions))
            )  # fmt: skip
            for row in rows:
                r = row.revisions[-1]
                index.add(row.article_id, " ".join([r.title, r.title, r.tags, r.symptoms, r.cause, r.solution]))
                meta[row.article_id] = (row.language, r.title)
        with self._lock:
            self._index = (generation, index, meta)
        return index, meta

    def _invalidate(self) -> None:
        with self._lock:
            self._generation += 1

    def _article_row(self, db: Session, article_id: str) -> KbArticleRecord:
        row = db.scalar(
            select(KbArticleRecord).where(KbArticleRecord.article_id == article_id)
            .options(selectinload(KbArticleRecord.revisions))
        )  # fmt: skip
        if row is None:
            raise WorldError(f"Kennisbankartikel {article_id} bestaat niet.")
        return row

    # --- CRM -----------------------------------------------------------------------------------
    def save_directory(self, scope: str, directory: Directory) -> int:
        """Store the people and assets of a scope (replacing what was there); return the people count."""
        return world_directory.save_directory(self.sessions, scope, directory)

    def load_directory(self, scope: str) -> Directory | None:
        """Return the scope's stored directory (people and assets), or None when none was stored."""
        return world_directory.load_directory(self.sessions, scope)

    def find_people(self, scope: str, text: str) -> list[dict[str, Any]]:
        """Find people in a scope by (part of) their name or e-mail, with their asset tags."""
        return world_directory.find_people(self.sessions, scope, text)


def _entry_fields(entry: Entry) -> dict[str, Any]:
    return {"at": entry.at, "kind": entry.kind, "author": entry.author, "field": entry.field, "old": entry.old,
            "new": entry.new, "text": entry.text}  # fmt: skip


def _ticket_of(row: TicketRecord) -> Ticket:
    ticket = Ticket(number=row.number, **{name: getattr(row, name) for name in TICKET_FIELDS})
    ticket.status = Status(row.status)
    ticket.history = [Entry(h.at, h.kind, h.author, h.field, h.old, h.new, h.text) for h in row.history]
    ticket.clock = clock_from_history(ticket)
    ticket.version = row.version_id
    return ticket


def _article_of(row: KbArticleRecord) -> Article:
    current = row.revisions[-1]
    return Article.model_validate(
        {
            "id": row.article_id, "title": current.title, "language": row.language, "audience": row.audience,
            "status": row.status, "category": row.category, "tags": current.tags.split(), "symptoms": current.symptoms,
            "cause": current.cause, "solution": current.solution, "problem": row.problem, "revision": row.revision,
        }
    )  # fmt: skip


def _article_row(article: Article, author: str, *, proposed: bool = False) -> KbArticleRecord:
    row = KbArticleRecord(
        article_id=article.id, language=article.language, audience=article.audience, status=article.status,
        category=article.category, problem=article.problem, revision=1, proposed_by=author if proposed else None,
    )  # fmt: skip
    row.revisions.append(
        KbRevisionRecord(
            number=1,
            title=article.title,
            tags=" ".join(article.tags),
            symptoms=article.symptoms,
            cause=article.cause,
            solution=article.solution,
            author=author,
        )  # fmt: skip
    )
    return row


__all__ = ["ConcurrentUpdate", "Stored", "WorldRepository"]


def _ticket_row(db: Session, scope: str, ticket: Ticket) -> tuple[TicketRecord, bool]:
    """Return the stored row of a ticket (a new one when absent) and whether it is new."""
    row = db.scalar(
        select(TicketRecord)
        .where(TicketRecord.scope == scope, TicketRecord.number == ticket.number)
        .options(selectinload(TicketRecord.history))
    )
    created = row is None
    if row is None:
        row = TicketRecord(scope=scope, number=ticket.number)
        db.add(row)
    return row, created


def _copy_fields(row: TicketRecord, ticket: Ticket) -> None:
    """Copy the ticket's current fields onto its row (history is appended by the callers)."""
    for name in TICKET_FIELDS:
        setattr(row, name, getattr(ticket, name))
    row.status = ticket.status.value
