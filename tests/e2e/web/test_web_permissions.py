"""The permission matrix: every route, every role, the expected answer.

Adding a route without adding it here fails ``test_every_route_is_in_the_matrix``.
``LOGIN`` means a redirect to the login page; ``HOME`` a redirect elsewhere (already logged in, done).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker

from simulator.adapters.db.models import Role, User
from simulator.adapters.db.world_repository import WorldRepository
from tests.e2e.web.conftest import csrf_token, login_as

LOGIN = "login"
HOME = "redirect"
ROLES = ("anonymous", "trainee", "instructor", "admin")


@dataclass(frozen=True)
class Expect:
    """What each role gets from one route."""

    anonymous: int | str
    trainee: int | str
    instructor: int | str
    admin: int | str
    data: dict[str, Any] = field(default_factory=dict)


PAGE_TRAINEE = Expect(LOGIN, 200, 403, 200)
PAGE_INSTRUCTOR = Expect(LOGIN, 403, 200, 200)
PAGE_ADMIN = Expect(LOGIN, 403, 403, 200)
SAVED_BY_ADMIN = Expect(LOGIN, 403, 403, HOME)
API = Expect(401, 200, 200, 200)
ANONYMOUS_ONLY = Expect(200, HOME, HOME, HOME)

MATRIX: dict[tuple[str, str], Expect] = {
    ("/static/<path:filename>", "GET"): Expect(200, 200, 200, 200),
    ("/", "GET"): Expect(LOGIN, HOME, HOME, HOME),
    ("/aanmelden", "GET"): ANONYMOUS_ONLY,
    ("/aanmelden", "POST"): ANONYMOUS_ONLY,  # an empty form is shown again with its errors
    ("/afmelden", "POST"): Expect(LOGIN, LOGIN, LOGIN, LOGIN),  # logging out ends on the login page
    ("/registreren", "GET"): ANONYMOUS_ONLY,
    ("/registreren", "POST"): ANONYMOUS_ONLY,
    ("/taal", "POST"): Expect(HOME, HOME, HOME, HOME, data={"locale": "fr"}),
    ("/oefenen/", "GET"): PAGE_TRAINEE,
    ("/instructeur/", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/opdrachten/nieuw", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/opdrachten/nieuw", "POST"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/opdrachten/<int:assignment_id>/verwijderen", "POST"): Expect(
        LOGIN, 403, HOME, HOME
    ),
    ("/beheer/gebruikers", "GET"): PAGE_ADMIN,
    ("/beheer/gebruikers/nieuw", "GET"): PAGE_ADMIN,
    ("/beheer/gebruikers/nieuw", "POST"): PAGE_ADMIN,
    ("/beheer/gebruikers/<int:user_id>", "GET"): PAGE_ADMIN,
    ("/beheer/gebruikers/<int:user_id>", "POST"): SAVED_BY_ADMIN,  # missing fields keep their values
    ("/beheer/groepen", "GET"): PAGE_ADMIN,
    ("/beheer/groepen/nieuw", "GET"): PAGE_ADMIN,
    ("/beheer/groepen/nieuw", "POST"): PAGE_ADMIN,
    ("/beheer/groepen/<int:cohort_id>", "GET"): PAGE_ADMIN,
    ("/beheer/groepen/<int:cohort_id>", "POST"): SAVED_BY_ADMIN,
    ("/api/v1/exercises", "GET"): API,
    ("/api/v1/exercises/<exercise_id>", "GET"): API,
    ("/api/v1/me", "GET"): API,
    ("/api/v1/sessions", "GET"): API,
    ("/api/v1/sessions/<int:session_id>", "GET"): API,
    ("/oefenen/start", "POST"): Expect(LOGIN, HOME, 403, HOME, data={"exercise": "printer-offline-angry-nl"}),
    ("/oefenen/gesprek/<int:session_id>", "GET"): Expect(LOGIN, 200, 403, HOME),  # others go to the report
    ("/oefenen/gesprek/<int:session_id>/verslag", "GET"): Expect(LOGIN, HOME, 200, 200),  # running: owner to console
    ("/oefenen/gesprek/<int:session_id>/verslag.pdf", "GET"): Expect(LOGIN, 404, 404, 404),  # no report yet
    ("/api/v1/openapi.json", "GET"): Expect(200, 200, 200, 200),
    ("/api/v1/sessions", "POST"): Expect(401, 400, 400, 400),  # a form post, not JSON
    ("/api/v1/sessions/<int:session_id>/steps", "POST"): Expect(401, 400, 403, 403),  # only the trainee acts
    ("/api/v1/sessions/<int:session_id>/end", "POST"): Expect(401, 200, 403, 403),
    ("/api/v1/sessions/<int:session_id>/report", "GET"): Expect(401, 409, 409, 409),  # the call has not ended
    # instructor pages: dashboard, review, exports, KB queue, authoring; self-study
    ("/instructeur/groepen/<int:cohort_id>/kwaliteit", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/itemanalyse", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/itemanalyse.csv", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/traject", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/export/<fmt>", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/sessies/<int:session_id>", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/sessies/<int:session_id>/export/<fmt>", "GET"): Expect(LOGIN, 403, 404, 404),  # no report yet
    ("/instructeur/sessies/<int:session_id>/oordelen", "POST"): Expect(LOGIN, 403, 400, 400),  # no reason given
    ("/instructeur/sessies/<int:session_id>/aftekenen", "POST"): Expect(LOGIN, 403, 400, 400),  # not an ended exam
    ("/instructeur/kennisbank", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/kennisbank/<article_id>", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/kennisbank/<article_id>/goedkeuren", "POST"): Expect(LOGIN, 403, HOME, HOME),
    ("/instructeur/kennisbank/<article_id>/terugsturen", "POST"): Expect(LOGIN, 403, 400, 400),  # no comment
    ("/instructeur/oefeningen", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/oefeningen/nieuw", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/oefeningen/nieuw", "POST"): Expect(LOGIN, 403, 400, 400),  # no YAML given
    ("/instructeur/oefeningen/<exercise_id>", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/werkafspraken", "GET"): PAGE_INSTRUCTOR,
    # the instance's default book is the admin's; an instructor edits their own cohorts' books
    ("/instructeur/werkafspraken", "POST"): Expect(LOGIN, 403, 403, 400),  # no YAML given
    ("/instructeur/werkafspraken/standaard", "POST"): Expect(LOGIN, 403, 403, HOME),  # back to the shipped book
    ("/instructeur/groepen/<int:cohort_id>/werkafspraken", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/groepen/<int:cohort_id>/werkafspraken", "POST"): Expect(LOGIN, 403, 400, 400),  # no YAML given
    ("/instructeur/groepen/<int:cohort_id>/werkafspraken/standaard", "POST"): Expect(LOGIN, 403, HOME, HOME),
    ("/oefenen/zelfstudie/", "GET"): PAGE_TRAINEE,
    ("/oefenen/zelfstudie/portfolio", "GET"): PAGE_TRAINEE,
    ("/oefenen/zelfstudie/traject", "GET"): PAGE_TRAINEE,
    # the world's desk: a trainee's own tickets, the cohort's tickets, frequent problems
    ("/oefenen/tickets", "GET"): PAGE_TRAINEE,
    ("/instructeur/tickets", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/frequente-problemen", "GET"): PAGE_INSTRUCTOR,
    ("/instructeur/frequente-problemen.csv", "GET"): PAGE_INSTRUCTOR,
    # voice: the caller's lines, the trainee's speech (only in their own call), recordings
    ("/api/v1/sessions/<int:session_id>/voice", "GET"): API,
    ("/api/v1/sessions/<int:session_id>/lines/<int:event_i>/audio", "GET"): Expect(401, 404, 404, 404),  # not a line
    ("/api/v1/voice/hold-music", "GET"): API,
    ("/api/v1/sessions/<int:session_id>/silence", "POST"): Expect(401, 200, 403, 403),
    # a form is no audio
    ("/api/v1/sessions/<int:session_id>/speech/<utterance_id>", "POST"): Expect(401, 415, 403, 403),
    ("/api/v1/sessions/<int:session_id>/speech/<utterance_id>/discard", "POST"): Expect(401, 200, 403, 403),
    ("/api/v1/sessions/<int:session_id>/speech/<utterance_id>/attach", "POST"): Expect(401, 400, 403, 403),  # no JSON
    ("/api/v1/sessions/<int:session_id>/recording", "GET"): API,
    ("/api/v1/sessions/<int:session_id>/recording.wav", "GET"): Expect(401, 404, 404, 404),  # nothing recorded
    ("/api/v1/sessions/<int:session_id>/recording/delete", "POST"): API,
    ("/opnames/<int:session_id>/verwijderen", "POST"): Expect(LOGIN, HOME, HOME, HOME),
    ("/api/v1/tokens", "POST"): Expect(
        401, 400, 400, 400
    ),  # a form post, not JSON: refused with its reason  # the trainee is the caller; the instructor teaches them
}


def registered_routes(app: Flask) -> set[tuple[str, str]]:
    """Return every (rule, method) the app answers, apart from HEAD and OPTIONS."""
    return {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    routes = registered_routes(app)
    missing = sorted(routes - MATRIX.keys())
    stale = sorted(MATRIX.keys() - routes)
    assert not missing, f"add these routes to the permission matrix: {missing}"
    assert not stale, f"these matrix entries match no route any more: {stale}"


@pytest.fixture
def world(db, make_user, make_cohort, make_assignment, make_call) -> dict[str, Any]:
    """One instructor teaching one trainee who made one call, and an admin."""
    trainee = make_user(role=Role.TRAINEE)
    instructor = make_user(role=Role.INSTRUCTOR)
    admin = make_user(role=Role.ADMIN)
    cohort = make_cohort(instructors=[instructor], trainees=[trainee])
    call = make_call(trainee)
    users: dict[str, User | None] = {"anonymous": None, "trainee": trainee, "instructor": instructor, "admin": admin}
    values: dict[str, Callable[[], Any]] = {
        "filename": lambda: "css/app.css",
        "cohort_id": lambda: cohort.id,
        "user_id": lambda: trainee.id,
        "session_id": lambda: call.id,
        "exercise_id": lambda: "printer-offline-angry-nl",
        "assignment_id": lambda: make_assignment(cohort).id,  # a new one each time: deleting consumes it
        "fmt": lambda: "csv",
        "event_i": lambda: 0,  # the ring: no caller line
        "utterance_id": lambda: "u1",
        "article_id": lambda: propose_article(db, cohort.id),  # a new one each time: reviewing consumes it
    }
    return {"users": users, "values": values}


def propose_article(db: Session, cohort_id: int | None = None) -> str:
    """Store a trainee's knowledge-base proposal (status review) in a cohort's queue and return its id."""
    fields = {"title": "Printer offline", "language": "nl", "audience": "end_user", "symptoms": "Niets print.",
              "solution": "Herstart de spooler."}  # fmt: skip
    return WorldRepository(sessionmaker(bind=db.get_bind())).propose_article(fields, "Sam", cohort_id=cohort_id)


def _url(rule: str, values: dict[str, Callable[[], Any]]) -> str:
    url = rule
    for name, make in values.items():
        for converter in ("int:", "path:", ""):
            placeholder = f"<{converter}{name}>"
            if placeholder in url:
                url = url.replace(placeholder, str(make()))
    assert "<" not in url, f"no sample value for a parameter of {rule}"
    return url


@pytest.mark.parametrize(("rule", "method"), sorted(MATRIX), ids=[f"{m} {r}" for r, m in sorted(MATRIX)])
def test_permission_matrix(app: Flask, world: dict[str, Any], rule: str, method: str) -> None:
    expect = MATRIX[(rule, method)]
    for role in ROLES:
        client: FlaskClient = login_as(app.test_client(), world["users"][role])
        url = _url(rule, world["values"])
        if method == "GET":
            response = client.get(url)
        else:
            data = {"csrf_token": csrf_token(client), **expect.data}
            response = client.post(url, data=data)
        response.close()
        wanted = getattr(expect, role)
        got = response.status_code
        where = f"{method} {url} as {role}"
        if wanted == LOGIN:
            assert got in (302, 303) and "/aanmelden" in response.location, f"{where}: {got} {response.location}"
        elif wanted == HOME:
            assert got in (302, 303) and "/aanmelden" not in response.location, f"{where}: {got} {response.location}"
        else:
            assert got == wanted, f"{where}: expected {wanted}, got {got}"
