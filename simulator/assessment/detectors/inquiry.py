"""Detectors for finding out the problem and managing the call: hidden facts, next steps, norms."""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding

EXPLAIN_HINT = 0.2


@detector("uncovers_facts")
def uncovers_facts(view: CallView, aspect: str) -> Finding:
    """Judge how many of the exercise's essential hidden facts the trainee's questions uncovered."""
    essential = [f.id for f in view.exercise.facts if f.essential and not f.volunteered]
    if not essential:
        return unobserved("Deze oefening verbergt geen essentiële feiten.")
    found = {e.data.get("fact"): e for e in view.of("fact_revealed") if e.data.get("fact") in essential}
    missing = [fid for fid in essential if fid not in found]
    evidence = [view.evidence(e) for e in sorted(found.values(), key=lambda e: e.i)]
    share = len(found) / len(essential)
    if not missing:
        return met(f"U vond alle {len(essential)} essentiële gegevens door gericht te vragen.", *evidence)
    gaps = ", ".join(missing)
    if share >= 0.5:
        return partly(f"U vond {len(found)} van de {len(essential)} essentiële gegevens; ontbrak: {gaps}.", *evidence)
    if not evidence:
        return not_met(f"U vroeg niet naar de essentiële gegevens ({gaps}).", view.absence("geen gerichte vragen"))
    return not_met(
        f"U vond slechts {len(found)} van de {len(essential)} essentiële gegevens; ontbrak: {gaps}.", *evidence
    )


@detector("explains_next_steps", "steps", "follow_up")
def explains_next_steps(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee told the caller what happens next (steps, ticket number, escalation)."""
    intents = ("explain_steps", "give_ticket_number", "announce_escalation")
    if aspect == "follow_up":
        told = view.said("give_ticket_number")
        steps = view.said("explain_steps", "announce_escalation")
        if told and steps:
            shown = {e.i: view.evidence(e) for e in (told[0], steps[0])}
            return met("U gaf het ticketnummer en legde uit wat er verder gebeurt.", *shown.values())
        if told or steps:
            what = "het ticketnummer" if not told else "wat er verder gebeurt"
            return partly(f"U hield de klant deels op de hoogte; {what} ontbrak.", view.evidence((told or steps)[0]))
        return not_met(
            "U liet de klant niet weten wat er met de melding gebeurt.", view.absence("geen opvolging meegedeeld")
        )
    said = [e for e in view.said(*intents) if not e.data.get("interrupt")]
    if said:
        return met("U legde uit welke stappen volgen en wat het resultaat zal zijn.", view.evidence(said[0]))
    cut_in = view.said(*intents)
    if cut_in:
        return partly("U gaf stappen, maar terwijl u de klant onderbrak.", view.evidence(cut_in[0]))
    hints = [e for e in view.utterances if e.data.get("scores", {}).get("explain_steps", 0.0) >= EXPLAIN_HINT]
    if hints:
        return partly(
            "U zei kort wat u ging doen, maar niet welk resultaat de klant mag verwachten.", view.evidence(hints[0])
        )
    return not_met(
        "U legde niet uit welke stappen u zet en wat de klant mag verwachten.",
        view.absence("geen uitleg over de stappen"),
    )


@detector("call_norms")
def call_norms(view: CallView, aspect: str) -> Finding:
    """Judge answer wait and call duration against the exercise's norms."""
    norms = view.exercise.norms
    answers = view.of("answer")
    if not answers:
        return not_met("U nam de oproep niet op.", view.absence("niet opgenomen"))
    answer = answers[0]
    wait = float(answer.data.get("wait_s", answer.t))
    duration = float(view.record.outcome.duration_s)
    on_time = wait <= norms.answer_within_s
    short = duration <= norms.target_handle_s
    long_holds = view.mood_events("on_hold_too_long")
    evidence = [view.evidence(answer), view.evidence(view.last(), f"gespreksduur {duration:.0f} s")]
    evidence += [view.evidence(e) for e in long_holds]
    detail = (
        f"opgenomen na {wait:.0f} s (norm {norms.answer_within_s:.0f} s), "
        f"duur {duration:.0f} s (norm {norms.target_handle_s:.0f} s)"
    )
    if on_time and short and not long_holds:
        return met(f"Binnen de afgesproken normen: {detail}.", *evidence)
    if on_time or short:
        return partly(f"Niet alle normen gehaald: {detail}.", *evidence)
    return not_met(f"Normen niet gehaald: {detail}.", *evidence)
