"""One sentence per event of the call log, in the interface language, for the review's timeline.

A table of describers by event type (a registry, not an if-chain); an event type nobody describes
yet is shown by its name and step, so a new world action never breaks the review.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from webapp.babel_marks import _
from webapp.babel_marks import lazy_gettext as _l
from webapp.labels import group_label, status_label

Describer = Callable[[dict[str, Any]], str]


def _ticket(data: dict[str, Any]) -> str:
    shown = {"ticket": str, "priority": str, "status": status_label, "group": group_label}
    parts = [name(data[k]) for k, name in shown.items() if data.get(k)]
    return " · ".join(parts)


ENDED_BY = {"trainee": _l("de cursist hing op"), "customer": _l("de beller hing op"), "timeout": _l("tijd om")}


def _mood(data: dict[str, Any]) -> str:
    causes = ", ".join(str(c) for c in data.get("causes", []))
    return _(
        "Stemming van de beller: %(mood)s (%(delta)s) — %(causes)s",
        mood=data.get("mood", "?"),
        delta=f"{int(data.get('delta', 0)):+d}",
        causes=causes or "—",
    )


DESCRIBERS: dict[str, Describer] = {
    "ring": lambda d: _("De telefoon gaat over: %(caller)s belt.", caller=d.get("caller", "?")),
    "wait": lambda d: _("%(seconds)s s gewacht.", seconds=d.get("seconds", "?")),
    "answer": lambda d: _("Opgenomen na %(seconds)s s.", seconds=d.get("wait_s", "?")),
    "interruption": lambda d: _("De cursist onderbreekt de beller."),
    "mood": _mood,
    "fact_revealed": lambda d: _("De beller vertelt: %(fact)s.", fact=d.get("fact", "?")),
    "consent": lambda d: _("Toestemming voor overname gegeven.") if d.get("given") else _("Geen toestemming."),
    "state_change": lambda d: _(
        "Scenario: %(source)s → %(dest)s (%(trigger)s).",
        source=d.get("source"),
        dest=d.get("dest"),
        trigger=d.get("trigger"),
    ),
    "hold": lambda d: _("In de wacht gezet (%(seconds)s s).", seconds=d.get("seconds", "?")),
    "resume": lambda d: _("Terug uit de wacht."),
    "end": lambda d: _("Gesprek beëindigd (%(by)s).", by=ENDED_BY.get(d.get("ended_by", ""), d.get("ended_by", "?"))),
    "ticket.create": lambda d: _("Ticket aangemaakt: %(ticket)s", ticket=_ticket(d)),
    "ticket.update": lambda d: _("Ticket bijgewerkt: %(ticket)s", ticket=_ticket(d)),
    "ticket.note": lambda d: _("Notitie bij het ticket: %(ticket)s", ticket=_ticket(d)),
    "ticket.assign": lambda d: _("Ticket toegewezen: %(ticket)s", ticket=_ticket(d)),
    "ticket.link_problem": lambda d: _("Ticket gekoppeld aan probleem %(problem)s", problem=d.get("problem", "?")),
    "ticket.resolve": lambda d: _("Ticket opgelost: %(ticket)s", ticket=_ticket(d)),
    "ticket.close": lambda d: _("Ticket gesloten: %(ticket)s", ticket=_ticket(d)),
    "kb.search": lambda d: _("Kennisbank doorzocht: “%(query)s”", query=d.get("query", "")),
    "kb.open": lambda d: _("Kennisbankartikel geopend: %(id)s", id=d.get("id", d.get("article", "?"))),
    "kb.share": lambda d: _("Kennisbankartikel naar de beller gestuurd: %(id)s", id=d.get("id", d.get("article", "?"))),
    "kb.propose": lambda d: _("Nieuw kennisbankartikel voorgesteld: %(id)s", id=d.get("id", d.get("article", "?"))),
    "crm.lookup": lambda d: _("Klant opgezocht: “%(query)s”", query=d.get("query", "")),
    "remote.connect": lambda d: _("Overname van %(host)s gestart.", host=d.get("host", "?")),
    "remote.run": lambda d: _("Opdracht uitgevoerd: %(command)s", command=d.get("command", "?")),
    "remote.disconnect": lambda d: _("Overname beëindigd."),
    "guided": lambda d: _(
        "De beller voerde zelf een test uit: %(command)s", command=d.get("command") or d.get("step", "?")
    ),
    "sla.warning": lambda d: _("SLA-waarschuwing voor %(ticket)s", ticket=d.get("ticket", "?")),
    "sla.breach": lambda d: _("SLA overschreden voor %(ticket)s", ticket=d.get("ticket", "?")),
}


def describe(event_type: str, data: dict[str, Any]) -> str:
    """Return a sentence for one event; a refused step says why it was refused."""
    describer = DESCRIBERS.get(event_type)
    text = describer(data) if describer else f"{event_type} {data.get('step', '')}".strip()
    if data.get("refused"):
        return _("Geweigerd: %(what)s — %(reason)s", what=event_type, reason=data.get("reason", ""))
    return text
