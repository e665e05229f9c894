"""Exports: CSV, xAPI statements valid against the shipped schema, Moodle framework CSV, HTML and PDF."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
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
        "trainee": "Ann Peeters",
        "learner": "4f0c5d3e-learner",
        "started_at": "2026-03-02T09:12:00+01:00",
    }


BASE = "https://leren.school.be/eerstelijn"
SIGNED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_formats_are_registered_by_name():
    get_exporter("csv")
    assert {"csv", "xapi", "moodle", "html", "pdf"} <= set(EXPORTERS)
    with pytest.raises(KeyError, match="known: csv"):
        get_exporter("docx")


def test_xapi_statements_validate_against_the_schema(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    statements = json.loads(export("xapi", [report], base=BASE))
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
    again = json.loads(export("xapi", [report], base=BASE))
    assert [s["id"] for s in again] == [s["id"] for s in statements]


def test_schema_rejects_a_broken_statement(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    statement = json.loads(export("xapi", [report], base=BASE))[0]
    statement["result"]["duration"] = "102 seconds"
    statement["id"] = "not-a-uuid"
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(statement))) == 2


@pytest.mark.parametrize(("seconds", "iso"), [(0, "PT0S"), (102.67, "PT1M42.67S"), (3725, "PT1H2M5S")])
def test_iso_8601_durations(seconds, iso):
    assert duration(seconds) == iso


def test_csv_has_one_row_per_judged_activity(report):
    rows = list(csv.DictReader(io.StringIO(export("csv", [report]).decode("utf-8-sig"))))
    shown = {r["activity"] for r in rows}
    assert {"5.1", "6.2", "9.3", "14.1", "17.1"} <= shown  # the exercise's focus
    assert {"6.1", "9.4"} <= shown  # always observed: listening and politeness
    assert "6.3" not in shown  # neither listed nor always observed
    assert {r["trainee"] for r in rows} == {"Ann Peeters"}


def test_moodle_framework_csv_has_the_framework_the_competencies_and_the_activities():
    rows = list(csv.reader(io.StringIO(export("moodle", []).decode("utf-8"))))
    assert rows[1][1] == "BKD-2023-V1"
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


def test_xapi_identifies_the_learner_by_pseudonym_under_the_configured_base(report):
    statements = json.loads(export("xapi", [report], base=BASE + "/", lang="fr"))
    for statement in statements:
        assert statement["actor"] == {"objectType": "Agent", "account": {"homePage": BASE, "name": "4f0c5d3e-learner"}}
        assert "Ann Peeters" not in json.dumps(statement)
        assert "version" not in statement
        assert statement["object"]["id"].startswith(BASE + "/")
        assert statement["context"]["language"] == "nl-BE"  # the call was in Dutch, the exporter reads French
    assert "eerstelijn.example" not in json.dumps(statements)


def test_exam_levels_nobody_signed_off_are_not_sent(report):
    from simulator.assessment.signoff import SignOff, reviewed

    exam = dict(report, mode="exam")
    verbs = [s["verb"]["id"] for s in json.loads(export("xapi", [exam], base=BASE))]
    assert not [v for v in verbs if v.endswith("scored")] and verbs[0].endswith("completed")
    signed = dict(exam, assessment=reviewed(report["assessment"], "exam", signoffs=[SignOff("1", "Ilse", SIGNED_AT)]))
    scored = [s for s in json.loads(export("xapi", [signed], base=BASE)) if s["verb"]["id"].endswith("scored")]
    assert scored and all(s["result"]["extensions"] for s in scored)


def test_xapi_without_a_base_url_says_what_to_configure(report):
    from simulator.assessment.exports.xapi import MissingOption

    with pytest.raises(MissingOption, match="EERSTELIJN_XAPI_BASE"):
        export("xapi", [report])


def _overridden(report: dict, level: int, until: str) -> dict:
    """Return the report after an instructor set the first judged competency to ``level`` at ``until``."""
    import copy

    changed = copy.deepcopy(report)
    comp = next(c for c in changed["assessment"]["competencies"] if c["level"] is not None and c["level"] != level)
    comp["automatic_level"], comp["level"] = comp["level"], level
    changed["assessment_history"] = [{"until": until, "assessment": report["assessment"]}]
    return changed


def test_a_changed_result_gets_a_new_id_and_the_old_statement_is_voided(report):
    before = {s["object"]["id"]: s for s in json.loads(export("xapi", [report], base=BASE))}
    after = json.loads(export("xapi", [_overridden(report, 0, "2026-03-03T10:00:00+00:00")], base=BASE))
    schema = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for statement in after:
        assert not list(schema.iter_errors(statement))
    voids = [s for s in after if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"]
    changed = [s for s in after if s["verb"]["id"].endswith("scored") and s["result"]["score"]["raw"] == 0]
    assert len(voids) == 1 and len(changed) == 1
    old = before[changed[0]["object"]["id"]]
    assert changed[0]["id"] != old["id"]
    assert voids[0]["object"] == {"objectType": "StatementRef", "id": old["id"]}
    assert voids[0]["timestamp"] == "2026-03-03T10:00:00.000Z"
    unchanged = {s["id"] for s in after} & set(s["id"] for s in before.values())
    assert len(unchanged) == len(before) - 1  # every other statement keeps its id
    again = json.loads(export("xapi", [_overridden(report, 0, "2026-03-03T10:00:00+00:00")], base=BASE))
    assert [s["id"] for s in again] == [s["id"] for s in after]


def test_csv_starts_with_a_bom_and_has_a_semicolon_variant_for_belgian_excel(report):
    body = export("csv", [report])
    assert body.startswith(b"\xef\xbb\xbf")
    semicolon = export("csv-semicolon", [report], lang="en").decode("utf-8")
    assert semicolon.startswith("\ufefftrainee;exercise;seed;")
    rows = list(csv.DictReader(io.StringIO(semicolon.lstrip("\ufeff")), delimiter=";"))
    assert {"5.1", "6.2", "9.3", "14.1", "17.1"} <= {r["activity"] for r in rows}


def test_moodle_scale_defaults_to_a_proficient_value_and_the_framework_id_is_versioned():
    rows = list(csv.reader(io.StringIO(export("moodle", [], framework_version=3).decode("utf-8"))))
    framework = rows[1]
    scale = framework[5].split(",")
    config = json.loads(framework[6])[1:]
    default = next(c for c in config if c["scaledefault"] == 1)
    assert scale[default["id"] - 1] == "Voldoende" and default["proficient"] == 1
    assert framework[1] == "BKD-2023-V3"
    assert {r[0] for r in rows[2:]} >= {"", "BKD-2023-6"}  # competencies keep their own ID numbers
