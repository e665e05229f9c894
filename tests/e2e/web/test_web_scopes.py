"""Each person sees only what is theirs: own calls, own cohorts; the API speaks JSON and tokens."""

from __future__ import annotations

import pytest

from simulator.adapters.db.models import ApiToken, Role
from tests.e2e.web.conftest import csrf_token, login_as


@pytest.fixture
def two_classes(make_user, make_cohort, make_call):
    """Two cohorts, each with its own instructor, trainee and call."""
    people = {}
    for name in ("a", "b"):
        trainee = make_user(role=Role.TRAINEE, display_name=f"Cursist {name.upper()}")
        instructor = make_user(role=Role.INSTRUCTOR, display_name=f"Instructeur {name.upper()}")
        cohort = make_cohort(name=f"Klas {name.upper()}", instructors=[instructor], trainees=[trainee])
        people[name] = {"trainee": trainee, "instructor": instructor, "cohort": cohort, "call": make_call(trainee)}
    return people


def test_an_instructor_lists_only_their_own_cohorts(client, two_classes) -> None:
    login_as(client, two_classes["a"]["instructor"])
    page = client.get("/instructeur/").get_data(as_text=True)
    assert "Klas A" in page
    assert "Klas B" not in page


def test_an_instructor_cannot_open_another_instructors_cohort(client, two_classes) -> None:
    login_as(client, two_classes["a"]["instructor"])
    other = two_classes["b"]["cohort"].id
    assert client.get(f"/instructeur/groepen/{other}").status_code == 404
    assert client.get(f"/instructeur/groepen/{other}/opdrachten/nieuw").status_code == 404
    assert client.get(f"/instructeur/groepen/{two_classes['a']['cohort'].id}").status_code == 200


def test_an_admin_sees_every_cohort(client, make_user, two_classes) -> None:
    login_as(client, make_user(role=Role.ADMIN))
    page = client.get("/instructeur/").get_data(as_text=True)
    assert "Klas A" in page and "Klas B" in page


def test_a_trainee_cannot_see_another_trainees_call(client, two_classes) -> None:
    login_as(client, two_classes["a"]["trainee"])
    own, other = two_classes["a"]["call"].id, two_classes["b"]["call"].id
    assert client.get(f"/api/v1/sessions/{own}").status_code == 200
    response = client.get(f"/api/v1/sessions/{other}")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Niet gevonden"}
    listed = [s["id"] for s in client.get("/api/v1/sessions").get_json()["sessions"]]
    assert listed == [own]


def test_an_instructor_sees_calls_of_their_trainees_only(client, two_classes) -> None:
    login_as(client, two_classes["a"]["instructor"])
    assert client.get(f"/api/v1/sessions/{two_classes['a']['call'].id}").status_code == 200
    assert client.get(f"/api/v1/sessions/{two_classes['b']['call'].id}").status_code == 404


def test_anonymous_api_calls_get_401_json(client) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json() == {"error": "Aanmelden vereist (sessie of API-token)."}


def test_api_errors_name_the_field(client, make_user) -> None:
    login_as(client, make_user())
    response = client.get("/api/v1/exercises?activity=negen")
    assert response.status_code == 400
    assert response.get_json() == {"error": "activity must look like '9.3'", "field": "activity"}
    missing = client.get("/api/v1/exercises/bestaat-niet")
    assert missing.status_code == 404
    assert missing.get_json()["field"] == "exercise_id"
    assert client.get("/api/v1/nergens").get_json() == {"error": "Niet gevonden"}


def test_exercises_can_be_filtered_by_activity(client, make_user) -> None:
    login_as(client, make_user())
    everything = client.get("/api/v1/exercises").get_json()["exercises"]
    assert any(e["id"] == "printer-offline-angry-nl" for e in everything)
    consent = client.get("/api/v1/exercises?activity=9.3").get_json()["exercises"]
    assert consent and all("9.3" in e["activities"] for e in consent)
    assert client.get("/api/v1/exercises?activity=99.9").get_json()["exercises"] == []
    assert "expected" not in everything[0]


def test_a_bearer_token_authenticates_without_cookie_or_csrf(app, db, client, make_user) -> None:
    user = make_user(email="lms@example.org")
    token, secret = ApiToken.issue(user, label="LMS")
    db.add(token)
    db.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.get_json()["email"] == "lms@example.org"
    assert "Set-Cookie" not in response.headers
    db.refresh(token)
    assert token.last_used_at is not None


def test_a_wrong_bearer_token_is_refused_even_with_a_session(client, make_user) -> None:
    login_as(client, make_user())
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer verzonnen"})
    assert response.status_code == 401
    assert response.get_json() == {"error": "Ongeldig of ingetrokken API-token."}


def test_a_bearer_token_does_not_open_the_pages(client, db, make_user) -> None:
    token, secret = ApiToken.issue(make_user())
    db.add(token)
    db.commit()
    response = client.get("/oefenen/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 302


def test_csrf_failures_on_the_api_answer_json(client, make_user) -> None:
    login_as(client, make_user())
    csrf_token(client)
    response = client.post("/api/v1/me")
    assert response.status_code == 400
    assert response.get_json()["field"] == "csrf_token"


def test_a_logged_in_user_issues_a_token_and_uses_it(app, client, make_user) -> None:
    login_as(client, make_user(email="script@example.org"))
    token = csrf_token(client)
    refused = client.post("/api/v1/tokens", json={"label": "LMS"})
    assert refused.status_code == 400 and refused.get_json()["field"] == "csrf_token"
    empty = client.post("/api/v1/tokens", json={"label": " "}, headers={"X-CSRFToken": token})
    assert empty.status_code == 400 and empty.get_json()["field"] == "label"
    issued = client.post("/api/v1/tokens", json={"label": "LMS"}, headers={"X-CSRFToken": token})
    assert issued.status_code == 201
    secret = issued.get_json()["token"]
    fresh = app.test_client()
    me = fresh.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.get_json()["email"] == "script@example.org"
