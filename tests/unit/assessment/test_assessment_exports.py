"""Exports: CSV, xAPI statements valid against the shipped schema, Moodle framework CSV, HTML and PDF."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from simulator.assessment import assess
from simulator.assessment.exports import EXPORTERS, export, get_exporter
from simulator.assessment.exports.moodle import HEADERS
from simulator.assessment.exports.xapi import duration

SCHEMA = Path(__file__).resolve().parents[3] / "simulator" / "assessment" / "exports" / "xapi-statement.schema.json"


@pytest.fixture
def report(make_record, ev) -> dict:
    """Return a replay-style report of a short but complete call."""
    record = make_record(
        [
            ev.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.", "greeting", slots={"own_name": "Sam"}),
            ev.say("Als ik het goed begrijp staat uw printer offline?", "paraphrase"),
            ev.act("ticket.create", step="ticket.create", number="INC-000001", impact="low", urgency="high"),
            ev.act("consent", given=True),
            ev.act("remote.connect", step="remote.connect"),
            ev.say("Nog een fijne dag!", "closing"),
        ],
        activities=["5.1", "6.2", "9.3", "14.1", "17.1"],
    )
    return {
        "exercise": record.exercise.id,
        "seed": 0,
        "mode": "practice",
        "qualification": "bkd-2023",
        "transcript": record.transcript(),
        "events": [e.to_dict() for e in record.events],
        "outcome": record.outcome.to_dict(),
        "ticket": None,
        "assessment": assess(record).to_dict(),
        "trainee": "ann",
    }


def test_formats_are_registered_by_name():
    get_exporter("csv")
    assert {"csv", "xapi", "moodle", "html", "pdf"} <= set(EXPORTERS)
    with pytest.raises(KeyError, match="known: csv"):
        get_exporter("docx")


def test_xapi_statements_validate_against_the_schema(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    statements = json.loads(export("xapi", [report], started_at="2026-03-02T09:12:00+01:00"))
    validator = jsonschema.Draft7Validator(schema)
    for statement in statements:
        errors = list(validator.iter_errors(statement))
        assert not errors, errors[0].message
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    judged = [c for c in report["assessment"]["competencies"] if c["level"] is not None]
    assert verbs.count("completed") == 1
    assert verbs.count("scored") == len(judged)
    assert verbs.count("interacted") == 4  # ticket.create, consent, remote.connect, end
    assert statements[0]["timestamp"].startswith("2026-03-02T08:12")
    again = json.loads(export("xapi", [report], started_at="2026-03-02T09:12:00+01:00"))
    assert [s["id"] for s in again] == [s["id"] for s in statements]


def test_schema_rejects_a_broken_statement(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    statement = json.loads(export("xapi", [report], started_at="2026-03-02T09:12:00Z"))[0]
    statement["result"]["duration"] = "102 seconds"
    statement["id"] = "not-a-uuid"
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(statement))) == 2


@pytest.mark.parametrize(("seconds", "iso"), [(0, "PT0S"), (102.67, "PT1M42.67S"), (3725, "PT1H2M5S")])
def test_iso_8601_durations(seconds, iso):
    assert duration(seconds) == iso


def test_csv_has_one_row_per_judged_activity(report):
    rows = list(csv.DictReader(io.StringIO(export("csv", [report]).decode("utf-8"))))
    shown = {r["activity"] for r in rows}
    assert {"5.1", "6.2", "9.3", "14.1", "17.1"} <= shown  # the exercise's focus
    assert {"6.1", "9.4"} <= shown  # always observed: listening and politeness
    assert "6.3" not in shown  # neither listed nor always observed
    assert {r["trainee"] for r in rows} == {"ann"}


def test_moodle_framework_csv_has_the_framework_the_competencies_and_the_activities():
    rows = list(csv.reader(io.StringIO(export("moodle", []).decode("utf-8"))))
    assert tuple(rows[0]) == HEADERS
    framework, body = rows[1], rows[2:]
    assert framework[12] == "1" and framework[5] == "Niet getoond,Onvoldoende,Voldoende,Sterk"
    assert json.loads(framework[6])[0] == {"scaleid": "0"}
    assert len(body) == 17 + 104
    by_id = {r[1]: r for r in body}
    assert by_id["BKD-2023-6.1"][0] == "BKD-2023-6" and by_id["BKD-2023-6"][0] == ""
    assert all(len(r) == len(HEADERS) for r in rows)


def test_printable_html_links_moments_and_hides_the_model_answer_in_exams(report):
    html = export("html", [report]).decode("utf-8")
    assert "Zo pakt een sterke medewerker het aan" in html and "#" in html
    exam = export("html", [dict(report, mode="exam")], lang="fr").decode("utf-8")
    assert "Neem op met de begroeting" not in exam
    assert "En mode examen" in exam


def test_pdf_is_a_pdf(report):
    pytest.importorskip("weasyprint")
    assert export("pdf", [report])[:5] == b"%PDF-"
