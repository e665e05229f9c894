"""Detectors for privacy and security: identity before account changes, passwords, security risks."""

from __future__ import annotations

import re

from simulator.assessment.context import CallView, command_of
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.assessment.scenario import procedures_of
from simulator.conversation.events import Event

ACCOUNT_COMMAND = re.compile(
    r"(ADAccount|ADUser|ADGroupMember|LocalUser|LocalGroupMember|net user|Unlock-|password|mfa|Reset-Mfa)", re.I
)
SECURITY_TOPICS = frozenset({"link_clicked", "credentials_entered", "mfa"})


def account_changes(view: CallView) -> list[Event]:
    """Return the world actions that changed the caller's account (attempted or done)."""
    runs = view.of("remote.run") + view.refused("remote.run")
    changes = [e for e in runs if e.data.get("account_change") or ACCOUNT_COMMAND.search(command_of(e))]
    changes += [e for e in view.of("account.reset", "account.unlock") if not e.data.get("refused")]
    return sorted(changes, key=lambda e: e.i)


@detector("identity_and_password", "7.6", "10.6", "13.2")
def identity_and_password(view: CallView, activity: str) -> Finding:
    """Judge whether identity was verified before account changes and no password was asked."""
    asked = view.said("ask_for_password")
    if asked:
        return not_met("U vroeg de klant naar een wachtwoord: dat mag nooit.", *(view.evidence(e) for e in asked))
    verified = view.said("verify_identity")
    changes = account_changes(view)
    if changes:
        first = changes[0]
        if verified and verified[0].i < first.i:
            return met(
                "U controleerde de identiteit voor u de account wijzigde.",
                view.evidence(verified[0]),
                view.evidence(first),
            )
        return not_met("U wijzigde de account zonder eerst de identiteit te controleren.", view.evidence(first))
    if any(t.trigger == "refuse_request" for t in view.exercise.transitions):
        refused = view.said("refuse_request")
        if refused:
            return met("U weigerde het onrechtmatige verzoek en beschermde de gegevens.", view.evidence(refused[0]))
        offered = view.said("propose_solution", "explain_steps")
        shown = view.evidence(offered[0]) if offered else view.absence("verzoek niet geweigerd")
        return not_met(
            "U weigerde het onrechtmatige verzoek niet: gegevens en accounts blijven van de eigenaar.", shown
        )
    if verified:
        return met(
            "U controleerde de identiteit volgens de procedure en vroeg geen wachtwoord.", view.evidence(verified[0])
        )
    explained = [e for e in view.said("explain_risk") if "blame_or_rude" not in e.data.get("intents", ())]
    if activity in ("7.6", "13.2") and explained:
        return met("U paste de beveiligingsregels toe en legde het risico uit.", view.evidence(explained[0]))
    return unobserved("Er werd niets aan een account gewijzigd en niet naar de identiteit gevraagd.")


@detector("security_risk", "10.1", "10.2", "10.3", "10.4", "10.5")
def security_risk(view: CallView, activity: str) -> Finding:
    """Judge how the trainee recognised, explained, mitigated and escalated a security risk."""
    risky = {f.id for f in view.exercise.facts if SECURITY_TOPICS & set(f.topics)}
    found = [e for e in view.of("fact_revealed") if e.data.get("fact") in risky]
    unsafe = {"ask_for_password", "blame_or_rude"}
    explained = [e for e in view.said("explain_risk") if not unsafe & set(e.data.get("intents", ()))]
    refused = view.said("refuse_request")
    if activity == "10.1":
        signs = found + explained + refused
        if (found or not risky) and (explained or refused):
            return met("U herkende het beveiligingsrisico.", *(view.evidence(e) for e in signs[:3]))
        if signs:
            return partly(
                "U kwam het risico op het spoor, maar benoemde het niet.", *(view.evidence(e) for e in signs[:3])
            )
        return not_met("U herkende het beveiligingsrisico niet.", view.absence("risico niet opgemerkt"))
    if activity in ("10.2", "10.3"):
        if explained:
            long_enough = any(words(e.data["text"]) >= 8 for e in explained)
            if long_enough:
                return met(
                    "U legde het risico en de gevolgen begrijpelijk uit aan de gebruiker.", view.evidence(explained[0])
                )
            return partly("U noemde het risico, maar legde de gevolgen niet uit.", view.evidence(explained[0]))
        if refused:
            return partly("U weigerde terecht, maar legde niet uit waarom.", view.evidence(refused[0]))
        return not_met("U legde het risico niet uit aan de gebruiker.", view.absence("geen uitleg over het risico"))
    if activity == "10.4":
        after = explained[0].i if explained else -1
        remedies = [e for e in view.said("propose_solution", "instruct_step") if e.i > after]
        remedies += [e for e in view.of("kb.share", "remote.run") if e.i > after and explained]
        if explained and remedies:
            return met("U gaf eenvoudige maatregelen tegen het risico.", view.evidence(remedies[0]))
        if explained or remedies:
            return partly("Maatregelen tegen het risico bleven onvolledig.", view.evidence((explained or remedies)[0]))
        return not_met("U reikte geen oplossing aan voor het risico.", view.absence("geen maatregelen"))
    security_group = procedures_of(view).security_group
    assigns = view.of("ticket.assign")
    to_security = [e for e in assigns if security_group in str(e.data.get("group", ""))]
    if to_security:
        return met("U schakelde het securityteam in.", view.evidence(to_security[0]))
    announced = view.said("announce_escalation")
    if assigns or announced:
        return partly(
            f"U escaleerde, maar niet naar de securitygroep ({security_group}).",
            view.evidence((assigns or announced)[0]),
        )
    return not_met(f"U schakelde de collega's-experten ({security_group}) niet in.", view.absence("geen escalatie"))
