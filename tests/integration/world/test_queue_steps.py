"""The shift's queue through session-script steps: open, prioritise, assign and resolve a ticket by its number."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.content.errors import ContentError
from simulator.scripts.replay import run_script
from simulator.scripts.script import parse_script

SHIFT = (Path(__file__).with_name("shift-queue-steps.yaml")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report() -> dict:
    """Return the replay report of a shift worked through the queue steps."""
    return run_script(parse_script(SHIFT))


def events(report: dict, kind: str) -> list[dict]:
    """Return the events of one type."""
    return [e for e in report["events"] if e["type"] == kind]


def test_queue_steps_act_on_the_numbered_ticket(report) -> None:
    (opened,) = events(report, "ticket.open")
    assert opened["data"]["ticket"] == "INC-000006" and opened["data"]["most_urgent"] is True
    assert opened["data"]["step"] == "ticket.open" and opened["data"]["rank"] == 1
    (assigned,) = events(report, "ticket.assign")
    assert assigned["data"]["ticket"] == "INC-000006" and assigned["data"]["follows_matrix"] is True
    (prioritised,) = events(report, "ticket.prioritise")
    assert prioritised["data"]["ticket"] == "INC-000003" and prioritised["data"]["priority"] == "P5"
    (resolved,) = events(report, "ticket.resolve")
    assert resolved["data"]["ticket"] == "INC-000004" and resolved["data"]["status"] == "resolved"
    assert not [e for e in report["events"] if e["data"].get("refused")]


def test_every_activity_the_shift_trains_with_a_detector_can_be_earned(report) -> None:
    from simulator.assessment.rubric import load_rubric

    rules = load_rubric("bkd-2023").activity_rules()
    judged = {a["id"]: a for c in report["assessment"]["competencies"] for a in c["activities"]}
    for activity in ("14.2", "15.3", "17.1", "17.4"):
        assert rules[activity].detectors
        assert judged[activity]["verdict"] == "met", (activity, judged[activity]["reasons"])


def test_a_ticket_number_that_does_not_exist_is_refused_with_a_reason() -> None:
    script = SHIFT.replace("ticket.open: INC-000006", "ticket.open: INC-000099")
    report = run_script(parse_script(script))
    refused = [e for e in report["events"] if e["data"].get("refused")]
    assert refused[0]["type"] == "ticket.open" and "INC-000099" in refused[0]["data"]["reason"]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("ticket.open: {}", "'ticket.open' is missing required key 'ticket'"),
        ("ticket.assign: {group: network, ticket: 12}", "'ticket.assign' field 'ticket'"),
        ("ticket.prioritise: {ticket: INC-000003, impact: huge, urgency: low}", "'ticket.prioritise' field 'impact'"),
    ],
)
def test_a_badly_written_queue_step_names_its_step_and_field(step: str, message: str) -> None:
    script = SHIFT.replace("ticket.open: INC-000006", step)
    with pytest.raises(ContentError, match=message):
        run_script(parse_script(script))


def verdict(report: dict, activity: str) -> str:
    """Return the verdict on one activity."""
    return next(
        a["verdict"] for c in report["assessment"]["competencies"] for a in c["activities"] if a["id"] == activity
    )


def test_opening_the_most_urgent_ticket_first_counts_for_the_sla_order_before_any_assignment() -> None:
    opened_only = "\n".join(
        line for line in SHIFT.splitlines() if not line.lstrip().startswith(("- ticket.note", "- ticket.assign"))
    )
    report = run_script(parse_script(opened_only))
    assert events(report, "ticket.open") and not events(report, "ticket.assign")
    assert verdict(report, "17.1") == "met"


def test_starting_the_shift_on_a_low_priority_ticket_is_not_working_by_sla() -> None:
    script = SHIFT.replace(
        "  - ticket.open: INC-000006\n", "  - ticket.open: INC-000003\n  - ticket.open: INC-000006\n"
    )
    report = run_script(parse_script(script))
    first = events(report, "ticket.open")[0]
    assert first["data"]["most_urgent"] is False
    assert verdict(report, "17.1") == "partly"
