"""The BKD as a Moodle competency framework, in the CSV format of ``tool_lpimportcsv``.

Columns, order and conventions follow Moodle's own exporter: a framework row (``Is framework`` = 1)
with the scale, then one row per competency and one per activity under its competency. Fields are
separated by commas (choose "comma" as the delimiter on Moodle's import page), UTF-8 without BOM.

The scale's default — what Moodle gives when a competency is completed automatically — is the
first proficient value, "Voldoende", never "Niet getoond". Moodle refuses a framework whose ID
number exists; the framework's ID number carries a version (``BKD-2023-V1``), so an updated
framework is imported beside the old one with the next version (``framework_version``).
"""

from __future__ import annotations

import html
import io
import json
from typing import Any

from simulator.assessment.exports.registry import exporter, options_of
from simulator.content.spreadsheet import csv_writer
from simulator.qualification import load_qualification

HEADERS = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
FORMAT_HTML = "1"
SCALE = ("Niet getoond", "Onvoldoende", "Voldoende", "Sterk")
DEFAULT_VALUE = SCALE.index("Voldoende")  # the first proficient value
#: Moodle's scale configuration: the scale, then per value whether it is the default and whether it is proficient.
SCALE_CONFIG = [{"scaleid": "0"}] + [
    {"id": i + 1, "scaledefault": int(i == DEFAULT_VALUE), "proficient": int(i >= DEFAULT_VALUE)}
    for i in range(len(SCALE))
]
SHORT_NAME_CHARS = 100


@exporter("moodle", "text/csv; charset=utf-8", "csv")
def export_moodle(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return the qualification as a Moodle competency-framework CSV (the reports are not needed)."""
    qualification = load_qualification(options_of(options, "qualification", "bkd-2023"))
    prefix = qualification.id.upper()
    version = int(options_of(options, "framework_version", 1))
    if version < 1:
        raise ValueError("framework_version must be 1 or more")
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    description = (
        f"{qualification.title} ({qualification.kind} {qualification.year or ''}, niveau {qualification.level})"
    )
    writer.writerow(
        [
            "",
            f"{prefix}-V{version}",
            _short(f"{qualification.title} {qualification.year or ''} (v{version})".replace("  ", " ")),
            _html(description),
            FORMAT_HTML,
            ",".join(SCALE),
            json.dumps(SCALE_CONFIG, separators=(",", ":")),
            "",
            "",
            "",
            "",
            "",
            "1",
            "competency,behaviour",
        ]
    )
    exported = 0
    for comp in qualification.competencies:
        exported += 1
        comp_id = f"{prefix}-{comp.id}"
        body = comp.title + (f" — {comp.role_group}" if comp.role_group else "")
        writer.writerow(_competency_row("", comp_id, f"{comp.id}. {comp.title}", body, exported))
        for act in comp.activities:
            exported += 1
            writer.writerow(_competency_row(comp_id, f"{prefix}-{act.id}", f"{act.id} {act.text}", act.text, exported))
    return out.getvalue().encode("utf-8")


def _short(text: str) -> str:
    return text if len(text) <= SHORT_NAME_CHARS else text[: SHORT_NAME_CHARS - 1] + "…"


def _html(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _competency_row(parent: str, id_number: str, short: str, description: str, exported: int) -> list[str]:
    """Return one competency line: no scale or rule of its own, the framework's scale applies."""
    return [parent, id_number, _short(short), _html(description), FORMAT_HTML] + [
        "",
        "",
        "",
        "",
        "null",
        "",
        str(exported),
        "",
        "",
    ]
