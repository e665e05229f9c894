"""Names in the interface language for the raw ids the engine stores: statuses, groups, categories,
verdicts, levels, priorities, audiences — one helper for every page, and template filters for them.

Group and category names come from the world's ``groups.yaml`` / ``categories.yaml`` (an instructor
may add their own there); the rest from the message catalogues. An id nobody names is shown as is,
so new content never breaks a page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from flask import Flask
from flask_babel import get_locale

from simulator.assessment.explain import render_reasons
from webapp.babel_marks import lazy_gettext as _l

TICKET_STATUS = {
    "new": _l("nieuw"),
    "in_progress": _l("in behandeling"),
    "waiting_on_customer": _l("wacht op klant"),
    "resolved": _l("opgelost"),
    "closed": _l("gesloten"),
}
VERDICT = {
    "met": _l("behaald"),
    "partly": _l("deels"),
    "not_met": _l("niet behaald"),
    "not_observed": _l("niet waargenomen"),
}
LEVEL = {0: _l("niet getoond"), 1: _l("onvoldoende"), 2: _l("voldoende"), 3: _l("sterk")}
PRIORITY = {
    "P1": _l("P1 · kritiek"),
    "P2": _l("P2 · hoog"),
    "P3": _l("P3 · normaal"),
    "P4": _l("P4 · laag"),
    "P5": _l("P5 · planning"),
}
LEVEL_OF_IMPACT = {"low": _l("laag"), "medium": _l("gemiddeld"), "high": _l("hoog")}
AUDIENCE = {"end_user": _l("eindgebruiker"), "support": _l("servicedesk (intern)")}


def locale() -> str:
    """Return the interface language code (nl, fr or en)."""
    return str(get_locale() or "nl")


@lru_cache(maxsize=1)
def _world_names() -> dict[str, dict[str, dict[str, str]]]:
    """Return group and category names per id and language from the world content (empty without it)."""
    try:
        from simulator.world import load_content

        content = load_content()
    except Exception:  # noqa: BLE001 - no world installed or broken world files: show the ids
        return {"groups": {}, "categories": {}, "subcategories": {}}
    return {
        "groups": {key: dict(item.name) for key, item in content.groups.items()},
        "categories": {key: dict(item.name) for key, item in content.categories.items()},
        "subcategories": {
            f"{key}/{sub}": dict(item.subcategory_names.get(sub, {}))
            for key, item in content.categories.items()
            for sub in item.subcategories
        },
    }


def _named(kind: str, value: Any) -> str:
    names = _world_names()[kind].get(str(value))
    if not names:
        return "—" if value in (None, "") else str(value)
    return names.get(locale()) or names.get("nl") or str(value)


def group_label(value: Any) -> str:
    """Return a resolver group's name (``first_line`` → "Eerste lijn")."""
    return _named("groups", value)


def group_names() -> dict[str, str]:
    """Return every resolver group's name by id, in the interface language (for forms and scripts)."""
    return {key: group_label(key) for key in _world_names()["groups"]}


def category_names() -> dict[str, str]:
    """Return every ticket category's name by id, in the interface language."""
    return {key: category_label(key) for key in _world_names()["categories"]}


def subcategories() -> dict[str, list[tuple[str, str]]]:
    """Return each category's subcategories as (id, name in the interface language), for the ticket form."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key in _world_names()["subcategories"]:
        category, sub = key.split("/", 1)
        found.setdefault(category, []).append((sub, subcategory_label(category, sub)))
    return found


def subcategory_label(category: Any, value: Any) -> str:
    """Return a subcategory's name (``printer``, ``paper_jam`` → "Papierstoring"); the id when unnamed."""
    if value in (None, ""):
        return "—"
    names = _world_names()["subcategories"].get(f"{category}/{value}")
    return (names.get(locale()) or names.get("nl") or str(value)) if names else str(value).replace("_", " ")


def category_label(value: Any) -> str:
    """Return a ticket category's name (``printer`` → "Printer")."""
    return _named("categories", value)


def _from(table: dict[Any, Any]) -> Callable[[Any], str]:
    def label(value: Any) -> str:
        if value is None or value == "":
            return "—"
        key = getattr(value, "value", value)
        found = table.get(key)
        return str(found) if found is not None else str(key)

    return label


status_label = _from(TICKET_STATUS)
verdict_label = _from(VERDICT)
priority_label = _from(PRIORITY)
impact_label = _from(LEVEL_OF_IMPACT)
audience_label = _from(AUDIENCE)


def level_label(value: Any) -> str:
    """Return a competency level's name (2 → "voldoende"); "niet getoetst" when none."""
    if value is None:
        return str(_l("niet getoetst"))
    return str(LEVEL.get(int(value), value))


def explanation(act: Any, exercise: str | None = None) -> str:
    """Return why an activity got its verdict, in the interface language (its reasons rendered from the catalogue)."""
    return render_reasons(act if isinstance(act, dict) else {"explanation": act}, locale(), exercise)


def label(kind: str, value: Any) -> str:
    """Return the name of ``value`` of ``kind`` (status, group, category, verdict, level, priority…)."""
    return FILTERS[f"{kind}_label"](value)


def ticket_status_texts() -> dict[str, str]:
    """Return the ticket status names by id, for the console's JavaScript."""
    return {f"status_{key}": str(name) for key, name in TICKET_STATUS.items()}


FILTERS: dict[str, Callable[[Any], str]] = {
    "status_label": status_label,
    "group_label": group_label,
    "category_label": category_label,
    "verdict_label": verdict_label,
    "level_label": level_label,
    "priority_label": priority_label,
    "impact_label": impact_label,
    "audience_label": audience_label,
    "explanation": explanation,
}


def init_app(app: Flask) -> None:
    """Register the label helpers as template filters (``{{ t.status | status_label }}``) and ``label()``."""
    for name, fn in FILTERS.items():
        app.add_template_filter(fn, f"ticket_{name}" if name == "status_label" else name)
    from webapp.instructor.event_labels import describe

    app.add_template_global(label, "label")
    app.add_template_global(describe, "describe_event")
    app.add_template_global(subcategories, "ticket_subcategories")
