"""The instructor's pages: cohorts with their dashboard, session review and overrides, exports,
the knowledge-base review queue and exercise authoring."""

from flask import Blueprint

bp = Blueprint("instructor", __name__, url_prefix="/instructeur")

from webapp.instructor import authoring_views, course, exports, kb, problems, procedures, review, views  # noqa: E402,F401  (registers the routes)
