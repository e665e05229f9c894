"""The company's scenario book, edited per cohort: YAML with problems at their line, a preview, saving.

The shipped book (``exercises/world/scenario-book.yaml``) is never written. An admin sets the
instance's default (``/instructeur/werkafspraken``); an instructor gives one of their own cohorts its
own book (``/instructeur/groepen/<id>/werkafspraken``), which that cohort's calls follow and are judged
by from the next call on (:class:`simulator.world.books.WorldSource`). Another cohort's book answers
404. The text is parsed with the safe loader and checked like the shipped file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from simulator.adapters.db.models import Cohort, Role
from simulator.content.errors import ContentError, Problem
from simulator.content.yamlfile import parse_yaml, validate
from simulator.world import content as world
from simulator.world.schema import ScenarioBook
from webapp.babel_marks import _
from webapp.content import source
from webapp.db import get_session
from webapp.instructor import bp
from webapp.instructor.authoring import Checked
from webapp.labels import category_label, group_label, locale
from webapp.queries import cohorts_for
from webapp.security import can_see_cohort, role_required

#: Texts larger than this are refused (413) before parsing; the shipped book is about 6 kB.
MAX_BOOK_BYTES = 200 * 1024
FILE_NAME = "werkafspraken.yaml"
LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class Preview:
    """The book as people read it: scripts per language, steps and rules in the interface language."""

    company: str
    scripts: list[tuple[str, str, str]]  # language, greeting, closing
    identity_steps: list[str]
    never_ask: list[str]
    consent_required: bool
    consent_rule: str
    escalation: list[tuple[str, str, str]]  # category, priorities, group
    security_steps: list[str]
    security_group: str
    answer_within_s: float
    target_handle_s: float


def preview(book: ScenarioBook) -> Preview:
    """Return what the preview shows of a book, in the interface language where one language is shown."""
    lang = locale() if locale() in LANGUAGES else "nl"

    def pick(by_lang: dict[str, Any]) -> Any:
        return by_lang.get(lang) or by_lang.get("nl") or next(iter(by_lang.values()), "")

    greeting, closing = dict(book.greeting), dict(book.closing)
    return Preview(
        company=book.company.name,
        scripts=[(code, greeting.get(code, "—"), closing.get(code, "—")) for code in LANGUAGES],
        identity_steps=list(pick(dict(book.identity_check)) or []),
        never_ask=list(book.never_ask),
        consent_required=book.consent_required,
        consent_rule=pick(dict(book.consent_rule)),
        escalation=[
            ("*" if r.category == "*" else category_label(r.category), ", ".join(r.priorities), group_label(r.group))
            for r in book.escalation
        ],
        security_steps=list(pick(dict(book.security_incident)) or []),
        security_group=group_label(book.security_group),
        answer_within_s=book.norms.answer_within_s,
        target_handle_s=book.norms.target_handle_s,
    )


def check_text(text: str) -> tuple[Checked, ScenarioBook | None]:
    """Check a book text; problems in another world file have no line in this text, so they stand apart."""
    problems = [
        p if p.file == FILE_NAME else Problem(p.file, None, p.path, str(p)) for p in world.check_book(text, FILE_NAME)
    ]
    if problems:
        return Checked(text, problems=problems), None
    try:
        return Checked(text), validate(parse_yaml(text, FILE_NAME), ScenarioBook)
    except ContentError as exc:  # cannot happen after the check, but never show a half-checked book
        return Checked(text, problems=list(exc.problems)), None


def _cohort_or_404(cohort_id: int) -> Cohort:
    """Return a cohort the current user teaches (or any, for an admin); others answer 404."""
    cohort = get_session().get(Cohort, cohort_id)
    if cohort is None or not can_see_cohort(current_user, cohort):
        abort(404)
    return cohort


def _in_force(cohort_id: int | None) -> tuple[str, Checked | None, bool]:
    """Return the YAML of the book kept at this level (else the one it falls back to), the problems of a
    refused one, and whether this level has a valid book of its own."""
    books = source().world
    path = books.book_path(cohort_id)
    if path is None or not path.is_file():
        fallback = books.book_in_force(None) if cohort_id is not None else None
        shipped = world.world_dir() / world.BOOK_FILE
        return (fallback or shipped).read_text(encoding="utf-8"), None, False
    text = path.read_text(encoding="utf-8", errors="replace")
    refused = books.problems(cohort_id)
    if not refused:
        return text, None, True
    problems = [p if p.file == str(path) else Problem(p.file, None, p.path, str(p)) for p in refused]
    return text, Checked(text, problems=problems), False


def _page(
    cohort: Cohort | None, text: str, checked: Checked | None, book: ScenarioBook | None, status: int = 200
) -> ResponseReturnValue:
    cohort_id = cohort.id if cohort is not None else None
    _text, refused, own = _in_force(cohort_id)
    editable = cohort is not None or current_user.role is Role.ADMIN
    return (
        render_template(
            "instructor/procedures.html",
            text=text,
            checked=checked,
            lines=(checked or Checked(text)).lines(),
            own=own,
            refused=refused is not None,
            cohort=cohort,
            editable=editable,
            cohorts=list(cohorts_for(current_user)) if cohort is None else [],
            save_url=url_for("instructor.cohort_procedures_save", cohort_id=cohort_id)
            if cohort_id is not None
            else url_for("instructor.procedures_save"),
            reset_url=url_for("instructor.cohort_procedures_reset", cohort_id=cohort_id)
            if cohort_id is not None
            else url_for("instructor.procedures_reset"),
            preview=preview(book or source().world.content(cohort_id).book),
            max_kb=MAX_BOOK_BYTES // 1024,
        ),
        status,
    )


def _show(cohort: Cohort | None) -> ResponseReturnValue:
    text, refused, _own = _in_force(cohort.id if cohort is not None else None)
    return _page(cohort, text, refused, None)


def _save(cohort: Cohort | None) -> ResponseReturnValue:
    raw = request.form.get("yaml", "")
    if len(raw.encode("utf-8")) > MAX_BOOK_BYTES:
        abort(
            413,
            description=_(
                "De tekst is groter dan %(kb)d kB; werkafspraken zijn veel kleiner.", kb=MAX_BOOK_BYTES // 1024
            ),
        )
    text = raw.replace("\r\n", "\n")
    if not text.strip():
        flash(_("Plak de YAML van de werkafspraken."), "error")
        return _page(cohort, text, None, None, 400)
    checked, book = check_text(text)
    if book is None:
        return _page(cohort, text, checked, None, 400)
    if request.form.get("action") != "save":
        flash(_("De werkafspraken zijn in orde. Klik op Bewaren om ze te gebruiken."), "success")
        return _page(cohort, text, checked, book)
    source().world.save(text, cohort.id if cohort is not None else None)
    flash(_("De werkafspraken zijn bewaard. Gesprekken die vanaf nu starten, volgen ze."), "success")
    return redirect(_back(cohort))


def _reset(cohort: Cohort | None) -> ResponseReturnValue:
    if source().world.remove(cohort.id if cohort is not None else None):
        flash(_("De standaardwerkafspraken gelden weer voor gesprekken die vanaf nu starten."), "success")
    else:
        flash(_("De standaardwerkafspraken waren al van kracht."), "info")
    return redirect(_back(cohort))


def _back(cohort: Cohort | None) -> str:
    if cohort is None:
        return url_for("instructor.procedures")
    return url_for("instructor.cohort_procedures", cohort_id=cohort.id)


@bp.get("/werkafspraken")
@role_required(Role.INSTRUCTOR)
def procedures() -> ResponseReturnValue:
    """Show the instance's default book (editable by an admin) and the cohorts whose own book one may edit."""
    return _show(None)


