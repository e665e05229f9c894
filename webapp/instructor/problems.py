"""Frequent problems and the cohort's tickets: what the instructor's trainees ran into, by category.

The report combines the ticket categories of the cohort's calls (stored by the world repository
under each call's scope) with how often knowledge-base articles were opened and shared in those
calls (from the calls' event logs), and downloads as CSV.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Cohort, Role
from simulator.adapters.db.models.cohorts import cohort_trainees
from simulator.conversation.events import EventType
from simulator.world import load_content
from simulator.world.errors import WorldError
from simulator.world.report import ArticleUse, ProblemRow, frequent_problems, problems_csv
from webapp.calls.world import repository, scope_of
from webapp.db import get_session
from webapp.instructor import bp
from webapp.queries import cohorts_for
from webapp.security import role_required
from webapp.trainee.tickets import ticket_rows


def _chosen() -> tuple[Sequence[Cohort], Cohort | None]:
    """Return the viewer's cohorts and the one chosen with ``?groep=`` (404 when not theirs)."""
    cohorts = cohorts_for(current_user)
    wanted = request.args.get("groep", "").strip()
    if not wanted:
        return cohorts, None
    chosen = next((c for c in cohorts if str(c.id) == wanted), None)
    if chosen is None:
        abort(404)
    return cohorts, chosen


def cohort_calls(cohorts: Sequence[Cohort]) -> Sequence[CallSession]:
    """Return every call of the trainees of these cohorts."""
    ids = [c.id for c in cohorts]
    if not ids:
        return []
    trainees = select(cohort_trainees.c.user_id).where(cohort_trainees.c.cohort_id.in_(ids))
    return get_session().scalars(select(CallSession).where(CallSession.trainee_id.in_(trainees))).all()


def problem_rows(calls: Sequence[CallSession]) -> list[ProblemRow]:
    """Return the frequent problems of these calls: ticket categories and article views and shares."""
    repo = repository()
    content = load_content()
    lang = str(get_locale() or "nl")
    names = {c.id: c.name.get(lang) or c.name.get("nl") or c.id for c in content.categories.values()}
    counts = repo.frequent_categories(scopes=[scope_of(c.id) for c in calls]) if repo and calls else []
    views: Counter[str] = Counter()
    shares: Counter[str] = Counter()
    for call in calls:
        for event in call.events or []:
            data = event.get("data", {})
            if event.get("type") == EventType.KB_OPEN and not data.get("refused"):
                views[str(data.get("article"))] += 1
            elif event.get("type") == EventType.KB_SHARE and not data.get("refused"):
                shares[str(data.get("article"))] += 1
    uses = []
    for article_id in sorted(set(views) | set(shares)):
        title, category = _article_meta(article_id)
        uses.append(ArticleUse(article_id, title, category, views[article_id], shares[article_id]))
    return frequent_problems(counts, uses, names)


def _article_meta(article_id: str) -> tuple[str, str]:
    shipped = load_content().articles.get(article_id)
    if shipped is not None:
        return shipped.title, shipped.category
    repo = repository()
    try:
        stored = repo.article(article_id) if repo else None
    except WorldError:
        stored = None
    return (str(stored["title"]), str(stored["category"])) if stored else (article_id, "other")


@bp.get("/frequente-problemen")
@role_required(Role.INSTRUCTOR)
def problems() -> ResponseReturnValue:
    """Show the frequent problems of the instructor's cohorts (or one with ``?groep=``)."""
    cohorts, chosen = _chosen()
    rows = problem_rows(cohort_calls([chosen] if chosen else cohorts))
    return render_template("instructor/problems.html", rows=rows, cohorts=cohorts, chosen=chosen)


@bp.get("/frequente-problemen.csv")
@role_required(Role.INSTRUCTOR)
def problems_download() -> ResponseReturnValue:
    """Download the frequent problems report as CSV."""
    cohorts, chosen = _chosen()
    body = problems_csv(problem_rows(cohort_calls([chosen] if chosen else cohorts)))
    name = f"frequente-problemen-{chosen.id if chosen else 'alle'}.csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/tickets")
@role_required(Role.INSTRUCTOR)
def cohort_tickets() -> ResponseReturnValue:
    """List the tickets of the instructor's cohorts (or one with ``?groep=``), with the trainee."""
    cohorts, chosen = _chosen()
    rows = ticket_rows(cohort_calls([chosen] if chosen else cohorts))
    return render_template("instructor/problems_tickets.html", rows=rows, cohorts=cohorts, chosen=chosen)
