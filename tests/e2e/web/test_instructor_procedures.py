"""Instructors change the company's scenario book from the web app; new calls follow and are judged by it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import Role
from simulator.assessment.scenario import procedures
from simulator.world.content import BOOK_FILE, forget_cached, use_user_world, world_dir
from tests.e2e.web.conftest import csrf_token, login_as
from webapp import create_app
from webapp.db import database

SHIPPED = (world_dir() / BOOK_FILE).read_text(encoding="utf-8")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "printer-offline-angry-nl-strong.yaml"
PAGE = "/instructeur/werkafspraken"


def make_book(company: str = "Globex", **replacements: str) -> str:
    """Return the shipped scenario book for another company, with further ``old=new`` replacements."""
    text = SHIPPED.replace("name: Acme", f"name: {company}").replace("Acme", company)
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app with its instance world folder in a scratch directory; the shipped world again afterwards."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    monkeypatch.delenv("EERSTELIJN_USER_WORLD", raising=False)
    app = create_app({"DATABASE_URL": database_url, "USER_WORLD_DIR": str(tmp_path / "world")})
    yield app
    database(app).engine.dispose()
    use_user_world(None)
    forget_cached()


@pytest.fixture
def instructor(client: FlaskClient, make_user) -> FlaskClient:
    return login_as(client, make_user(role=Role.INSTRUCTOR))


def post_book(client: FlaskClient, text: str, action: str = "save") -> Any:
    """Submit the editor form."""
    return client.post(PAGE, data={"csrf_token": csrf_token(client, PAGE), "yaml": text, "action": action})


def start_call(app: Flask, make_user, exercise: str = "printer-offline-angry-nl") -> tuple[FlaskClient, int]:
    """Log a new trainee in and start a call from the dashboard; return their browser and the call id."""
    trainee = login_as(app.test_client(), make_user(role=Role.TRAINEE))
    token = csrf_token(trainee, "/oefenen/")
    response = trainee.post("/oefenen/start", data={"csrf_token": token, "exercise": exercise})
    assert response.status_code == 302, response.status_code
    return trainee, int(response.location.rsplit("/", 1)[1])


def greeting_finding(trainee: FlaskClient, call_id: int, greeting: str) -> dict[str, Any]:
    """Play the strong printer script with ``greeting`` as the first sentence; return the 5.1 finding."""
    token = csrf_token(trainee, "/oefenen/")
    steps = yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))["steps"]
    for step in steps:
        name, args = next(iter(step.items()))
        if name == "say" and "servicedesk" in args:
            args = greeting
        answer = trainee.post(
            f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers={"X-CSRFToken": token}
        )
        assert answer.status_code == 200, answer.get_json()
    assert trainee.post(f"/api/v1/sessions/{call_id}/end", headers={"X-CSRFToken": token}).status_code == 200
    report = trainee.get(f"/api/v1/sessions/{call_id}/report").get_json()
    found = [f for f in findings(report) if f["id"] == "5.1"]
    assert found, "no finding for 5.1 in the report"
    return found[0]


def findings(node: Any) -> Iterator[dict[str, Any]]:
    """Yield every mapping in a report that carries an activity id, a verdict and its detector."""
    if isinstance(node, dict):
        if {"id", "verdict", "detector"} <= node.keys():
            yield node
        for value in node.values():
            yield from findings(value)
    elif isinstance(node, list):
        for value in node:
            yield from findings(value)


def test_the_page_shows_the_book_in_force_with_a_preview(instructor: FlaskClient) -> None:
    page = instructor.get(PAGE).get_data(as_text=True)
    assert "Van kracht: de standaardwerkafspraken" in page
    assert 'name="yaml"' in page and "servicedesk Acme" in page
    assert '<li id="regel-1"' in page  # the YAML with line numbers
    assert "<td>Printer</td><td>P1, P2</td><td>Werkplekbeheer</td>" in page  # group and category by name
    assert '<th scope="row">fr</th><td>Bonjour, service desk Acme' in page  # the scripts per language
    assert "Terug naar de standaard" not in page  # nothing to reset yet
    assert 'href="/instructeur/werkafspraken" aria-current="page"' in page


def test_a_saved_book_is_what_new_calls_show_and_judge_by(app: Flask, instructor: FlaskClient, make_user) -> None:
    assert procedures("printer-offline-angry-nl").company == "Acme"  # the assessment's cache is primed
    saved = post_book(instructor, make_book("Globex"))
    assert saved.status_code == 302 and saved.location.endswith(PAGE)
    assert (Path(app.config["USER_WORLD_DIR"]) / BOOK_FILE).read_text(encoding="utf-8") == make_book("Globex")
    page = instructor.get(PAGE).get_data(as_text=True)
    assert "Van kracht: de eigen werkafspraken" in page and "werkafspraken van Globex" in page
    assert procedures("printer-offline-angry-nl").company == "Globex"
    trainee, call_id = start_call(app, make_user)
    console = trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)
    assert "De werkafspraken van Globex" in console and "servicedesk Globex, u spreekt met" in console
    finding = greeting_finding(trainee, call_id, "Goeiemorgen, Globex, u spreekt met Sam. Waarmee kan ik u helpen?")
    assert finding["verdict"] == "met", finding


def test_the_greeting_is_judged_by_the_book_in_force(app: Flask, instructor: FlaskClient, make_user) -> None:
    assert post_book(instructor, make_book("Globex")).status_code == 302
    trainee, call_id = start_call(app, make_user)
    finding = greeting_finding(trainee, call_id, "Goeiemorgen, Acme, u spreekt met Sam. Waarmee kan ik u helpen?")
    assert finding["verdict"] == "partly" and "bedrijfsnaam (Globex)" in finding["explanation"], finding


def test_a_new_escalation_rule_shows_in_the_console(app: Flask, instructor: FlaskClient, make_user) -> None:
    rule = "{category: printer, priorities: [P1, P2], group: workplace}"
    assert post_book(instructor, make_book(**{rule: "{category: printer, group: messaging}"})).status_code == 302
    trainee, call_id = start_call(app, make_user)
    console = trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)
    assert re.search(
        r"<td>Printer[^<]*</td><td>P1, P2, P3, P4, P5</td><td>[^<]*Mail en samenwerking[^<]*</td>", console
    )


def test_a_broken_book_is_refused_at_its_line(app: Flask, instructor: FlaskClient) -> None:
    text = make_book(**{"- {category: security, group: security}": "- {category: security, group: beveiliging}"})
    line = text.splitlines().index("  - {category: security, group: beveiliging}") + 1
    response = post_book(instructor, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Gevonden problemen: 1" in page
    problem = re.search(rf'<li id="regel-{line}" class="has-problem".*?</li>', page, re.S)
    assert problem and "unknown group &#39;beveiliging&#39;" in problem.group(0)
    assert not (Path(app.config["USER_WORLD_DIR"]) / BOOK_FILE).exists()
    assert "servicedesk Acme" in instructor.get(PAGE).get_data(as_text=True)


def test_checking_does_not_save(app: Flask, instructor: FlaskClient) -> None:
    response = post_book(instructor, make_book("Initech"), action="check")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "in orde" in page and "werkafspraken van Initech" in page
    assert not (Path(app.config["USER_WORLD_DIR"]) / BOOK_FILE).exists()


@pytest.mark.parametrize(
    ("text", "status", "says"),
    [
        ("", 400, "Plak de YAML"),
        ("version: 1\ncompany: !!python/object/apply:os.system ['true']\n", 400, "Gevonden problemen"),
        ("# " + "x" * 210 * 1024, 413, "groter dan 200 kB"),
    ],
    ids=["empty", "unsafe-tag", "too-large"],
)
def test_bad_input_is_refused(instructor: FlaskClient, text: str, status: int, says: str) -> None:
    response = post_book(instructor, text)
    assert response.status_code == status and says in response.get_data(as_text=True)


def test_reset_brings_back_the_shipped_book(app: Flask, instructor: FlaskClient, make_user) -> None:
    assert post_book(instructor, make_book("Globex")).status_code == 302
    token = csrf_token(instructor, PAGE)
    assert instructor.post(f"{PAGE}/standaard", data={"csrf_token": token}).status_code == 302
    assert not (Path(app.config["USER_WORLD_DIR"]) / BOOK_FILE).exists()
    assert "standaardwerkafspraken" in instructor.get(PAGE).get_data(as_text=True)
    trainee, call_id = start_call(app, make_user)
    assert "De werkafspraken van Acme" in trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)


def test_a_book_broken_on_disk_keeps_the_site_up_and_warns(app: Flask, instructor: FlaskClient, make_user) -> None:
    folder = Path(app.config["USER_WORLD_DIR"])
    folder.mkdir(parents=True)
    (folder / BOOK_FILE).write_text(make_book("Globex", **{"first_line_group: first_line": "first_line_group: x"}))
    forget_cached()
    page = instructor.get(PAGE).get_data(as_text=True)
    assert 'id="geweigerd"' in page and "Terug naar de standaard" in page
    assert re.search(r'<li id="regel-7" class="has-problem".*?unknown group &#39;x&#39;', page, re.S)
    trainee, call_id = start_call(app, make_user)
    assert "De werkafspraken van Acme" in trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)


def test_trainees_cannot_change_the_book(app: Flask, make_user) -> None:
    trainee = login_as(app.test_client(), make_user(role=Role.TRAINEE))
    token = csrf_token(trainee, "/oefenen/")
    assert trainee.post(PAGE, data={"csrf_token": token, "yaml": make_book(), "action": "save"}).status_code == 403
    assert not (Path(app.config["USER_WORLD_DIR"]) / BOOK_FILE).exists()
