"""The tickets a trainee made or worked on in their calls, across calls, with status, priority and SLA.

The tickets live in the world's repository under each call's scope (``call-<id>``); this module
reads them for the calls a viewer may see. Instructors see their cohorts' tickets through
:mod:`webapp.instructor.problems`, which reuses :func:`ticket_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Role
from simulator.world import load_content
from simulator.world.report import sla_state
from webapp import catalogue
from webapp.babel_marks import lazy_gettext as _l
from webapp.calls.world import repository, scope_of
from webapp.db import get_session
from webapp.security import role_required
from webapp.trainee import bp

STATUS = {
    "new": _l("nieuw"),
    "in_progress": _l("in behandeling"),
    "waiting_on_customer": _l("wacht op klant"),
    "resolved": _l("opgelost"),
    "closed": _l("gesloten"),
}
SLA = {
    "met": _l("SLA gehaald"),
    "breached": _l("SLA overschreden"),
    "running": _l("loopt"),
    "warning": _l("bijna verlopen"),
    "paused": _l("gepauzeerd"),
}


def ticket_rows(calls: Sequence[CallSession]) -> list[dict[str, Any]]:
    """Return the stored tickets of these calls, newest first, ready for a table (history included)."""
    repo = repository()
    by_scope = {scope_of(c.id): c for c in calls}
    if repo is None or not by_scope:
        return []
    content = load_content()
    lang = str(get_locale() or "nl")
    titles = {e.id: e.title for e in catalogue.all_exercises()}
    zone = ZoneInfo(content.timezone)
    rows = []
    for scope, stored in repo.load_tickets(by_scope):
        ticket, call = stored.ticket, by_scope[scope]
        category = content.categories.get(ticket.category)
        group = content.groups.get(ticket.group)
        sla = sla_state(content.sla, ticket)
        rows.append(
            {
                "number": ticket.number,
                "summary": ticket.summary,
                "category": (category.name.get(lang) or category.name.get("nl")) if category else ticket.category,
                "priority": ticket.priority,
                "status": ticket.status.value,
                "status_label": STATUS.get(ticket.status.value, ticket.status.value),
                "group": (group.name.get(lang) or group.name.get("nl")) if group else ticket.group,
                "sla": sla | {"label": SLA[str(sla["state"])]},
                "opened_at": ticket.opened_at,
                "time_spent_min": round(ticket.time_spent_s / 60, 1),
                "resolution": ticket.resolution,
                "history": [(e.at.astimezone(zone), e) for e in ticket.history],
                "call": call,
                "exercise": titles.get(call.exercise_id, call.exercise_id),
            }
        )
    return rows


@bp.get("/tickets")
@role_required(Role.TRAINEE)
def tickets() -> ResponseReturnValue:
    """List the trainee's own tickets from all their calls (never another trainee's)."""
    calls = get_session().scalars(select(CallSession).where(CallSession.trainee_id == current_user.id)).all()
    return render_template("trainee/tickets.html", rows=ticket_rows(calls), show_trainee=False)
