"""The knowledge-base review queue: trainees' proposed articles, previewed as sanitised Markdown,
published by an instructor or sent back to draft with a comment.

The workflow itself (review → published / draft) belongs to the world's repository; this module
only lists, previews and calls it.
"""

from __future__ import annotations

import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import Select, select

from simulator.adapters.db.models import Role
from simulator.adapters.db.models.cohorts import cohort_instructors
from simulator.adapters.db.models.kb import KbArticleRecord
from simulator.adapters.db.world_repository import WorldRepository
from simulator.world.errors import WorldError
from simulator.world.markdown import render_markdown
from webapp.babel_marks import _
from webapp.db import database, get_session
from webapp.instructor import bp
from webapp.security import role_required

_KEY = "eerstelijn.world_repository"
ARTICLE_ID = re.compile(r"^KB-\d{1,6}$")
MAX_COMMENT = 500


def repository() -> WorldRepository:
    """Return the app's world repository (one per app, so its search index is shared)."""
    found = current_app.extensions.get(_KEY)
    if found is None:
        found = current_app.extensions[_KEY] = WorldRepository(database().sessions)
    return found


def _mine(query: Select[tuple[KbArticleRecord]]) -> Select[tuple[KbArticleRecord]]:
    """Narrow a query to the articles of the current instructor's cohorts (an admin sees all)."""
    if current_user.role is Role.ADMIN:
        return query
    own = select(cohort_instructors.c.cohort_id).where(cohort_instructors.c.user_id == current_user.id)
    return query.where(KbArticleRecord.cohort_id.in_(own))


def _article_or_404(article_id: str) -> dict[str, object]:
    """Return an article in the current instructor's queue; another cohort's answers 404."""
    if not ARTICLE_ID.match(article_id):
        abort(404)
    query = _mine(select(KbArticleRecord).where(KbArticleRecord.article_id == article_id))
    if get_session().scalar(query) is None:
        abort(404)
    try:
        return repository().article(article_id)
    except WorldError:
        abort(404)


@bp.get("/kennisbank")
@role_required(Role.INSTRUCTOR)
def kb_queue() -> ResponseReturnValue:
    """List the articles of the instructor's cohorts waiting for review, oldest first, and those sent back."""
    query = _mine(select(KbArticleRecord).where(KbArticleRecord.status.in_(("review", "draft"))))
    rows = get_session().scalars(query.order_by(KbArticleRecord.updated_at, KbArticleRecord.id)).all()
    waiting = [r for r in rows if r.status == "review"]
    sent_back = [r for r in rows if r.status == "draft"]
    return render_template("instructor/kb_queue.html", waiting=waiting, sent_back=sent_back)


@bp.get("/kennisbank/<article_id>")
@role_required(Role.INSTRUCTOR)
def kb_article(article_id: str) -> ResponseReturnValue:
    """Preview one article as a trainee would read it once published."""
    article = _article_or_404(article_id)
    html = {key: render_markdown(str(article.get(key) or "")) for key in ("symptoms", "cause", "solution")}
    return render_template("instructor/kb_article.html", article=article, html=html, comment="", error=None)


@bp.post("/kennisbank/<article_id>/goedkeuren")
@role_required(Role.INSTRUCTOR)
def kb_approve(article_id: str) -> ResponseReturnValue:
    """Publish an article in review."""
    article = _article_or_404(article_id)
    try:
        repository().review_article(str(article["id"]), current_user.display_name, approve=True)
    except WorldError as exc:
        abort(409, description=str(exc))
    flash(_("%(id)s is gepubliceerd in de kennisbank.", id=article["id"]), "success")
    return redirect(url_for("instructor.kb_queue"))


@bp.post("/kennisbank/<article_id>/terugsturen")
@role_required(Role.INSTRUCTOR)
def kb_send_back(article_id: str) -> ResponseReturnValue:
    """Send an article back to draft with a comment for its author; no comment is refused with 400."""
    article = _article_or_404(article_id)
    comment = request.form.get("comment", "").strip()
    error = None
    if not comment:
        error = _("Schrijf een opmerking: de auteur moet weten wat er beter kan.")
    elif len(comment) > MAX_COMMENT:
        error = _("Houd de opmerking korter dan %(n)d tekens.", n=MAX_COMMENT)
    if error:
        html = {key: render_markdown(str(article.get(key) or "")) for key in ("symptoms", "cause", "solution")}
        page = render_template("instructor/kb_article.html", article=article, html=html, comment=comment, error=error)
        return page, 400
    try:
        repository().review_article(str(article["id"]), current_user.display_name, approve=False)
    except WorldError as exc:
        abort(409, description=str(exc))
    _note_on_latest_revision(str(article["id"]), comment)
    flash(_("%(id)s is teruggestuurd naar de auteur.", id=article["id"]), "success")
    return redirect(url_for("instructor.kb_queue"))


def _note_on_latest_revision(article_id: str, comment: str) -> None:
    """Keep the reviewer's comment on the revision it is about (the repository has no comment field yet)."""
    db = get_session()
    row = db.scalar(select(KbArticleRecord).where(KbArticleRecord.article_id == article_id))
    if row is not None and row.revisions:
        row.revisions[-1].note = f"{current_user.display_name}: {comment}"[:500]
        db.commit()
