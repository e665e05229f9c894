"""The trainee's call pages: start from the dashboard, the console, the report with evidence anchors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import CallSession, Mode, Role, User
from tests.e2e.web.conftest import csrf_token, login_as
from webapp.db import database

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "printer-offline-angry-nl-strong.yaml"


@pytest.fixture
def trainee(make_user) -> User:
    return make_user(role=Role.TRAINEE)


@pytest.fixture
def browser(client: FlaskClient, trainee: User) -> FlaskClient:
    return login_as(client, trainee)


def start_from_dashboard(browser: FlaskClient, **fields: str) -> str:
    """Press a start button on the dashboard; return the console's path."""
    response = browser.post("/oefenen/start", data={"csrf_token": csrf_token(browser, "/oefenen/"), **fields})
    assert response.status_code == 302 and re.search(r"/oefenen/gesprek/\d+$", response.location)
    return response.location


def test_every_exercise_on_the_dashboard_has_a_start_button(browser: FlaskClient) -> None:
    page = browser.get("/oefenen/").get_data(as_text=True)
    cards = page.count('class="card exercise"')
    assert cards > 0 and page.count('name="exercise"') == cards
    assert 'aria-label="Start oefening: Printer offline' in page


def test_start_opens_a_ringing_console(browser: FlaskClient, app: Flask) -> None:
    console = start_from_dashboard(browser, exercise="printer-offline-angry-nl")
    page = browser.get(console).get_data(as_text=True)
    assert "Opnemen" in page and 'id="transcript"' in page and 'aria-live="polite"' in page
    assert 'name="csrf-token"' in page and "js/console/main.js" in page
    for label in ("Korte omschrijving", "Categorie", "Impact", "Urgentie", "Zoek in de kennisbank", "Opdracht"):
        assert re.search(rf'<label for="[\w-]+">{label}', page), label
    assert "Hulp op afstand is vergrendeld" in page and 'id="remote-connect" class="button" disabled' in page
    assert 'id="mood"' in page  # practice shows the mood meter
    with database(app).sessions() as db:
        call = db.get(CallSession, int(console.rsplit("/", 1)[1]))
        assert call is not None and call.status.value == "ringing" and call.events[0]["type"] == "ring"


def test_an_exam_assignment_starts_in_exam_mode_without_mood(
    browser: FlaskClient, trainee: User, make_cohort, make_assignment
) -> None:
    assignment = make_assignment(make_cohort(trainees=[trainee]), mode=Mode.EXAM)
    assert "Start opdracht" in browser.get("/oefenen/").get_data(as_text=True)
    page = browser.get(start_from_dashboard(browser, assignment=str(assignment.id))).get_data(as_text=True)
    assert "Examen" in page and 'id="mood"' not in page and 'id="hint"' not in page


def test_an_unknown_exercise_goes_back_to_the_dashboard(browser: FlaskClient) -> None:
    token = csrf_token(browser, "/oefenen/")
    response = browser.post("/oefenen/start", data={"csrf_token": token, "exercise": "bestaat-niet"})
    assert response.status_code == 302 and response.location.endswith("/oefenen/")


def test_someone_elses_assignment_cannot_be_started(browser: FlaskClient, make_cohort, make_assignment) -> None:
    foreign = make_assignment(make_cohort())
    token = csrf_token(browser, "/oefenen/")
    assert browser.post("/oefenen/start", data={"csrf_token": token, "assignment": str(foreign.id)}).status_code == 404


def test_another_trainees_console_is_not_found(app: Flask, browser: FlaskClient, make_user, make_call) -> None:
    other = make_call(make_user(role=Role.TRAINEE))
    assert browser.get(f"/oefenen/gesprek/{other.id}").status_code == 404
    assert browser.get(f"/oefenen/gesprek/{other.id}/verslag").status_code == 404


def play_strong_script(browser: FlaskClient, call_id: int) -> None:
    """Play the strong script through the API with the browser's session and CSRF header."""
    token = csrf_token(browser, "/oefenen/")
    for step in yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))["steps"]:
        name, args = next(iter(step.items()))
        answer = browser.post(
            f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers={"X-CSRFToken": token}
        )
        assert answer.status_code == 200, answer.get_json()
    assert browser.post(f"/api/v1/sessions/{call_id}/end", headers={"X-CSRFToken": token}).status_code == 200


def test_the_api_without_the_csrf_header_is_refused_for_a_browser(browser: FlaskClient) -> None:
    call_id = int(start_from_dashboard(browser, exercise="printer-offline-angry-nl").rsplit("/", 1)[1])
    response = browser.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "answer"})
    assert response.status_code == 400 and response.get_json()["field"] == "csrf_token"


def test_the_report_links_every_piece_of_evidence_into_the_transcript(browser: FlaskClient) -> None:
    console = start_from_dashboard(browser, exercise="printer-offline-angry-nl")
    call_id = int(console.rsplit("/", 1)[1])
    play_strong_script(browser, call_id)
    assert browser.get(console).location.endswith(f"/oefenen/gesprek/{call_id}/verslag")
    page = browser.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True)
    links = set(re.findall(r'href="#event-(\d+)"', page))
    anchors = set(re.findall(r'id="event-(\d+)"', page))
    assert links and links <= anchors
    assert "Beoordeling per competentie" in page and "behaald" in page
    assert re.search(r"Opgelost</dt><dd class=\"good\">ja", page)


def test_an_instructor_reads_the_report_of_a_trainee_in_their_cohort(
    app: Flask, browser: FlaskClient, trainee: User, make_user, make_cohort
) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    make_cohort(instructors=[instructor], trainees=[trainee])
    call_id = int(start_from_dashboard(browser, exercise="printer-offline-angry-nl").rsplit("/", 1)[1])
    teacher: Any = login_as(app.test_client(), instructor)
    assert "loopt nog" in teacher.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True)
    play_strong_script(browser, call_id)
    assert "Beoordeling per competentie" in teacher.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True)


def test_the_console_shows_the_companys_procedures(browser: FlaskClient) -> None:
    from simulator.world import load_content

    book = load_content().book
    console = start_from_dashboard(browser, exercise="phishing-click-novice-fr")
    page = browser.get(console).get_data(as_text=True)
    assert 'id="tab-book"' in page and "Werkafspraken" in page
    assert book.greeting["nl"].replace("'", "&#39;") in page  # the greeting script, in the interface's language
    assert book.identity_check["nl"][0] in page
    assert "Beveiligingsincident" in page and book.security_incident["nl"][0].replace("'", "&#39;") in page
    assert re.search(r"<td>[^<]*</td><td>P1</td><td>[^<]+</td>", page)  # the escalation matrix's P1 rule
