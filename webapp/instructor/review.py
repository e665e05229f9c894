"""Session review: the call's moments, ticket history, verdicts with evidence, and overrides with a reason."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from simulator.adapters.db.models import CallSession, Mode, ResultSignOff, Role, Verdict, VerdictOverride
from simulator.assessment.overrides import Override, OverrideRefused, make_override
from simulator.assessment.portfolio import level_summary
from webapp import catalogue
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.instructor import bp
from webapp.instructor.exports import FORMATS
from webapp.instructor.forms import OverrideForm
from webapp.instructor.review_model import activity_ids, moments, reviewed_assessment, ticket_history, verdict_rows
from webapp.security import role_required, visible_session_or_404


def session_or_404(session_id: int) -> CallSession:
    """Return the call if this instructor teaches its trainee (admins see all), else stop with 404."""
    return visible_session_or_404(get_session().get(CallSession, session_id))


def recording_url(call: CallSession) -> str | None:
    """Return where the call's recording can be played, or None when it was not recorded."""
    recording = (call.report or {}).get("recording")
    if isinstance(recording, dict) and recording.get("url"):
        return str(recording["url"])
    return None


def _render(call: CallSession, form: OverrideForm, status: int = 200) -> ResponseReturnValue:
    exercise = catalogue.exercise_or_none(call.exercise_id)
    page = render_template(
        "instructor/session.html",
        call=call,
        title=exercise.title if exercise else call.exercise_id,
        moments=moments(call),
        tickets=ticket_history(call),
        final_ticket=(call.report or {}).get("ticket"),
        outcome=(call.report or {}).get("outcome") or {},
        competencies=verdict_rows(call),
        overrides=sorted(call.overrides, key=lambda o: (o.at, o.id), reverse=True),
        form=form,
        recording=recording_url(call),
        formats=FORMATS,
        exam=call.mode is Mode.EXAM,
        provisional=bool(reviewed_assessment(call).get("provisional")),
        signoffs=sorted(call.signoffs, key=lambda o: (o.at, o.id), reverse=True),
    )
    return page, status


@bp.get("/sessies/<int:session_id>")
@role_required(Role.INSTRUCTOR)
def session(session_id: int) -> ResponseReturnValue:
    """Show one call for review: transcript, timeline, ticket history, verdicts, overrides."""
    return _render(session_or_404(session_id), OverrideForm())


@bp.post("/sessies/<int:session_id>/oordelen")
@role_required(Role.INSTRUCTOR)
def override(session_id: int) -> ResponseReturnValue:
    """Store the instructor's verdict on one activity; without a reason it is refused with 400."""
    call = session_or_404(session_id)
    form = OverrideForm()
    automatic = activity_ids(call)
    if form.validate_on_submit():
        try:
            checked = _checked_override(call, form, automatic)
        except OverrideRefused as exc:
            form.reason.errors = [str(exc)]
        except KeyError:
            form.activity_id.errors = [_("Deze activiteit komt niet voor in de beoordeling van dit gesprek.")]
        else:
            db = get_session()
            db.add(
                VerdictOverride(
                    session=call,
                    activity_id=checked.activity,
                    automatic_verdict=Verdict(checked.automatic.value),
                    verdict=Verdict(checked.verdict.value),
                    level=checked.level,
                    reason=checked.reason,
                    instructor_id=current_user.id,
                )
            )
            db.flush()
            call.summary = level_summary(reviewed_assessment(call))  # the dashboard shows the levels in force
            db.commit()
            flash(_("Het oordeel over %(activity)s is aangepast.", activity=checked.activity), "success")
            return redirect(url_for("instructor.session", session_id=call.id, _anchor=f"activiteit-{checked.activity}"))
    return _render(call, form, 400)


def _checked_override(call: CallSession, form: OverrideForm, automatic: dict[str, str]) -> Override:
    """Validate the override with the assessment core's rules; KeyError for an activity not in the report."""
    activity = str(form.activity_id.data)
    return make_override(
        session=str(call.id),
        activity=activity,
        automatic=automatic[activity],
        verdict=str(form.verdict.data),
        reason=str(form.reason.data or ""),
        instructor=current_user.display_name,
        level=int(form.level.data) if form.level.data else None,
    )


@bp.post("/sessies/<int:session_id>/aftekenen")
@role_required(Role.INSTRUCTOR)
def sign_off(session_id: int) -> ResponseReturnValue:
    """Sign off an exam's results: all verdicts at once, or the one named by ``activity_id``."""
    call = session_or_404(session_id)
    if call.mode is not Mode.EXAM or not call.report:
        abort(400, description=_("Alleen de resultaten van een afgerond examen worden afgetekend."))
    activity = request.form.get("activity_id", "").strip() or None
    if activity is not None and activity not in activity_ids(call):
        abort(400, description=_("Deze activiteit komt niet voor in de beoordeling van dit gesprek."))
    db = get_session()
    db.add(ResultSignOff(session=call, activity_id=activity, instructor_id=current_user.id))
    db.commit()
    if activity is None:
        flash(_("Alle resultaten van dit examen zijn afgetekend."), "success")
        return redirect(url_for("instructor.session", session_id=call.id, _anchor="aftekenen-titel"))
    flash(_("Het oordeel over %(activity)s is afgetekend.", activity=activity), "success")
    return redirect(url_for("instructor.session", session_id=call.id, _anchor=f"activiteit-{activity}"))
