"""xAPI 1.0.3 statements: one per call, one per competency result and one per key decision.

Statement ids are UUID v5 derived from the registration (learner, exercise, seed and start of the
call), so exporting the same session twice gives the same ids and a learning record store
deduplicates them. A statement whose content changed since an earlier export (an instructor's
override, an exam sign-off) gets a new id, and the statement it replaces is voided with the
``voided`` verb: an LRS answers 409 to a known id with other content and would refuse the batch.

The learner is an account (``homePage`` = the configured base URL, ``name`` = a stable pseudonym),
never a display name. The base URL of every IRI is the instance's own, set by the admin; there is
no default domain. ``context.language`` is the language the call was held in.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from simulator.assessment.exports.registry import exporter, options_of
from simulator.conversation.events import EventType

VERB = "http://adlnet.gov/expapi/verbs/"
VOIDED = VERB + "voided"
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/"
KEY_DECISIONS = frozenset(
    {
        EventType.TICKET_CREATE,
        EventType.TICKET_ASSIGN,
        EventType.TICKET_LINK_PROBLEM,
        EventType.TICKET_RESOLVE,
        EventType.TICKET_CLOSE,
        EventType.KB_SHARE,
        EventType.KB_PROPOSE,
        EventType.REMOTE_CONNECT,
        EventType.CONSENT,
        EventType.END,
    }
)
LANG_TAGS = {"nl": "nl-BE", "fr": "fr-BE", "en": "en"}
PLATFORM = "eerstelijn"


class MissingOption(RuntimeError):
    """Something the statements cannot do without is missing: the base URL, the learner, the start time."""


def duration(seconds: float) -> str:
    """Return an ISO 8601 duration such as ``PT1M42.67S``."""
    minutes, rest = divmod(max(0.0, float(seconds)), 60)
    hours, minutes = divmod(int(minutes), 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + f"{round(rest, 2):g}S"


def statements(report: dict[str, Any], **options: Any) -> list[dict[str, Any]]:
    """Return the xAPI statements of one call: current ones, then the voiding of replaced ones."""
    base = _base(options)
    when = report.get("started_at") or options.get("started_at")
    if not when:
        raise MissingOption("xAPI export needs the start time of the call (the session's started_at)")
    started = _started(when)
    learner = str(report.get("learner") or options_of(options, "learner", "") or "")
    if not learner:
        raise MissingOption("xAPI export needs a learner id (the session's learner or --learner)")
    registration = str(
        report.get("registration")
        or options.get("registration")
        or uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{base}/sessions/{learner}/{report.get('exercise')}/{report.get('seed')}/{started.isoformat()}",
        )
    )
    language = LANG_TAGS.get(call_language(report) or str(options_of(options, "lang", "nl")), "nl-BE")
    frame = _Frame(base, registration, started, language, {"objectType": "Agent", "account": _account(base, learner)})
    current = _bodies(report, report.get("assessment") or {}, frame)
    states = [(str(h["until"]), _bodies(report, h.get("assessment") or {}, frame)) for h in _history(report)]
    out: list[dict[str, Any]] = []
    voids: list[dict[str, Any]] = []
    for key, body in current.items():
        generation, replaced = _generations(key, body, states)
        if body is not None:
            out.append({"id": _id(registration, key, generation), **body})
        for old_generation, until in replaced:
            voids.append(_void(frame, _id(registration, key, old_generation), until))
    return out + voids


def _bodies(report: dict[str, Any], assessment: dict[str, Any], frame: _Frame) -> dict[str, dict[str, Any] | None]:
    """Return statement key → statement without id, for one state of the results (None: not sent)."""
    base = frame.base
    outcome = report.get("outcome", {})
    end = float(outcome.get("duration_s", 0.0))
    exercise_iri = f"{base}/exercises/{report.get('exercise')}"
    parent = {"objectType": "Activity", "id": exercise_iri}
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
    out: dict[str, dict[str, Any] | None] = {"call": frame.make("completed", exercise_obj, end, call_result)}
    qualification = report.get("qualification", "bkd-2023")
    unreviewed_exam = report.get("mode") == "exam" and "provisional" not in assessment  # nobody could sign it off
    for comp in assessment.get("competencies", []):
        level = comp.get("level")
        key = f"competency:{comp['id']}"
        if level is None or comp.get("provisional") or unreviewed_exam:
            out[key] = None  # an exam level nobody signed off yet is not a result to record
            continue
        obj = _activity(
            f"{base}/qualifications/{qualification}/competencies/{comp['id']}",
            f"{comp['id']}. {comp.get('title', '')}",
            "objective",
        )
        result: dict[str, Any] = {
            "score": {"raw": level, "min": 0, "max": 3, "scaled": round(level / 3, 4)},
            "success": level >= 2,
            "completion": True,
        }
        if comp.get("signed_off"):
            result["extensions"] = {f"{base}/extensions/signed-off-at": comp["signed_off"]["at"]}
        out[key] = frame.make("scored", obj, end, result, parent)
    for event in report.get("events", []):
        data = event.get("data", {})
        if event["type"] not in KEY_DECISIONS or data.get("refused") and event["type"] != EventType.TICKET_CREATE:
            continue
        obj = _activity(f"{base}/decisions/{event['type']}", f"Beslissing: {event['type']}", "interaction")
        result = {"success": not data.get("refused"), "extensions": {f"{base}/extensions/event": event["i"]}}
        out[f"decision:{event['i']}"] = frame.make("interacted", obj, float(event["t"]), result, parent)
    return out


def _generations(
    key: str, current: dict[str, Any] | None, states: list[tuple[str, dict[str, dict[str, Any] | None]]]
) -> tuple[int, list[tuple[int, str]]]:
    """Return the generation of the current statement and the (generation, replaced at) of earlier ones.

    The generation goes up each time the statement's content changes, so each content has its own id.
    """
    generation = 0
    shown: dict[str, Any] | None = None
    sent = False
    replaced: list[tuple[int, str]] = []
    since = ""  # when the state being read began: the end of the one before
    for until, bodies in [*states, ("", {key: current})]:
        body = bodies.get(key)
        if body != shown:
            if shown is not None:
                replaced.append((generation, since))
            if body is not None:
                generation += 1 if sent else 0
                sent = True
            shown = body
        since = until
    return generation, replaced


@dataclass(frozen=True)
class _Frame:
    """What every statement of one call shares."""

    base: str
    registration: str
    started: datetime
    language: str
    actor: dict[str, Any]

    def make(
        self, verb: str, obj: dict[str, Any], at: float, result: dict[str, Any], parent: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Return a statement without its id."""
        context: dict[str, Any] = {"registration": self.registration, "language": self.language, "platform": PLATFORM}
        if parent is not None:
            context["contextActivities"] = {"parent": [parent]}
        return {
            "actor": self.actor,
            "verb": {"id": VERB + verb, "display": {"en-US": verb}},
            "object": obj,
            "result": result,
            "context": context,
            "timestamp": _iso(self.started + timedelta(seconds=at)),
        }


