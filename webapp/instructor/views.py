"""Routes of the instructor blueprint."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import defer, selectinload
from wtforms.fields.choices import SelectChoice

from simulator.adapters.db.models import Assignment, CallSession, Cohort, Mode, Role
from simulator.adapters.db.models.assignments import DEFAULT_EXAM_ATTEMPTS, new_form_seed
from simulator.conversation.forms import form_ids
from webapp import catalogue
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.instructor import bp, dashboard
from webapp.instructor.exports import FORMATS, ended_calls
from webapp.instructor.forms import AssignmentForm
from webapp.queries import cohorts_for
from webapp.security import can_see_cohort, role_required


def cohort_or_404(cohort_id: int) -> Cohort:
    """Return the cohort if the current user teaches it (admins: any), else stop with 404."""
    cohort = get_session().get(Cohort, cohort_id)
    if cohort is None or not can_see_cohort(current_user, cohort):
        abort(404)
    return cohort


@bp.get("/")
@role_required(Role.INSTRUCTOR)
def cohorts() -> ResponseReturnValue:
    """List the cohorts this instructor teaches (all of them for an admin)."""
    return render_template("instructor/cohorts.html", cohorts=cohorts_for(current_user))


@bp.get("/groepen/<int:cohort_id>")
@role_required(Role.INSTRUCTOR)
def cohort(cohort_id: int) -> ResponseReturnValue:
    """Show one cohort: the competency heatmap, progress per assignment, who is stuck, trainees and calls."""
    group = cohort_or_404(cohort_id)
    trainee_ids = [t.id for t in group.trainees]
    counts = dict(
        get_session()
        .execute(
            select(CallSession.trainee_id, func.count())
            .where(CallSession.trainee_id.in_(trainee_ids))
            .group_by(CallSession.trainee_id)
        )
        .all()
    )
    ended = dashboard.assessed_calls(trainee_ids)
    return render_template(
        "instructor/cohort.html",
        cohort=group,
        calls=counts,
        titles=catalogue.titles(),
        heatmap=dashboard.heatmap(group, ended),
        progress=dashboard.progress(group, ended),
        stuck=dashboard.stuck(group, ended),
        recent=recent_calls(trainee_ids),
        formats=FORMATS,
    )


@bp.get("/groepen/<int:cohort_id>/kwaliteit")
@role_required(Role.INSTRUCTOR)
def rubric_quality(cohort_id: int) -> ResponseReturnValue:
    """Show how often instructors agree with the automatic verdicts (Cohen's κ per activity and overall)."""
    group = cohort_or_404(cohort_id)
    ended = ended_calls([t.id for t in group.trainees])
    return render_template("instructor/quality.html", cohort=group, result=dashboard.rubric_agreement(ended))


def recent_calls(trainee_ids: list[int], limit: int = 30) -> list[CallSession]:
    """Return the cohort's most recent calls, newest first, for the review list.

    The newest ids are found first on the small indexed columns, then only those calls are loaded:
    sorting full rows would read every call's large logs.
    """
    if not trainee_ids:
        return []
    newest = (
        select(CallSession.id)
        .where(CallSession.trainee_id.in_(trainee_ids))
        .order_by(CallSession.started_at.desc(), CallSession.id.desc())
        .limit(limit)
    )
    ids = list(get_session().scalars(newest).all())
    query = (
        select(CallSession)
        .where(CallSession.id.in_(ids))
        .order_by(CallSession.started_at.desc(), CallSession.id.desc())
        .options(selectinload(CallSession.overrides), selectinload(CallSession.trainee))
        .options(defer(CallSession.events), defer(CallSession.steps), defer(CallSession.report))
    )
    return list(get_session().scalars(query).all())


@bp.route("/groepen/<int:cohort_id>/opdrachten/nieuw", methods=["GET", "POST"])
@role_required(Role.INSTRUCTOR)
def new_assignment(cohort_id: int) -> ResponseReturnValue:
    """Assign an exercise to the cohort."""
    group = cohort_or_404(cohort_id)
    form = AssignmentForm()
    form.exercise_id.choices = [SelectChoice(e.id, e.title) for e in catalogue.all_exercises()]
    if form.validate_on_submit() and _known_variant(form):
        deadline = form.deadline.data
        if deadline is not None:
            deadline = deadline.replace(tzinfo=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
        db = get_session()
        mode = Mode(form.mode.data)
        attempts = form.max_attempts.data
        if attempts is None:
            attempts = DEFAULT_EXAM_ATTEMPTS if mode is Mode.EXAM else 0
        db.add(
            Assignment(
                cohort=group,
                exercise_id=form.exercise_id.data,
                mode=mode,
                deadline=deadline,
                seed=form.seed.data if form.seed.data is not None else new_form_seed(),
                seed_per_trainee=form.seed_scope.data == "trainee",
                form=(form.variant.data or "").strip() or None,
                max_attempts=attempts or None,
                created_by_id=current_user.id,
            )
        )
        db.commit()
        flash(_("De opdracht is toegevoegd."), "success")
        return redirect(url_for("instructor.cohort", cohort_id=group.id))
    return render_template("instructor/assignment_form.html", cohort=group, form=form)


def _known_variant(form: AssignmentForm) -> bool:
    """Check that the variant asked for is one of the exercise's parallel forms (empty: the seed picks it)."""
    wanted = (form.variant.data or "").strip()
    if not wanted:
        return True
    exercise = catalogue.exercise_or_none(form.exercise_id.data or "")
    forms = form_ids(exercise) if exercise is not None else []
    if wanted in forms:
        return True
    known = ", ".join(forms) or _("geen")
    form.variant.errors = [
        _("Deze oefening heeft geen variant '%(form)s'; varianten: %(known)s.", form=wanted, known=known)
    ]
    return False


@bp.post("/groepen/<int:cohort_id>/opdrachten/<int:assignment_id>/verwijderen")
@role_required(Role.INSTRUCTOR)
def delete_assignment(cohort_id: int, assignment_id: int) -> ResponseReturnValue:
    """Withdraw an assignment; calls already made keep their results."""
    group = cohort_or_404(cohort_id)
    db = get_session()
    assignment = db.get(Assignment, assignment_id)
    if assignment is None or assignment.cohort_id != group.id:
        abort(404)
    db.delete(assignment)
    db.commit()
    flash(_("De opdracht is ingetrokken."), "success")
    return redirect(url_for("instructor.cohort", cohort_id=group.id))


@bp.app_template_filter("call_clock")
def call_clock(seconds: float | None) -> str:
    """Format seconds since the first ring as m:ss, as the review's timeline shows them."""
    if seconds is None:
        return "—"
    whole = int(round(float(seconds)))
    return f"{whole // 60}:{whole % 60:02d}"
