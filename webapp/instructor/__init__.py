"""The instructor's pages: their cohorts, each cohort's trainees and assignments."""

from flask import Blueprint

bp = Blueprint("instructor", __name__, url_prefix="/instructeur")

from webapp.instructor import views  # noqa: E402,F401  (registers the routes)
