"""CSV: one row per judged activity per call, for spreadsheets and a student-tracking system."""

from __future__ import annotations

import io
from typing import Any

from simulator.assessment.exports.registry import exporter
from simulator.content.spreadsheet import csv_writer

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
)


@exporter("csv", "text/csv; charset=utf-8", "csv")
def export_csv(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return every judged activity of every report as CSV rows."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for report in reports:
        trainee = report.get("trainee") or options.get("trainee") or ""
        for comp in report.get("assessment", {}).get("competencies", []):
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
                        act.get("explanation", ""),
                    ]
                )
    return out.getvalue().encode("utf-8")
