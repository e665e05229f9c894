"""Detectors for working with colleagues on a shift: how the trainee talks to them, organises, hands over.

A shift call (the coordinator on the line, a queue of tickets) gives the occasion for the team
activities the BKD otherwise leaves to the instructor's eye; the detectors judge what the call shows:
courtesy towards the colleague, the queue taken in order of urgency, holds announced and kept short,
and a handover that says what was done and what comes next.
"""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Evidence, Finding
from simulator.conversation.events import Event, EventType

#: A handover shorter than this says nothing the next shift can use.
MIN_HANDOVER_WORDS = 8
#: The handover is judged on the trainee's last lines.
HANDOVER_LINES = 4
HANDOVER_ACTS = ("explain_steps", "paraphrase", "announce_escalation")
HANDLED = (
    EventType.TICKET_ASSIGN,
    EventType.TICKET_LINK_PROBLEM,
    EventType.TICKET_UPDATE,
    EventType.TICKET_NOTE,
    EventType.TICKET_RESOLVE,
)


@detector("works_with_colleagues", "communicates", "hands_over", "organises", "adapts_plan")
def works_with_colleagues(view: CallView, aspect: str) -> Finding:
    """Judge courtesy to colleagues, the order of the work, holds and the handover on a shift."""
    if not view.utterances:
        return unobserved("De stagiair zei niets tijdens het gesprek.")
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
        return not_met("U verweet uw collega iets in plaats van samen een plan te maken.", *_rude(view, rude))
    silent = _unannounced_holds(view)
    if silent:
        return partly("U liet uw collega zonder een woord wachten.", *(view.evidence(e) for e in silent[:2]))
    asked = view.said("open_question", "closed_question", "thank", "greeting")
    shown = view.cite(asked[0], "open_question", "closed_question", "thank", "greeting") if asked else None
    return met(
        "U communiceerde kort en duidelijk met uw collega.", *([shown] if shown else [view.due(view.utterances[0])])
    )


def _hands_over(view: CallView) -> Finding:
    tail = view.utterances[-HANDOVER_LINES:]
    summary = [e for e in tail if set(HANDOVER_ACTS) & set(e.data.get("intents", ()))]
    if summary:
        best = max(summary, key=lambda e: words(e.data["text"]))
        if words(best.data["text"]) >= MIN_HANDOVER_WORDS:
            return met("U gaf een overdracht: wat gedaan is en wat volgt.", view.cite(best, *HANDOVER_ACTS))
        return partly("Uw overdracht was te kort om op verder te werken.", view.cite(best, *HANDOVER_ACTS))
    earlier = view.said(*HANDOVER_ACTS)
    if earlier:
        return partly(
            "U legde onderweg uit wat u deed, maar gaf op het einde geen overdracht.",
            view.cite(earlier[-1], *HANDOVER_ACTS),
        )
    return not_met("U gaf geen overdracht van wat gedaan is en wat volgt.", view.absence("geen overdracht"))


def _organises(view: CallView, rude: list[Event]) -> Finding:
    if rude:
        return not_met("U weigerde de planning of schoof het werk voor u uit.", *_rude(view, rude))
    handled = view.of(*HANDLED)
    if not handled:
        plans = view.said("explain_steps")
        if plans:
            return partly("U gaf een planning, maar pakte geen ticket aan.", view.cite(plans[0], "explain_steps"))
        return not_met("U pakte het werk in de wachtrij niet aan.", view.absence("geen ticket behandeld"))
    queue = [str(t["priority"]) for t in view.world.get("tickets", []) if isinstance(t, dict) and t.get("priority")]
    first = handled[0]
    priority = first.data.get("priority")
    if not queue or priority is None or str(priority) == min(queue):
        return met("U pakte het werk aan in volgorde van dringendheid.", view.evidence(first))
    return partly(f"U begon met een {priority}-ticket terwijl er een {min(queue)} wachtte.", view.evidence(first))


def _adapts_plan(view: CallView, rude: list[Event]) -> Finding:
    holds = view.of(EventType.HOLD)
    long_holds = view.mood_events("on_hold_too_long")
    silent = _unannounced_holds(view)
    if silent and long_holds:
        return not_met(
            "U liet de lijn te lang en onaangekondigd wachten.", view.evidence(silent[0]), view.evidence(long_holds[0])
        )
    if silent or long_holds:
        return partly(
            "U zette de lijn in de wacht zonder het aan te kondigen of te lang.",
            *(view.evidence(e) for e in (silent or long_holds)[:2]),
        )
    if rude:
        return partly("U paste de planning aan, maar met tegenzin tegenover uw collega.", *_rude(view, rude))
    if holds:
        return met("U kondigde de wachttijd aan en kwam op tijd terug.", view.evidence(holds[0]))
    return unobserved("Er kwam niets tussen dat om een aangepaste planning vroeg.")
