"""The trainee's pages: the dashboard, and the call console with its report (``calls``)."""

from flask import Blueprint

bp = Blueprint("trainee", __name__, url_prefix="/oefenen")

from webapp.trainee import calls, tickets, views  # noqa: E402,F401  (registers the routes)
