"""CSV: one row per judged activity per call, for spreadsheets and a student-tracking system.

Files start with a UTF-8 byte-order mark, so Excel reads the accents right. ``csv`` separates
fields with commas; ``csv-semicolon`` with semicolons, the list separator Excel expects under
Belgian (and most continental) regional settings, where a comma file opens as one garbled column.
"""

from __future__ import annotations

import io
from typing import Any

from simulator.assessment.explain import render_reasons
from simulator.assessment.exports.registry import exporter, options_of
from simulator.content.spreadsheet import csv_writer

BOM = "\ufeff"
COLUMNS = (
    "trainee",
    "exercise",
    "seed",
    "mode",
    "competency",
    "competency_title",
    "level",
    "activity",
    "activity_text",
    "verdict",
    "evidence_events",
    "explanation",
    "automatic_verdict",
    "provisional",
    "signed_off_by",
    "signed_off_at",
)


@exporter("csv", "text/csv; charset=utf-8", "csv")
def export_csv(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return every judged activity of every report as comma-separated rows."""
    return _write(reports, ",", options)


@exporter("csv-semicolon", "text/csv; charset=utf-8", "csv")
def export_csv_semicolon(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return every judged activity of every report as semicolon-separated rows (Excel, Belgian settings)."""
    return _write(reports, ";", options)


def _write(reports: list[dict[str, Any]], delimiter: str, options: dict[str, Any]) -> bytes:
    lang = str(options_of(options, "lang", "nl"))
    out = io.StringIO()
    out.write(BOM)
    writer = csv_writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for report in reports:
        trainee = report.get("trainee") or options.get("trainee") or ""
        for comp in report.get("assessment", {}).get("competencies", []):
            signed = comp.get("signed_off") or {}
            for act in comp.get("activities", []):
                if act.get("verdict") == "not_observed" and not act.get("detector"):
                    continue
                writer.writerow(
                    [
                        trainee,
                        report.get("exercise", ""),
                        report.get("seed", ""),
                        report.get("mode", ""),
                        comp["id"],
                        comp.get("title", ""),
                        "" if comp.get("level") is None else comp["level"],
                        act["id"],
                        act.get("text", ""),
                        act["verdict"],
                        " ".join(str(e["event"]) for e in act.get("evidence", [])),
                        render_reasons(act, lang, report.get("exercise")),
                        act.get("automatic_verdict", act["verdict"]),
                        "yes" if comp.get("provisional") else "no",
                        signed.get("by", ""),
                        signed.get("at", ""),
                    ]
                )
    return out.getvalue().encode("utf-8")
