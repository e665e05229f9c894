"""The instructor's pages: cohorts with their dashboard, session review and overrides, exports,
the knowledge-base review queue and exercise authoring."""

from flask import Blueprint

bp = Blueprint("instructor", __name__, url_prefix="/instructeur")

from webapp.instructor import (  # noqa: E402,F401  (registers the routes)
    authoring_views,
    course,
    exports,
    items,
    kb,
    problems,
    procedures,
    review,
    views,
)
