"""Detectors for privacy and security: identity before account changes, passwords, security risks."""

from __future__ import annotations

import re

from simulator.assessment.context import CallView, command_of
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Evidence, Finding
from simulator.assessment.scenario import procedures_of
from simulator.conversation.events import Event, EventType

ACCOUNT_COMMAND = re.compile(
    r"(ADAccount|ADUser|ADGroupMember|LocalUser|LocalGroupMember|net user|Unlock-|password|mfa|Reset-Mfa)", re.I
)
SECURITY_TOPICS = frozenset({"link_clicked", "credentials_entered", "mfa"})


def account_changes(view: CallView) -> list[Event]:
    """Return the world actions that changed the caller's account (attempted or done)."""
    runs = view.of(EventType.REMOTE_RUN) + view.refused(EventType.REMOTE_RUN)
    changes = [e for e in runs if e.data.get("account_change") or ACCOUNT_COMMAND.search(command_of(e))]
    return sorted(changes, key=lambda e: e.i)


#: Acts that break the privacy and security procedures whatever else was said in the call.
HARMFUL = ("ask_for_password", "comply_forbidden", "disclose_personal_data")
#: Identity details that check who the caller is, beyond the name and number they may give unasked.
CHECK_DETAILS = frozenset({"date_of_birth", "department", "phone_number", "email_address"})
#: A call in which the trainee said fewer lines than this ended before the identity check was due.
IDENTITY_DUE_AFTER_LINES = 3


def identity_asked(view: CallView) -> tuple[list[Event], list[Event]]:
    """Return the trainee's lines that asked who the caller is, and those that asked a check question.

    Only details the trainee asked count: a caller who volunteers a date of birth was not verified.
    The caller's ``identity_told`` events (``asked``: in answer to the trainee) say which details
    were asked; without them the trainee's own identity acts and topics are read. A check is a
    question on a detail beyond name and number, or the CRM lookup that compares the answers.
    """
    told = [e for e in view.of(EventType.IDENTITY_TOLD) if e.data.get("asked", True)]
    if told:
        ask = [_asking_line(view, e) for e in told]
        check = [_asking_line(view, e) for e in told if CHECK_DETAILS & set(e.data.get("details", ()))]
    else:
        ask = view.said("ask_caller_identity", "verify_identity")
        after = ask[0].i if ask else len(view.events)
        check = [e for e in view.utterances if e.i > after and CHECK_DETAILS & set(e.data.get("topics", ()))]
        check += view.said("verify_identity")[1:]
    numbered = [e for e in ask if _asks_beyond_name(view, e)]
    if numbered:  # looking the caller up in the CRM after name and number is the procedure's comparison step
        check += [e for e in view.of(EventType.CRM_LOOKUP) if e.i > numbered[0].i]
    return ask, sorted({e.i: e for e in check}.values(), key=lambda e: e.i)


def _asks_beyond_name(view: CallView, line: Event) -> bool:
    """Return whether a trainee line asked more than the caller's name (the number or a check detail)."""
    told = [e for e in view.of(EventType.IDENTITY_TOLD) if _asking_line(view, e) is line]
    if told:
        return any(set(e.data.get("details", ())) - {"full_name"} for e in told)
    return "verify_identity" in line.data.get("intents", ())


def _asking_line(view: CallView, told: Event) -> Event:
    """Return the trainee line a caller's identity answer replied to."""
    before = [u for u in view.utterances if u.i < told.i]
    return before[-1] if before else told


def _cite_identity(view: CallView, event: Event) -> Evidence:
    """Cite the line (or the CRM lookup) that asked or checked who the caller is."""
    return view.cite(event, "verify_identity", "ask_caller_identity", *(f"topic:{d}" for d in sorted(CHECK_DETAILS)))


def _cite_risk(view: CallView, event: Event) -> Evidence:
    """Cite a trainee line for the security act it carries, or a world event for what it is."""
    acts = ("explain_risk", "refuse_request", "propose_solution", "instruct_step", "announce_escalation")
    return view.cite(event, *acts) if event.type == EventType.UTTERANCE else view.evidence(event)


def harmful(view: CallView) -> list[Event]:
    """Return the trainee's lines that asked a password, agreed to what is forbidden or disclosed personal data."""
    return view.said(*HARMFUL)


