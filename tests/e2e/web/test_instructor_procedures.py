"""Instructors change their cohort's scenario book from the web app; that cohort's new calls follow and are
judged by it, other cohorts keep theirs. Only an admin changes the instance's default book."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import object_session

from simulator.adapters.db.models import Role
from simulator.world.content import BOOK_FILE, forget_cached, world_dir
from tests.e2e.web.conftest import csrf_token, login_as
from webapp import create_app
from webapp.db import database

SHIPPED = (world_dir() / BOOK_FILE).read_text(encoding="utf-8")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "printer-offline-angry-nl-strong.yaml"
DEFAULT_PAGE = "/instructeur/werkafspraken"
PAGE = "/instructeur/groepen/{cohort}/werkafspraken"


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
    forget_cached()


@pytest.fixture
def classes(make_user, make_cohort) -> dict[str, Any]:
    """Two cohorts, A and B, each with its own instructor."""
    found: dict[str, Any] = {}
    for name in ("a", "b"):
        teacher = make_user(role=Role.INSTRUCTOR)
        found[name] = {"instructor": teacher, "cohort": make_cohort(name=f"Klas {name.upper()}", instructors=[teacher])}
    return found


@pytest.fixture
def instructor(client: FlaskClient, classes: dict[str, Any]) -> FlaskClient:
    """The instructor of cohort A, logged in."""
    return login_as(client, classes["a"]["instructor"])


def page(classes: dict[str, Any], name: str = "a") -> str:
    """Return the book page of cohort ``name``."""
    return PAGE.format(cohort=classes[name]["cohort"].id)


def book_file(app: Flask, classes: dict[str, Any] | None = None, name: str = "a") -> Path:
    """Return where a cohort's own book (or, without ``classes``, the instance's default) is kept."""
    folder = Path(app.config["USER_WORLD_DIR"])
    return folder / "cohorts" / str(classes[name]["cohort"].id) / BOOK_FILE if classes else folder / BOOK_FILE


def post_book(client: FlaskClient, text: str, action: str = "save", url: str = DEFAULT_PAGE) -> Any:
    """Submit the editor form at ``url``."""
    return client.post(url, data={"csrf_token": csrf_token(client, url), "yaml": text, "action": action})


def start_call(
    app: Flask, make_user, cohort: Any = None, exercise: str = "printer-offline-angry-nl"
) -> tuple[FlaskClient, int]:
    """Log a new trainee (of ``cohort``) in and start a call from the dashboard; return their browser and call id."""
    user = make_user(role=Role.TRAINEE)
    if cohort is not None:
        cohort.trainees.append(user)
        object_session(cohort).commit()  # type: ignore[union-attr]
    trainee = login_as(app.test_client(), user)
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


def test_the_page_shows_the_book_in_force_with_a_preview(instructor: FlaskClient, classes) -> None:
    page_a = instructor.get(page(classes)).get_data(as_text=True)
    assert "Van kracht: de standaardwerkafspraken" in page_a
    assert 'name="yaml"' in page_a and "servicedesk Acme" in page_a
    assert '<li id="regel-1"' in page_a  # the YAML with line numbers
    assert "<td>Printer</td><td>P1, P2</td><td>Werkplekbeheer</td>" in page_a  # group and category by name
    assert '<th scope="row">fr</th><td>Bonjour, service desk Acme' in page_a  # the scripts per language
    assert "Terug naar de standaard" not in page_a  # nothing to reset yet
    overview = instructor.get(DEFAULT_PAGE).get_data(as_text=True)
    assert 'href="/instructeur/werkafspraken" aria-current="page"' in overview
    assert f'href="{page(classes)}"' in overview and f'href="{page(classes, "b")}"' not in overview  # own cohorts
    assert 'name="yaml"' not in overview  # the instance's default is the admin's


def test_a_saved_book_is_what_the_cohorts_new_calls_show_and_judge_by(
    app: Flask, instructor: FlaskClient, classes, make_user
) -> None:
    saved = post_book(instructor, make_book("Globex"), url=page(classes))
    assert saved.status_code == 302 and saved.location.endswith(page(classes))
    assert book_file(app, classes).read_text(encoding="utf-8") == make_book("Globex")
    shown = instructor.get(page(classes)).get_data(as_text=True)
    assert "Van kracht: de eigen werkafspraken van deze groep" in shown and "werkafspraken van Globex" in shown
    trainee, call_id = start_call(app, make_user, classes["a"]["cohort"])
    console = trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)
    assert "De werkafspraken van Globex" in console and "servicedesk Globex, u spreekt met" in console
    finding = greeting_finding(trainee, call_id, "Goeiemorgen, Globex, u spreekt met Sam. Waarmee kan ik u helpen?")
    assert finding["verdict"] == "met", finding


def test_another_cohort_keeps_its_book_and_is_judged_by_it(
    app: Flask, instructor: FlaskClient, classes, make_user
) -> None:
    assert post_book(instructor, make_book("Globex"), url=page(classes)).status_code == 302
    trainee, call_id = start_call(app, make_user, classes["b"]["cohort"])
    console = trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)
    assert "De werkafspraken van Acme" in console and "Globex" not in console
    finding = greeting_finding(trainee, call_id, "Goeiemorgen, Acme, u spreekt met Sam. Waarmee kan ik u helpen?")
    assert finding["verdict"] == "met", finding


def test_an_instructor_cannot_change_another_cohorts_book_or_the_default(
    app: Flask, instructor: FlaskClient, classes
) -> None:
    other = page(classes, "b")
    assert instructor.get(other).status_code == 404
    assert post_book(instructor, make_book("Globex"), url=page(classes)).status_code == 302  # the token of a form
    token = csrf_token(instructor, page(classes))
    data = {"csrf_token": token, "yaml": make_book("Initech"), "action": "save"}
    assert instructor.post(other, data=data).status_code == 404
    assert instructor.post(f"{other}/standaard", data={"csrf_token": token}).status_code == 404
    assert instructor.post(DEFAULT_PAGE, data=data).status_code == 403
    assert instructor.post(f"{DEFAULT_PAGE}/standaard", data={"csrf_token": token}).status_code == 403
    assert not book_file(app, classes, "b").exists() and not book_file(app).exists()


def test_the_admins_default_applies_to_cohorts_without_their_own(
    app: Flask, classes, make_user, client: FlaskClient
) -> None:
    admin = login_as(client, make_user(role=Role.ADMIN))
    assert post_book(admin, make_book("Initech")).status_code == 302
    assert book_file(app).read_text(encoding="utf-8") == make_book("Initech")
    instructor = login_as(app.test_client(), classes["a"]["instructor"])
    assert post_book(instructor, make_book("Globex"), url=page(classes)).status_code == 302
    shown = instructor.get(page(classes, "a")).get_data(as_text=True)
    assert "werkafspraken van Globex" in shown
    for name, company in (("a", "Globex"), ("b", "Initech")):
        trainee, call_id = start_call(app, make_user, classes[name]["cohort"])
        assert f"De werkafspraken van {company}" in trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)


def test_the_greeting_is_judged_by_the_book_in_force(app: Flask, instructor: FlaskClient, classes, make_user) -> None:
    assert post_book(instructor, make_book("Globex"), url=page(classes)).status_code == 302
    trainee, call_id = start_call(app, make_user, classes["a"]["cohort"])
    finding = greeting_finding(trainee, call_id, "Goeiemorgen, Acme, u spreekt met Sam. Waarmee kan ik u helpen?")
    reason = finding["reasons"][0]
    assert finding["verdict"] == "partly" and reason["params"]["company"] == "Globex", finding
    assert reason["params"]["missing"] == ["company_name"], finding


def test_a_new_escalation_rule_shows_in_the_console(app: Flask, instructor: FlaskClient, classes, make_user) -> None:
    rule = "{category: printer, priorities: [P1, P2], group: workplace}"
    text = make_book(**{rule: "{category: printer, group: messaging}"})
    assert post_book(instructor, text, url=page(classes)).status_code == 302
    trainee, call_id = start_call(app, make_user, classes["a"]["cohort"])
    console = trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)
    assert re.search(
        r"<td>Printer[^<]*</td><td>P1, P2, P3, P4, P5</td><td>[^<]*Mail en samenwerking[^<]*</td>", console
    )


def test_a_broken_book_is_refused_at_its_line(app: Flask, instructor: FlaskClient, classes) -> None:
    text = make_book(**{"- {category: security, group: security}": "- {category: security, group: beveiliging}"})
    line = text.splitlines().index("  - {category: security, group: beveiliging}") + 1
    response = post_book(instructor, text, url=page(classes))
    shown = response.get_data(as_text=True)
    assert response.status_code == 400 and "Gevonden problemen: 1" in shown
    problem = re.search(rf'<li id="regel-{line}" class="has-problem".*?</li>', shown, re.S)
    assert problem and "unknown group &#39;beveiliging&#39;" in problem.group(0)
    assert not book_file(app, classes).exists()
    assert "servicedesk Acme" in instructor.get(page(classes)).get_data(as_text=True)


def test_checking_does_not_save(app: Flask, instructor: FlaskClient, classes) -> None:
    response = post_book(instructor, make_book("Initech"), action="check", url=page(classes))
    shown = response.get_data(as_text=True)
    assert response.status_code == 200 and "in orde" in shown and "werkafspraken van Initech" in shown
    assert not book_file(app, classes).exists()


@pytest.mark.parametrize(
    ("text", "status", "says"),
    [
        ("", 400, "Plak de YAML"),
        ("version: 1\ncompany: !!python/object/apply:os.system ['true']\n", 400, "Gevonden problemen"),
        ("# " + "x" * 210 * 1024, 413, "groter dan 200 kB"),
    ],
    ids=["empty", "unsafe-tag", "too-large"],
)
def test_bad_input_is_refused(instructor: FlaskClient, classes, text: str, status: int, says: str) -> None:
    response = post_book(instructor, text, url=page(classes))
    assert response.status_code == status and says in response.get_data(as_text=True)


def test_reset_brings_back_the_default_book(app: Flask, instructor: FlaskClient, classes, make_user) -> None:
    assert post_book(instructor, make_book("Globex"), url=page(classes)).status_code == 302
    token = csrf_token(instructor, page(classes))
    assert instructor.post(f"{page(classes)}/standaard", data={"csrf_token": token}).status_code == 302
    assert not book_file(app, classes).exists()
    assert "standaardwerkafspraken" in instructor.get(page(classes)).get_data(as_text=True)
    trainee, call_id = start_call(app, make_user, classes["a"]["cohort"])
    assert "De werkafspraken van Acme" in trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)


def test_a_book_broken_on_disk_keeps_the_site_up_and_warns(
    app: Flask, instructor: FlaskClient, classes, make_user
) -> None:
    path = book_file(app, classes)
    path.parent.mkdir(parents=True)
    path.write_text(make_book("Globex", **{"first_line_group: first_line": "first_line_group: x"}))
    forget_cached()
    shown = instructor.get(page(classes)).get_data(as_text=True)
    assert 'id="geweigerd"' in shown and "Terug naar de standaard" in shown
    assert re.search(r'<li id="regel-7" class="has-problem".*?unknown group &#39;x&#39;', shown, re.S)
    trainee, call_id = start_call(app, make_user, classes["a"]["cohort"])
    assert "De werkafspraken van Acme" in trainee.get(f"/oefenen/gesprek/{call_id}").get_data(as_text=True)


def test_trainees_cannot_change_the_book(app: Flask, classes, make_user) -> None:
    user = make_user(role=Role.TRAINEE)
    trainee = login_as(app.test_client(), user)
    token = csrf_token(trainee, "/oefenen/")
    data = {"csrf_token": token, "yaml": make_book(), "action": "save"}
    assert trainee.post(DEFAULT_PAGE, data=data).status_code == 403
    assert trainee.post(page(classes), data=data).status_code == 403
    assert not book_file(app).exists() and not book_file(app, classes).exists()
