"""Detectors for working with colleagues on a shift: how the trainee talks to them, organises, hands over.

A shift call (the coordinator on the line, a queue of tickets) gives the occasion for the team
activities the BKD otherwise leaves to the instructor's eye; the detectors judge what the call shows:
courtesy towards the colleague, the queue taken in order of urgency, holds announced and kept short,
and a handover that says what was done and what comes next.
"""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.helpdesk import QUEUE_WORK, most_urgent_first
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Evidence, Finding
from simulator.conversation.events import Event, EventType

#: A handover shorter than this says nothing the next shift can use.
MIN_HANDOVER_WORDS = 8
#: The handover is judged on the trainee's last lines.
HANDOVER_LINES = 4
HANDOVER_ACTS = ("explain_steps", "paraphrase", "announce_escalation")
HANDLED = QUEUE_WORK


@detector("works_with_colleagues", "communicates", "hands_over", "organises", "adapts_plan")
def works_with_colleagues(view: CallView, aspect: str) -> Finding:
    """Judge courtesy to colleagues, the order of the work, holds and the handover on a shift."""
    if not view.utterances:
        return unobserved("call.trainee_silent")
    rude = view.said("blame_or_rude")
    if aspect == "communicates":
        return _communicates(view, rude)
    if aspect == "hands_over":
        return _hands_over(view)
    if aspect == "organises":
        return _organises(view, rude)
    return _adapts_plan(view, rude)


def _rude(view: CallView, rude: list[Event]) -> list[Evidence]:
    return [view.cite(e, "blame_or_rude") for e in rude[:3]]


def _unannounced_holds(view: CallView) -> list[Event]:
    return [e for e in view.of(EventType.HOLD) if e.data.get("announced") is False]


def _communicates(view: CallView, rude: list[Event]) -> Finding:
    if rude:
        return not_met("teamwork.blamed_colleague", *_rude(view, rude))
    silent = _unannounced_holds(view)
    if silent:
        return partly("teamwork.silent", *(view.evidence(e) for e in silent[:2]))
    asked = view.said("open_question", "closed_question", "thank", "greeting")
    shown = view.cite(asked[0], "open_question", "closed_question", "thank", "greeting") if asked else None
    return met("teamwork.clear", *([shown] if shown else [view.due(view.utterances[0])]))


def _hands_over(view: CallView) -> Finding:
    tail = view.utterances[-HANDOVER_LINES:]
    summary = [e for e in tail if set(HANDOVER_ACTS) & set(e.data.get("intents", ()))]
    if summary:
        best = max(summary, key=lambda e: words(e.data["text"]))
        if words(best.data["text"]) >= MIN_HANDOVER_WORDS:
            return met("handover.done", view.cite(best, *HANDOVER_ACTS))
        return partly("handover.too_short", view.cite(best, *HANDOVER_ACTS))
    earlier = view.said(*HANDOVER_ACTS)
    if earlier:
        return partly(
            "handover.no_summary",
            view.cite(earlier[-1], *HANDOVER_ACTS),
        )
    return not_met("handover.missing", view.absence())


def _organises(view: CallView, rude: list[Event]) -> Finding:
    if rude:
        return not_met("planning.refused", *_rude(view, rude))
    handled = view.of(*HANDLED)
    if not handled:
        plans = view.said("explain_steps")
        if plans:
            return partly("planning.plan_only", view.cite(plans[0], "explain_steps"))
        return not_met("planning.queue_untouched", view.absence())
    urgent, priority, waiting = most_urgent_first(view, handled[0])
    if urgent:
        return met("planning.by_urgency", view.evidence(handled[0]))
    return partly("planning.less_urgent_first", view.evidence(handled[0]), first=priority, waiting=waiting)


def _adapts_plan(view: CallView, rude: list[Event]) -> Finding:
    holds = view.of(EventType.HOLD)
    long_holds = view.mood_events("on_hold_too_long")
    silent = _unannounced_holds(view)
    if silent and long_holds:
        return not_met("replanning.hold_too_long", view.evidence(silent[0]), view.evidence(long_holds[0]))
    if silent or long_holds:
        return partly(
            "replanning.hold_unannounced",
            *(view.evidence(e) for e in (silent or long_holds)[:2]),
        )
    if rude:
        return partly("replanning.reluctant", *_rude(view, rude))
    if holds:
        return met("replanning.hold_announced", view.evidence(holds[0]))
    return unobserved("replanning.no_occasion")
