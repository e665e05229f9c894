"""The instructor's view of the learning path: where each trainee of a cohort is, and how many calls a
level needs before it is dependable in this cohort."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from simulator.adapters.db.models import Role
from simulator.assessment.path import progress
from simulator.assessment.reliability import MAX_CALLS, TARGET, calls_table
from webapp import catalogue, learning
from webapp.instructor import bp
from webapp.instructor.dashboard import competency_titles
from webapp.instructor.views import cohort_or_404
from webapp.security import role_required


@bp.get("/groepen/<int:cohort_id>/traject")
@role_required(Role.INSTRUCTOR)
def cohort_path(cohort_id: int) -> ResponseReturnValue:
    """Show each trainee's module and steps done on the path, and the calls a dependable level needs."""
    group = cohort_or_404(cohort_id)
    course = learning.course()
    calls = learning.path_calls(t.id for t in group.trainees)
    rows = [{"trainee": t, "state": progress(course, calls.get(t.id, []))} for t in group.trainees]
    exercises = {e.id: e for e in catalogue.all_exercises()}
    return render_template(
        "instructor/path.html",
        cohort=group,
        course=course,
        rows=rows,
        exercises=exercises,
        reliability=calls_table(learning.reliability_of(calls)),
        titles=competency_titles(),
        target=TARGET,
        max_calls=MAX_CALLS,
    )
