"""Detectors for how the trainee talks: listening, paraphrasing, calm, empathy, greeting, register."""

from __future__ import annotations

import re

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.assessment.scenario import company_name

COMPACT_WORDS = 35
RECOVERY_DELTA = 15
_OWN_NAME = re.compile(
    r"\b(u spreekt met|je spreekt met|mijn naam is|ik ben|vous parlez (?:à|avec)|je m'appelle|ici|"
    r"my name is|this is|you're speaking (?:to|with))\b",
    re.I,
)


@detector("lets_caller_finish", "6.1", "7.1")
def lets_caller_finish(view: CallView, activity: str) -> Finding:
    """Judge whether the caller could finish (no interruptions, no solution before being heard)."""
    cut = [view.evidence(view.events[e.i + 1]) for e in view.of("interruption") if e.i + 1 < len(view.events)]
    early = [view.evidence(e) for e in view.mood_events("solution_before_heard")]
    venting = [e for e in view.of("customer_line") if e.data.get("venting")]
    if not cut and not early:
        if not view.utterances:
            return unobserved("De stagiair zei niets tijdens het gesprek.")
        shown = [view.evidence(e) for e in (venting[:2] or view.utterances[:1])]
        return met("U liet de klant uitspreken: geen onderbrekingen en geen oplossing voor ze gehoord was.", *shown)
    problems = cut + early
    if len(problems) == 1:
        return partly("U onderbrak de klant één keer of bood te vroeg een oplossing aan.", *problems)
    return not_met(f"U onderbrak de klant of sprong te vroeg naar een oplossing ({len(problems)} keer).", *problems)


@detector("paraphrases", "6.2", "8.3")
def paraphrases(view: CallView, activity: str) -> Finding:
    """Judge whether the trainee restated the complaint or problem (compactly for 6.2)."""
    said = view.said("paraphrase")
    if not said:
        return not_met("U hebt de klacht niet in eigen woorden herhaald.", view.absence("geen parafrase"))
    first = said[0]
    if activity == "6.2" and words(first.data["text"]) > COMPACT_WORDS:
        return partly("U parafraseerde, maar niet compact: houd het bij één korte zin.", view.evidence(first))
    return met("U herhaalde het probleem in eigen woorden, zodat de klant kon bevestigen.", view.evidence(first))


@detector("stays_calm", "6.3", "9.4")
def stays_calm(view: CallView, activity: str) -> Finding:
    """Judge calm and politeness under pressure: no rudeness, and (6.3) a caller who calmed down."""
    rude = view.said("blame_or_rude")
    if rude:
        return not_met("U verweet de klant iets of was onbeleefd.", *(view.evidence(e) for e in rude))
    if not view.utterances:
        return unobserved("De stagiair zei niets tijdens het gesprek.")
    hung_up = [e for e in view.of("customer_line") if e.data.get("kind") == "hangup"]
    cut = view.of("interruption")
    if activity == "9.4":
        if hung_up or cut:
            shown = [view.evidence(view.events[e.i + 1]) for e in cut if e.i + 1 < len(view.events)]
            return partly(
                "U bleef beleefd, maar onderbrak de klant of verloor het gesprek.",
                *shown,
                *(view.evidence(e) for e in hung_up),
            )
        return met("U bleef beleefd en correct, ook toen de klant druk zette.", view.evidence(view.utterances[-1]))
    if hung_up:
        return not_met("De klant haakte boos in: het conflict is niet bedaard.", view.evidence(hung_up[0]))
    start, end = view.start_mood(), view.end_mood()
    moods = view.mood_events()
    last = view.evidence(moods[-1]) if moods else view.evidence(view.utterances[-1])
    if end >= view.params.calm_at or end - start >= RECOVERY_DELTA:
        return met(f"U bleef kalm en de klant kalmeerde mee (stemming {start} → {end}).", last)
    return partly(f"U bleef beleefd, maar de klant kalmeerde niet (stemming {start} → {end}).", last)


@detector("empathy_restores_mood", "6.4")
def empathy_restores_mood(view: CallView, activity: str) -> Finding:
    """Judge whether empathy or an apology brought the caller's mood back up."""
    shown = view.said("empathy", "apology")
    if not shown:
        return not_met("U toonde geen begrip voor de situatie van de klant.", view.absence("geen empathie"))
    lifts = [
        e
        for e in view.mood_events()
        if e.data.get("delta", 0) > 0 and {"empathy", "apology"} & set(e.data.get("causes", ()))
    ]
    if lifts:
        return met(
            "Uw begrip bracht de klant tot rust (stemming ging omhoog).",
            view.evidence(shown[0]),
            view.evidence(lifts[0]),
        )
    return partly("U toonde begrip, maar de stemming van de klant verbeterde er niet door.", view.evidence(shown[0]))


