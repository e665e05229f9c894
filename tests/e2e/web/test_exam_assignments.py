"""An exam's caller is the server's choice (one form per cohort or one per trainee) and its attempts are counted."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from simulator.adapters.db.models import ApiToken, Assignment, CallSession, Cohort, Mode, Role, User
from tests.e2e.web.conftest import _PASSWORD_HASH, csrf_token, login_as
from webapp import create_app
from webapp.db import database


def bearer(app: Flask, db: Any, user: User) -> FlaskClient:
    """Return a client that calls the API with a token of ``user``."""
    token, secret = ApiToken.issue(db.merge(user), label="tests")
    db.add(token)
    db.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def start(client: FlaskClient, **body: Any) -> Any:
    """Start a call through the API; return the response."""
    return client.post("/api/v1/sessions", json=body)


def seed_of(db: Any, response: Any) -> int:
    """Return the stored seed of the call a start answered with (an exam's answer does not show it)."""
    assert response.status_code == 201, response.get_json()
    assert "seed" not in response.get_json()
    return int(db.get(CallSession, response.get_json()["id"]).seed)


@pytest.fixture
def cohort(make_user: Callable[..., User], make_cohort: Callable[..., Cohort]) -> Cohort:
    return make_cohort(trainees=[make_user(), make_user()])


def test_a_seed_sent_for_an_exam_is_refused(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, mode=Mode.EXAM, seed=1234)
    response = start(bearer(app, db, cohort.trainees[0]), assignment=exam.id, seed=4242)
    assert response.status_code == 422
    assert response.get_json()["field"] == "seed"
    assert db.scalars(select(CallSession)).all() == []


def test_the_whole_cohort_gets_the_assignment_s_form(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, mode=Mode.EXAM, seed=1234)
    seeds = [seed_of(db, start(bearer(app, db, t), assignment=exam.id)) for t in cohort.trainees]
    assert seeds == [1234, 1234]


def test_each_trainee_gets_their_own_form_the_same_on_every_attempt(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, mode=Mode.EXAM, seed=1234, seed_per_trainee=True, max_attempts=2)
    first, second = (bearer(app, db, t) for t in cohort.trainees)
    seeds = [seed_of(db, start(first, assignment=exam.id)), seed_of(db, start(second, assignment=exam.id))]
    assert seeds[0] != seeds[1] and 1234 not in seeds
    assert seed_of(db, start(first, assignment=exam.id)) == seeds[0]
    assert db.get(Assignment, exam.id).seed_for(cohort.trainees[0].id) == seeds[0]


def test_a_practice_assignment_keeps_the_trainee_s_seed(app, db, cohort, make_assignment) -> None:
    practice = make_assignment(cohort, mode=Mode.PRACTICE, seed=1234)
    assert start(bearer(app, db, cohort.trainees[0]), assignment=practice.id, seed=99).get_json()["seed"] == 99


def test_an_exam_may_be_taken_once_by_default(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, mode=Mode.EXAM, max_attempts=1)
    client = bearer(app, db, cohort.trainees[0])
    assert start(client, assignment=exam.id).status_code == 201
    again = start(client, assignment=exam.id)
    assert again.status_code == 409
    assert again.get_json() == {
        "error": "Je hebt deze opdracht al 1 keer gestart; meer pogingen zijn er niet.",
        "field": "assignment",
    }
    assert start(bearer(app, db, cohort.trainees[1]), assignment=exam.id).status_code == 201  # per trainee


def test_the_dashboard_says_when_the_attempts_are_used_and_the_page_refuses_another(
    app, db, cohort, make_assignment
) -> None:
    exam = make_assignment(cohort, mode=Mode.EXAM, max_attempts=1)
    page = login_as(app.test_client(), cohort.trainees[0])
    assert "Poging 1 van 1" in page.get("/oefenen/").get_data(as_text=True)
    token = csrf_token(page, "/oefenen/")
    assert page.post("/oefenen/start", data={"assignment": exam.id, "csrf_token": token}).status_code == 302
    refused = page.post("/oefenen/start", data={"assignment": exam.id, "csrf_token": token}, follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "Je hebt deze opdracht al 1 keer gestart; meer pogingen zijn er niet." in text
    assert "Alle pogingen gebruikt (1 van 1)" in text
    assert len(db.scalars(select(CallSession)).all()) == 1


@pytest.fixture
def lane_app(lane_database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Flask]:
    """The app on SQLite and on PostgreSQL."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": lane_database_url, "USER_EXERCISES_DIR": str(tmp_path / "x")})
    yield app
    database(app).engine.dispose()


def test_two_starts_at_once_cannot_both_take_the_last_attempt(lane_app: Flask) -> None:
    with database(lane_app).sessions() as db:
        trainee = User(email="c@example.org", display_name="C", role=Role.TRAINEE, password_hash=_PASSWORD_HASH)
        cohort = Cohort(name="Avond", trainees=[trainee])
        exam = Assignment(cohort=cohort, exercise_id="printer-offline-angry-nl", mode=Mode.EXAM, max_attempts=1)
        db.add(exam)
        db.commit()
        clients = [bearer(lane_app, db, trainee) for _ in range(6)]
        exam_id = exam.id
    gate = threading.Barrier(len(clients))
    statuses: list[int] = []

    def go(client: FlaskClient) -> None:
        gate.wait()
        statuses.append(start(client, assignment=exam_id).status_code)

    threads = [threading.Thread(target=go, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 5
    with database(lane_app).sessions() as db:
        assert len(db.scalars(select(CallSession)).all()) == 1


@pytest.mark.parametrize(
    ("form", "stored"),
    [
        ({"mode": "exam"}, (False, 1)),
        ({"mode": "practice"}, (False, None)),
        ({"mode": "exam", "seed_scope": "trainee", "seed": "77", "max_attempts": "3"}, (True, 3)),
        ({"mode": "exam", "max_attempts": "0"}, (False, None)),
    ],
)
def test_the_instructor_sets_the_form_and_the_attempts(app, db, make_user, make_cohort, form, stored) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    group = make_cohort(instructors=[instructor])
    client = login_as(app.test_client(), instructor)
    path = f"/instructeur/groepen/{group.id}/opdrachten/nieuw"
    data = {"exercise_id": "printer-offline-angry-nl", "csrf_token": csrf_token(client, path), **form}
    assert client.post(path, data=data).status_code == 302
    saved = db.scalars(select(Assignment)).one()
    assert (saved.seed_per_trainee, saved.max_attempts) == stored
    if "seed" in form:
        assert saved.seed == 77
    page = client.get(f"/instructeur/groepen/{group.id}").get_data(as_text=True)
    if form["mode"] == "exam":
        assert f"(seed {saved.seed}) · Aantal pogingen: {saved.max_attempts or '∞'}" in page


def test_a_seed_out_of_range_is_explained(app, make_user, make_cohort) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    group = make_cohort(instructors=[instructor])
    client = login_as(app.test_client(), instructor)
    path = f"/instructeur/groepen/{group.id}/opdrachten/nieuw"
    data = {
        "exercise_id": "printer-offline-angry-nl",
        "mode": "exam",
        "seed": "-5",
        "csrf_token": csrf_token(client, path),
    }
    response = client.post(path, data=data)
    assert response.status_code == 200
    assert "Kies een nummer van 0 tot 2147483647." in response.get_data(as_text=True)
