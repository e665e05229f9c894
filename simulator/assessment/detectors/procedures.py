"""Detectors for the company's agreed procedures (the scenario book) and its registration rules.

7.3 and 17.2 ask whether the trainee "follows the supplied scenarios": every rule of the scenario
book that this call gave occasion for is checked — the greeting and closing script, the identity
procedure (and never asking a password), the consent rule before a remote takeover, the escalation
matrix when the ticket was assigned, and an approval the exercise requires before installing or
granting rights. Rules the call gave no occasion for do not count.
"""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.greeting import greets_and_closes
from simulator.assessment.detectors.helpdesk import ticket_fields
from simulator.assessment.detectors.registry import detector
from simulator.assessment.detectors.security import identity_and_password
from simulator.assessment.detectors.technical import consent_before_remote, kind_of
from simulator.assessment.model import Evidence, Finding, Verdict
from simulator.conversation.events import EventType

#: Below this share of the rules kept, the procedures were not followed (a single slip is 'partly').
NOT_MET_BELOW = 0.5
MIN_SUMMARY_WORDS = 3
#: Rules that protect the caller's data and accounts: breaking one outright (a password asked, an account
#: changed without checking who calls, an install without the approval) is no slip, whatever else was kept.
SAFEGUARDS = frozenset({"rule_identity", "rule_consent", "rule_approval"})
#: Fact ids an exercise uses for an approval the procedure requires before work is done.
APPROVAL_FACTS = ("manager_approval", "approval")


def _rule_findings(view: CallView) -> list[tuple[str, Finding]]:
    """Return (rule, finding) for every scenario-book rule this call gave occasion for (rules are catalogue terms)."""
    rules = [
        ("rule_script", greets_and_closes(view, "")),
        ("rule_identity", identity_and_password(view, "security")),
        ("rule_consent", consent_before_remote(view, "")),
        ("rule_matrix", _escalation(view)),
        ("rule_approval", _approval(view)),
    ]
    return [(name, finding) for name, finding in rules if finding.verdict is not Verdict.NOT_OBSERVED]


def _escalation(view: CallView) -> Finding:
    """Judge the last assignment against the escalation matrix the world applied."""
    assigns = [e for e in view.of(EventType.TICKET_ASSIGN) if "follows_matrix" in e.data]
    if not assigns:
        return unobserved("matrix.no_assignment")
    last = assigns[-1]
    if last.data.get("follows_matrix"):
        return met("matrix.followed", view.evidence(last))
    return not_met("matrix.outside", view.evidence(last))


def _approval(view: CallView) -> Finding:
    """Judge whether a required approval was checked before installing or granting rights."""
    if not any(fact.id in APPROVAL_FACTS for fact in view.exercise.facts):
        return unobserved("approval.not_required")
    works = [e for e in view.of(EventType.REMOTE_RUN) if kind_of(e) in ("install", "grant")]
    if not works:
        return unobserved("approval.nothing_installed")
    asked = [e for e in view.of(EventType.FACT_REVEALED) if e.data.get("fact") in APPROVAL_FACTS]
    if asked and (not works or asked[0].i < works[0].i):
        return met("approval.checked", view.evidence(asked[0]))
    if works:
        return not_met("approval.skipped", view.evidence(works[0]))
    return not_met("approval.missing", view.absence())


@detector("follows_scenario_book")
def follows_scenario_book(view: CallView, aspect: str) -> Finding:
    """Judge the call against the scenario book's rules it gave occasion for (script, identity, consent, matrix)."""
    judged = _rule_findings(view)
    if not judged:
        return unobserved("procedures.no_occasion")
    share = sum(f.verdict.points or 0.0 for _, f in judged) / len(judged)
    kept = [name for name, f in judged if f.verdict is Verdict.MET]
    broken = [name for name, f in judged if f.verdict is not Verdict.MET]
    evidence: dict[int, Evidence] = {}
    for _, finding in judged:
        for item in finding.evidence[:1]:
            evidence.setdefault(item.event, item)
    shown = sorted(evidence.values(), key=lambda e: e.event)
    if not broken:
        return met("procedures.followed", *shown, kept=kept)
    breached = [name for name, f in judged if name in SAFEGUARDS and f.verdict is Verdict.NOT_MET]
    if share >= NOT_MET_BELOW and not breached:
        return partly("procedures.broken", *shown, broken=broken)
    return not_met("procedures.broken", *shown, broken=broken)


@detector("registers_per_guidelines")
def registers_per_guidelines(view: CallView, aspect: str) -> Finding:
    """Judge the ticket against the registration rules: clear summary, the problem's category, work noted."""
    made = view.of(EventType.TICKET_CREATE)
    if not made:
        return not_met("registration.no_ticket", view.absence())
    fields = ticket_fields(view)
    summary, category = str(fields.get("summary") or ""), fields.get("category")
    noted = view.of(EventType.TICKET_NOTE, EventType.TICKET_RESOLVE, EventType.TICKET_ASSIGN)
    missing: list[str] = []
    if summary and words(summary) < MIN_SUMMARY_WORDS:
        missing.append("clear_summary")
    if category is not None and category != view.exercise.problem.category:
        missing.append("right_category")
    if not noted:
        missing.append("note_or_resolution")
    evidence = [view.evidence(made[0]), *(view.evidence(e) for e in noted[:1])]
    if not missing:
        return met("registration.done", *evidence)
    found = partly if len(missing) == 1 else not_met
    return found("registration.incomplete", *evidence, missing=missing, category=view.exercise.problem.category)
