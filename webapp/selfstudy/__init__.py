"""Self-study for learners without an instructor: train one activity of the qualification, see your portfolio."""

from flask import Blueprint

bp = Blueprint("selfstudy", __name__, url_prefix="/oefenen/zelfstudie")

from webapp.selfstudy import views  # noqa: E402,F401  (registers the routes)
