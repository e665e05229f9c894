"""The call API: start a call, perform every kind of step, end it, read the report; conflicts and exams."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import ApiToken, CallSession, Mode, Role, User
from simulator.scripts.report import build_report
from simulator.scripts.runner import CallRunner
from simulator.world import WorldExtras, world_factory
from tests.e2e.web.conftest import csrf_token, login_as
from webapp.api.openapi import document
from webapp.calls.service import calls
from webapp.calls.world import first_ticket
from webapp.db import database

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
EXERCISE = "printer-offline-angry-nl"


def script_steps(name: str) -> list[tuple[str, Any]]:
    """Return a shipped session script's steps as (name, args)."""
    script = yaml.safe_load((SCRIPTS / name).read_text(encoding="utf-8"))
    return [next(iter(step.items())) for step in script["steps"]]


@pytest.fixture
def trainee(make_user) -> User:
    return make_user(role=Role.TRAINEE)


@pytest.fixture
def api(app: Flask, db, trainee: User) -> FlaskClient:
    """A client authenticated with the trainee's bearer token (no CSRF involved)."""
    token, secret = ApiToken.issue(db.merge(trainee), label="tests")
    db.add(token)
    db.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def start(api: FlaskClient, **body: Any) -> dict[str, Any]:
    """Start a call through the API and return its answer."""
    response = api.post("/api/v1/sessions", json={"exercise": EXERCISE, "seed": 7, **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def step(api: FlaskClient, call_id: int, name: str, args: Any = None, **extra: Any) -> Any:
    """Perform one step and return the response."""
    return api.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args, **extra})


def test_the_strong_script_through_the_api_gives_the_replay_report(api: FlaskClient) -> None:
    call = start(api)
    assert call["status"] == "ringing" and call["events"][0]["type"] == "ring"
    for name, args in script_steps(f"{EXERCISE}-strong.yaml"):
        response = step(api, call["id"], name, args)
        assert response.status_code == 200, (name, response.get_json())
    ended = api.post(f"/api/v1/sessions/{call['id']}/end")
    assert ended.status_code == 200 and ended.get_json()["status"] == "ended"
    report = api.get(f"/api/v1/sessions/{call['id']}/report").get_json()

    numbered = world_factory(WorldExtras(first_ticket=first_ticket(call["id"])))  # the call's own ticket numbers
    runner = CallRunner(EXERCISE, seed=7, world_factory=numbered)
    for name, args in script_steps(f"{EXERCISE}-strong.yaml"):
        runner.perform(name, args)
    expected = build_report(runner.finish())
    assert report["events"] == expected["events"]
    assert report["outcome"]["resolved"] is True and report["ticket"]["status"] == "closed"
    assert report["assessment"] == expected["assessment"]


def test_a_rebuilt_runner_equals_the_stored_events(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    for name, args in script_steps(f"{EXERCISE}-strong.yaml")[:12]:
        step(api, call["id"], name, args)
    with database(app).sessions() as db:
        stored = db.get(CallSession, call["id"])
        assert stored is not None
        assert [e.to_dict() for e in calls(app).runners.rebuild(stored).events] == stored.events


def test_the_state_follows_the_call(api: FlaskClient) -> None:
    call = start(api)
    assert call["state"]["phase"] == "ringing" and call["state"]["ticket"] is None
    step(api, call["id"], "wait", 3)
    step(api, call["id"], "answer")
    step(api, call["id"], "say", {"text": "Goeiemorgen, servicedesk Acme, u spreekt met Sam."})
    created = step(
        api,
        call["id"],
        "ticket.create",
        {"summary": "Printer offline", "category": "printer", "impact": "low", "urgency": "high"},
    ).get_json()
    ticket = created["state"]["ticket"]
    assert ticket["number"].startswith("INC-") and ticket["priority"] and ticket["summary"] == "Printer offline"
    refused = step(api, call["id"], "remote.connect").get_json()
    assert refused["events"][0]["data"]["refused"] is True and refused["state"]["consent_given"] is False
    searched = step(api, call["id"], "kb.search", {"query": "printer offline"}).get_json()
    first = searched["events"][0]["data"]["results"][0]["id"]
    opened = step(api, call["id"], "kb.open", {"article": first}).get_json()
    assert opened["article"]["id"] == first and opened["article"]["solution_html"]


@pytest.mark.parametrize(
    ("name", "args", "field"),
    [
        ("ticket.create", {"summary": "x"}, "category"),
        ("say", {"text": "hallo", "loud": True}, "loud"),
        ("teleport", {}, "step"),
        ("hold", {"seconds": -3}, "seconds"),
        ("kb.open", {"article": "nope"}, "article"),
    ],
)
def test_an_invalid_step_answers_422_naming_field_and_step(api: FlaskClient, name: str, args: Any, field: str) -> None:
    call = start(api)
    response = step(api, call["id"], name, args)
    assert response.status_code == 422
    body = response.get_json()
    assert body["field"] == field and body["step"] == name and body["number"] == 1 and body["error"]
    assert api.get(f"/api/v1/sessions/{call['id']}").get_json()["steps"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"exercise": "no-such-exercise"}, "exercise"),
        ({"exercise": EXERCISE, "mode": "race"}, "mode"),
        ({"exercise": EXERCISE, "seed": -1}, "seed"),
        ({"assignment": 999}, "assignment"),
    ],
)
def test_a_bad_start_answers_422(api: FlaskClient, body: dict[str, Any], field: str) -> None:
    response = api.post("/api/v1/sessions", json=body)
    assert response.status_code == 422 and response.get_json()["field"] == field


