"""The trainee's pages: the dashboard now; the call console is added here as its own modules."""

from flask import Blueprint

bp = Blueprint("trainee", __name__, url_prefix="/oefenen")

from webapp.trainee import views  # noqa: E402,F401  (registers the routes)
