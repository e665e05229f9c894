"""What a trainee reads when a step is refused as written: short, in the interface language, and never
a list of the values that would have been right (on the simulated PC that list is the exercise's answer).

The engine's :class:`~simulator.scripts.steps.StepError` carries a code, the argument at fault and its
value; script authors keep the engine's full message in ``error``.
"""

from __future__ import annotations

from simulator.scripts.steps import StepError
from webapp.babel_marks import _
from webapp.babel_marks import lazy_gettext as _l

FIELDS = {
    "summary": _l("Korte omschrijving"),
    "description": _l("Beschrijving"),
    "category": _l("Categorie"),
    "subcategory": _l("Subcategorie"),
    "impact": _l("Impact"),
    "urgency": _l("Urgentie"),
    "status": _l("Status"),
    "text": _l("Tekst"),
    "reply": _l("Antwoord aan de klant (zichtbaar)"),
    "group": _l("Toewijzen aan"),
    "problem": _l("Koppel aan probleem"),
    "resolution": _l("Oplossing"),
    "query": _l("Zoekterm"),
    "command": _l("Opdracht"),
    "title": _l("Titel"),
    "symptoms": _l("Symptomen"),
    "cause": _l("Oorzaak"),
    "solution": _l("Oplossing in stappen"),
    "seconds": _l("Wachttijd (s)"),
}


def step_message(exc: StepError) -> str:
    """Return the trainee's sentence for a step refused as written."""
    value = exc.params.get("value", "")
    field = str(FIELDS.get(exc.field or "", exc.field or ""))
    if exc.code == "unknown_command":
        return _("Onbekende opdracht ‘%(value)s’. Controleer de schrijfwijze.", value=value)
    if exc.code == "unknown_article":
        return _("Kennisbankartikel %(value)s bestaat niet.", value=value)
    if exc.code == "unknown_problem":
        return _("Bekend probleem %(value)s bestaat niet.", value=value)
    if exc.code in ("unknown_group", "unknown_category"):
        return _("Kies een waarde uit de lijst bij ‘%(field)s’.", field=field)
    if exc.code == "unknown_subcategory":
        return _("Die subcategorie hoort niet bij de gekozen categorie.")
    if exc.code == "missing":
        return _("Vul ‘%(field)s’ in.", field=field)
    if exc.code == "invalid_value":
        return _("Controleer ‘%(field)s’: die waarde kan niet.", field=field)
    return _("Die actie kan zo niet. Controleer wat je invulde.")
