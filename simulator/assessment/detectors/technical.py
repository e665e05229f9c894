"""Detectors for technical work on the caller's PC: tests, diagnosis, repair, installs, rights."""

from __future__ import annotations

import re

from simulator.assessment.context import CallView, command_of
from simulator.assessment.detectors._base import met, not_met, partly, unobserved
from simulator.assessment.detectors.conversation import adjusted_after
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.conversation.events import Event, EventType

#: Command families, tried in this order; the world's own ``kind`` wins where it reports one.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("os", re.compile(r"(Install-Windows|systemreset|Reset-Computer|dism\s+/apply-image)", re.I)),
    (
        "install",
        re.compile(r"(Install-|winget\s+install|choco\s+install|msiexec|Add-AppxPackage|Add-WindowsCapability)", re.I),
    ),
    (
        "grant",
        re.compile(
            r"(Add-ADGroupMember|Add-LocalGroupMember|Grant-|icacls\b.*?/grant|net\s+(local)?group\b.*?/add"
            r"|Add-MailboxPermission|Set-Acl)",
            re.I,
        ),
    ),
    (
        "configure",
        re.compile(
            r"(Add-Printer|Set-Printer|Set-NetIPInterface|New-NetIPAddress|netsh|Set-DnsClientServerAddress"
            r"|Add-VpnConnection|Set-VpnConnection|Enable-Mailbox)",
            re.I,
        ),
    ),
    (
        "repair",
        re.compile(
            r"^\s*(Restart-|Start-|Stop-|Set-|Reset-|Repair-|Clear-|Remove-|Unlock-|Enable-|Disable-|gpupdate|cleanmgr"
            r"|sfc\s+/scannow|net\s+(stop|start)|ipconfig\s+/(release|renew|flushdns)|reg\s+(add|delete))",
            re.I,
        ),
    ),
    (
        "diagnose",
        re.compile(
            r"^\s*(Get-|Test-|tnc\b|ping|ipconfig|nslookup|tracert|Resolve-DnsName|systeminfo|whoami|hostname|gpresult"
            r"|netstat|tasklist|query|Measure-|reg\s+query|rasdial|excel\b)",
            re.I,
        ),
    ),
)
#: World actions that show a diagnosis was reached (the problem handed to the right place or solved).
CONCLUSIONS = (EventType.TICKET_ASSIGN, EventType.TICKET_LINK_PROBLEM, EventType.TICKET_RESOLVE, EventType.KB_SHARE)
CHANGES = frozenset({"repair", "install", "grant", "configure", "os"})
#: The command families each aspect of ``installs_and_grants`` looks at.
ASPECT_KINDS = {
    "changes": CHANGES - {"repair"},
    "configures": {"configure"},
    "installs_os": {"os"},
    "installs": {"install"},
    "grants": {"grant"},
}


def kind_of(event: Event) -> str:
    """Return the family of a ``remote.run`` command (diagnose, repair, install, grant, configure, os)."""
    reported = event.data.get("kind")
    if isinstance(reported, str) and reported:
        return reported
    command = command_of(event)
    if event.data.get("repaired") and not any(p.search(command) for k, p in KINDS if k in CHANGES - {"repair"}):
        return "repair"
    for name, pattern in KINDS:
        if pattern.search(command):
            return name
    return "other"


def succeeded(event: Event) -> bool:
    """Return whether a world action worked (not refused, no error, exit code 0)."""
    data = event.data
    return not data.get("refused") and data.get("ok", True) is not False and data.get("exit_code", 0) in (0, None)


def runs(view: CallView, *kinds: str) -> list[Event]:
    """Return the successful commands of these families, in order."""
    return [e for e in view.of(EventType.REMOTE_RUN) if kind_of(e) in kinds and succeeded(e)]


def _verified_after(view: CallView, index: int) -> list[Event]:
    checks = [e for e in runs(view, "diagnose") if e.i > index]
    checks += [e for e in view.said("check_satisfaction", "instruct_step") if e.i > index]
    checks += [e for e in view.good_ending() if e.i > index]
    return sorted(checks, key=lambda e: e.i)


@detector("diagnose_then_repair", "tests", "diagnoses", "repairs", "verifies")
def diagnose_then_repair(view: CallView, aspect: str) -> Finding:
    """Judge tests before repairing, the repair itself and checking afterwards that it works."""
    diags = runs(view, "diagnose")
    changes = runs(view, *CHANGES)
    fixed = view.good_ending()
    guided = view.said("instruct_step")
    if aspect == "tests":
        if diags:
            return met("tests.run", view.evidence(diags[0]))
        tested = [e for e in view.of(EventType.GUIDED) if not e.data.get("refused")]
        rushed = [e for e in view.mood_events("too_many_steps") if not adjusted_after(view, e)]
        if tested and rushed:
            return partly("tests.caller_rushed", view.evidence(tested[0]), view.evidence(rushed[0]))
        if tested:
            return met(
                "tests.by_caller",
                view.evidence(tested[0]),
            )
        if guided:
            return partly(
                "tests.caller_only",
                view.cite(guided[0], "instruct_step"),
            )
        return not_met("tests.missing", view.absence())
    if aspect == "diagnoses":
        if changes and diags and diags[0].i < changes[0].i:
            return met(
                "diagnosis.before_repair",
                view.evidence(diags[0]),
                view.evidence(changes[0]),
            )
        if changes:
            return partly("diagnosis.repair_without", view.evidence(changes[0]))
        tested = [e for e in view.of(EventType.GUIDED) if not e.data.get("refused")]
        concluded = [
            e
            for e in view.said("explain_steps", "announce_escalation", "propose_solution") + view.of(*CONCLUSIONS)
            if tested and e.i > tested[0].i
        ]
        if tested and concluded and not diags:
            return met(
                "diagnosis.with_caller",
                view.evidence(tested[0]),
                view.cite(concluded[0], "explain_steps", "announce_escalation", "propose_solution"),
            )
        if guided and fixed and not diags:
            return met(
                "diagnosis.with_caller",
                view.cite(guided[0], "instruct_step"),
                view.evidence(fixed[0]),
            )
        if diags:
            return partly("diagnosis.no_repair", view.evidence(diags[0]))
        return not_met("diagnosis.missing", view.absence())
    if aspect == "repairs":
        if fixed:
            shown = [view.evidence(changes[0])] if changes else []
            return met("repair.done", *shown, view.evidence(fixed[0]))
        if changes:
            return partly("repair.failed", view.evidence(changes[-1]))
        return not_met("repair.missing", view.absence())
    if not changes and not fixed:
        return unobserved("verify.no_change")
    after = changes[-1].i if changes else fixed[0].i - 1
    checks = _verified_after(view, after)
    if checks:
        return met(
            "verify.done",
            view.cite(checks[0], "check_satisfaction", "instruct_step"),
        )
    return partly("verify.missing", view.evidence(changes[-1] if changes else fixed[0]))


