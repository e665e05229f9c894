"""Detectors for finding out the problem and managing the call: hidden facts, next steps, norms."""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Evidence, Finding
from simulator.conversation.events import Event, EventType

EXPLAIN_HINT = 0.2
#: Steps and their result take some words: a plan told in fewer (over all its lines) is only announced.
EXPLAINED_WORDS = 20


#: Share of the essential facts asked about that makes the inquiry complete (or half, once the fix worked).
COMPLETE_SHARE = 0.75
QUESTION_ACTS = ("open_question", "closed_question", "paraphrase")


@detector("uncovers_facts", "gathers", "collects", "pins_down_cause")
def uncovers_facts(view: CallView, aspect: str) -> Finding:
    """Judge how many of the exercise's essential hidden facts the trainee asked about or uncovered.

    A fact counts when the caller revealed it or when the trainee asked a question on its topic (a
    caller who misunderstood a good question does not make it a bad question). A fact the caller
    told unasked is nobody's inquiry: it counts neither for nor against the trainee.
    """
    told_unasked = {e.data.get("fact") for e in view.of(EventType.FACT_REVEALED) if e.data.get("volunteered")}
    facts = [f for f in view.exercise.facts if f.essential and not f.volunteered and f.id not in told_unasked]
    if not facts:
        return unobserved("inquiry.no_hidden_facts")
    revealed = {e.data.get("fact"): e for e in view.of(EventType.FACT_REVEALED) if not e.data.get("volunteered")}
    covered: dict[str, Event] = {}
    for fact in facts:
        if fact.id in revealed:
            covered[fact.id] = revealed[fact.id]
            continue
        asking = [u for u in _questions(view) if set(fact.topics) & set(u.data.get("topics", ()))]
        if asking:
            covered[fact.id] = asking[0]
    missing = [f.id for f in facts if f.id not in covered]
    evidence = [_cite_fact(view, e, covered) for e in sorted(covered.values(), key=lambda e: e.i)]
    share = len(covered) / len(facts)
    if aspect == "pins_down_cause":
        return _pins_down_cause(view, share, evidence)
    if share >= COMPLETE_SHARE or (share >= 0.5 and view.good_ending()):
        return met("inquiry.complete", *evidence, total=len(facts))
    if share >= 0.5:
        return partly("inquiry.half", *evidence, found=len(covered), total=len(facts), missing=missing)
    if not evidence:
        if len(view.utterances) < 2 and view.last().data.get("ended_by") == "customer":
            return unobserved("inquiry.call_ended_first")
        identity = view.said("ask_caller_identity", "verify_identity")
        if aspect == "collects" and identity:
            return partly(
                "inquiry.identity_only",
                view.cite(identity[0], "ask_caller_identity", "verify_identity"),
                missing=missing,
            )
        return not_met("inquiry.missing", view.absence(), missing=missing)
    return partly("inquiry.few", *evidence, found=len(covered), total=len(facts), missing=missing)


def _questions(view: CallView) -> list[Event]:
    """Return the trainee's lines that asked something: not an instruction or a diagnosis told to the caller."""
    telling = {"instruct_step", "explain_steps", "propose_solution", "technical_jargon"}
    out = []
    for u in view.utterances:
        acts = set(u.data.get("intents", ()))
        if acts & set(QUESTION_ACTS) or "?" in u.data["text"] or not acts & telling:
            out.append(u)
    return out


def _cite_fact(view: CallView, event: Event, covered: dict[str, Event]) -> Evidence:
    """Cite a revealed fact for what it is, or the question that asked about the fact's topic."""
    if event.type != EventType.UTTERANCE:
        return view.evidence(event)
    facts = {f.id: f for f in view.exercise.facts}
    topics = [t for fid, e in covered.items() if e is event for t in facts[fid].topics]
    return view.cite(event, *(f"topic:{t}" for t in topics))


def _jargon(event: Event) -> bool:
    """Return whether a trainee line used jargon."""
    return bool(event.data.get("jargon")) or "technical_jargon" in event.data.get("intents", ())


