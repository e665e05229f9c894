"""What the session review shows, built from a stored call: moments, ticket history, verdicts with overrides.

Everything here reads the call's event log and saved report; nothing is re-assessed, so a review
shows the call exactly as it was judged. Overrides are laid over the automatic verdicts, which stay
visible beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.adapters.db.models import CallSession, ResultSignOff, VerdictOverride
from simulator.assessment.model import Verdict as AssessedVerdict
from simulator.assessment.overrides import Override
from simulator.assessment.signoff import SignOff, history, reviewed
from simulator.conversation.events import EventType
from webapp import catalogue
from webapp.instructor.event_labels import describe, evidence_text
from webapp.labels import explanation

SPEECH = {EventType.UTTERANCE: "trainee", EventType.CUSTOMER_LINE: "customer"}


@dataclass(frozen=True)
class Moment:
    """One event of the call as a row of the review: spoken line or timeline marker."""

    i: int
    t: float
    type: str
    speaker: str | None
    text: str
    kind: str
    refused: bool = False
    cited: bool = False


@dataclass
class ActivityRow:
    """One judged activity: the automatic verdict, the instructor's (if any) and the evidence."""

    id: str
    text: str
    automatic: str
    verdict: str
    explanation: str
    evidence: list[dict[str, Any]]
    overridden: bool = False
    confirmed: dict[str, Any] | None = None


@dataclass
class CompetencyRow:
    """One competency with its automatic and final level and its judged activities."""

    id: str
    title: str
    automatic_level: int | None
    level: int | None
    activities: list[ActivityRow] = field(default_factory=list)
    provisional: bool = False


def moments(call: CallSession) -> list[Moment]:
    """Return every event of the call as a review row; evidence-cited events are marked."""
    cited = {e["event"] for c in _competencies(call) for a in c.get("activities", []) for e in a.get("evidence", [])}
    facts = fact_texts(call.exercise_id)
    rows = []
    for event in call.events or []:
        data = event.get("data") or {}
        if event["type"] == EventType.FACT_REVEALED:
            data = {**data, "fact_text": facts.get(str(data.get("fact")), "")}
        kind = _kind(event["type"], data)
        rows.append(
            Moment(
                i=int(event["i"]),
                t=float(event.get("t", 0.0)),
                type=event["type"],
                speaker=SPEECH.get(event["type"]),
                text=str(data.get("text", "")) if event["type"] in SPEECH else describe(event["type"], data),
                kind=kind,
                refused=bool(data.get("refused")),
                cited=int(event["i"]) in cited,
            )
        )
    return rows


def fact_texts(exercise_id: str) -> dict[str, str]:
    """Return fact id → what the caller says to reveal it (first variant), for the timeline."""
    exercise = catalogue.exercise_or_none(exercise_id)
    return {f.id: f.says[0] for f in exercise.facts} if exercise is not None else {}


def _kind(event_type: str, data: dict[str, Any]) -> str:
    """Return the row's family, which the page colours: speech, world, mood, state, refused, call."""
    if data.get("refused"):
        return "refused"
    if event_type in SPEECH:
        return "speech"
    if "." in event_type:
        return "world"
    if event_type in (EventType.MOOD, EventType.STATE_CHANGE, EventType.FACT_REVEALED, EventType.CONSENT):
        return EventType.MOOD if event_type == EventType.MOOD else "state"
    return "call"


def ticket_history(call: CallSession) -> list[dict[str, Any]]:
    """Return the ticket actions of the call in order, refused ones included, for the ticket panel."""
    rows = []
    for event in call.events or []:
        if not str(event["type"]).startswith(("ticket.", "sla.")):
            continue
        data = event.get("data") or {}
        text = describe(event["type"], data)
        rows.append({"i": event["i"], "t": event.get("t", 0.0), "type": event["type"], "text": text})
    return rows


def _competencies(call: CallSession) -> list[dict[str, Any]]:
    report = call.report or {}
    found: list[dict[str, Any]] = (report.get("assessment") or {}).get("competencies", [])
    return found


