"""CSV cells that a spreadsheet would run as a formula are written as text."""

from __future__ import annotations

import csv
import io

import pytest

from simulator.assessment.exports.registry import get_exporter
from simulator.content.spreadsheet import csv_writer, safe_cell
from simulator.world.report import ProblemRow, problems_csv


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("+32 9 123 45 67", "'+32 9 123 45 67"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Sam Peeters", "Sam Peeters"),
        ("a=b", "a=b"),
        (-3, -3),
        (2.5, 2.5),
        ("", ""),
    ],
)
def test_a_formula_start_becomes_text(value: object, written: object) -> None:
    assert safe_cell(value) == written


def test_the_writer_escapes_every_cell_and_reads_back() -> None:
    out = io.StringIO()
    csv_writer(out).writerow(["=1+1", "gewoon", 7, "-5"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "gewoon", "7", "'-5"]


def test_the_assessment_csv_escapes_a_trainee_named_like_a_formula() -> None:
    report = {
        "exercise": "printer-offline-angry-nl",
        "seed": 7,
        "mode": "practice",
        "assessment": {
            "competencies": [
                {
                    "id": "6",
                    "title": "Communiceert",
                    "level": 2,
                    "activities": [{"id": "6.1", "text": "-", "verdict": "met", "evidence": [], "explanation": "+1"}],
                }
            ]
        },
    }
    body = get_exporter("csv").fn([report], trainee='=HYPERLINK("http://x","y")').decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert row["trainee"] == '\'=HYPERLINK("http://x","y")'
    assert row["activity_text"] == "'-" and row["explanation"] == "'+1"


def test_the_frequent_problems_csv_escapes_names() -> None:
    rows = [ProblemRow(category="printer", name="=cmd|' /C calc'!A0")]
    [_header, line] = list(csv.reader(io.StringIO(problems_csv(rows))))
    assert line[1] == "'=cmd|' /C calc'!A0"
