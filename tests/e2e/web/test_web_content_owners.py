"""Content belongs to someone: an instructor's exercise stays with the cohorts its author teaches.

Two classes, A and B, each with an instructor and a trainee. Both instructors save an exercise with
the same id; neither replaces the other's (nor a shipped one), and a trainee sees only the exercise
of their own cohort's instructor.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import Role
from simulator.content.paths import exercises_dir
from tests.e2e.web.conftest import csrf_token, login_as

SHIPPED = "printer-offline-angry-nl"
EDITOR = "/instructeur/oefeningen/nieuw"


def exercise_text(new_id: str, title: str) -> str:
    """Return the shipped printer exercise under another id and title."""
    text = (exercises_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
    return re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)


def save(client: FlaskClient, text: str) -> Any:
    """Save an exercise through the editor."""
    data = {"yaml": text, "action": "save", "csrf_token": csrf_token(client, EDITOR)}
    return client.post(EDITOR, data=data, content_type="multipart/form-data")


@pytest.fixture
def classes(app: Flask, make_user, make_cohort) -> dict[str, Any]:
    """Two cohorts; each instructor saved an exercise with the id ``eigen-printer`` and their own title."""
    found: dict[str, Any] = {}
    for name in ("a", "b"):
        teacher = make_user(role=Role.INSTRUCTOR)
        trainee = make_user(role=Role.TRAINEE)
        make_cohort(name=f"Klas {name.upper()}", instructors=[teacher], trainees=[trainee])
        browser = login_as(app.test_client(), teacher)
        saved = save(browser, exercise_text("eigen-printer", f"Printer van klas {name.upper()}"))
        assert saved.status_code == 302, saved.get_data(as_text=True)
        full_id = saved.location.rsplit("/", 1)[1]
        found[name] = {"instructor": teacher, "trainee": trainee, "id": full_id, "browser": browser}
    return found


def listed(client: FlaskClient) -> dict[str, str]:
    """Return id → title of the exercises the API lists for this client."""
    return {e["id"]: e["title"] for e in client.get("/api/v1/exercises").get_json()["exercises"]}


def test_the_same_id_never_replaces_another_instructors_exercise(app: Flask, classes: dict[str, Any]) -> None:
    assert classes["a"]["id"] != classes["b"]["id"]
    trainee_a = login_as(app.test_client(), classes["a"]["trainee"])
    assert listed(trainee_a).get(classes["a"]["id"]) == "Printer van klas A"
    detail = trainee_a.get(f"/api/v1/exercises/{classes['a']['id']}").get_json()
    assert detail["title"] == "Printer van klas A"


def test_a_trainee_sees_only_their_cohorts_exercises(app: Flask, classes: dict[str, Any]) -> None:
    trainee_b = login_as(app.test_client(), classes["b"]["trainee"])
    mine, theirs = classes["b"]["id"], classes["a"]["id"]
    ids = listed(trainee_b)
    assert mine in ids and theirs not in ids and SHIPPED in ids
    assert trainee_b.get(f"/api/v1/exercises/{theirs}").status_code == 404
    assert theirs not in trainee_b.get("/oefenen/").get_data(as_text=True)
    token = csrf_token(trainee_b, "/oefenen/")
    started = trainee_b.post("/oefenen/start", data={"csrf_token": token, "exercise": theirs})
    assert started.status_code == 302 and "/gesprek/" not in started.location  # refused: back to the dashboard
    api = trainee_b.post("/api/v1/sessions", json={"exercise": theirs}, headers={"X-CSRFToken": token})
    assert api.status_code == 422 and api.get_json()["field"] == "exercise"  # as if it did not exist


def test_another_instructor_cannot_open_or_copy_an_exercise(app: Flask, classes: dict[str, Any]) -> None:
    browser_b = classes["b"]["browser"]
    theirs = classes["a"]["id"]
    assert browser_b.get(f"/instructeur/oefeningen/{theirs}").status_code == 404
    assert theirs not in browser_b.get("/instructeur/oefeningen").get_data(as_text=True)
    copy = browser_b.get(f"{EDITOR}?van={theirs}").get_data(as_text=True)
    assert "Printer van klas A" not in copy


def test_a_shipped_exercise_cannot_be_replaced(app: Flask, classes: dict[str, Any]) -> None:
    refused = save(classes["a"]["browser"], exercise_text(SHIPPED, "Vervalst"))
    assert refused.status_code == 400
    trainee = login_as(app.test_client(), classes["a"]["trainee"])
    assert listed(trainee)[SHIPPED] != "Vervalst"


def test_an_admin_sees_every_instructors_exercise(app: Flask, classes: dict[str, Any], make_user) -> None:
    admin = login_as(app.test_client(), make_user(role=Role.ADMIN))
    ids = listed(admin)
    assert classes["a"]["id"] in ids and classes["b"]["id"] in ids
