"""xAPI 1.0.3 statements: one per call, one per competency result and one per key decision.

Statement ids are UUID v5 derived from the registration, so exporting the same session twice gives
the same ids and a learning record store deduplicates them instead of counting the call twice.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from simulator.assessment.exports.registry import exporter, options_of

BASE = "https://eerstelijn.example/xapi"
VERB = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/"
KEY_DECISIONS = frozenset(
    {
        "ticket.create",
        "ticket.assign",
        "ticket.link_problem",
        "ticket.resolve",
        "ticket.close",
        "kb.share",
        "kb.propose",
        "remote.connect",
        "consent",
        "end",
    }
)
LANG_TAGS = {"nl": "nl-BE", "fr": "fr-BE", "en": "en"}


def duration(seconds: float) -> str:
    """Return an ISO 8601 duration such as ``PT1M42.67S``."""
    minutes, rest = divmod(max(0.0, float(seconds)), 60)
    hours, minutes = divmod(int(minutes), 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + f"{round(rest, 2):g}S"


def statements(report: dict[str, Any], **options: Any) -> list[dict[str, Any]]:
    """Return the xAPI statements of one call."""
    base = str(options_of(options, "base", BASE)).rstrip("/")
    started = _started(options.get("started_at"))
    trainee = str(report.get("trainee") or options_of(options, "trainee", "anonymous"))
    registration = str(
        options.get("registration")
        or uuid.uuid5(
            uuid.NAMESPACE_URL, f"{base}/sessions/{report.get('exercise')}/{report.get('seed')}/{started.isoformat()}"
        )
    )
    lang = LANG_TAGS.get(str(options_of(options, "lang", "nl")), "nl-BE")
    actor = {"objectType": "Agent", "name": trainee, "account": {"homePage": base, "name": trainee}}
    exercise_iri = f"{base}/exercises/{report.get('exercise')}"
    parent = {"objectType": "Activity", "id": exercise_iri}
    outcome = report.get("outcome", {})

    def make(
        kind: str, key: str, verb: str, obj: dict[str, Any], at: float, result: dict[str, Any] | None, parents: bool
    ) -> dict[str, Any]:
        context: dict[str, Any] = {"registration": registration, "language": lang, "platform": "eerstelijn"}
        if parents:
            context["contextActivities"] = {"parent": [parent]}
        statement = {
            "id": str(uuid.uuid5(uuid.UUID(registration), f"{kind}:{key}")),
            "actor": actor,
            "verb": {"id": VERB + verb, "display": {"en-US": verb}},
            "object": obj,
            "context": context,
            "timestamp": _iso(started + timedelta(seconds=at)),
            "version": "1.0.3",
        }
        if result is not None:
            statement["result"] = result
        return statement

    call_result = {
        "completion": outcome.get("ended_by") is not None,
        "success": bool(outcome.get("resolved")),
        "duration": duration(outcome.get("duration_s", 0.0)),
        "extensions": {
            f"{base}/extensions/customer-mood": outcome.get("customer_mood"),
            f"{base}/extensions/mode": report.get("mode"),
        },
    }
    exercise_obj = _activity(exercise_iri, f"Oefening {report.get('exercise')}", "simulation")
    out = [make("call", "call", "completed", exercise_obj, float(outcome.get("duration_s", 0.0)), call_result, False)]
    qualification = report.get("qualification", "bkd-2023")
    for comp in report.get("assessment", {}).get("competencies", []):
        level = comp.get("level")
        if level is None:
            continue
        obj = _activity(
            f"{base}/qualifications/{qualification}/competencies/{comp['id']}",
            f"{comp['id']}. {comp.get('title', '')}",
            "objective",
        )
        result = {
            "score": {"raw": level, "min": 0, "max": 3, "scaled": round(level / 3, 4)},
            "success": level >= 2,
            "completion": True,
        }
        out.append(make("competency", comp["id"], "scored", obj, float(outcome.get("duration_s", 0.0)), result, True))
    for event in report.get("events", []):
        data = event.get("data", {})
        if event["type"] not in KEY_DECISIONS or data.get("refused") and event["type"] != "ticket.create":
            continue
        obj = _activity(f"{base}/decisions/{event['type']}", f"Beslissing: {event['type']}", "interaction")
        result = {"success": not data.get("refused"), "extensions": {f"{base}/extensions/event": event["i"]}}
        out.append(make("decision", str(event["i"]), "interacted", obj, float(event["t"]), result, True))
    return out


@exporter("xapi", "application/json", "json")
def export_xapi(reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return the xAPI statements of every report as one JSON array."""
    every = [s for report in reports for s in statements(report, **options)]
    return json.dumps(every, ensure_ascii=False, indent=1).encode("utf-8")


def _activity(iri: str, name: str, kind: str) -> dict[str, Any]:
    return {"objectType": "Activity", "id": iri, "definition": {"name": {"nl-BE": name}, "type": ACTIVITY_TYPE + kind}}


def _started(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
