"""Interface texts the console's JavaScript and the report need, translated on the server."""

from __future__ import annotations

from webapp.babel_marks import _
from webapp.labels import group_names, ticket_status_texts


def group_texts() -> dict[str, str]:
    """Return resolver group names by id (``group_network``), for the console's ticket head."""
    return {f"group_{key}": name for key, name in group_names().items()}


def console_texts() -> dict[str, str]:
    """Return the texts console.js shows, in the interface language (placeholders in braces)."""
    return (
        {
            "you": _("Jij"),
            "ring": _("De telefoon gaat over."),
            "answered": _("Opgenomen na {s} s."),
            "silence": _("{s} s stilte"),
            "interrupted": _("Je onderbrak de beller."),
            "interrupt_mark": _("onderbreking"),
            "consent_given": _("De beller geeft toestemming om de pc over te nemen."),
            "consent_refused": _("De beller weigert de overname op afstand."),
            "hold": _("Beller in de wacht ({s} s)."),
            "resume": _("Je neemt het gesprek terug op."),
            "end_trainee": _("Je hebt opgehangen."),
            "end_customer": _("De beller heeft opgehangen."),
            "end_timeout": _("Het gesprek is afgelopen: de tijd is om."),
            "refused": _("Niet gelukt: {reason}"),
            "ticket_created": _("Ticket {ticket} aangemaakt, prioriteit {priority}."),
            "ticket_updated": _("Ticket {ticket} bijgewerkt (prioriteit {priority})."),
            "ticket_note": _("Notitie toegevoegd aan {ticket}."),
            "ticket_assigned": _("Ticket {ticket} toegewezen aan {group}."),
            "ticket_linked": _("Ticket {ticket} gekoppeld aan probleem {problem}."),
            "ticket_resolved": _("Ticket {ticket} opgelost."),
            "ticket_closed": _("Ticket {ticket} gesloten."),
            "ticket_opened": _("Ticket {ticket} geopend (prioriteit {priority})."),
            "ticket_prioritised": _("Prioriteit van {ticket} opnieuw ingeschat: {priority}."),
            "kb_search": _("Kennisbank doorzocht op ‘{query}’: {count} resultaten."),
            "kb_open": _("Artikel {article} geopend."),
            "kb_share": _("Artikel {article} naar de beller gestuurd."),
            "kb_propose": _("Nieuw artikel {article} voorgesteld."),
            "crm_lookup": _("Klant opgezocht: ‘{query}’ ({count} gevonden)."),
            "remote_connect": _("Verbonden met {host}."),
            "remote_run": _("Opdracht uitgevoerd: {command}"),
            "remote_disconnect": _("Verbinding met {host} verbroken."),
            "sla_warning": _("SLA-waarschuwing voor {ticket}."),
            "sla_breach": _("SLA overschreden voor {ticket}."),
            "no_results": _("Geen resultaten."),
            "open": _("Openen"),
            "earlier_tickets": _("Eerdere tickets"),
            "no_earlier_tickets": _("Geen eerdere tickets."),
            "earlier_contacts": _("Eerdere contacten"),
            "ticket_found": _("Ticket gevonden"),
            "resolution": _("Oplossing"),
            "card_organisation": _("Organisatie"),
            "card_department": _("Afdeling"),
            "card_role": _("Functie"),
            "card_phone": _("Telefoon"),
            "card_email": _("E-mail"),
            "card_hostname": _("Toestel"),
            "card_asset_tag": _("Inventarisnummer"),
            "channel_phone": _("telefoon"),
            "channel_email": _("e-mail"),
            "channel_portal": _("portaal"),
            "channel_walk_in": _("aan de balie"),
            "conflict": _("Het gesprek was intussen veranderd; de weergave is bijgewerkt. Probeer opnieuw."),
            "network": _("Geen verbinding met de server. Probeer opnieuw."),
            "ringing_for": _("Gaat al {s} s over"),
            "locked": _("Vergrendeld"),
            "unlocked": _("Toestemming gekregen"),
            "connected": _("Verbonden"),
            "new_ticket": _("Nieuw ticket"),
            "overdue": _("{m} min over tijd"),
            "mood_low": _("boos"),
            "mood_mid": _("gespannen"),
            "mood_high": _("tevreden"),
            "reply_sent": _("Antwoord aan de klant verstuurd bij {ticket}."),
            "status_changed": _("Status van {ticket}: {status}."),
            "proposal_sent": _("Je voorstel ging naar de instructeur ter goedkeuring."),
            "required": _("Vul dit veld in."),
        }
        | ticket_status_texts()
        | group_texts()
    )


def report_texts() -> dict[str, str]:
    """Return the names of verdicts, levels and who ended a call, in the interface language."""
    return {
        "met": _("behaald"),
        "partly": _("gedeeltelijk"),
        "not_met": _("niet behaald"),
        "not_observed": _("niet waargenomen"),
        "level_0": _("niet getoond"),
        "level_1": _("onvoldoende"),
        "level_2": _("voldoende"),
        "level_3": _("sterk"),
        "ended_by_trainee": _("jij hing op"),
        "ended_by_customer": _("de beller hing op"),
        "ended_by_timeout": _("tijd om"),
    } | ticket_status_texts()
