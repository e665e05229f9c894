"""Bad input is a 4xx with a reason, never a 500: huge ids, long ids, NUL characters, deep JSON, YAML bombs.

The huge-id and NUL cases run on SQLite and PostgreSQL (PostgreSQL refuses NUL in text and ids over
64 bits where SQLite overflows in Python).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import IntegerConverter

from simulator.adapters.db.models import Role, User
from tests.e2e.web.conftest import csrf_token, login_as
from tests.unit.content.test_yaml_limits import alias_bomb
from webapp import create_app
from webapp.db import database

HUGE_IDS = [2**31, 2**64 + 1, 10**30]
LONG_ID = "a" * 300
DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def lane_app(lane_database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Flask]:
    """The app on SQLite and on PostgreSQL."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app(
        {
            "DATABASE_URL": lane_database_url,
            "USER_EXERCISES_DIR": str(tmp_path / "instance-exercises"),
            "USER_WORLD_DIR": str(tmp_path / "instance-world"),
        }
    )
    yield app
    database(app).engine.dispose()


def logged_in(app: Flask, role: Role) -> FlaskClient:
    """Return a client of a new account with ``role`` that sends its CSRF token with every request."""
    with database(app).sessions() as db:
        user = User(email=f"{role.value}@example.org", display_name="Test", role=role, password_hash="x")
        db.add(user)
        db.commit()
        client = login_as(app.test_client(), user)
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client, "/")
    return client


def int_routes(app: Flask) -> list[tuple[str, str, list[str]]]:
    """Return (rule, method, int argument names) of every route with an ``<int:…>`` part."""
    found = []
    for rule in app.url_map.iter_rules():
        names = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if names:
                found.append((rule.rule, method, names))
    return found


@pytest.mark.parametrize("huge", HUGE_IDS, ids=["2**31", "2**64+1", "10**30"])
def test_ids_beyond_what_the_database_holds_are_not_found_in_every_int_route(lane_app: Flask, huge: int) -> None:
    admin = logged_in(lane_app, Role.ADMIN)
    token = csrf_token(admin, "/beheer/gebruikers")
    routes = int_routes(lane_app)
    assert len(routes) >= 20
    wrong = {}
    for rule, method, _names in routes:
        url = rule
        for part in rule.split("<")[1:]:
            placeholder = "<" + part.split(">")[0] + ">"
            url = url.replace(placeholder, str(huge) if placeholder.startswith("<int:") else "x", 1)
        response = admin.open(url, method=method, headers={"X-CSRFToken": token}, data={"csrf_token": token})
        if response.status_code != 404:
            wrong[f"{method} {rule}"] = response.status_code
    assert not wrong


def test_the_largest_id_the_database_holds_is_a_plain_not_found(lane_app: Flask) -> None:
    admin = logged_in(lane_app, Role.ADMIN)
    assert admin.get(f"/api/v1/sessions/{2**31 - 1}").status_code == 404
    assert admin.get(f"/beheer/gebruikers/{2**31 - 1}").status_code == 404


def test_a_300_character_exercise_id_is_not_found_with_a_message(app: Flask) -> None:
    trainee = logged_in(app, Role.TRAINEE)
    answer = trainee.get(f"/api/v1/exercises/{LONG_ID}")
    assert answer.status_code == 404 and "unknown exercise" in answer.get_json()["error"]
    started = trainee.post("/api/v1/sessions", json={"exercise": LONG_ID})
    assert started.status_code == 422 and started.get_json()["field"] == "exercise"
    form = trainee.post("/oefenen/start", data={"exercise": LONG_ID, "csrf_token": csrf_token(trainee, "/oefenen/")})
    assert form.status_code == 302  # back to the dashboard, which says the exercise does not exist
    instructor = logged_in(app, Role.INSTRUCTOR)
    assert instructor.get(f"/instructeur/oefeningen/{LONG_ID}").status_code == 404
    assert instructor.get("/instructeur/oefeningen/nieuw", query_string={"van": LONG_ID}).status_code == 200


