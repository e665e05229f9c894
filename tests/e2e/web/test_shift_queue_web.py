"""The shift through the web console's steps: queued tickets worked by number earn what the shift trains."""

from __future__ import annotations

import yaml

from simulator.adapters.db.models import Role
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.test_readable_reports import leaks, visible
from tests.integration.world.test_queue_steps import SHIFT


def test_a_shift_worked_through_the_queue_in_the_web_earns_the_shift_activities(client, make_user) -> None:
    login_as(client, make_user(role=Role.TRAINEE))
    headers = {"X-CSRFToken": csrf_token(client, "/oefenen/")}
    started = client.post("/api/v1/sessions", json={"exercise": "shift-morning-queue-nl", "seed": 1}, headers=headers)
    call_id = started.get_json()["id"]
    for step in yaml.safe_load(SHIFT)["steps"]:
        ((name, args),) = step.items()
        response = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers=headers)
        assert response.status_code == 200, (name, response.get_json())
    client.post(f"/api/v1/sessions/{call_id}/end", headers=headers)
    report = client.get(f"/api/v1/sessions/{call_id}/report").get_json()
    verdicts = {a["id"]: a["verdict"] for c in report["assessment"]["competencies"] for a in c["activities"]}
    assert {verdicts[a] for a in ("14.2", "15.3", "17.1", "17.4")} == {"met"}
    page = visible(client.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True))
    assert "Shiftverslag" in page and "Ticket uit de wachtrij geopend: INC-000006" in page  # described in words
    assert not leaks(page)