@detector("installs_and_grants", *ASPECT_KINDS)
def installs_and_grants(view: CallView, aspect: str) -> Finding:
    """Judge installs, configuration and rights granted on the PC, and whether they were checked."""
    kinds = ASPECT_KINDS[aspect]
    attempts = [e for e in view.of(EventType.REMOTE_RUN) + view.refused(EventType.REMOTE_RUN) if kind_of(e) in kinds]
    done = [e for e in attempts if succeeded(e)]
    if not attempts and aspect == "configures":
        guided = view.said("instruct_step")
        checks = _verified_after(view, guided[0].i) if guided else []
        if guided and checks:
            return met(
                "install.hardware_verified",
                view.cite(guided[0], "instruct_step"),
                view.cite(checks[0], "check_satisfaction", "instruct_step"),
            )
    if not attempts:
        return not_met("install.missing", view.absence())
    if not done:
        return partly("install.failed", *(view.evidence(e) for e in attempts[:2]))
    checks = _verified_after(view, done[-1].i)
    if checks:
        return met(
            "install.verified",
            view.evidence(done[0]),
            view.cite(checks[0], "check_satisfaction", "instruct_step"),
        )
    return partly("install.unverified", view.evidence(done[0]))


@detector("guides_simple_tests")
def guides_simple_tests(view: CallView, aspect: str) -> Finding:
    """Judge guiding the caller through simple tests, one step at a time for a novice.

    The ``guided`` events are the evidence that the caller could do a test and read it back; a
    refused one shows a step the caller could not do yet (identity first, an earlier step missing).
    """
    steps = view.said("instruct_step")
    done = view.of(EventType.GUIDED)
    tried = view.refused(EventType.GUIDED)
    rushed = view.mood_events("too_many_steps")
    if rushed:
        unadjusted = [e for e in rushed if not adjusted_after(view, e)]
        if unadjusted and not done:
            return not_met("guided_test.all_at_once", *(view.evidence(e) for e in unadjusted[:2]))
        if unadjusted:
            return partly("guided_test.too_many_steps", *(view.evidence(e) for e in rushed[:2]))
    technical = [e for e in steps if e.data.get("jargon") or "technical_jargon" in e.data.get("intents", ())]
    if steps and not view.params.likes_jargon and len(technical) * 2 > len(steps):
        shown = [view.cite(e, "technical_jargon", "jargon") for e in technical[:2]]
        if len(technical) == len(steps) and not done:
            return not_met("guided_test.too_technical", *shown)
        return partly("guided_test.partly_technical", *shown)
    if done:
        first = done[0]
        asked = [view.cite(view.events[first.data["utterance"]], "instruct_step")] if "utterance" in first.data else []
        quote = f"{first.data.get('step')}: {first.data.get('readback') or first.data.get('output', '')}"
        return met(
            "guided_test.read_back",
            *asked,
            view.evidence(first, quote),
        )
    if tried:
        quote = f"{tried[0].data.get('step')}: {tried[0].data.get('reason', '')}"
        return partly("guided_test.not_possible_yet", view.evidence(tried[0], quote))
    offered = view.world.get("guided", {}).get("offered", [])
    if steps and offered:
        return partly(
            "guided_test.no_simple_test",
            view.cite(steps[0], "instruct_step"),
        )
    if steps:
        return met("guided_test.step_by_step", view.cite(steps[0], "instruct_step"))
    if view.of(EventType.REMOTE_CONNECT):
        return unobserved("guided_test.not_needed")
    return not_met("guided_test.missing", view.absence())


@detector("consent_before_remote")
def consent_before_remote(view: CallView, aspect: str) -> Finding:
    """Judge whether the caller agreed before the trainee took over the PC."""
    connects = sorted(view.of(EventType.REMOTE_CONNECT) + view.refused(EventType.REMOTE_CONNECT), key=lambda e: e.i)
    consent = [e for e in view.of(EventType.CONSENT) if e.data.get("given", True)]
    asked = view.said("ask_remote_consent")
    if connects:
        first = connects[0]
        if consent and consent[0].i < first.i:
            return met(
                "consent.before_takeover",
                view.cite(asked[0] if asked else consent[0], "ask_remote_consent"),
                view.evidence(first),
            )
        if asked and asked[0].i < first.i:
            return partly(
                "consent.not_awaited",
                view.cite(asked[0], "ask_remote_consent"),
            )
        return not_met("consent.missing", view.evidence(first))
    if consent:
        return met(
            "consent.asked",
            view.cite(asked[0] if asked else consent[0], "ask_remote_consent"),
        )
    return unobserved("consent.no_takeover")