def as_override(row: VerdictOverride) -> Override:
    """Return a stored override as the assessment core's :class:`Override`."""
    who = row.instructor.display_name if row.instructor else "?"
    return Override(
        session=str(row.session_id),
        activity=row.activity_id,
        automatic=AssessedVerdict(row.automatic_verdict.value),
        verdict=AssessedVerdict(row.verdict.value),
        reason=row.reason,
        instructor=who,
        level=row.level,
        at=row.at,
    )


def as_signoff(row: ResultSignOff) -> SignOff:
    """Return a stored sign-off as the assessment core's :class:`SignOff`."""
    who = row.instructor.display_name if row.instructor else "?"
    return SignOff(session=str(row.session_id), instructor=who, at=row.at, activity=row.activity_id)


def reviewed_assessment(call: CallSession) -> dict[str, Any]:
    """Return the call's assessment with the instructor's overrides in force (automatic verdicts kept).

    In an exam each level also says whether it is still provisional (no instructor signed it off).
    """
    key = (len(call.overrides), len(call.signoffs), call.version_id)
    cached = call.__dict__.get("_reviewed")
    if cached is not None and cached[0] == key:  # a dashboard asks several times per call in one request
        found: dict[str, Any] = cached[1]
        return found
    assessment = (call.report or {}).get("assessment") or {"competencies": []}
    result = reviewed(
        assessment, call.mode.value, [as_override(r) for r in call.overrides], [as_signoff(r) for r in call.signoffs]
    )
    call.__dict__["_reviewed"] = (key, result)
    return result


def verdict_rows(call: CallSession) -> list[CompetencyRow]:
    """Return the judged competencies with overrides applied; unobserved, unjudged activities are left out."""
    rows = []
    events = {int(e["i"]): e for e in call.events or (call.report or {}).get("events", [])}
    for comp in reviewed_assessment(call).get("competencies", []):
        automatic_level = comp.get("automatic_level", comp.get("level"))
        row = CompetencyRow(str(comp["id"]), str(comp.get("title", "")), automatic_level, comp.get("level"))
        row.provisional = bool(comp.get("provisional"))
        for act in comp.get("activities", []):
            overridden = "automatic_verdict" in act
            if act.get("verdict") == "not_observed" and not act.get("detector") and not overridden:
                continue
            row.activities.append(
                ActivityRow(
                    id=str(act["id"]),
                    text=str(act.get("text", "")),
                    automatic=str(act.get("automatic_verdict", act["verdict"])),
                    verdict=str(act["verdict"]),
                    explanation=explanation(act, call.exercise_id),
                    evidence=[{**e, "text": evidence_text(e, events)} for e in act.get("evidence", [])],
                    overridden=overridden,
                    confirmed=act.get("confirmed"),
                )
            )
        if row.activities:
            rows.append(row)
    return rows


def activity_ids(call: CallSession) -> dict[str, str]:
    """Return activity id → automatic verdict for every activity in the call's report."""
    return {str(a["id"]): str(a["verdict"]) for c in _competencies(call) for a in c.get("activities", [])}


def effective_report(call: CallSession) -> dict[str, Any]:
    """Return the call's report with the instructor's verdicts in force and who/when added, for exports.

    ``assessment_history`` holds each earlier state of the results, so an export can replace what it
    sent before; ``learner`` is the trainee's pseudonym, which exports use instead of their name.
    """
    report = dict(call.report or {})
    report["assessment"] = reviewed_assessment(call)
    automatic = (call.report or {}).get("assessment") or {"competencies": []}
    report["assessment_history"] = history(
        automatic, call.mode.value, [as_override(r) for r in call.overrides], [as_signoff(r) for r in call.signoffs]
    )
    report["learner"] = call.trainee.pseudonym
    report.setdefault("exercise", call.exercise_id)
    report.setdefault("seed", call.seed)
    report.setdefault("mode", call.mode.value)
    report["trainee"] = call.trainee.display_name
    report["session_id"] = call.id
    report["started_at"] = call.started_at.isoformat()
    return report
