"""Detectors for how the trainee talks: listening, paraphrasing, calm, empathy, satisfaction, register.

A harmful act anywhere in the call outweighs a polite phrase elsewhere: one line of blame makes
``stays_calm`` (polite) not met, and a reproachful tone keeps the register from being met.
"""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Evidence, Finding, Verdict
from simulator.conversation.events import Event, EventType

#: A paraphrase up to this many words is compact (two short spoken sentences).
COMPACT_WORDS = 45
RECOVERY_DELTA = 15
#: Jargon that lost the caller counts 1, other jargon 0.5, a rushed series of steps 1; from this much on, not met.
NOT_PLAIN_FROM = 2.5
#: What losing the caller weighs when the trainee adjusted afterwards, and when they went on as before.
ADJUSTED = 0.5
NOT_ADJUSTED = 1.5
#: The caller's reactions that show they were lost.
LOSING = frozenset({"jargon_used", "too_many_steps"})


@detector("lets_caller_finish")
def lets_caller_finish(view: CallView, aspect: str) -> Finding:
    """Judge whether the caller could finish (no interruptions, no solution before being heard)."""
    cut = [
        view.cite(view.events[e.i + 1], "interrupt")
        for e in view.of(EventType.INTERRUPTION)
        if e.i + 1 < len(view.events)
    ]
    early = [view.evidence(e) for e in view.mood_events("solution_before_heard")]
    venting = [e for e in view.of(EventType.CUSTOMER_LINE) if e.data.get("venting")]
    if not cut and not early:
        if not view.utterances or not view.of(EventType.CUSTOMER_LINE):
            return unobserved("call.trainee_silent")
        shown = [view.evidence(e) for e in venting[:2]] or [view.evidence(view.of(EventType.CUSTOMER_LINE)[0])]
        return met("listening.let_finish", *shown)
    problems = cut + early
    if len(problems) == 1:
        return partly("listening.interrupted_once", *problems)
    return not_met("listening.interrupted", *problems, times=len(problems))