def test_an_exercise_with_a_300_character_id_is_refused_at_its_line(app: Flask) -> None:
    from simulator.content.paths import exercises_dir

    instructor = logged_in(app, Role.INSTRUCTOR)
    text = (exercises_dir() / "printer-offline-angry-nl.yaml").read_text(encoding="utf-8")
    text = "\n".join(f"id: {LONG_ID}" if line.startswith("id: ") else line for line in text.splitlines())
    token = csrf_token(instructor, "/instructeur/oefeningen/nieuw")
    data = {"yaml": text, "action": "save", "csrf_token": token}
    answer = instructor.post("/instructeur/oefeningen/nieuw", data=data)
    assert answer.status_code == 400
    assert "at most 100 characters" in answer.get_data(as_text=True)


@pytest.fixture
def running_call(lane_app: Flask) -> tuple[FlaskClient, int]:
    """A trainee of the lane's app with an answered call."""
    trainee = logged_in(lane_app, Role.TRAINEE)
    call = trainee.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl", "seed": 7}).get_json()
    trainee.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"})
    return trainee, call["id"]


def test_nul_characters_are_refused_with_400_on_every_database(running_call: tuple[FlaskClient, int]) -> None:
    trainee, call_id = running_call
    steps = [
        {"step": "say", "args": {"text": "Goeiemorgen\u0000"}},
        {"step": "crm.lookup", "args": {"query": "Peeters\u0000"}},
        {"step": "say\u0000", "args": {}},
        {"step": "say", "args": {"text\u0000": "x"}},
    ]
    for body in steps:
        answer = trainee.post(f"/api/v1/sessions/{call_id}/steps", json=body)
        assert answer.status_code == 400, body
        assert "NUL" in answer.get_json()["error"]
    assert trainee.get("/api/v1/exercises/printer\u0000").status_code == 400
    token = csrf_token(trainee, "/oefenen/")
    assert trainee.post("/oefenen/start", data={"exercise": "x\u0000", "csrf_token": token}).status_code == 400
    assert trainee.get(f"/api/v1/sessions/{call_id}").status_code == 200  # the call goes on


@pytest.mark.parametrize("path", ["/api/v1/sessions", "/api/v1/tokens"])
def test_json_nested_100000_deep_is_a_400(app: Flask, path: str) -> None:
    trainee = logged_in(app, Role.TRAINEE)
    answer = trainee.post(path, data=DEEP_JSON, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["error"]


def test_json_nested_100000_deep_in_a_step_is_a_400(running_call: tuple[FlaskClient, int]) -> None:
    trainee, call_id = running_call
    body = '{"step": "say", "args": ' + DEEP_JSON + "}"
    answer = trainee.post(f"/api/v1/sessions/{call_id}/steps", data=body, content_type="application/json")
    assert answer.status_code == 400


@pytest.mark.parametrize(
    ("page", "role"),
    [("/instructeur/oefeningen/nieuw", Role.INSTRUCTOR), ("/instructeur/werkafspraken", Role.ADMIN)],
    ids=["exercise-editor", "scenario-book"],
)
@pytest.mark.parametrize(
    ("text", "says"),
    [
        (alias_bomb(), "aliases repeat more than"),
        ("a: &a [*a]\n", "inside its own anchor"),
        ("[" * 20_000 + "]" * 20_000, "nested more than 64 levels"),
    ],
    ids=["alias-bomb", "recursive-alias", "20000-brackets"],
)
def test_hostile_yaml_is_refused_fast_by_the_editors(app: Flask, page: str, role: Role, text: str, says: str) -> None:
    author = logged_in(app, role)
    token = csrf_token(author, page)
    started = time.perf_counter()
    answer = author.post(page, data={"yaml": text, "action": "check", "csrf_token": token})
    assert time.perf_counter() - started < 5
    assert answer.status_code == 400
    assert says in answer.get_data(as_text=True)


def test_an_uploaded_alias_bomb_file_is_refused_fast(app: Flask) -> None:
    import io

    instructor = logged_in(app, Role.INSTRUCTOR)
    token = csrf_token(instructor, "/instructeur/oefeningen/nieuw")
    started = time.perf_counter()
    answer = instructor.post(
        "/instructeur/oefeningen/nieuw",
        data={"bestand": (io.BytesIO(alias_bomb().encode()), "bom.yaml"), "action": "check", "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert time.perf_counter() - started < 5
    assert answer.status_code == 400 and "aliases repeat more than" in answer.get_data(as_text=True)
