"""Detectors for the helpdesk system: tickets, assignment, resolution, work log, SLA and priority."""

from __future__ import annotations

from typing import Any

from simulator.assessment.context import CallView, field_of
from simulator.assessment.detectors._base import met, not_met, partly, unobserved, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.assessment.scenario import procedures_of
from simulator.conversation.events import EventType

MIN_RESOLUTION_WORDS = 3


def ticket_fields(view: CallView) -> dict[str, Any]:
    """Return what is known of the call's ticket: the world's snapshot, then what the actions reported."""
    fields: dict[str, Any] = {}
    snap = view.world.get("ticket") if isinstance(view.world.get("ticket"), dict) else None
    tickets = view.world.get("tickets")
    if snap is None and isinstance(tickets, list):
        current = view.world.get("current_ticket")
        mine = [t for t in tickets if isinstance(t, dict) and t.get("number") == current]
        snap = mine[0] if mine else None
    fields.update(snap or {})
    fields.update(view.ticket or {})
    for event in view.of(EventType.TICKET_CREATE, EventType.TICKET_UPDATE):
        for key in ("impact", "urgency", "priority", "category", "number"):
            value = field_of(event.data, key)
            if value is not None:
                fields[key] = value
    return fields


@detector("ticket_during_call")
def ticket_during_call(view: CallView, aspect: str) -> Finding:
    """Judge whether a ticket was made while the caller was on the line."""
    made = view.of(EventType.TICKET_CREATE)
    tried = view.refused(EventType.TICKET_CREATE)
    end = view.last()
    if made and made[0].i < end.i:
        gaps = _ticket_gaps(view)
        if gaps:
            return partly("U maakte het ticket aan, maar " + " en ".join(gaps) + ".", view.evidence(made[0]))
        return met("U maakte het ticket aan tijdens het gesprek.", view.evidence(made[0]))
    if made:
        return partly("U maakte het ticket pas na het gesprek aan.", view.evidence(made[0]))
    if tried:
        return partly("U probeerde een ticket aan te maken, maar het systeem weigerde.", view.evidence(tried[0]))
    if view.of(
        EventType.TICKET_ASSIGN,
        EventType.TICKET_LINK_PROBLEM,
        EventType.TICKET_UPDATE,
        EventType.TICKET_NOTE,
        EventType.TICKET_RESOLVE,
    ):
        return unobserved("Het gesprek ging over tickets in de wachtrij; er was geen nieuwe melding te registreren.")
    return not_met("U maakte geen ticket aan.", view.absence("geen ticket"))


def _ticket_gaps(view: CallView) -> list[str]:
    """Return what keeps a ticket from reaching the right people: the wrong category."""
    fields = ticket_fields(view)
    gaps = []
    category = fields.get("category")
    escalation = procedures_of(view).escalation
    wanted = view.exercise.problem.category
    if category is not None and category != wanted and escalation.get(str(category)) != escalation.get(wanted):
        gaps.append(f"de categorie {category} klopt niet")
    return gaps


@detector("assigns_or_links", "routes", "decides")
def assigns_or_links(view: CallView, aspect: str) -> Finding:
    """Judge assignment to the right group, or a link to the right known problem."""
    proc = procedures_of(view)
    links = view.of(EventType.TICKET_LINK_PROBLEM)
    assigns = view.of(EventType.TICKET_ASSIGN)
    if aspect == "decides":
        return _decides(view, links, assigns)
    outside = [e for e in assigns if e.data.get("follows_matrix") is False]
    if outside and not links:
        return not_met("U wees het ticket toe buiten de escalatiematrix.", view.evidence(outside[-1]))
    for link in links:
        problem = field_of(link.data, "problem")
        if not proc.problems or problem in proc.problems:
            return met(f"U koppelde het incident aan het gekende probleem {problem}.", view.evidence(link))
    expected = {view.world.get("expected_group")} if view.world.get("expected_group") else set()
    expected |= {proc.escalation.get(view.exercise.problem.category)} | set(proc.problem_groups.values())
    expected.discard(None)
    expected.discard(proc.first_line_group)
    for assign in assigns:
        group = field_of(assign.data, "group")
        if assign.data.get("follows_matrix") or not expected or group in expected:
            if proc.problems:
                return partly(
                    f"U wees het ticket toe aan {group}, maar koppelde het niet aan het gekende probleem.",
                    view.evidence(assign),
                )
            return met(f"U wees het ticket gericht toe aan {group}.", view.evidence(assign))
    if links or assigns:
        want = ", ".join(sorted(str(g) for g in expected)) or "de juiste groep"
        return partly(
            f"Toegewezen of gekoppeld, maar niet aan de juiste bestemming (verwacht: {want}).",
            view.evidence((links or assigns)[0]),
        )
    if view.good_ending():
        return unobserved("U loste het zelf op in eerste lijn; doorverwijzen was niet nodig.")
    return not_met(
        "U wees het ticket niet toe en koppelde het niet aan een gekend probleem.", view.absence("niet toegewezen")
    )


