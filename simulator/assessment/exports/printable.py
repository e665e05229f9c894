"""A printable report per call: HTML (self-contained, print CSS) and PDF rendered from it by WeasyPrint.

WeasyPrint is an optional dependency (``pip install eerstelijn[pdf]``) and needs Debian's
``libpango-1.0-0`` and ``libpangoft2-1.0-0``; it is imported only when a PDF is asked for.
"""

from __future__ import annotations

import importlib
from html import escape
from typing import Any

from simulator.assessment.exports.registry import exporter, options_of
from simulator.assessment.messages import message
from simulator.assessment.report import session_report

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #1b1b1b; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
section.call { page-break-after: always; } section.call:last-child { page-break-after: auto; }
table { width: 100%; border-collapse: collapse; } td, th { text-align: left; vertical-align: top; padding: 2pt 4pt; }
th { border-bottom: 1px solid #666; } tr.met td.v { color: #0a6b2d; } tr.not_met td.v { color: #a11; }
tr.partly td.v { color: #8a5a00; } .level { font-weight: bold; } .moment { color: #555; font-size: 8.5pt; }
"""


def render_html(reports: list[dict[str, Any]], lang: str = "nl") -> str:
    """Return one self-contained HTML document with a section per call."""
    sections = [_section(session_report(report, lang), report) for report in reports]
    title = escape(message("title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{CSS}</style></head><body>{''.join(sections)}</body></html>\n"
    )


def _section(session: dict[str, Any], report: dict[str, Any]) -> str:
    lang = session["lang"]
    trainee = escape(str(report.get("trainee") or ""))
    form = (
        f" · {escape(message('form', lang))} {escape(str(session['form_title']))}" if session.get("form_title") else ""
    )
    head = (
        f"<h1>{escape(message('title', lang))}</h1><p>{escape(message('exercise', lang))} "
        f"<strong>{escape(str(session['exercise']))}</strong>"
        + form
        + f" · {escape(message('mode.' + session['mode'], lang))}"
        + (f" · {trainee}" if trainee else "")
        + "</p>"
    )
    parts = [head]
    if session.get("provisional"):
        parts.append(f'<p class="provisional">{escape(message("provisional_note", lang))}</p>')
    for comp in session["competencies"]:
        if comp["level"] is None:
            continue
        rows = []
        for act in comp["activities"]:
            if act["verdict"] == "not_observed" and not act["moments"]:
                continue
            moments = "<br>".join(
                f'<span class="moment">#{m["event"]} · {m["t"]:.1f} s · “{escape(m["text"])}”</span>'
                for m in act["moments"][:3]
            )
            judged_by = ""
            if act.get("override"):
                o = act["override"]
                automatic = message("verdict." + str(act.get("automatic_verdict")), lang)
                judged_by = (
                    f'<br><span class="override"><strong>{escape(message("instructor_judgement", lang))}</strong>'
                    f" ({escape(str(o['by']))}) — {escape(message('instructor_reason', lang))}: "
                    f"{escape(str(o['reason']))}"
                    f" · {escape(message('automatic_was', lang))}: {escape(automatic)}</span>"
                )
            rows.append(
                f'<tr class="{escape(act["verdict"])}"><td>{escape(act["id"])}</td><td>{escape(act["text"])}</td>'
                f'<td class="v">{escape(act["verdict_label"])}{judged_by}</td>'
                f"<td>{escape(act['explanation'])}<br>{moments}</td></tr>"
            )
        provisional = f" — {escape(message('provisional', lang))}" if comp.get("provisional") else ""
        parts.append(
            f'<h2>{escape(comp["id"])}. {escape(comp["title"])} — <span class="level">{escape(message("level", lang))} '
            f"{comp['level']} ({escape(comp['level_label'])}){provisional}</span></h2><table>{''.join(rows)}</table>"
        )
    for key in ("strengths", "improvements"):
        items = "".join(
            f"<li>{escape(a['id'])} {escape(a['text'])}: {escape(a['explanation'])}</li>" for a in session[key]
        )
        parts.append(
            f"<h2>{escape(message(key, lang))}</h2><ul>{items or '<li>' + escape(message('none', lang)) + '</li>'}</ul>"
        )
    if session["mode"] == "exam":
        parts.append(f"<p>{escape(message('model_hidden', lang))}</p>")
    elif session.get("model_answer"):
        steps = "".join(
            f"<li>{escape(s['activity'])} {escape(s['do'])}"
            + (f" — “{escape(s['example'])}”" if s.get("example") else "")
            + "</li>"
            for s in session["model_answer"]
        )
        parts.append(f"<h2>{escape(message('model_answer', lang))}</h2><ol>{steps}</ol>")
    return f'<section class="call">{"".join(parts)}</section>'


@exporter("html", "text/html; charset=utf-8", "html")
def export_html(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return the printable report as HTML."""
    return render_html(reports, str(options_of(options, "lang", "nl"))).encode("utf-8")


@exporter("pdf", "application/pdf", "pdf", binary=True)
def export_pdf(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return the printable report as PDF (needs the optional WeasyPrint dependency)."""
    try:
        weasyprint: Any = importlib.import_module("weasyprint")
    except ImportError as exc:
        raise RuntimeError("PDF export needs WeasyPrint: pip install 'eerstelijn[pdf]' (and libpango-1.0-0)") from exc
    html = render_html(reports, str(options_of(options, "lang", "nl")))
    return bytes(weasyprint.HTML(string=html).write_pdf())
