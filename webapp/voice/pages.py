"""The page route behind the review page's "delete recording" button (a plain form, no JavaScript)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from webapp.babel_marks import _
from webapp.db import get_session
from webapp.voice import bp, recording
from webapp.voice.calls import visible_call


@bp.post("/opnames/<int:session_id>/verwijderen")
@login_required
def delete_recording_page(session_id: int) -> ResponseReturnValue:
    """Delete the call's recordings and go back to the page the button was on."""
    call = visible_call(session_id)
    deleted = recording.delete_call_recordings(get_session(), recording.folder(), call.id)
    flash(_("Opname verwijderd (%(n)s fragmenten).", n=deleted) if deleted else _("Er was geen opname meer."), "info")
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        target = url_for("trainee.report", session_id=call.id)
    return redirect(target)