@detector("identity_and_password", "privacy", "security")
def identity_and_password(view: CallView, aspect: str) -> Finding:
    """Judge the identity procedure before account changes and that nothing forbidden was asked, promised or told."""
    bad = harmful(view)
    if bad:
        return not_met(
            "identity.harmful",
            *(view.cite(e, *HARMFUL) for e in bad[:3]),
        )
    ask, check = identity_asked(view)
    changes = account_changes(view)
    if changes:
        first = changes[0]
        if check and check[0].i < first.i:
            return met(
                "identity.checked_before_change",
                _cite_identity(view, check[0]),
                view.evidence(first),
            )
        if ask and ask[0].i < first.i and not any(_asks_beyond_name(view, e) for e in ask if e.i < first.i):
            return not_met("identity.name_only_before_change", _cite_identity(view, ask[0]), view.evidence(first))
        if ask and ask[0].i < first.i:
            return partly(
                "identity.partial_before_change",
                _cite_identity(view, ask[0]),
                view.evidence(first),
            )
        return not_met("identity.changed_unchecked", view.evidence(first))
    if any(t.trigger == "refuse_request" for t in view.exercise.transitions):
        refused = view.said("refuse_request")
        if refused:
            return met(
                "identity.request_refused",
                view.cite(refused[0], "refuse_request"),
            )
        offered = view.said("propose_solution", "explain_steps")
        shown = view.cite(offered[0], "propose_solution", "explain_steps") if offered else view.absence()
        return not_met("identity.request_not_refused", shown)
    rude = view.said("blame_or_rude") if aspect == "security" and _security_incident(view) else []
    misrouted = [e for e in view.of(EventType.TICKET_ASSIGN) if e.data.get("follows_matrix") is False]
    if ask and not check and not _full_check_due(view):
        check = ask
    intruded = _takeover_without_consent(view) if aspect == "privacy" else []
    if check and intruded:
        return partly(
            "identity.takeover_without_consent",
            _cite_identity(view, check[0]),
            view.evidence(intruded[0]),
        )
    if check:
        if rude or (aspect == "security" and misrouted):
            slips = [view.cite(e, "blame_or_rude") for e in rude[:2]] or [view.evidence(e) for e in misrouted[:2]]
            return partly("identity.checked_procedure_slipped", *slips)
        return met(
            "identity.checked",
            _cite_identity(view, check[0]),
        )
    if ask:
        return partly("identity.partial", _cite_identity(view, ask[0]))
    if len(view.utterances) < IDENTITY_DUE_AFTER_LINES:
        return unobserved("identity.call_ended_first")
    if aspect == "privacy":
        return unobserved("identity.no_personal_data")
    return partly("identity.not_checked", view.absence())


def _takeover_without_consent(view: CallView) -> list[Event]:
    """Return the remote takeovers (done or tried) before the caller agreed."""
    consent = [e.i for e in view.of(EventType.CONSENT) if e.data.get("given", True)]
    first = consent[0] if consent else len(view.events)
    return [e for e in view.of(EventType.REMOTE_CONNECT) + view.refused(EventType.REMOTE_CONNECT) if e.i < first]


def _full_check_due(view: CallView) -> bool:
    """Return whether the call's problem asks for the full identity procedure (an account or security matter)."""
    from simulator.assessment.detectors.greeting import phrases

    categories = set(phrases().get("identity_check_required_for", ()))
    return view.exercise.problem.category in categories or _security_incident(view)


def _security_incident(view: CallView) -> bool:
    """Return whether the exercise is about a security incident (its facts touch security topics)."""
    return any(SECURITY_TOPICS & set(f.topics) for f in view.exercise.facts)


@detector("security_risk", "recognises", "explains", "remedies", "calls_experts")
def security_risk(view: CallView, aspect: str) -> Finding:
    """Judge how the trainee recognised, explained, mitigated and escalated a security risk."""
    risky = {f.id for f in view.exercise.facts if SECURITY_TOPICS & set(f.topics)}
    found = [e for e in view.of(EventType.FACT_REVEALED) if e.data.get("fact") in risky]
    unsafe = {*HARMFUL, "blame_or_rude"}
    explained = [e for e in view.said("explain_risk") if not unsafe & set(e.data.get("intents", ()))]
    refused = view.said("refuse_request")
    if aspect == "recognises":
        bad = harmful(view)
        if bad:
            return not_met(
                "risk.harmful",
                *(view.cite(e, *HARMFUL) for e in bad[:3]),
            )
        signs = found + explained + refused
        if (found or not risky) and (explained or refused):
            return met("risk.recognised", *(_cite_risk(view, e) for e in signs[:3]))
        if signs:
            return partly("risk.not_named", *(_cite_risk(view, e) for e in signs[:3]))
        return not_met("risk.not_recognised", view.absence())
    if aspect == "explains":
        if explained:
            long_enough = any(words(e.data["text"]) >= 8 for e in explained)
            if long_enough:
                return met(
                    "risk.explained",
                    view.cite(explained[0], "explain_risk"),
                )
            return partly("risk.consequences_missing", view.cite(explained[0], "explain_risk"))
        if refused:
            return partly("risk.refused_unexplained", view.cite(refused[0], "refuse_request"))
        return not_met("risk.not_explained", view.absence())
    if aspect == "remedies":
        after = explained[0].i if explained else -1
        remedies = [e for e in view.said("propose_solution", "instruct_step") if e.i > after]
        remedies += [e for e in view.of(EventType.KB_SHARE, EventType.REMOTE_RUN) if e.i > after and explained]
        if explained and remedies:
            return met("risk.remedied", _cite_risk(view, remedies[0]))
        if explained or remedies:
            return partly("risk.remedy_partial", _cite_risk(view, (explained or remedies)[0]))
        return not_met("risk.no_remedy", view.absence())
    security_group = procedures_of(view).security_group
    assigns = view.of(EventType.TICKET_ASSIGN)
    to_security = [e for e in assigns if security_group in str(e.data.get("group", ""))]
    if to_security:
        return met("risk.security_team_called", view.evidence(to_security[0]))
    announced = view.said("announce_escalation")
    if assigns or announced:
        return partly("risk.wrong_group", _cite_risk(view, (assigns or announced)[0]), group=security_group)
    return not_met("risk.experts_not_called", view.absence(), group=security_group)