def _decides(view: CallView, links: list[Any], assigns: list[Any]) -> Finding:
    """Judge the decision between the knowledge base (first line) and the second line, after checking."""
    checked = sorted(
        view.of(EventType.KB_SEARCH, EventType.KB_OPEN) + links + view.said("refer_to_kb"), key=lambda e: e.i
    )
    fixed = view.good_ending()
    if assigns and not checked:
        return not_met(
            "U escaleerde zonder eerst de kennisbank of de gekende problemen na te gaan.", view.evidence(assigns[0])
        )
    if assigns and assigns[-1].data.get("follows_matrix") is False:
        return partly("U besliste te escaleren, maar niet volgens de escalatiematrix.", view.evidence(assigns[-1]))
    decided = view.of(EventType.KB_SHARE, EventType.KB_PROPOSE) + links + assigns
    if decided:
        first = min(decided, key=lambda e: e.i)
        shown = [view.cite(checked[0], "refer_to_kb")] if checked and checked[0].i < first.i else []
        return met(
            "U analyseerde het probleem en koos bewust: kennisbank of tweede lijn.", *shown, view.evidence(first)
        )
    if fixed:
        shown = [view.cite(e, "refer_to_kb") for e in checked[:1]]
        return met("U besliste het in eerste lijn op te lossen, en dat lukte.", *shown, view.evidence(fixed[0]))
    if checked:
        return partly(
            "U zocht in de kennisbank, maar nam geen duidelijke beslissing.", view.cite(checked[0], "refer_to_kb")
        )
    return not_met("U ging niet na of de kennisbank of de tweede lijn het kon oplossen.", view.absence("geen analyse"))


@detector("resolves_ticket")
def resolves_ticket(view: CallView, aspect: str) -> Finding:
    """Judge whether the ticket was resolved with a clear resolution and closed."""
    resolved = view.of(EventType.TICKET_RESOLVE)
    closed = view.of(EventType.TICKET_CLOSE)
    tried = view.refused(EventType.TICKET_RESOLVE, EventType.TICKET_CLOSE)
    if resolved:
        text = field_of(resolved[-1].data, "resolution")
        clear = text is None or words(str(text)) >= MIN_RESOLUTION_WORDS
        if closed and clear:
            return met(
                "U loste het ticket op met een duidelijke oplossing en sloot het af.",
                view.evidence(resolved[-1]),
                view.evidence(closed[-1]),
            )
        why = "de oplossing is te kort beschreven" if not clear else "het ticket is niet afgesloten"
        return partly(f"Ticket opgelost, maar {why}.", view.evidence(resolved[-1]))
    if tried:
        return partly("U probeerde het ticket af te sluiten, maar het systeem weigerde.", view.evidence(tried[0]))
    return not_met("U sloot het ticket niet af met een oplossing.", view.absence("ticket niet opgelost"))


@detector("logs_work")
def logs_work(view: CallView, aspect: str) -> Finding:
    """Judge whether the work done was written down in the ticket."""
    notes = view.of(EventType.TICKET_NOTE)
    records = view.of(
        EventType.TICKET_CREATE,
        EventType.TICKET_RESOLVE,
        EventType.TICKET_ASSIGN,
        EventType.TICKET_LINK_PROBLEM,
        EventType.TICKET_UPDATE,
    )
    if notes:
        return met("U registreerde uw werk in het ticket.", *(view.evidence(e) for e in notes[:2]))
    if records:
        return partly(
            "Alleen de melding of oplossing staat in het ticket; uw stappen registreerde u niet.",
            view.evidence(records[0]),
        )
    return not_met("U registreerde niets van uw werk.", view.absence("geen notities"))


