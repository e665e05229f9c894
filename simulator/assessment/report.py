"""The session report: levels, verdicts linked to transcript moments, strengths, points to improve.

It works from the replay report (plain data, as saved by ``play`` or written by ``replay --json``)
so an old session is reported as it was judged. In practice mode it adds the model answer from the
exercise's expected handling; in exam mode that stays hidden. An instructor's verdict (an override)
is shown as theirs, with the reason; exam levels nobody signed off yet are marked provisional.
Evidence is shown as the line that was said or, for anything else, a description in the report's
language: no event type or field name of the engine reaches the reader.
"""

from __future__ import annotations

from typing import Any

from simulator.assessment.explain import render_reasons
from simulator.assessment.messages import message
from simulator.assessment.modes import model_answer
from simulator.conversation.events import EventType
from simulator.conversation.exercise import Exercise

MAX_POINTS = 5
_RANK = {"not_met": 0, "partly": 1}


def session_report(report: dict[str, Any], lang: str = "nl") -> dict[str, Any]:
    """Build the session report of a replay report in the interface language ``lang``."""
    mode = str(report.get("mode", "practice"))
    events = {int(e["i"]): e for e in report.get("events", []) if "i" in e}
    competencies = []
    strengths: list[dict[str, Any]] = []
    improvements: list[dict[str, Any]] = []
    for comp in report.get("assessment", {}).get("competencies", []):
        activities = []
        for act in comp.get("activities", []):
            if act.get("verdict") == "not_observed" and not act.get("detector"):
                continue
            item = {
                "id": act["id"],
                "text": act.get("text", ""),
                "verdict": act["verdict"],
                "verdict_label": message(f"verdict.{act['verdict']}", lang),
                "explanation": render_reasons(act, lang, report.get("exercise")),
                "moments": [
                    {
                        "event": e["event"],
                        "t": e["t"],
                        "quote": e["quote"],
                        "text": moment_text(e, events, lang),
                        "anchor": f"#event-{e['event']}",
                    }
                    for e in act.get("evidence", [])
                ],
                "automatic_verdict": act.get("automatic_verdict"),
                "override": _override(act.get("override")),
                "confirmed": act.get("confirmed"),
            }
            activities.append(item)
            if act["verdict"] == "met":
                strengths.append(item)
            elif act["verdict"] in _RANK:
                improvements.append(item)
        level = comp.get("level")
        competencies.append(
            {
                "id": comp["id"],
                "title": comp.get("title", ""),
                "level": level,
                "level_label": message("level.none" if level is None else f"level.{level}", lang),
                "activities": activities,
                "provisional": bool(comp.get("provisional")),
                "signed_off": comp.get("signed_off"),
            }
        )
    improvements.sort(key=lambda a: (_RANK[a["verdict"]], _order(a["id"])))
    return {
        "exercise": report.get("exercise"),
        "form": report.get("form"),
        "form_title": _form_title(report, lang),
        "mode": mode,
        "lang": lang,
        "provisional": bool(report.get("assessment", {}).get("provisional")),
        "competencies": competencies,
        "strengths": strengths[:MAX_POINTS],
        "improvements": improvements[:MAX_POINTS],
        "model_answer": _model_answer(report, mode),
    }


def _override(record: Any) -> dict[str, Any] | None:
    """Return who overrode a verdict, when and why, or None for an automatic verdict."""
    if not isinstance(record, dict):
        return None
    return {"reason": record.get("reason", ""), "by": record.get("instructor", ""), "at": record.get("at", "")}


SPEECH = frozenset({EventType.UTTERANCE, EventType.CUSTOMER_LINE})
_MOMENTS: dict[str, str] = {
    EventType.MOOD: "moment.mood",
    EventType.FACT_REVEALED: "moment.fact",
    EventType.STATE_CHANGE: "moment.state",
}


