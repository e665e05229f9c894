"""The company's scenario book, edited by instructors: YAML with problems at their line, a preview, saving.

The shipped book (``exercises/world/scenario-book.yaml``) is never written. A saved book goes to the
instance's world folder (``USER_WORLD_DIR``, else ``instance/world``), which the world content reads
instead of the shipped file; calls that start afterwards greet, escalate and are judged by it. The
text is parsed with the safe loader and checked like the shipped file: structure, then references.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from simulator.adapters.db.models import Role
from simulator.content.errors import ContentError, Problem
from simulator.content.yamlfile import parse_yaml, validate
from simulator.world import content as world
from simulator.world.schema import ScenarioBook
from webapp.babel_marks import _
from webapp.instructor import bp
from webapp.instructor.authoring import Checked
from webapp.labels import category_label, group_label, locale
from webapp.security import role_required

#: Texts larger than this are refused (413) before parsing; the shipped book is about 6 kB.
MAX_BOOK_BYTES = 200 * 1024
FILE_NAME = "werkafspraken.yaml"
LANGUAGES = ("nl", "fr", "en")


def world_folder(app: Flask | None = None) -> Path:
    """Return the instance's world folder (``USER_WORLD_DIR``, else instance/world)."""
    app = app or current_app
    configured = app.config.get("USER_WORLD_DIR")
    return Path(configured) if configured else Path(app.instance_path) / "world"


@bp.before_app_request
def _point_world_at_instance() -> None:
    """Make every request's world content use this app's scenario book, if an instructor saved one."""
    world.use_user_world(world_folder(current_app._get_current_object()))  # type: ignore[attr-defined]


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


def _in_force() -> tuple[str, Checked | None, bool]:
    """Return the book's YAML in force, the problems of a refused override, and whether the instance has its own.

    A refused override (edited on disk) is shown with its problems at their lines, so it can be fixed.
    """
    override = world.book_override()
    refused = world.override_problems() if override is not None else []
    if override is None:
        return (world.world_dir() / world.BOOK_FILE).read_text(encoding="utf-8"), None, False
    text = override.read_text(encoding="utf-8", errors="replace")
    if not refused:
        return text, None, True
    problems = [p if p.file == str(override) else Problem(p.file, None, p.path, str(p)) for p in refused]
    return text, Checked(text, problems=problems), False


def _page(text: str, checked: Checked | None, book: ScenarioBook | None, status: int = 200) -> ResponseReturnValue:
    _text, refused, own = _in_force()
    return (
        render_template(
            "instructor/procedures.html",
            text=text,
            checked=checked,
            lines=(checked or Checked(text)).lines(),
            own=own,
            refused=refused is not None,
            preview=preview(book or world.load_content().book),
            max_kb=MAX_BOOK_BYTES // 1024,
        ),
        status,
    )


@bp.get("/werkafspraken")
@role_required(Role.INSTRUCTOR)
def procedures() -> ResponseReturnValue:
    """Show the scenario book in force (or a refused one with its problems), its YAML and a preview."""
    text, refused, _own = _in_force()
    return _page(text, refused, None)


@bp.post("/werkafspraken")
@role_required(Role.INSTRUCTOR)
def procedures_save() -> ResponseReturnValue:
    """Check an edited scenario book; save it for this instance when it is valid and saving was asked."""
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
        return _page(text, None, None, 400)
    checked, book = check_text(text)
    if book is None:
        return _page(text, checked, None, 400)
    if request.form.get("action") != "save":
        flash(_("De werkafspraken zijn in orde. Klik op Bewaren om ze te gebruiken."), "success")
        return _page(text, checked, book)
    folder = world_folder()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (world.BOOK_FILE + ".tmp")
    tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    tmp.replace(folder / world.BOOK_FILE)
    world.forget_cached()
    flash(_("De werkafspraken zijn bewaard. Gesprekken die vanaf nu starten, volgen ze."), "success")
    return redirect(url_for("instructor.procedures"))


@bp.post("/werkafspraken/standaard")
@role_required(Role.INSTRUCTOR)
def procedures_reset() -> ResponseReturnValue:
    """Remove the instance's own scenario book, so the shipped one is used again."""
    path = world_folder() / world.BOOK_FILE
    if path.is_file():
        path.unlink()
        world.forget_cached()
        flash(_("De standaardwerkafspraken gelden weer voor gesprekken die vanaf nu starten."), "success")
    else:
        flash(_("De standaardwerkafspraken waren al van kracht."), "info")
    return redirect(url_for("instructor.procedures"))
