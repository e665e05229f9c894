"""Routes of exercise authoring: the list, the editor with inline problems, and the state diagram."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from simulator.adapters.db.models import Role
from webapp import catalogue
from webapp.babel_marks import _
from webapp.instructor import bp, diagram
from webapp.instructor.authoring import (
    MAX_EXERCISE_BYTES,
    Checked,
    check_text,
    exercise_text,
    save,
    shipped_ids,
)
from webapp.security import role_required


@bp.get("/oefeningen")
@role_required(Role.INSTRUCTOR)
def exercises() -> ResponseReturnValue:
    """List the shipped and the instructors' exercises."""
    shipped = shipped_ids()
    return render_template("instructor/exercises.html", exercises=catalogue.all_exercises(), shipped=shipped)


@bp.get("/oefeningen/nieuw")
@role_required(Role.INSTRUCTOR)
def exercise_new() -> ResponseReturnValue:
    """Show an empty editor, or one filled with a copy of an existing exercise (``?van=ID``)."""
    source = request.args.get("van", "")
    text = (exercise_text(source) or "") if source else ""
    return render_template("instructor/exercise_edit.html", checked=None, text=text, source=source)


@bp.post("/oefeningen/nieuw")
@role_required(Role.INSTRUCTOR)
def exercise_save() -> ResponseReturnValue:
    """Check an uploaded or edited exercise; save it when it is valid and saving was asked."""
    upload = request.files.get("bestand")
    raw = upload.read(MAX_EXERCISE_BYTES + 1) if upload and upload.filename else request.form.get("yaml", "").encode()
    if len(raw) > MAX_EXERCISE_BYTES:
        message = _("Het bestand is groter dan %(kb)d kB; een oefening is veel kleiner.", kb=MAX_EXERCISE_BYTES // 1024)
        abort(413, description=message)
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        abort(400, description=_("Het bestand is geen UTF-8-tekst."))
    if not text.strip():
        checked = Checked(text)
        return render_template("instructor/exercise_edit.html", checked=checked, text=text, empty=True), 400
    checked = check_text(text)
    if not checked.ok or checked.exercise is None:
        return render_template("instructor/exercise_edit.html", checked=checked, text=text), 400
    if request.form.get("action") != "save":
        flash(_("De oefening is in orde. Klik op Bewaren om ze beschikbaar te maken."), "success")
        return render_template("instructor/exercise_edit.html", checked=checked, text=text)
    saved = save(checked, current_user.id)
    flash(_("De oefening %(id)s is bewaard en kan nu gespeeld worden.", id=saved), "success")
    return redirect(url_for("instructor.exercise", exercise_id=saved))


@bp.get("/oefeningen/<exercise_id>")
@role_required(Role.INSTRUCTOR)
def exercise(exercise_id: str) -> ResponseReturnValue:
    """Show one exercise: its facts, the diagram of its state machine and its YAML."""
    found = catalogue.exercise_or_none(exercise_id)
    if found is None:
        abort(404)
    shipped = exercise_id in shipped_ids()
    text = exercise_text(exercise_id)
    return render_template(
        "instructor/exercise.html",
        exercise=found,
        shipped=shipped,
        text=text or "",
        diagram_uri=diagram.svg_data_uri(found),
        edges=diagram.edges(found),
    )