def moment_text(evidence: dict[str, Any], events: dict[int, dict[str, Any]], lang: str) -> str:
    """Return what a piece of evidence shows, in ``lang``: the line said, or the event described in words."""
    quote = str(evidence.get("quote", ""))
    if evidence.get("absence"):
        return message("moment.absent", lang)
    event = events.get(int(evidence.get("event", -1)))
    if event is None:
        return ""
    kind, data = str(event.get("type")), event.get("data") or {}
    if kind in SPEECH:
        return quote or str(data.get("text", ""))
    if data.get("refused"):
        return message("moment.refused", lang, what=_action(str(data.get("step") or kind), lang))
    if kind in _MOMENTS:
        return message(_MOMENTS[kind], lang, mood=data.get("mood", "?"))
    if kind == EventType.ANSWER:
        return message("moment.answer", lang, s=round(float(data.get("wait_s", 0))))
    if kind in (EventType.END, EventType.CONSENT):
        return message(f"moment.{kind}", lang)
    return message("moment.event", lang, what=_action(kind, lang))


def _action(step: str, lang: str) -> str:
    found = message(f"action.{step}", lang)
    return found if found != f"action.{step}" else message("action.unknown", lang)


def _model_answer(report: dict[str, Any], mode: str) -> list[dict[str, Any]] | None:
    """Return the expected handling (of the form played) in practice mode; None in exam mode or when it is gone."""
    if mode == "exam":
        return None
    exercise = _exercise_of(report)
    return model_answer(exercise, mode) if exercise is not None else None


def _exercise_of(report: dict[str, Any]) -> Exercise | None:
    """Return the exercise as the report's form laid it out, or None when it no longer loads."""
    try:
        from simulator.conversation.forms import with_form
        from simulator.conversation.loader import load_exercise

        form = report.get("form")
        return with_form(load_exercise(str(report.get("exercise"))), str(form) if form else None)
    except Exception:  # noqa: BLE001 - an old session whose exercise (or form) no longer loads still gets its report
        return None


def _form_title(report: dict[str, Any], lang: str) -> str | None:
    """Return the name of the form the call played, in ``lang`` (its id when the exercise is gone)."""
    form = report.get("form")
    if not form:
        return None
    from simulator.conversation.forms import form_title

    exercise = _exercise_of(report)
    return form_title(exercise, str(form), lang) if exercise is not None else str(form)


def render_text(session: dict[str, Any]) -> str:
    """Render a session report as plain text for the terminal."""
    lang = session.get("lang", "nl")
    out = [
        f"{message('title', lang)} — {message('exercise', lang)} {session['exercise']} "
        f"({message('mode.' + session['mode'], lang)})"
    ]
    if session.get("form_title"):
        out.append(f"{message('form', lang)}: {session['form_title']}")
    for comp in session["competencies"]:
        if comp["level"] is None:
            continue
        out.append(
            f"\n{comp['id']:>2}. {comp['title']}: {message('level', lang)} {comp['level']} ({comp['level_label']})"
        )
        for act in comp["activities"]:
            if act["verdict"] == "not_observed" and not act["moments"]:
                continue
            moments = " ".join(f"[#{m['event']} {m['t']:.1f}s]" for m in act["moments"][:4])
            if act.get("override"):
                moments += f" ({message('instructor_judgement', lang)}: {act['override']['reason']})"
            out.append(f"    {act['id']:<5} {act['verdict_label']:<16} {act['explanation']} {moments}".rstrip())
    for key in ("strengths", "improvements"):
        out.append(f"\n{message(key, lang)}:")
        items = session[key] or []
        out += [f"  - {a['id']} {a['text']}: {a['explanation']}" for a in items] or [f"  {message('none', lang)}"]
    if session["mode"] == "exam":
        out.append(f"\n{message('model_hidden', lang)}")
    elif session.get("model_answer"):
        out.append(f"\n{message('model_answer', lang)}:")
        for step in session["model_answer"]:
            example = f" — “{step['example']}”" if step.get("example") else ""
            out.append(f"  {step['activity']:<5} {step['do']}{example}")
    return "\n".join(out)


def _order(aid: str) -> tuple[int, int]:
    a, b = aid.split(".")
    return int(a), int(b)