@detector("checks_satisfaction", "6.5")
def checks_satisfaction(view: CallView, activity: str) -> Finding:
    """Judge whether the trainee checked the caller's satisfaction once the problem was solved."""
    checks = view.said("check_satisfaction")
    if not checks:
        return not_met(
            "U vroeg niet of de klant tevreden was met de oplossing.", view.absence("geen tevredenheidsvraag")
        )
    fixed = view.good_ending()
    if fixed and checks[-1].i > fixed[0].i:
        return met("U ging na of het probleem voor de klant echt opgelost was.", view.evidence(checks[-1]))
    return partly("U vroeg naar de tevredenheid, maar niet nadat het probleem opgelost was.", view.evidence(checks[-1]))


@detector("greets_and_closes", "5.1")
def greets_and_closes(view: CallView, activity: str) -> Finding:
    """Judge the greeting (company and own name) and the closing against the company's script."""
    if not view.utterances:
        return unobserved("De stagiair zei niets tijdens het gesprek.")
    company = company_name(view)
    first = view.utterances[0]
    text, slots = first.data["text"], first.data.get("slots", {})
    parts = {
        "begroeting": "greeting" in first.data.get("intents", ()),
        f"bedrijfsnaam ({company})": bool(slots.get("company")) or company.lower() in text.lower(),
        "eigen naam": bool(slots.get("own_name")) or bool(_OWN_NAME.search(text)),
    }
    closings = [e for e in view.said("closing") if e.i >= view.utterances[max(0, len(view.utterances) - 3)].i]
    missing = [name for name, ok in parts.items() if not ok] + ([] if closings else ["afsluiting"])
    evidence = [view.evidence(first)] + [view.evidence(e) for e in closings[-1:]]
    if not missing:
        return met("U nam op en sloot af volgens het script van het bedrijf.", *evidence)
    if len(missing) >= 3:
        return not_met(
            "Begroeting en afsluiting volgden het bedrijfsscript niet; ontbrak: " + ", ".join(missing) + ".", *evidence
        )
    return partly("Begroeting of afsluiting onvolledig; ontbrak: " + ", ".join(missing) + ".", *evidence)


@detector("adapts_language", "5.3", "9.1", "17.3")
def adapts_language(view: CallView, activity: str) -> Finding:
    """Judge whether the register fits the caller: no jargon with a novice, peer talk with a sysadmin."""
    jargon = [e for e in view.utterances if e.data.get("jargon") or "technical_jargon" in e.data.get("intents", ())]
    if view.params.likes_jargon:
        peer = view.mood_events("peer_talk")
        basics = view.mood_events("basics_repeated")
        if basics:
            shown = [view.evidence(e) for e in basics]
            if len(basics) > 1:
                return not_met("U behandelde de systeembeheerder als een beginner (basisvragen herhaald).", *shown)
            return partly("U herhaalde een basisvraag die de systeembeheerder al beantwoord had.", *shown)
        if peer or jargon:
            return met("U sprak de systeembeheerder aan als collega, in vaktermen.", view.evidence((jargon or peer)[0]))
        facts = view.of("fact_revealed")
        if facts:
            return met("U sloeg de basis over en ging meteen gericht op het probleem in.", view.evidence(facts[0]))
        if not view.utterances:
            return unobserved("De stagiair zei niets tijdens het gesprek.")
        return partly("U sprak de ervaren gebruiker niet als collega aan.", view.evidence(view.utterances[0]))
    lost = view.mood_events("jargon_used")
    rushed = view.mood_events("too_many_steps") if activity in ("9.1", "17.3") else []
    problems = [view.evidence(e) for e in jargon] + [view.evidence(e) for e in rushed]
    if not problems and not lost:
        if not view.utterances:
            return unobserved("De stagiair zei niets tijdens het gesprek.")
        guidance = view.said("instruct_step", "explain_steps") or view.utterances
        return met("U sprak in gewone woorden, op het niveau van de klant.", view.evidence(guidance[0]))
    if len(problems) + len(rushed) <= 1:
        return partly("Eén keer te technisch of te snel voor deze klant.", *problems, *(view.evidence(e) for e in lost))
    return not_met("U gebruikte vaktermen of te veel stappen tegelijk voor deze klant.", *problems)
