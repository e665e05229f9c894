"""Logging in, out and registering; the protections around them (CSRF, throttling, cookies)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.adapters.db.models import Role
from tests.e2e.web.conftest import PASSWORD, csrf_token


@pytest.mark.parametrize(
    ("role", "home"),
    [(Role.TRAINEE, "/oefenen/"), (Role.INSTRUCTOR, "/instructeur/"), (Role.ADMIN, "/beheer/gebruikers")],
)
def test_login_sends_each_role_to_its_start_page(client, auth, make_user, role, home) -> None:
    make_user(email="iemand@example.org", role=role)
    response = auth.login("IEMAND@example.org ")
    assert response.status_code == 302
    assert response.location == home


def test_wrong_password_shows_the_form_again_with_a_dutch_message(client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    response = auth.login("iemand@example.org", "fout-wachtwoord")
    assert response.status_code == 200
    assert "Onbekend e-mailadres of verkeerd wachtwoord." in response.get_data(as_text=True)
    assert client.get("/oefenen/").status_code == 302


def test_a_blocked_account_cannot_log_in(client, auth, make_user) -> None:
    make_user(email="weg@example.org", active=False)
    auth.login("weg@example.org")
    assert client.get("/oefenen/").status_code == 302


def test_five_failures_lock_the_login_with_429_even_for_the_right_password(client, auth, make_user) -> None:
    make_user(email="doelwit@example.org")
    for _ in range(5):
        assert auth.login("doelwit@example.org", "raden").status_code == 200
    response = auth.login("doelwit@example.org")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "300"
    assert "Te veel mislukte aanmeldpogingen" in response.get_data(as_text=True)
    assert client.get("/oefenen/").status_code == 302


def test_the_lock_is_per_account_and_lifts_after_the_window(app, client, auth, make_user) -> None:
    make_user(email="doelwit@example.org")
    make_user(email="collega@example.org")
    for _ in range(5):
        auth.login("doelwit@example.org", "raden")
    assert auth.login("collega@example.org").status_code == 302
    app.config["LOGIN_FAILURE_WINDOW"] = timedelta(seconds=0)
    client.post("/afmelden", data={"csrf_token": csrf_token(client)})
    assert auth.login("doelwit@example.org").status_code == 302


def test_a_post_without_csrf_token_is_refused(client, make_user) -> None:
    make_user(email="iemand@example.org")
    client.get("/aanmelden")
    response = client.post("/aanmelden", data={"email": "iemand@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen of ongeldig" in response.get_data(as_text=True)
    assert client.get("/oefenen/").status_code == 302


def test_logout_needs_a_post_with_token(client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    auth.login("iemand@example.org")
    assert client.get("/afmelden").status_code == 405
    assert client.post("/afmelden").status_code == 400
    assert auth.logout().status_code == 302
    assert client.get("/oefenen/").status_code == 302


def test_session_cookie_is_httponly_lax_and_expires(app, client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    response = auth.login("iemand@example.org")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("eerstelijn_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Expires=" in cookie
    assert app.config["PERMANENT_SESSION_LIFETIME"] <= timedelta(hours=12)


def test_login_never_redirects_to_another_site(client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    token = csrf_token(client)
    data = {"email": "iemand@example.org", "password": PASSWORD, "csrf_token": token}
    response = client.post("/aanmelden?next=https://kwaad.example/", data=data)
    assert response.location == "/oefenen/"


def test_login_returns_to_the_page_asked_for(client, make_user) -> None:
    make_user(email="iemand@example.org")
    first = client.get("/oefenen/?activiteit=9.3")
    assert first.status_code == 302
    login_page = client.get(first.location)
    assert "Meld je aan om deze pagina te openen." in login_page.get_data(as_text=True)
    token = csrf_token(client)
    data = {"email": "iemand@example.org", "password": PASSWORD, "csrf_token": token}
    assert client.post(first.location, data=data).location == "/oefenen/?activiteit=9.3"


def test_a_learner_registers_logs_in_and_lands_on_the_dashboard(client, auth) -> None:
    token = csrf_token(client, "/registreren")
    data = {
        "display_name": "Lea Leerder",
        "email": "Lea@Example.org",
        "password": "lang-genoeg-1",
        "confirm": "lang-genoeg-1",
        "locale": "nl",
        "csrf_token": token,
    }
    response = client.post("/registreren", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Meld je aan met je wachtwoord." in response.get_data(as_text=True)
    page = auth.login("lea@example.org", "lang-genoeg-1", follow_redirects=True).get_data(as_text=True)
    assert "Dag Lea Leerder" in page
    assert "Je zit niet in een groep" in page
    assert client.get("/api/v1/me").get_json()["email"] == "lea@example.org"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "geen-adres", "Geef een geldig e-mailadres."),
        ("confirm", "iets-anders-1", "De wachtwoorden verschillen."),
        ("password", "kort", "Een wachtwoord heeft 10 tot 200 tekens."),
    ],
)
def test_registration_explains_what_is_wrong(client, field, value, message) -> None:
    data = {
        "display_name": "Lea",
        "email": "lea@example.org",
        "password": "lang-genoeg-1",
        "confirm": "lang-genoeg-1",
        "locale": "nl",
    }
    data[field] = value
    data["csrf_token"] = csrf_token(client, "/registreren")
    response = client.post("/registreren", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_registering_a_taken_address_answers_as_for_a_new_one_and_changes_nothing(client, db, make_user) -> None:
    from sqlalchemy import func, select

    from simulator.adapters.db.models import User

    owner = make_user(email="bestaat@example.org", display_name="Eigenaar")
    answers = []
    for email in ("bestaat@example.org", "nieuw@example.org"):
        data = {
            "display_name": "Dubbel",
            "email": email,
            "password": "lang-genoeg-1",
            "confirm": "lang-genoeg-1",
            "locale": "nl",
            "csrf_token": csrf_token(client, "/registreren"),
        }
        response = client.post("/registreren", data=data, follow_redirects=True)
        answers.append((response.status_code, response.request.path, _flashes(response.get_data(as_text=True))))
    assert answers[0] == answers[1]
    assert "bestaat al" not in str(answers)
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(User).where(User.email == "bestaat@example.org")) == 1
    assert db.get(User, owner.id).display_name == "Eigenaar" and db.get(User, owner.id).check_password(PASSWORD)


def _flashes(page: str) -> list[str]:
    import re

    return re.findall(r'class="flash[^"]*"[^>]*>(.*?)<', page, re.S)


def test_self_registration_can_be_switched_off(app, client) -> None:
    app.config["SELF_REGISTRATION"] = False
    assert client.get("/registreren").status_code == 404


@pytest.mark.slow
def test_a_session_older_than_its_lifetime_is_no_longer_accepted(app, client, auth, make_user) -> None:
    import time

    make_user(email="iemand@example.org")
    auth.login("iemand@example.org")
    assert client.get("/oefenen/").status_code == 200
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    time.sleep(2.1)
    assert client.get("/oefenen/").status_code == 302


def test_an_oversized_request_is_refused(app, client) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/aanmelden", data={"email": "x" * 4096})
    assert response.status_code == 413
