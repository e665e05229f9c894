"""Downloads of a call or a cohort through the assessment's export registry (CSV, xAPI, Moodle, HTML, PDF).

The instructor's overrides are applied before exporting, so a download says what the instructor
decided; the automatic verdict travels along as ``automatic_verdict``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask import Response, abort, current_app, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from sqlalchemy import select
from sqlalchemy.orm import defer, selectinload

from simulator.adapters.db.models import CallSession, Role, SessionStatus
from simulator.assessment.exports import export, get_exporter
from webapp.babel_marks import _
from webapp.babel_marks import lazy_gettext as _l
from webapp.db import get_session
from webapp.instructor import bp
from webapp.instructor.review_model import effective_report
from webapp.security import role_required

#: The formats offered on the pages, in the order shown, with their labels.
FORMATS: dict[str, Any] = {
    "csv": _l("CSV (per activiteit)"),
    "csv-semicolon": _l("CSV voor Excel (puntkomma)"),
    "xapi": _l("xAPI-statements (JSON)"),
    "html": _l("Rapport (HTML)"),
    "pdf": _l("Rapport (PDF)"),
    "moodle": _l("Moodle-competentiekader (CSV)"),
}


def download(name: str, reports: Sequence[dict[str, Any]], stem: str) -> Response:
    """Return ``reports`` exported as format ``name``, as an attachment with a proper name and type."""
    if name not in FORMATS:
        abort(404)
    exporter = get_exporter(name)
    lang = str(get_locale() or "nl")
    try:
        if name == "xapi":
            body = export("xapi", list(reports), lang=lang, base=xapi_base())
        elif name == "moodle":
            body = export(name, list(reports), lang=lang, framework_version=_version())
        else:
            body = export(name, list(reports), lang=lang)
    except RuntimeError as exc:  # e.g. PDF without WeasyPrint: say what is missing
        abort(501, description=_("Deze export is op deze server niet beschikbaar: %(reason)s", reason=str(exc)))
    filename = f"{_slug(stem)}.{exporter.extension}"
    response = Response(body, content_type=exporter.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def xapi_base() -> str:
    """Return the base of the xAPI IRIs: the admin's setting (XAPI_BASE_URL), else this server's own address."""
    configured = str(current_app.config.get("XAPI_BASE_URL") or "").strip()
    return configured or request.url_root.rstrip("/") + "/xapi"


def _version() -> int:
    """Return the Moodle framework version asked for (``?versie=2``), 1 by default; 404 for nonsense."""
    raw = request.args.get("versie", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 999:
        abort(404)
    return int(raw)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "export"


@bp.get("/sessies/<int:session_id>/export/<fmt>")
@role_required(Role.INSTRUCTOR)
def export_session(session_id: int, fmt: str) -> ResponseReturnValue:
    """Download one call's report in a format of the registry."""
    from webapp.instructor.review import session_or_404

    call = session_or_404(session_id)
    if not call.report:
        abort(404, description=_("Dit gesprek heeft nog geen beoordeling om te exporteren."))
    return download(fmt, [effective_report(call)], f"eerstelijn-gesprek-{call.id}-{call.exercise_id}-{fmt}")


@bp.get("/groepen/<int:cohort_id>/export/<fmt>")
@role_required(Role.INSTRUCTOR)
def export_cohort(cohort_id: int, fmt: str) -> ResponseReturnValue:
    """Download every assessed call of a cohort's trainees in a format of the registry."""
    from webapp.instructor.views import cohort_or_404

    group = cohort_or_404(cohort_id)
    calls = ended_calls([t.id for t in group.trainees])
    reports = [effective_report(call) for call in calls]
    return download(fmt, reports, f"eerstelijn-{group.name}-{fmt}")


def ended_calls(trainee_ids: list[int]) -> Sequence[CallSession]:
    """Return the ended, assessed calls of these trainees, oldest first."""
    if not trainee_ids:
        return []
    query = (
        select(CallSession)
        .where(CallSession.trainee_id.in_(trainee_ids), CallSession.status == SessionStatus.ENDED)
        .order_by(CallSession.started_at, CallSession.id)
        .options(selectinload(CallSession.overrides), selectinload(CallSession.signoffs))
        .options(selectinload(CallSession.trainee))
        .options(defer(CallSession.events), defer(CallSession.steps))  # the report carries what is needed
    )
    return [call for call in get_session().scalars(query).all() if call.report]