def _pins_down_cause(view: CallView, share: float, evidence: list[Evidence]) -> Finding:
    """Judge whether the exact problem was established: fixed, tied to the known problem, or fully inquired."""
    proven = view.good_ending() + view.of(EventType.TICKET_LINK_PROBLEM)
    if proven:
        first = min(proven, key=lambda e: e.i)
        return met(
            "cause.proven",
            *evidence,
            view.evidence(first),
        )
    if share >= COMPLETE_SHARE:
        return met("cause.from_clues", *evidence)
    if share > 0:
        return partly("cause.on_track", *evidence)
    shown = evidence or [view.absence()]
    return not_met("cause.missing", *shown)


@detector("explains_next_steps", "steps", "follow_up")
def explains_next_steps(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee told the caller what happens next (steps, ticket number, escalation)."""
    intents = ("explain_steps", "give_ticket_number", "announce_escalation")
    if aspect == "follow_up":
        told = view.said("give_ticket_number")
        steps = view.said("explain_steps", "announce_escalation")
        followed = view.of(
            EventType.TICKET_ASSIGN, EventType.TICKET_LINK_PROBLEM, EventType.TICKET_NOTE, EventType.TICKET_RESOLVE
        )
        if told and steps:
            shown = {e.i: view.cite(e, *intents) for e in (told[0], steps[0])}
            return met("follow_up.number_and_steps", *shown.values())
        if steps and followed:
            return met(
                "follow_up.ticket_and_steps",
                view.evidence(followed[0]),
                view.cite(steps[0], *intents),
            )
        if told or steps:
            what = "ticket_number" if not told else "what_next"
            return partly("follow_up.partial", view.cite((told or steps)[0], *intents), missing=what)
        return not_met("follow_up.missing", view.absence())
    said = [e for e in view.said(*intents) if not e.data.get("interrupt")]
    promised = view.said("comply_forbidden")
    if said and promised:
        return partly(
            "next_steps.promised_forbidden",
            view.cite(said[0], *intents),
            view.cite(promised[0], "comply_forbidden"),
        )
    plain = [e for e in said if view.params.likes_jargon or not _jargon(e)]
    if said and not plain:
        return partly(
            "next_steps.jargon",
            *(view.cite(e, "technical_jargon", "jargon") for e in said[:2]),
        )
    if said and sum(words(e.data["text"]) for e in said) < EXPLAINED_WORDS:
        return partly(
            "next_steps.announced_only",
            view.cite(said[0], *intents),
        )
    if said:
        return met("next_steps.explained", view.cite(plain[0], *intents))
    cut_in = view.said(*intents)
    if cut_in:
        return partly("next_steps.interrupting", view.cite(cut_in[0], "interrupt"))
    hints = [e for e in view.utterances if e.data.get("scores", {}).get("explain_steps", 0.0) >= EXPLAIN_HINT]
    if hints:
        return partly("next_steps.no_result", view.due(hints[0]))
    return not_met(
        "next_steps.missing",
        view.absence(),
    )


@detector("call_norms")
def call_norms(view: CallView, aspect: str) -> Finding:
    """Judge answer wait and call duration against the exercise's norms."""
    norms = view.exercise.norms
    answers = view.of(EventType.ANSWER)
    if not answers:
        return not_met("norms.not_answered", view.absence())
    answer = answers[0]
    wait = float(answer.data.get("wait_s", answer.t))
    duration = float(view.record.outcome.duration_s)
    on_time = wait <= norms.answer_within_s
    short = duration <= norms.target_handle_s
    long_holds = view.mood_events("on_hold_too_long")
    evidence = [view.evidence(answer), view.evidence(view.last(), f"duration_s={duration:.0f}")]
    evidence += [view.evidence(e) for e in long_holds]
    detail = {
        "wait": round(wait),
        "wait_norm": round(norms.answer_within_s),
        "duration": round(duration),
        "duration_norm": round(norms.target_handle_s),
    }
    if on_time and short and not long_holds:
        return met("norms.met", *evidence, **detail)
    if on_time or short:
        return partly("norms.partly", *evidence, **detail)
    return not_met("norms.not_met", *evidence, **detail)
