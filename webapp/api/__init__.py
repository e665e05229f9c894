"""The JSON API (``/api/v1``), one module per resource; authentication by session or bearer token.

Session-authenticated calls that change something must send the CSRF token in ``X-CSRFToken``;
calls with ``Authorization: Bearer <token>`` need no CSRF token because no cookie is involved.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from webapp.api import exercises, me, openapi, sessions, tokens  # noqa: E402,F401  (registers the routes)
