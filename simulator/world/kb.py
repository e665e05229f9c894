"""The knowledge base as a small CMS: published articles, search, view and share counts, proposals.

Shared articles come from ``exercises/world/kb/``; a trainee's proposal becomes a draft *in review*
that an instructor approves later (persisted by the database adapter).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from simulator.world.content import WorldContent, article_text
from simulator.world.errors import WorldError
from simulator.world.markdown import render_markdown
from simulator.world.schema import Article
from simulator.world.search import Bm25Index


def article_card(article: Article, *, html: bool = False) -> dict[str, Any]:
    """Return an article as the console and the event log show it."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "language": article.language,
        "audience": article.audience,
        "status": article.status,
        "category": article.category,
        "revision": article.revision,
    }
    if html:
        data |= {
            "symptoms": article.symptoms,
            "cause": article.cause,
            "solution_html": render_markdown(article.solution),
            "problem": article.problem,
        }
    return data


def next_article_id(taken: set[str]) -> str:
    """Return the next free KB id."""
    used = [int(a.split("-")[1]) for a in taken]
    return f"KB-{max(used, default=0) + 1:04d}"


@dataclass
class KnowledgeBase:
    """The knowledge base as one call sees it."""

    content: WorldContent
    lang: str
    views: Counter[str] = field(default_factory=Counter)
    shares: Counter[str] = field(default_factory=Counter)
    proposals: dict[str, Article] = field(default_factory=dict)
    _extra: Bm25Index = field(default_factory=Bm25Index)

    def published(self, article_id: str) -> Article:
        """Return a published article (or a proposal made in this call)."""
        article = self.content.articles.get(article_id) or self.proposals.get(article_id)
        if article is None:
            raise WorldError(f"Kennisbankartikel {article_id} bestaat niet.")
        return article

    def search(self, query: str, limit: int = 5) -> list[dict[str, Any]]:
        """Rank published articles for a query, in the call's language first."""
        index = self.content.index
        mine = {a.id for a in self.content.articles.values() if a.language == self.lang and a.status == "published"}
        hits = index.search(query, limit, allowed=mine)
        if len(hits) < limit:
            others = {a.id for a in self.content.articles.values() if a.status == "published"} - mine
            hits += index.search(query, limit - len(hits), allowed=others)
        rows = []
        for hit in hits:
            card = article_card(self.content.articles[hit.key])
            rows.append({"id": card["id"], "title": card["title"], "language": card["language"], "score": hit.score})
        return rows

    def open(self, article_id: str) -> dict[str, Any]:
        """Open an article (counts a view)."""
        article = self.published(article_id)
        self.views[article_id] += 1
        return article_card(article, html=True) | {"views": self.views[article_id]}

    def share(self, article_id: str, *, support_allowed: bool = False) -> dict[str, Any]:
        """Send an article to the customer (counts a share); support-only articles only to IT staff."""
        article = self.published(article_id)
        if article.audience != "end_user" and not support_allowed:
            raise WorldError(f"{article_id} is een intern artikel voor support en mag niet naar de klant.")
        if article.status != "published":
            raise WorldError(f"{article_id} is nog niet gepubliceerd en kan niet gedeeld worden.")
        self.shares[article_id] += 1
        return article_card(article) | {"shares": self.shares[article_id]}

    def propose(self, title: str, symptoms: str, cause: str, solution: str, audience: str, category: str) -> Article:
        """Create a draft in review from a trainee's proposal."""
        taken = set(self.content.articles) | set(self.proposals)
        article = Article.model_validate(
            {
                "id": next_article_id(taken),
                "title": title,
                "language": self.lang,
                "audience": audience,
                "status": "review",
                "category": category,
                "symptoms": symptoms,
                "cause": cause,
                "solution": solution,
            }
        )
        self.proposals[article.id] = article
        self._extra.add(article.id, article_text(article))
        return article
