"""Evidence that proves the verdict: every cited moment of the reference calls carries what the detector claims.

Over every reference session (``tests/scripts`` with ``tests/assessment_reference``, and the free-form
development scripts of ``tests/freeform/scripts``), each piece of evidence of a judged verdict names
the act it shows: a trainee line must carry that act (or question topic, or the interruption), any
other event must be of that type, ``missing`` must point at the end of the call, and a ``met`` verdict
must cite at least one moment that shows the behaviour, not only where it was due.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_SCRIPTS = sorted((ROOT / "tests" / "scripts").glob("*.yaml"))
FREEFORM_SCRIPTS = sorted(
    p for p in (ROOT / "tests" / "freeform" / "scripts").glob("*/*.yaml") if not p.name.startswith("heldback-")
)
ABSENT = ("due", "missing")

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("simulator.world") is None, reason="the helpdesk world package is not installed"
)


def carried(event: dict) -> set[str]:
    """Return what an event can be cited for: a line's acts, topics and interruption, or the event's type."""
    data = event["data"]
    if event["type"] != "utterance":
        return {event["type"]}
    shown = set(data.get("intents", ())) | {f"topic:{t}" for t in data.get("topics", ())}
    if data.get("interrupt"):
        shown.add("interrupt")
    if data.get("jargon"):
        shown.add("jargon")
    return shown


def wrong_claims(report: dict) -> list[str]:
    """Return every cited moment whose claim the event does not bear out."""
    events = report["events"]
    ends = [e["i"] for e in events if e["type"] == "end"]
    end = ends[0] if ends else events[-1]["i"]
    problems = []
    for comp in report["assessment"]["competencies"]:
        for act in comp["activities"]:
            if act["verdict"] == "not_observed":
                continue
            claims = [e.get("act", "") for e in act["evidence"]]
            if act["verdict"] == "met" and all(c in ABSENT for c in claims):
                problems.append(f"{act['id']} met, but cites only where it was due: {claims}")
            for item in act["evidence"]:
                claim, event = item.get("act", ""), events[item["event"]]
                if claim == "due":
                    continue
                if claim == "missing":
                    if item["event"] != end:
                        problems.append(f"{act['id']}: 'missing' points at #{item['event']}, not the end")
                    continue
                if claim not in carried(event):
                    problems.append(
                        f"{act['id']} ({act['detector']}) cites #{item['event']} {event['type']} "
                        f"'{item['quote'][:50]}' for {claim or 'nothing'}; it carries {sorted(carried(event))}"
                    )
    return problems


@pytest.mark.parametrize("path", REFERENCE_SCRIPTS + FREEFORM_SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_cited_moment_carries_the_act_the_detector_claims(path):
    report = run_script(load_script(path))
    assert not wrong_claims(report), "\n".join(wrong_claims(report))
