"""The item analysis of a cohort: per exercise and per form, on a page and as CSV (``assessment.items``)."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, current_app, render_template
from flask.typing import ResponseReturnValue

from simulator.adapters.db.models import CallSession, Role
from simulator.assessment.items import (
    DEFAULT_LEVEL_MARGIN,
    DEFAULT_MIN_CALLS,
    DEFAULT_RATE_MARGIN,
    Attempt,
    ItemAnalysis,
    analyse,
    call_level,
    observed_activities,
    to_csv,
)
from webapp.instructor import bp
from webapp.instructor.exports import ended_calls
from webapp.security import role_required


def attempts(calls: Sequence[CallSession]) -> list[Attempt]:
    """Return the assessed calls as attempts, at the levels in force (the instructor's after an override)."""
    out = []
    for call in calls:
        level = call_level(call.summary)
        if level is None or call.report is None:
            continue
        resolved = bool((call.report.get("outcome") or {}).get("resolved"))
        observed = observed_activities(call.report.get("assessment"))
        out.append(Attempt(str(call.trainee_id), call.exercise_id, call.form, level, resolved, observed))
    return out


def cohort_analysis(cohort_id: int) -> ItemAnalysis:
    """Return the item analysis of a cohort's ended calls, with the margins the app is configured with."""
    from webapp.instructor.views import cohort_or_404

    group = cohort_or_404(cohort_id)
    config = current_app.config
    return analyse(
        attempts(ended_calls([t.id for t in group.trainees])),
        level_margin=float(config.get("ITEM_LEVEL_MARGIN", DEFAULT_LEVEL_MARGIN)),
        rate_margin=float(config.get("ITEM_RATE_MARGIN", DEFAULT_RATE_MARGIN)),
        min_calls=int(config.get("ITEM_MIN_CALLS", DEFAULT_MIN_CALLS)),
    )


@bp.get("/groepen/<int:cohort_id>/itemanalyse")
@role_required(Role.INSTRUCTOR)
def item_analysis(cohort_id: int) -> ResponseReturnValue:
    """Show how hard each exercise and form is, how well it separates trainees, and unfair forms."""
    from webapp.instructor.views import cohort_or_404

    group = cohort_or_404(cohort_id)
    return render_template("instructor/items.html", cohort=group, analysis=cohort_analysis(cohort_id))


@bp.get("/groepen/<int:cohort_id>/itemanalyse.csv")
@role_required(Role.INSTRUCTOR)
def item_analysis_csv(cohort_id: int) -> ResponseReturnValue:
    """Download the item analysis as CSV."""
    response = Response(to_csv(cohort_analysis(cohort_id)), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="eerstelijn-itemanalyse-{cohort_id}.csv"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