@detector("paraphrases", "compact", "restates")
def paraphrases(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee restated the complaint or problem (compactly for 6.2)."""
    said = view.said("paraphrase")
    if not said:
        return not_met("paraphrase.missing", view.absence())
    first = said[0]
    if aspect == "compact" and words(first.data["text"]) > COMPACT_WORDS:
        return partly("paraphrase.not_compact", view.cite(first, "paraphrase"))
    return met("paraphrase.done", view.cite(first, "paraphrase"))


@detector("stays_calm", "polite", "calms_caller")
def stays_calm(view: CallView, aspect: str) -> Finding:
    """Judge calm and politeness under pressure: no rudeness, and (6.3) a caller who calmed down."""
    rude = view.said("blame_or_rude")
    if rude:
        return not_met("calm.rude", *(view.cite(e, "blame_or_rude") for e in rude))
    if not view.utterances:
        return unobserved("call.trainee_silent")
    hung_up = [e for e in view.of(EventType.CUSTOMER_LINE) if e.data.get("kind") == "hangup"]
    cut = view.of(EventType.INTERRUPTION)
    if aspect == "polite":
        if hung_up or cut:
            shown = [view.cite(view.events[e.i + 1], "interrupt") for e in cut if e.i + 1 < len(view.events)]
            return partly(
                "calm.polite_but_interrupted",
                *shown,
                *(view.evidence(e) for e in hung_up),
            )
        return met("calm.polite", *_polite_lines(view))
    if hung_up:
        return not_met("calm.caller_hung_up", view.evidence(hung_up[0]))
    start, end = view.start_mood(), view.end_mood()
    moods = view.mood_events()
    last = view.evidence(moods[-1]) if moods else _polite_lines(view)[0]
    if end >= view.params.calm_at or end - start >= RECOVERY_DELTA:
        return met("calm.caller_calmed", last, start=start, end=end)
    return partly("calm.caller_not_calmed", last, start=start, end=end)


@detector("empathy_restores_mood")
def empathy_restores_mood(view: CallView, aspect: str) -> Finding:
    """Judge whether empathy or an apology brought the caller's mood back up."""
    shown = view.said("empathy", "apology")
    if not shown:
        return not_met("empathy.missing", view.absence())
    lifts = [
        e
        for e in view.mood_events()
        if e.data.get("delta", 0) > 0 and {"empathy", "apology"} & set(e.data.get("causes", ()))
    ]
    if lifts:
        return met(
            "empathy.calmed_caller",
            view.cite(shown[0], "empathy", "apology"),
            view.evidence(lifts[0]),
        )
    return partly(
        "empathy.no_effect",
        view.cite(shown[0], "empathy", "apology"),
    )


#: What counts as the solution or the way forward the satisfaction check should follow.
SOLUTION_EVENTS = (EventType.TICKET_RESOLVE, EventType.TICKET_ASSIGN, EventType.TICKET_LINK_PROBLEM, EventType.KB_SHARE)
SOLUTION_ACTS = ("propose_solution", "explain_steps", "announce_escalation", "give_ticket_number")


def solution_moment(view: CallView) -> Event | None:
    """Return when the problem was solved or its way forward given (the fix, or else the first hand-on)."""
    fixed = view.good_ending()
    if fixed:
        return fixed[0]
    moments = view.of(*SOLUTION_EVENTS) + view.said(*SOLUTION_ACTS)
    return min(moments, key=lambda e: e.i) if moments else None


@detector("checks_satisfaction")
def checks_satisfaction(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee checked the caller's satisfaction once the problem was solved or handed on.

    The check is due after the solution (or the way forward); a trainee who closes the call without
    one had the occasion too. A caller who hangs up first leaves it unobserved.
    """
    checks = view.said("check_satisfaction")
    due = solution_moment(view)
    hung_up = view.last().data.get("ended_by") == "customer" or any(
        e.data.get("kind") == "hangup" for e in view.of(EventType.CUSTOMER_LINE)
    )
    if due is None or (hung_up and not [u for u in view.utterances if u.i > due.i]):
        if hung_up or not view.utterances:
            return unobserved("satisfaction.call_ended_first")
        if checks:
            return partly(
                "satisfaction.too_early",
                view.cite(checks[-1], "check_satisfaction"),
            )
        return not_met("satisfaction.missing", view.absence())
    after = [e for e in checks if e.i > due.i]
    if after:
        return met(
            "satisfaction.checked",
            view.cite(due, *SOLUTION_ACTS),
            view.cite(after[-1], "check_satisfaction"),
        )
    if checks:
        return partly(
            "satisfaction.too_early",
            view.cite(checks[-1], "check_satisfaction"),
        )
    return not_met(
        "satisfaction.missing",
        view.due(due),
        view.absence(),
    )


@detector("adapts_language", "words", "guidance")
def adapts_language(view: CallView, aspect: str) -> Finding:
    """Judge whether the register fits the caller: no jargon with a novice, peer talk with a sysadmin, no reproach."""
    if not view.utterances:
        return unobserved("call.trainee_silent")
    rude = view.said("blame_or_rude")
    found = _peer_register(view) if view.params.likes_jargon else _plain_register(view, aspect)
    if rude and found.verdict is Verdict.MET:
        return partly(
            "register.reproachful",
            *(view.cite(e, "blame_or_rude") for e in rude[:3]),
        )
    return found


def _peer_register(view: CallView) -> Finding:
    jargon = [e for e in view.utterances if e.data.get("jargon") or "technical_jargon" in e.data.get("intents", ())]
    peer = view.mood_events("peer_talk")
    basics = view.mood_events("basics_repeated")
    if basics:
        shown = [view.evidence(e) for e in basics]
        if len(basics) > 1:
            return not_met("register.sysadmin_as_beginner", *shown)
        return partly("register.basic_repeated_once", *shown)
    if peer or jargon:
        peer_line = view.cite(jargon[0], "technical_jargon", "jargon") if jargon else view.evidence(peer[0])
        return met("register.peer", peer_line)
    facts = view.of(EventType.FACT_REVEALED)
    if facts:
        return met("register.skipped_basics", view.evidence(facts[0]))
    return partly("register.not_peer", view.due(view.utterances[0]))


def _plain_register(view: CallView, aspect: str) -> Finding:
    """Judge plain words for a caller who is not technical: jargon that lost the caller weighs double."""
    jargon = [e for e in view.utterances if e.data.get("jargon") or "technical_jargon" in e.data.get("intents", ())]
    lost = view.mood_events("jargon_used")
    rushed = view.mood_events("too_many_steps") if aspect == "guidance" else []
    weight = 0.5 * max(0, len(jargon) - len(lost))
    weight += sum(ADJUSTED if adjusted_after(view, e) else NOT_ADJUSTED for e in lost + rushed)
    problems = [view.cite(e, "technical_jargon", "jargon") for e in jargon] + [view.evidence(e) for e in rushed]
    problems += [view.evidence(e) for e in lost]
    if weight < 1:
        guidance = view.said("instruct_step", "explain_steps", "propose_solution")
        shown = view.cite(guidance[0], "instruct_step", "explain_steps", "propose_solution") if guidance else None
        return met("register.plain", *([shown] if shown else _plain_lines(view)))
    if weight < NOT_PLAIN_FROM:
        return partly("register.jargon_once", *problems[:4])
    return not_met("register.jargon", *problems[:6])


def adjusted_after(view: CallView, moment: Event) -> bool:
    """Return whether the trainee adjusted after losing the caller (jargon, too many steps at once).

    Adjusting shows as a later instruction the caller could follow (it lost them no more) or a test
    the caller then carried out; the BKD asks to attune the guidance to the caller (9.1), so a
    slip put right weighs less than going on as before.
    """
    if any(int(g.data.get("utterance", g.i)) > moment.i for g in view.of(EventType.GUIDED)):
        return True  # a test asked for after the moment (not the first step of the bundle) was carried out
    moods = [e for e in view.mood_events() if e.i > moment.i]
    lines = [u for u in view.utterances if u.i > moment.i]
    for n, line in enumerate(lines):
        if "instruct_step" not in line.data.get("intents", ()):
            continue
        until = lines[n + 1].i if n + 1 < len(lines) else len(view.events)
        reaction = [m for m in moods if line.i < m.i < until]
        if not any(LOSING & set(m.data.get("causes", ())) for m in reaction):
            return True
    return False


def _polite_lines(view: CallView) -> list[Evidence]:
    """Return the lines that show courtesy (thanks, empathy, apology, the greeting), or the caller's last line."""
    polite = view.said("thank", "empathy", "apology", "greeting")
    if polite:
        return [view.cite(e, "thank", "empathy", "apology", "greeting") for e in polite[:2]]
    return (
        [view.evidence(view.of(EventType.CUSTOMER_LINE)[-1])]
        if view.of(EventType.CUSTOMER_LINE)
        else [view.due(view.utterances[-1])]
    )


def _plain_lines(view: CallView) -> list[Evidence]:
    """Return a line in plain words when the trainee gave no instruction: the first question or the greeting."""
    asked = view.said("open_question", "closed_question", "greeting")
    if asked:
        return [view.cite(asked[0], "open_question", "closed_question", "greeting")]
    return [view.due(view.utterances[0])]