@detector("priority_and_sla")
def priority_and_sla(view: CallView, aspect: str) -> Finding:
    """Judge impact and urgency against the exercise (so the SLA matrix gives the right priority) and the SLA."""
    made = view.of(EventType.TICKET_CREATE)
    handled = view.of(
        EventType.TICKET_ASSIGN,
        EventType.TICKET_LINK_PROBLEM,
        EventType.TICKET_UPDATE,
        EventType.TICKET_NOTE,
        EventType.TICKET_RESOLVE,
    )
    if not made and handled:
        return _queue_order(view, handled)
    if not made:
        tried = view.refused(EventType.TICKET_CREATE)
        if tried:
            return partly("Het ticket kwam er niet, dus prioriteit en SLA konden niet lopen.", view.evidence(tried[0]))
        return not_met("Zonder ticket geen prioriteit volgens de SLA.", view.absence("geen ticket"))
    fields = ticket_fields(view)
    problem = view.exercise.problem
    wrong = [
        f"{k} {fields.get(k)} (verwacht {getattr(problem, k)})"
        for k in ("impact", "urgency")
        if fields.get(k) not in (None, getattr(problem, k))
    ]
    expected = procedures_of(view).matrix.get((problem.impact, problem.urgency))
    if expected and fields.get("priority") not in (None, expected):
        wrong.append(f"prioriteit {fields.get('priority')} (verwacht {expected})")
    breaches = view.of(EventType.SLA_BREACH)
    evidence = [view.evidence(made[0])] + [
        view.evidence(e) for e in view.of(EventType.TICKET_UPDATE)[:1] + breaches[:1]
    ]
    if breaches:
        return not_met("De SLA-termijn werd overschreden.", *evidence)
    if not wrong:
        return met(
            "Impact en urgentie juist ingeschat; prioriteit volgens de SLA-matrix en binnen de termijn.", *evidence
        )
    if len(wrong) == 1:
        return partly("Prioriteit deels verkeerd ingeschat: " + "; ".join(wrong) + ".", *evidence)
    return not_met("Prioriteit verkeerd ingeschat: " + "; ".join(wrong) + ".", *evidence)


@detector("fits_urgency")
def fits_urgency(view: CallView, aspect: str) -> Finding:
    """Judge whether the chosen solution fits the urgency and impact of the problem."""
    problem = view.exercise.problem
    pressing = "high" in (problem.urgency, problem.impact)
    fixed = view.good_ending()
    duration = float(view.record.outcome.duration_s)
    handed_on = view.of(EventType.TICKET_ASSIGN) + view.of(EventType.TICKET_LINK_PROBLEM) + view.of(EventType.KB_SHARE)
    if fixed:
        if pressing and duration > view.exercise.norms.target_handle_s:
            return partly(
                f"Opgelost, maar te traag voor een dringend probleem ({duration:.0f} s).", view.evidence(fixed[0])
            )
        return met("De oplossing paste bij de dringendheid en de impact.", view.evidence(fixed[0]))
    if handed_on:
        if pressing:
            return partly(
                "Doorgegeven, maar een dringend probleem vraagt een snellere oplossing of workaround.",
                view.evidence(handed_on[0]),
            )
        return met("Gepaste opvolging voor een probleem dat niet dringend is.", view.evidence(handed_on[0]))
    return not_met("Geen oplossing of opvolging die bij de dringendheid past.", view.absence("geen oplossing"))


@detector("deviates_when_needed")
def deviates_when_needed(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee left the standard script where the caller needed that (e.g. a sysadmin)."""
    basics = view.mood_events("basics_repeated")
    peer = view.mood_events("peer_talk")
    if basics:
        return not_met(
            "U bleef het standaardscript volgen (basisvragen) terwijl de klant dat al gedaan had.",
            view.evidence(basics[0]),
        )
    if peer:
        return met(
            "U sloeg de basisstappen over en ging meteen op het niveau van de klant verder.", view.evidence(peer[0])
        )
    facts = view.of(EventType.FACT_REVEALED)
    if view.params.likes_jargon and facts:
        return met("U liet het standaardscript los en ging meteen gericht op het probleem in.", view.evidence(facts[0]))
    if view.params.likes_jargon and view.utterances:
        return partly("U week niet merkbaar af van het standaardscript.", view.due(view.utterances[0]))
    return unobserved("Deze oproep vroeg niet om af te wijken van het script.")


def _queue_order(view: CallView, handled: list[Any]) -> Finding:
    """Judge work on queued tickets: the most urgent ticket first, and no SLA breach."""
    queue = [str(t["priority"]) for t in view.world.get("tickets", []) if isinstance(t, dict) and t.get("priority")]
    first = handled[0]
    first_priority = field_of(first.data, "priority")
    breaches = view.of(EventType.SLA_BREACH)
    if breaches:
        return not_met("Een SLA-termijn werd overschreden.", view.evidence(first), view.evidence(breaches[0]))
    if not queue or first_priority is None or first_priority == min(queue):
        return met(f"U pakte eerst het dringendste ticket aan ({first_priority}), binnen de SLA.", view.evidence(first))
    return partly(f"U begon met een {first_priority}-ticket terwijl er een {min(queue)} wachtte.", view.evidence(first))
