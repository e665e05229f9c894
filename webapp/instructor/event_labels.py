"""One sentence per event of the call log, in the interface language, for the review's timeline.

A table of describers by event type (a registry, not an if-chain); an event type nobody describes
yet is shown as "an action in the helpdesk", so a new world action never breaks the review and no
internal name reaches the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import get_locale

from simulator.assessment.reasons import translate_reason
from simulator.conversation.events import EventType
from webapp.babel_marks import _
from webapp.babel_marks import lazy_gettext as _l
from webapp.behaviour_labels import cause_names
from webapp.labels import group_label, status_label

Describer = Callable[[dict[str, Any]], str]


def _ticket(data: dict[str, Any]) -> str:
    shown = {"ticket": str, "priority": str, "status": status_label, "group": group_label}
    parts = [name(data[k]) for k, name in shown.items() if data.get(k)]
    return " · ".join(parts)


ENDED_BY = {"trainee": _l("de cursist hing op"), "customer": _l("de beller hing op"), "timeout": _l("tijd om")}


def _mood(data: dict[str, Any]) -> str:
    causes = ", ".join(cause_names([str(c) for c in data.get("causes", [])]))
    return _(
        "Stemming van de beller: %(mood)s (%(delta)s) — %(causes)s",
        mood=data.get("mood", "?"),
        delta=f"{int(data.get('delta', 0)):+d}",
        causes=causes or "—",
    )


IDENTITY_DETAILS = {
    "full_name": _l("naam"),
    "employee_number": _l("personeelsnummer"),
    "date_of_birth": _l("geboortedatum"),
    "department": _l("afdeling"),
    "phone_number": _l("telefoonnummer"),
    "email_address": _l("e-mailadres"),
}


def _identity(data: dict[str, Any]) -> str:
    """The caller told who they are: which details, in words (a detail nobody named yet: "gegevens")."""
    details = [str(IDENTITY_DETAILS.get(str(d), _("gegevens"))) for d in data.get("details", [])]
    return _("De beller geeft de gevraagde gegevens: %(details)s.", details=", ".join(dict.fromkeys(details)) or "—")


def _fact(data: dict[str, Any]) -> str:
    """A fact came out: asked for, or told unasked (``volunteered``)."""
    said = data.get("fact_text")
    if data.get("volunteered"):
        return (
            _("De beller vertelt uit zichzelf: “%(fact)s”", fact=said)
            if said
            else _("De beller vertelt iets uit zichzelf.")
        )
    return (
        _("De beller geeft een nieuw gegeven prijs: “%(fact)s”", fact=said)
        if said
        else _("De beller geeft een nieuw gegeven prijs.")
    )


DESCRIBERS: dict[EventType, Describer] = {
    EventType.RING: lambda d: _("De telefoon gaat over: %(caller)s belt.", caller=d.get("caller", "?")),
    EventType.WAIT: lambda d: _("%(seconds)s s gewacht.", seconds=d.get("seconds", "?")),
    EventType.ANSWER: lambda d: _("Opgenomen na %(seconds)s s.", seconds=d.get("wait_s", "?")),
    EventType.INTERRUPTION: lambda d: _("De cursist onderbreekt de beller."),
    EventType.MOOD: _mood,
    EventType.FACT_REVEALED: _fact,
    EventType.IDENTITY_TOLD: _identity,
    EventType.CONSENT: lambda d: _("Toestemming voor overname gegeven.") if d.get("given") else _("Geen toestemming."),
    EventType.STATE_CHANGE: lambda d: _("Het gesprek gaat een volgende fase in."),
    EventType.HOLD: lambda d: _("In de wacht gezet (%(seconds)s s).", seconds=d.get("seconds", "?")),
    EventType.RESUME: lambda d: _("Terug uit de wacht."),
    EventType.END: lambda d: _(
        "Gesprek beëindigd (%(by)s).", by=ENDED_BY.get(d.get("ended_by", ""), d.get("ended_by", "?"))
    ),
    EventType.TICKET_CREATE: lambda d: _("Ticket aangemaakt: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_UPDATE: lambda d: _("Ticket bijgewerkt: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_NOTE: lambda d: _("Notitie bij het ticket: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_ASSIGN: lambda d: _("Ticket toegewezen: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_LINK_PROBLEM: lambda d: _(
        "Ticket gekoppeld aan probleem %(problem)s", problem=d.get("problem", "?")
    ),
    EventType.TICKET_RESOLVE: lambda d: _("Ticket opgelost: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_CLOSE: lambda d: _("Ticket gesloten: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_OPEN: lambda d: _("Ticket uit de wachtrij geopend: %(ticket)s", ticket=_ticket(d)),
    EventType.TICKET_PRIORITISE: lambda d: _("Prioriteit opnieuw ingeschat: %(ticket)s", ticket=_ticket(d)),
    EventType.KB_SEARCH: lambda d: _("Kennisbank doorzocht: “%(query)s”", query=d.get("query", "")),
    EventType.KB_OPEN: lambda d: _("Kennisbankartikel geopend: %(id)s", id=d.get("id", d.get("article", "?"))),
    EventType.KB_SHARE: lambda d: _(
        "Kennisbankartikel naar de beller gestuurd: %(id)s", id=d.get("id", d.get("article", "?"))
    ),
    EventType.KB_PROPOSE: lambda d: _(
        "Nieuw kennisbankartikel voorgesteld: %(id)s", id=d.get("id", d.get("article", "?"))
    ),
    EventType.CRM_LOOKUP: lambda d: _("Klant opgezocht: “%(query)s”", query=d.get("query", "")),
    EventType.REMOTE_CONNECT: lambda d: _("Overname van %(host)s gestart.", host=d.get("host", "?")),
    EventType.REMOTE_RUN: lambda d: _("Opdracht uitgevoerd: %(command)s", command=d.get("command", "?")),
    EventType.REMOTE_DISCONNECT: lambda d: _("Overname beëindigd."),
    EventType.GUIDED: lambda d: _("De beller voerde zelf een test uit: %(command)s", command=hands_on_name(d)),
    EventType.SLA_WARNING: lambda d: _("SLA-waarschuwing voor %(ticket)s", ticket=d.get("ticket", "?")),
    EventType.SLA_BREACH: lambda d: _("SLA overschreden voor %(ticket)s", ticket=d.get("ticket", "?")),
}


ACTIONS = {
    "answer": _l("opnemen"),
    "hold": _l("in de wacht zetten"),
    "ticket.create": _l("ticket aanmaken"),
    "ticket.update": _l("ticket bijwerken"),
    "ticket.note": _l("notitie toevoegen"),
    "ticket.assign": _l("ticket toewijzen"),
    "ticket.link_problem": _l("ticket aan een probleem koppelen"),
    "ticket.resolve": _l("ticket oplossen"),
    "ticket.close": _l("ticket sluiten"),
    "ticket.open": _l("ticket uit de wachtrij openen"),
    "ticket.prioritise": _l("prioriteit opnieuw inschatten"),
    "kb.search": _l("kennisbank doorzoeken"),
    "kb.open": _l("artikel openen"),
    "kb.share": _l("artikel naar de beller sturen"),
    "kb.propose": _l("artikel voorstellen"),
    "crm.lookup": _l("klant opzoeken"),
    "remote.connect": _l("pc overnemen"),
    "remote.run": _l("opdracht uitvoeren"),
    "remote.disconnect": _l("overname beëindigen"),
    "guided": _l("de beller een test laten doen"),
}


HANDS_ON = {
    "router.lights": _l("de lampjes van de router bekijken"),
    "router.restart": _l("de router herstarten"),
    "wifi.status": _l("de wifiverbinding nakijken"),
    "cable.connect": _l("de netwerkkabel insteken"),
    "dock.test": _l("het dockingstation testen"),
    "headset.test": _l("de headset testen"),
    "excel.disable_addin": _l("de invoegtoepassing uitschakelen"),
    "account.selfservice_reset": _l("het wachtwoord zelf opnieuw instellen"),
}


def hands_on_name(data: dict[str, Any]) -> str:
    """Return what the caller did with their own hands, in words; a command line they typed stays as typed."""
    command = str(data.get("command") or "")
    found = HANDS_ON.get(command)
    if found is not None:
        return str(found)
    return command if command and command not in HANDS_ON else _("een test op de eigen pc")


def action_name(step: str) -> str:
    """Return what a step does, in words (a step nobody named yet: "een actie in de helpdesk")."""
    found = ACTIONS.get(step)
    return str(found) if found is not None else _("een actie in de helpdesk")


def describe(event_type: str, data: dict[str, Any]) -> str:
    """Return a sentence for one event; a refused step says what was refused and why, in words."""
    if data.get("refused"):
        what = action_name(str(data.get("step") or event_type))
        return _("Geweigerd: %(what)s — %(reason)s", what=what, reason=refusal_reason(data))
    describer = DESCRIBERS.get(event_type)
    return describer(data) if describer else _("Actie in de helpdesk: %(what)s", what=action_name(event_type))


def refusal_reason(data: dict[str, Any]) -> str:
    """Return why the world refused a step, in the interface language and without step names.

    The world states its reasons in Dutch; French and English pages read them translated
    (``assessment/reasons.yaml``), or a general sentence where a reason is not in that catalogue,
    rather than Dutch. Step names inside a Dutch reason are replaced by what they do.
    """
    reason = str(data.get("reason") or "")
    lang = str(get_locale() or "nl")
    if lang != "nl" and reason:
        return translate_reason(reason, lang) or _("de helpdesk laat deze actie nu niet toe.")
    if not reason:
        return _("de helpdesk laat deze actie nu niet toe.")
    for step in sorted(ACTIONS, key=len, reverse=True):
        reason = reason.replace(step, action_name(step))
    return reason


SPEECH_TYPES = frozenset({EventType.UTTERANCE, EventType.CUSTOMER_LINE})


def evidence_text(evidence: dict[str, Any], events: dict[int, dict[str, Any]]) -> str:
    """Return what a piece of evidence shows, in words: the line that was said, or the event described.

    A spoken line is quoted as said; anything else is described here in the interface language, so
    no event type or field name of the engine reaches the page.
    """
    event = events.get(int(evidence.get("event", -1)))
    quote = str(evidence.get("quote", ""))
    if evidence.get("absence"):
        return _("tot het einde van het gesprek niet gebeurd")
    if event is None:
        return ""
    if event["type"] in SPEECH_TYPES:
        return quote or str((event.get("data") or {}).get("text", ""))
    return describe(str(event["type"]), event.get("data") or {})
