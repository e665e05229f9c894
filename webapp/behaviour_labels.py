"""Names in the interface language for what the caller reacts to: the trainee's intents and the persona's rules.

The engine logs a mood change with its causes as codes (``empathy``, ``interrupted``); people read
these names instead. A code nobody named yet is left out, never shown raw.
"""

from __future__ import annotations

from webapp.babel_marks import lazy_gettext as _l

INTENTS = {
    "greeting": _l("begroeting"),
    "ask_caller_identity": _l("naar de naam van de beller gevraagd"),
    "verify_identity": _l("identiteit gecontroleerd"),
    "empathy": _l("begrip getoond"),
    "apology": _l("excuses"),
    "paraphrase": _l("samengevat wat de beller zei"),
    "open_question": _l("open vraag"),
    "closed_question": _l("gesloten vraag"),
    "explain_steps": _l("stappen uitgelegd"),
    "instruct_step": _l("een stap laten uitvoeren"),
    "ask_remote_consent": _l("toestemming voor overname gevraagd"),
    "announce_hold": _l("wachtstand aangekondigd"),
    "give_ticket_number": _l("ticketnummer gegeven"),
    "refer_to_kb": _l("naar de kennisbank verwezen"),
    "announce_escalation": _l("doorverwijzing aangekondigd"),
    "check_satisfaction": _l("gevraagd of de beller tevreden is"),
    "closing": _l("afsluiting"),
    "ask_for_password": _l("naar het wachtwoord gevraagd"),
    "blame_or_rude": _l("verwijt of onbeleefdheid"),
    "technical_jargon": _l("vakjargon"),
    "explain_risk": _l("het risico uitgelegd"),
    "refuse_request": _l("een verzoek geweigerd"),
    "thank": _l("bedankt"),
    "propose_solution": _l("een oplossing voorgesteld"),
}
RULES = {
    "answered_late": _l("laat opgenomen"),
    "basics_repeated": _l("basisvragen herhaald"),
    "blamed": _l("de beller de schuld gegeven"),
    "calm": _l("de beller is rustig"),
    "consent_given": _l("toestemming gekregen"),
    "empathy_shown": _l("begrip getoond"),
    "escalated": _l("doorverwezen"),
    "facts_known": _l("de feiten zijn gekend"),
    "fixed": _l("het probleem is opgelost"),
    "heard_out": _l("de beller kon uitspreken"),
    "identity_verified": _l("identiteit bevestigd"),
    "interrupted": _l("de beller onderbroken"),
    "jargon_used": _l("vakjargon gebruikt"),
    "kb_shared": _l("kennisbankartikel gestuurd"),
    "on_hold_too_long": _l("te lang in de wacht"),
    "on_hold_unannounced": _l("zonder aankondiging in de wacht gezet"),
    "paraphrased": _l("samengevat"),
    "password_asked": _l("naar het wachtwoord gevraagd"),
    "peer_talk": _l("gesprek onder vakgenoten"),
    "problem_linked": _l("aan een bekend probleem gekoppeld"),
    "request_refused": _l("verzoek geweigerd"),
    "risk_explained": _l("risico uitgelegd"),
    "silent_too_long": _l("te lang stil"),
    "solution_before_heard": _l("oplossing voor de beller uitgesproken was"),
    "ticket_created": _l("ticket aangemaakt"),
    "too_many_steps": _l("te veel stappen tegelijk"),
    "upset": _l("de beller is overstuur"),
}


def cause_names(codes: list[str]) -> list[str]:
    """Return the names of the causes of a mood change, in the interface language (unknown codes left out)."""
    found = (INTENTS.get(code) or RULES.get(code) for code in codes)
    return [str(name) for name in found if name is not None]
