"""The shift through the web console's steps: queued tickets worked by number earn what the shift trains."""

from __future__ import annotations

import re

import yaml

from simulator.adapters.db.models import Mode, Role
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.test_readable_reports import leaks, visible
from tests.integration.world.test_queue_steps import SHIFT
from webapp.calls.world import first_ticket


def numbered(text: str, call_id: int) -> str:
    """Return ``text`` with the script's queue numbers (INC-000001…) as this call's own (each call its own thousand)."""
    return re.sub(r"INC-(\d{6})", lambda m: f"INC-{first_ticket(call_id) - 1 + int(m.group(1)):06d}", text)


def test_a_shift_worked_through_the_queue_in_the_web_earns_the_shift_activities(client, make_user) -> None:
    login_as(client, make_user(role=Role.TRAINEE))
    headers = {"X-CSRFToken": csrf_token(client, "/oefenen/")}
    started = client.post("/api/v1/sessions", json={"exercise": "shift-morning-queue-nl", "seed": 1}, headers=headers)
    call_id = started.get_json()["id"]
    for step in yaml.safe_load(numbered(SHIFT, call_id))["steps"]:
        ((name, args),) = step.items()
        response = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers=headers)
        assert response.status_code == 200, (name, response.get_json())
    client.post(f"/api/v1/sessions/{call_id}/end", headers=headers)
    report = client.get(f"/api/v1/sessions/{call_id}/report").get_json()
    verdicts = {a["id"]: a["verdict"] for c in report["assessment"]["competencies"] for a in c["activities"]}
    assert {verdicts[a] for a in ("14.2", "15.3", "17.1", "17.4")} == {"met"}
    page = visible(client.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True))
    assert (
        "Shiftverslag" in page and numbered("Ticket uit de wachtrij geopend: INC-000006", call_id) in page
    )  # described in words
    assert not leaks(page)


def test_a_shift_taken_as_an_exam_shows_the_queue_steps_without_how_they_are_judged(
    client, make_user, make_cohort, make_assignment
) -> None:
    trainee = make_user(role=Role.TRAINEE)
    exam = make_assignment(make_cohort(trainees=[trainee]), exercise_id="shift-morning-queue-nl", mode=Mode.EXAM)
    login_as(client, trainee)
    headers = {"X-CSRFToken": csrf_token(client, "/oefenen/")}
    call_id = client.post("/api/v1/sessions", json={"assignment": exam.id}, headers=headers).get_json()["id"]
    shown: dict[str, dict] = {}
    steps = (("answer", {}), ("ticket.open", numbered("INC-000006", call_id)), ("ticket.prioritise", PRIORITISE))
    for name, args in steps:
        response = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers=headers)
        assert response.status_code == 200, (name, response.get_json())
        shown |= {e["type"]: e["data"] for e in response.get_json()["events"]}
    assert shown["ticket.open"]["ticket"] == numbered("INC-000006", call_id) and shown["ticket.open"]["priority"]
    assert shown["ticket.prioritise"]["impact"] == "low" and shown["ticket.prioritise"]["urgency"] == "low"
    for data in (shown["ticket.open"], shown["ticket.prioritise"]):  # the queue's order is the trainee's to judge
        assert "rank" not in data and "most_urgent" not in data


PRIORITISE = {"impact": "low", "urgency": "low"}  # the opened ticket