def _void(frame: _Frame, target: str, until: str) -> dict[str, Any]:
    """Return the statement that voids statement ``target``, dated when its content was replaced."""
    return {
        "id": str(uuid.uuid5(uuid.UUID(frame.registration), f"voided:{target}")),
        "actor": {"objectType": "Agent", "account": _account(frame.base, PLATFORM)},
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target},
        "context": {"registration": frame.registration, "platform": PLATFORM},
        "timestamp": _iso(_started(until)),
    }


def _id(registration: str, key: str, generation: int) -> str:
    name = key if generation == 0 else f"{key}:{generation}"
    return str(uuid.uuid5(uuid.UUID(registration), name))


def _history(report: dict[str, Any]) -> list[dict[str, Any]]:
    found = report.get("assessment_history") or []
    return [h for h in found if isinstance(h, dict) and h.get("until")]


def _account(base: str, name: str) -> dict[str, str]:
    return {"homePage": base, "name": name}


def _base(options: dict[str, Any]) -> str:
    base = str(options.get("base") or "").strip().rstrip("/")
    if not base or "://" not in base:
        raise MissingOption(
            "xAPI export needs the base URL of this installation for its IRIs "
            "(web: XAPI_BASE_URL / EERSTELIJN_XAPI_BASE; command line: --xapi-base or EERSTELIJN_XAPI_BASE)"
        )
    return base


def call_language(report: dict[str, Any]) -> str | None:
    """Return the language the call was held in: the report's, else its exercise's (None if unknown)."""
    found = report.get("language")
    if isinstance(found, str) and found:
        return found
    try:
        from simulator.conversation.loader import load_exercise

        return str(load_exercise(str(report.get("exercise"))).language)
    except Exception:  # noqa: BLE001 - an exercise that no longer loads: fall back to the exporter's language
        return None


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
    raise MissingOption(f"not a moment in time: {value!r}")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
