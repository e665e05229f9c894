"""Sessions end at logout and at a password change; the login throttle holds under parallel guessing.

The throttle keys on the account and on the client address (behind ``PROXY_HOPS`` proxies, the
forwarded one); unknown addresses cost the same work as known ones.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import Role
from tests.e2e.web.conftest import PASSWORD, AuthActions, csrf_token, login_as
from webapp import create_app
from webapp.db import database

WRONG = "helemaal-fout"
LOCKED = 429


def login_post(client: FlaskClient, email: str, password: str, **kwargs: object) -> int:
    """Submit the login form as ``client`` and return the status."""
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post("/aanmelden", data=data, **kwargs).status_code  # type: ignore[arg-type]


def test_a_cookie_copied_before_logout_no_longer_works(app, client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    auth.login("iemand@example.org")
    copied = client.get_cookie("eerstelijn_session").value
    assert auth.logout().status_code == 302
    thief = app.test_client()
    thief.set_cookie("eerstelijn_session", copied)
    assert thief.get("/oefenen/").status_code == 302
    assert thief.get("/api/v1/me").status_code == 401


def test_logging_in_again_after_logout_works(client, auth, make_user) -> None:
    make_user(email="iemand@example.org")
    auth.login("iemand@example.org")
    auth.logout()
    assert auth.login("iemand@example.org").status_code == 302
    assert client.get("/oefenen/").status_code == 200


def test_a_password_change_ends_every_session_and_api_token_of_the_account(app, make_user) -> None:
    trainee = make_user(email="cursist@example.org")
    browser = app.test_client()
    AuthActions(browser).login("cursist@example.org")
    token = browser.post("/api/v1/tokens", json={"label": "LMS"}, headers=_csrf(browser)).get_json()["token"]
    assert app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    admin = login_as(app.test_client(), make_user(role=Role.ADMIN))
    form = {
        "display_name": trainee.display_name,
        "email": trainee.email,
        "role": "trainee",
        "locale": "nl",
        "active": "y",
        "password": "een-nieuw-wachtwoord",
        "csrf_token": csrf_token(admin, f"/beheer/gebruikers/{trainee.id}"),
    }
    assert admin.post(f"/beheer/gebruikers/{trainee.id}", data=form).status_code == 302
    assert browser.get("/oefenen/").status_code == 302
    assert app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert admin.get("/beheer/gebruikers").status_code == 200  # the admin's own session is untouched
    assert AuthActions(app.test_client()).login("cursist@example.org", "een-nieuw-wachtwoord").status_code == 302


def test_an_admin_who_changes_their_own_password_stays_logged_in(app, client, auth, make_user) -> None:
    admin = make_user(email="beheer@example.org", role=Role.ADMIN)
    auth.login("beheer@example.org")
    form = {
        "display_name": admin.display_name,
        "email": admin.email,
        "role": "admin",
        "locale": "nl",
        "active": "y",
        "password": "een-nieuw-wachtwoord",
        "csrf_token": csrf_token(client, f"/beheer/gebruikers/{admin.id}"),
    }
    assert client.post(f"/beheer/gebruikers/{admin.id}", data=form).status_code == 302
    assert client.get("/beheer/gebruikers").status_code == 200


def _csrf(client: FlaskClient) -> dict[str, str]:
    return {"X-CSRFToken": csrf_token(client, "/oefenen/")}


@pytest.fixture
def lane_app(lane_database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Flask]:
    """The app on SQLite and on PostgreSQL."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": lane_database_url, "USER_EXERCISES_DIR": str(tmp_path / "x")})
    yield app
    database(app).engine.dispose()


