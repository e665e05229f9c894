"""Fixtures for the web app, after flaskr: ``app``, ``client``, ``runner``, ``auth`` and data builders."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, CallSession, Cohort, Mode, Role, User
from webapp import create_app
from webapp.db import database

PASSWORD = "geheim-wachtwoord"
_PASSWORD_HASH = generate_password_hash(PASSWORD)  # hashed once: scrypt is slow on purpose
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def app(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Flask]:
    """The app on a fresh, migrated database of the default lane, with the testing configuration.

    Instructors' exercises and scenario book go to the test's own folders, never the real instance.
    """
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "USER_EXERCISES_DIR": str(tmp_path / "instance-exercises"),
            "USER_WORLD_DIR": str(tmp_path / "instance-world"),
        }
    )
    yield app
    database(app).engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser without cookies yet."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's Flask CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A database session for arranging and checking data outside requests."""
    with database(app).sessions() as session:
        yield session


@pytest.fixture
def make_user(db: Session) -> Callable[..., User]:
    """Build and store an account; every field can be overridden, the password is ``PASSWORD``."""
    counter = iter(range(1, 10_000))

    def build(**overrides: Any) -> User:
        n = next(counter)
        fields: dict[str, Any] = {
            "email": f"gebruiker{n}@example.org",
            "display_name": f"Gebruiker {n}",
            "role": Role.TRAINEE,
            "locale": "nl",
            "password_hash": _PASSWORD_HASH,
        }
        fields.update(overrides)
        user = User(**fields)
        db.add(user)
        db.commit()
        return user

    return build


@pytest.fixture
def make_cohort(db: Session) -> Callable[..., Cohort]:
    """Build and store a cohort with the given instructors and trainees."""
    counter = iter(range(1, 10_000))

    def build(instructors: list[User] = (), trainees: list[User] = (), **overrides: Any) -> Cohort:  # type: ignore[assignment]
        fields: dict[str, Any] = {"name": f"Groep {next(counter)}"}
        fields.update(overrides)
        cohort = Cohort(**fields, instructors=list(instructors), trainees=list(trainees))
        db.add(cohort)
        db.commit()
        return cohort

    return build


@pytest.fixture
def make_assignment(db: Session) -> Callable[..., Assignment]:
    """Build and store an assignment of a real exercise to a cohort."""

    def build(cohort: Cohort, **overrides: Any) -> Assignment:
        fields: dict[str, Any] = {
            "exercise_id": "printer-offline-angry-nl",
            "mode": Mode.PRACTICE,
            "deadline": utcnow() + timedelta(days=7),
        }
        fields.update(overrides)
        assignment = Assignment(cohort=cohort, **fields)
        db.add(assignment)
        db.commit()
        return assignment

    return build


@pytest.fixture
def make_call(db: Session) -> Callable[..., CallSession]:
    """Build and store a call of a trainee."""

    def build(trainee: User, **overrides: Any) -> CallSession:
        fields: dict[str, Any] = {"exercise_id": "printer-offline-angry-nl", "seed": 7}
        fields.update(overrides)
        call = CallSession(trainee=trainee, **fields)
        db.add(call)
        db.commit()
        return call

    return build


def csrf_token(client: FlaskClient, path: str = "/aanmelden") -> str:
    """Return the CSRF token a form on ``path`` carries for this client's session."""
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    found = CSRF_FIELD.search(page)
    assert found, f"no csrf_token on {path}"
    return found.group(1)


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs: Any) -> Any:
        """Submit the login form."""
        token = csrf_token(self._client)
        data = {"email": email, "password": password, "csrf_token": token}
        return self._client.post("/aanmelden", data=data, **kwargs)

    def logout(self) -> Any:
        """Submit the logout button."""
        token = csrf_token(self._client, "/oefenen/")
        return self._client.post("/afmelden", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Log the ``client`` in and out."""
    return AuthActions(client)


def login_as(client: FlaskClient, user: User | None) -> FlaskClient:
    """Put ``user`` in the client's session directly (fast; the login form has its own tests)."""
    if user is not None:
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
    return client
