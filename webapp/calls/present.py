"""What the console and the API show of a call: its state, its events and, in practice, a hint.

An exam shows the conversation and the helpdesk tools but nothing that tells the trainee how they
are doing (no mood, no scenario state, no hint) and never the expected handling: its events and state
pass through the allow-lists of :mod:`webapp.calls.exam_view`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.adapters.db.models import CallSession, Mode
from simulator.scripts.runner import CallRunner
from webapp.calls import exam_view


def visible_event(event: dict[str, Any], mode: Mode) -> dict[str, Any] | None:
    """Return the event as the trainee may see it during the call, or None when an exam does not show it."""
    if mode is not Mode.EXAM:
        return event
    return exam_view.event(event)


def visible_events(events: list[dict[str, Any]], mode: Mode) -> list[dict[str, Any]]:
    """Return the events of a running call that the trainee may see; a refusal gets its reason in words.

    ``reason_text`` is the world's reason as the interface language shows it (step names replaced by
    what they do; translated in French and English), for the console; ``reason`` stays as the world gave it.
    """
    from webapp.instructor.event_labels import refusal_reason

    shown = (visible_event(e, mode) for e in events)
    out = []
    for event in shown:
        if event is not None and event["data"].get("refused"):
            event = {**event, "data": {**event["data"], "reason_text": refusal_reason(event["data"])}}
        if event is not None:
            out.append(event)
    return out


def current_ticket(runner: CallRunner) -> dict[str, Any] | None:
    """Return every field of the call's current ticket (its history left out), or None."""
    world: Any = runner.world
    number = getattr(world, "current", None)
    if not number:
        return None
    data: dict[str, Any] = world.tickets.get(number).to_dict()
    data.pop("history", None)
    return data


def queue(runner: CallRunner) -> list[dict[str, Any]]:
    """Return the open tickets of the shift's queue with their SLA clocks (empty outside a shift)."""
    world: Any = runner.world
    spec = getattr(world, "spec", None)
    if spec is None or not getattr(spec, "queue", None):
        return []
    now = world.at(runner.call.clock.now)
    policy = world.tickets.policy
    rows = []
    for ticket in world.tickets.tickets.values():
        if ticket.channel == "phone" and ticket.number != world.current:
            continue  # the caller's history is not the queue
        target = policy.targets[ticket.priority]
        elapsed = ticket.clock.elapsed(policy, ticket.priority, now)
        rows.append(
            {
                "number": ticket.number,
                "summary": ticket.summary,
                "caller": ticket.caller,
                "priority": ticket.priority,
                "status": ticket.status.value,
                "group": ticket.group,
                "channel": ticket.channel,
                "open": ticket.is_open,
                "sla": {
                    "target_min": target.resolution_min,
                    "elapsed_s": round(elapsed, 1),
                    "left_s": round(target.resolution_min * 60 - elapsed, 1),
                    "alerts": world.sla_alerts(ticket.number),
                    "breached": any(a.endswith("sla.breach") for a in world.sla_alerts(ticket.number)),
                },
            }
        )
    return sorted(rows, key=lambda r: (not r["open"], r["sla"]["left_s"]))


#: Evidence that marks when something was due or never came: the trainee has not acted on it.
NOT_DONE = frozenset({"due", "missing"})


def hint(runner: CallRunner) -> dict[str, Any] | None:
    """Return the next expected step the trainee has not acted on yet, in practice only (None in an exam
    or when every step was acted on).

    A step counts as acted on once its activity has a verdict resting on something the trainee did
    (not merely on its absence), however well it went: the greeting hint goes once the greeting was
    said, a "run this command" hint once the command ran. Repeating a moment that has passed helps no one.
    """
    if runner.call.mode == "exam":
        return None
    from simulator.assessment import Verdict, assess

    results = {a.id: a for c in assess(runner.record()).competencies for a in c.activities}
    for step in runner.exercise.expected:
        result = results.get(step.activity)
        acted = result is not None and any(not e.absence and e.act not in NOT_DONE for e in result.evidence)
        if result is None or (result.verdict is not Verdict.MET and not acted):
            return step.model_dump(exclude_none=True)
    return None


def state(call: CallSession, runner: CallRunner, *, with_hint: bool = True) -> dict[str, Any]:
    """Return the console's state of the call: phase, clock, consent, ticket and (practice) mood and hint."""
    snap = runner.snapshot()
    practice = call.mode is Mode.PRACTICE
    body: dict[str, Any] = {
        "phase": snap["phase"],
        "clock": round(snap["clock"], 1),
        "ended": snap["ended"],
        "consent_given": snap["consent_given"],
        "remote_session": bool(getattr(runner.world, "session", False)),
        "ticket": current_ticket(runner),
        "queue": queue(runner),
        "mood": snap["mood"] if practice else None,
        "hint": hint(runner) if practice and with_hint and not snap["ended"] else None,
    }
    return body if practice else exam_view.state(body)


def summary(call: CallSession) -> dict[str, Any]:
    """Return a call without its event log."""
    return {
        "id": call.id,
        "trainee_id": call.trainee_id,
        "exercise_id": call.exercise_id,
        "seed": call.seed,
        "mode": call.mode.value,
        "status": call.status.value,
        "assignment_id": call.assignment_id,
        "version": call.version_id,
        "started_at": _iso(call.started_at),
        "ended_at": _iso(call.ended_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