def test_thirty_parallel_guesses_at_one_account_get_at_most_the_limit_checked(lane_app: Flask) -> None:
    from simulator.adapters.db.models import User
    from tests.e2e.web.conftest import _PASSWORD_HASH

    with database(lane_app).sessions() as db:
        db.add(User(email="doelwit@example.org", display_name="Doelwit", password_hash=_PASSWORD_HASH))
        db.commit()
    clients = [lane_app.test_client() for _ in range(30)]
    tokens = [csrf_token(c) for c in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def guess(client: FlaskClient, token: str) -> None:
        start.wait()
        data = {"email": "doelwit@example.org", "password": WRONG, "csrf_token": token}
        statuses.append(client.post("/aanmelden", data=data).status_code)

    threads = [threading.Thread(target=guess, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 30
    assert statuses.count(200) == lane_app.config["LOGIN_MAX_FAILURES"]  # checked (and wrong); the rest refused
    assert statuses.count(LOCKED) == 30 - lane_app.config["LOGIN_MAX_FAILURES"]


def test_spraying_one_password_over_twenty_accounts_from_one_address_is_throttled(app, make_user) -> None:
    for n in range(20):
        make_user(email=f"collega{n}@example.org")
    client = app.test_client()
    statuses = [login_post(client, f"collega{n}@example.org", WRONG) for n in range(20)]
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    assert limit < 20
    assert statuses[:limit] == [200] * limit
    assert set(statuses[limit:]) == {LOCKED}
    other_address = app.test_client()
    assert login_post(other_address, "collega0@example.org", PASSWORD, environ_base={"REMOTE_ADDR": "10.0.0.7"}) == 302


def test_a_class_behind_one_address_logs_in_without_being_throttled(app, make_user) -> None:
    for n in range(30):
        make_user(email=f"cursist{n}@example.org")
    statuses = [login_post(app.test_client(), f"cursist{n}@example.org", PASSWORD) for n in range(30)]
    assert statuses == [302] * 30


@pytest.mark.parametrize(
    ("hops", "other_client_status"),
    [
        (1, 302),  # behind one proxy: each client is its forwarded address
        (0, LOCKED),  # no proxy configured: a forged X-Forwarded-For changes nothing
    ],
)
def test_behind_a_proxy_the_throttle_counts_the_forwarded_address(app, make_user, hops, other_client_status) -> None:
    app.config["PROXY_HOPS"] = hops
    from webapp import config

    config.trust_proxies(app)
    for n in range(10):
        make_user(email=f"collega{n}@example.org")
    proxy = {"REMOTE_ADDR": "192.168.1.1"}
    attacker, colleague = app.test_client(), app.test_client()
    forged = {"X-Forwarded-For": "1.2.3.4"}
    for n in range(10):
        login_post(attacker, f"collega{n}@example.org", WRONG, environ_base=proxy, headers=forged)
    assert login_post(attacker, "collega1@example.org", PASSWORD, environ_base=proxy, headers=forged) == LOCKED
    other = {"X-Forwarded-For": "5.6.7.8"}
    status = login_post(colleague, "collega0@example.org", PASSWORD, environ_base=proxy, headers=other)
    assert status == other_client_status


def test_a_bad_proxy_hop_count_is_refused_with_a_clear_message(database_url: str) -> None:
    with pytest.raises(ValueError, match="EERSTELIJN_PROXY_HOPS='een'"):
        create_app({"DATABASE_URL": database_url, "PROXY_HOPS": "een"})


def test_an_unknown_address_costs_as_much_time_as_a_wrong_password(app, make_user) -> None:
    make_user(email="bekend@example.org")
    app.config["LOGIN_MAX_FAILURES"] = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 100
    client = app.test_client()

    def seconds(email: str) -> float:
        token = csrf_token(client)
        begin = time.perf_counter()
        client.post("/aanmelden", data={"email": email, "password": WRONG, "csrf_token": token})
        return time.perf_counter() - begin

    seconds("opwarmen@example.org")
    known = statistics.median(seconds("bekend@example.org") for _ in range(5))
    unknown = statistics.median(seconds("onbekend@example.org") for _ in range(5))
    assert unknown > 0.5 * known, f"unknown {unknown * 1000:.0f} ms vs known {known * 1000:.0f} ms"


def test_retrying_a_locked_account_does_not_use_up_the_class_address(app, make_user) -> None:
    make_user(email="vergeten@example.org")
    make_user(email="buur@example.org")
    client = app.test_client()
    statuses = [login_post(client, "vergeten@example.org", WRONG) for _ in range(15)]
    assert statuses.count(200) == app.config["LOGIN_MAX_FAILURES"] and statuses[-1] == LOCKED
    assert login_post(app.test_client(), "buur@example.org", PASSWORD) == 302


def test_counters_of_long_ago_are_forgotten(app, db) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from simulator.adapters.db.base import utcnow
    from simulator.adapters.db.models import LoginThrottle

    db.add(LoginThrottle(key="account:oud@example.org", attempts=3, window_start=utcnow() - timedelta(days=2)))
    db.commit()
    login_post(app.test_client(), "iemand@example.org", WRONG)
    db.expire_all()
    assert sorted(db.scalars(select(LoginThrottle.key)).all()) == ["account:iemand@example.org", "address:127.0.0.1"]