def test_a_stale_version_is_refused_and_no_step_is_lost(api: FlaskClient) -> None:
    call = start(api)
    first = step(api, call["id"], "wait", 2, version=call["version"])
    assert first.status_code == 200
    again = step(api, call["id"], "answer", version=call["version"])
    assert again.status_code == 409 and "veranderd" in again.get_json()["error"]
    steps = api.get(f"/api/v1/sessions/{call['id']}").get_json()["steps"]
    assert steps == [["wait", {"seconds": 2.0}]]


def test_a_second_step_while_one_is_under_way_gets_409(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    step(api, call["id"], "answer")
    inside, release = threading.Event(), threading.Event()
    runners = calls(app).runners
    original = runners.runner_for
    results: dict[str, int] = {}

    def held_runner_for(stored: CallSession) -> CallRunner:
        inside.set()
        release.wait(timeout=10)
        return original(stored)

    def send(text: str) -> None:
        results[text] = step(api, call["id"], "say", {"text": text}).status_code

    runners.runner_for = held_runner_for  # type: ignore[method-assign]
    try:
        first = threading.Thread(target=send, args=("Goeiemorgen.",))
        first.start()
        assert inside.wait(timeout=10)
        second = step(api, call["id"], "say", {"text": "Hallo?"})
        release.set()
        first.join(timeout=10)
    finally:
        runners.runner_for = original  # type: ignore[method-assign]
    assert second.status_code == 409 and second.get_json()["error"]
    assert results == {"Goeiemorgen.": 200}
    stored = api.get(f"/api/v1/sessions/{call['id']}").get_json()
    assert [s[0] for s in stored["steps"]] == ["answer", "say"]


def test_two_workers_at_once_one_wins_and_no_step_is_lost(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    step(api, call["id"], "answer")
    runners = calls(app).runners
    original = runners.runner_for

    def other_worker_commits_first(stored: CallSession) -> CallRunner:
        with database(app).sessions() as db:  # another process performs and commits its step meanwhile
            theirs = db.get(CallSession, stored.id)
            assert theirs is not None
            runner = runners.rebuild(theirs)
            events = runner.perform("say", {"text": "Goeiemorgen, servicedesk Acme."})
            theirs.steps.append(list(runner.steps[-1]))
            theirs.events.extend(e.to_dict() for e in events)
            db.commit()
        return original(stored)

    runners.runner_for = other_worker_commits_first  # type: ignore[method-assign]
    try:
        mine = step(api, call["id"], "say", {"text": "Hallo?"})
    finally:
        runners.runner_for = original  # type: ignore[method-assign]
    assert mine.status_code == 409 and "voor" in mine.get_json()["error"]
    stored = api.get(f"/api/v1/sessions/{call['id']}").get_json()
    assert [s[1].get("text") for s in stored["steps"]] == [None, "Goeiemorgen, servicedesk Acme."]
    assert step(api, call["id"], "say", {"text": "Hallo?"}).status_code == 200


def test_another_worker_moved_the_call_on_so_the_runner_is_replayed(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    step(api, call["id"], "answer")
    with database(app).sessions() as db:  # another worker: a step this process's runner never saw
        stored = db.get(CallSession, call["id"])
        assert stored is not None
        other = calls(app).runners.rebuild(stored)
        events = other.perform("say", {"text": "Goeiemorgen, servicedesk Acme, u spreekt met Sam."})
        stored.steps.append(list(other.steps[-1]))
        stored.events.extend(e.to_dict() for e in events)
        db.commit()
    response = step(api, call["id"], "say", {"text": "Mag ik uw naam?"})
    assert response.status_code == 200
    body = api.get(f"/api/v1/sessions/{call['id']}").get_json()
    assert [e["i"] for e in body["events"]] == list(range(len(body["events"])))
    assert [s[0] for s in body["steps"]] == ["answer", "say", "say"]


def test_live_steps_turn_the_ringing_time_into_a_wait(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    with database(app).sessions() as db:
        stored = db.get(CallSession, call["id"])
        assert stored is not None
        stored.last_activity_at = stored.last_activity_at - timedelta(seconds=9)
        db.commit()
    answered = step(api, call["id"], "answer", live=True).get_json()
    assert [e["type"] for e in answered["events"]] == ["wait", "answer"]
    assert 9 <= answered["events"][1]["data"]["wait_s"] < 12


def test_a_live_gap_is_capped(api: FlaskClient, app: Flask) -> None:
    call = start(api)
    with database(app).sessions() as db:
        stored = db.get(CallSession, call["id"])
        assert stored is not None
        stored.last_activity_at = stored.last_activity_at - timedelta(hours=5)
        db.commit()
    events = step(api, call["id"], "wait", {"seconds": 0}, live=True).get_json()["events"]
    assert events[0]["type"] == "wait" and events[0]["data"]["seconds"] == 600


def test_an_exam_hides_mood_and_hints_while_it_runs(api: FlaskClient) -> None:
    call = start(api, mode="exam")
    step(api, call["id"], "answer")
    body = step(api, call["id"], "say", {"text": "Ik begrijp dat dit heel vervelend is."}).get_json()
    assert body["state"]["mood"] is None and body["state"]["hint"] is None
    assert not [e for e in body["events"] if e["type"] in ("mood", "state_change")]
    assert all("mood" not in e["data"] for e in body["events"])
    practice = start(api)
    step(api, practice["id"], "answer")
    shown = step(api, practice["id"], "say", {"text": "Goeiedag."}).get_json()
    assert isinstance(shown["state"]["mood"], int) and shown["state"]["hint"]["do"]


def test_the_assignment_sets_exercise_and_mode(api: FlaskClient, trainee: User, make_cohort, make_assignment) -> None:
    assignment = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM)
    response = api.post(
        "/api/v1/sessions", json={"assignment": assignment.id, "exercise": "ignored", "mode": "practice"}
    )
    call = response.get_json()
    assert call["mode"] == "exam" and call["assignment_id"] == assignment.id and call["exercise_id"] == EXERCISE


def test_an_ended_call_takes_no_more_steps(api: FlaskClient) -> None:
    call = start(api)
    assert api.get(f"/api/v1/sessions/{call['id']}/report").status_code == 409
    api.post(f"/api/v1/sessions/{call['id']}/end")
    response = step(api, call["id"], "say", {"text": "Hallo?"})
    assert response.status_code == 409 and "afgerond" in response.get_json()["error"]
    assert api.get(f"/api/v1/sessions/{call['id']}/report").get_json()["outcome"]["ended_by"] == "trainee"


def test_another_trainee_can_neither_see_nor_act(api: FlaskClient, app: Flask, make_user: Callable[..., User]) -> None:
    call = start(api)
    other = login_as(app.test_client(), make_user(role=Role.TRAINEE))
    token = csrf_token(other, "/oefenen/")
    assert other.get(f"/api/v1/sessions/{call['id']}").status_code == 404
    assert other.get(f"/api/v1/sessions/{call['id']}/report").status_code == 404
    acted = other.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}, headers={"X-CSRFToken": token})
    assert acted.status_code == 404
    assert api.get(f"/api/v1/sessions/{call['id']}").get_json()["steps"] == []


def test_every_api_route_is_in_the_openapi_document(app: Flask) -> None:
    spec = document()
    assert spec["openapi"].startswith("3.1")
    documented = {
        ("/api/v1" + path.replace("{", "<").replace("}", ">"), method.upper())
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    routes = {
        (rule.rule.replace("<int:", "<"), method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert routes == documented


def test_the_openapi_document_is_served(client: FlaskClient) -> None:
    body = client.get("/api/v1/openapi.json").get_json()
    assert "/sessions/{session_id}/steps" in body["paths"]