@bp.post("/werkafspraken")
@role_required(Role.ADMIN)
def procedures_save() -> ResponseReturnValue:
    """Check the instance's default book; save it when it is valid and saving was asked (admins only)."""
    return _save(None)


@bp.post("/werkafspraken/standaard")
@role_required(Role.ADMIN)
def procedures_reset() -> ResponseReturnValue:
    """Remove the instance's default book, so the shipped one applies again (admins only)."""
    return _reset(None)


@bp.get("/groepen/<int:cohort_id>/werkafspraken")
@role_required(Role.INSTRUCTOR)
def cohort_procedures(cohort_id: int) -> ResponseReturnValue:
    """Show the book a cohort's calls follow (its own, or the default it falls back to)."""
    return _show(_cohort_or_404(cohort_id))


@bp.post("/groepen/<int:cohort_id>/werkafspraken")
@role_required(Role.INSTRUCTOR)
def cohort_procedures_save(cohort_id: int) -> ResponseReturnValue:
    """Check a cohort's own book; save it when it is valid and saving was asked."""
    return _save(_cohort_or_404(cohort_id))


@bp.post("/groepen/<int:cohort_id>/werkafspraken/standaard")
@role_required(Role.INSTRUCTOR)
def cohort_procedures_reset(cohort_id: int) -> ResponseReturnValue:
    """Remove a cohort's own book, so it follows the instance's default again."""
    return _reset(_cohort_or_404(cohort_id))
