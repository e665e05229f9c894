"""No answer key in an exam: every API answer and the console page of a running exam are walked for scoring keys.

The same steps in practice mode do carry those keys, so the walk looks where they would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import ApiToken, Mode, Role, User
from tests.e2e.web.conftest import login_as
from webapp.catalogue import exercise_or_none

EXERCISE = "printer-offline-angry-nl"

#: Keys that tell how the call is judged or which caller it is; none may appear anywhere in an exam.
SCORING_KEYS = frozenset(
    {
        "expected_group", "follows_matrix", "relevant", "announced", "intents", "jargon", "scores", "topics",
        "slots", "venting", "causes", "fact", "essential", "repaired", "fixed", "seed", "source", "dest",
        "trigger", "expected", "delta",
    }
)  # fmt: skip
#: Keys allowed only where they are empty (the console's state keeps them as None in an exam).
EMPTY_ONLY = frozenset({"mood", "hint"})

STEPS: list[tuple[str, Any]] = [
    ("answer", {}),
    ("say", {"text": "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Mag ik uw naam? Mijn DNS en DHCP zijn ok."}),
    (
        "ticket.create",
        {
            "summary": "Printer offline",
            "description": "Afdrukken blijven hangen",
            "category": "printer",
            "impact": "low",
            "urgency": "high",
        },
    ),  # fmt: skip
    ("ticket.assign", {"group": "workplace"}),
    ("kb.search", {"query": "printer wachtrij"}),
    ("kb.open", {"article": "KB-0001"}),
    ("ticket.link_problem", {"problem": "PRB-0001"}),
    ("say", {"text": "Ik zet u even in de wacht, een ogenblik."}),
    ("hold", {"seconds": 20}),
    ("crm.lookup", {"query": "Peeters"}),
    ("say", {"text": "Mag ik even op afstand meekijken op uw pc?"}),
    ("remote.connect", {}),
    ("remote.run", {"command": "Get-Service Spooler"}),
    ("remote.run", {"command": "Restart-Service Spooler"}),
    ("ticket.note", {"text": "Spooler herstart"}),
    ("ticket.resolve", {"resolution": "Spooler herstart"}),
]


def leaks(value: Any, path: str = "") -> Iterator[str]:
    """Yield the path of every scoring key in a JSON value (``mood``/``hint`` only when not empty)."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}"
            if key in SCORING_KEYS or (key in EMPTY_ONLY and item is not None):
                yield where
            if key == "state" and path not in ("", ".answer"):
                yield where  # the scenario state of an event or a caller line
            yield from leaks(item, where)
    elif isinstance(value, list):
        for item in value:
            yield from leaks(item, f"{path}[]")


@pytest.fixture
def trainee(make_user) -> User:
    return make_user(role=Role.TRAINEE)


def bearer(app: Flask, db: Any, user: User) -> FlaskClient:
    token, secret = ApiToken.issue(db.merge(user), label="tests")
    db.add(token)
    db.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def take_call(api: FlaskClient, start: dict[str, Any]) -> tuple[int, list[tuple[str, Any]]]:
    """Start a call, perform every step and read it back; return its id and every (what, JSON answer)."""
    started = api.post("/api/v1/sessions", json=start)
    assert started.status_code == 201, started.get_json()
    call_id = started.get_json()["id"]
    answers: list[tuple[str, Any]] = [("start", started.get_json())]
    for name, args in STEPS:
        response = api.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args})
        assert response.status_code == 200, (name, response.get_json())
        answers.append((name, response.get_json()))
    for path in (f"/api/v1/sessions/{call_id}", "/api/v1/sessions", f"/api/v1/sessions/{call_id}/voice"):
        response = api.get(path)
        assert response.status_code == 200, path
        answers.append((path, response.get_json()))
    return call_id, answers


def test_no_response_of_a_running_exam_carries_a_scoring_key(app, db, trainee, make_cohort, make_assignment) -> None:
    exam = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM, seed=4321)
    call_id, answers = take_call(bearer(app, db, trainee), {"assignment": exam.id})
    found = {f"{what}{where}" for what, body in answers for where in leaks(body)}
    assert found == set()
    events = [e for _what, body in answers for e in body.get("events", [])]
    types = {e["type"] for e in events}
    assert {"utterance", "customer_line", "ticket.assign", "kb.search", "kb.open", "hold", "remote.run"} <= types
    assert any(e["data"].get("results") for e in events if e["type"] == "kb.search")  # hits shown, without relevance
    assert "4321" not in str(answers)
    last = answers[-3][1]
    assert last["state"]["ticket"]["group"] == "workplace" and last["state"]["mood"] is None


def test_the_same_steps_in_practice_do_carry_those_keys(app, db, trainee) -> None:
    _call_id, answers = take_call(bearer(app, db, trainee), {"exercise": EXERCISE, "seed": 4321})
    found = {where.rsplit(".", 1)[-1] for _what, body in answers for where in leaks(body)}
    assert {"expected_group", "follows_matrix", "relevant", "announced", "intents", "venting", "seed"} <= found


def test_the_console_page_of_an_exam_shows_no_answer_key(app, db, trainee, make_cohort, make_assignment) -> None:
    exam = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM, seed=4321)
    call_id, _answers = take_call(bearer(app, db, trainee), {"assignment": exam.id})
    page = login_as(app.test_client(), trainee).get(f"/oefenen/gesprek/{call_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for key in SCORING_KEYS | EMPTY_ONLY:
        assert f'"{key}"' not in html, key
    assert 'id="mood"' not in html and 'id="hint"' not in html
    expected = exercise_or_none(EXERCISE).expected
    assert expected and not [step.do for step in expected if step.do in html]
    assert "4321" not in html


def test_the_trainee_s_report_of_an_ended_exam_leaves_out_the_seed(app, db, trainee, make_cohort, make_assignment):
    exam = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM, seed=4321)
    api = bearer(app, db, trainee)
    call_id, _answers = take_call(api, {"assignment": exam.id})
    ended = api.post(f"/api/v1/sessions/{call_id}/end", json={})
    assert ended.status_code == 200 and "seed" not in ended.get_json()
    report = api.get(f"/api/v1/sessions/{call_id}/report").get_json()
    assert "seed" not in report and report["assessment"]
    instructor = make_user_for(app, db, trainee)
    assert instructor.get(f"/api/v1/sessions/{call_id}/report").get_json()["seed"] == 4321


def make_user_for(app: Flask, db: Any, trainee: User) -> FlaskClient:
    """Return an API client of an instructor of the trainee's cohort."""
    from simulator.adapters.db.models import Cohort

    teacher = User(email="docent@example.org", display_name="Docent", role=Role.INSTRUCTOR, password_hash="x")
    db.add(teacher)
    cohort = db.merge(db.query(Cohort).first())
    cohort.instructors.append(teacher)
    db.commit()
    return bearer(app, db, teacher)


def test_a_step_refused_as_written_in_an_exam_says_what_is_wrong_and_gives_nothing_away(
    app, db, trainee, make_cohort, make_assignment
) -> None:
    exam = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM, seed=4321)
    api = bearer(app, db, trainee)
    call_id = api.post("/api/v1/sessions", json={"assignment": exam.id}).get_json()["id"]
    for name, args in STEPS[:2]:
        assert api.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}).status_code == 200
    refused = {
        "unknown_command": ("remote.run", {"command": "Herstart-Spooler"}),
        "unknown_group": ("ticket.assign", {"group": "nergens"}),
        "missing": ("ticket.create", {"summary": "", "category": "printer", "impact": "low", "urgency": "high"}),
    }
    for code, (name, args) in refused.items():
        response = api.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args})
        body = response.get_json()
        assert response.status_code == 422 and body["code"] == code and body["message"], body
        assert list(leaks(body)) == [] and "4321" not in str(body)
        assert "Restart-Service" not in str(body)  # the command that repairs the fault is not named
