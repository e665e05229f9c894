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
#: Steps that work on a ticket already in the queue (a shift): each shows which ticket was taken up.
QUEUE_WORK = (
    EventType.TICKET_OPEN,
    EventType.TICKET_PRIORITISE,
    EventType.TICKET_ASSIGN,
    EventType.TICKET_LINK_PROBLEM,
    EventType.TICKET_UPDATE,
    EventType.TICKET_NOTE,
    EventType.TICKET_RESOLVE,
)


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
            return partly("ticket.wrong_category", view.evidence(made[0]), category=gaps[0])
        return met("ticket.during_call", view.evidence(made[0]))
    if made:
        return partly("ticket.after_call", view.evidence(made[0]))
    if tried:
        return partly("ticket.refused", view.evidence(tried[0]))
    if view.of(*QUEUE_WORK):
        return unobserved("ticket.queue_only")
    return not_met("ticket.missing", view.absence())


def _ticket_gaps(view: CallView) -> list[str]:
    """Return what keeps a ticket from reaching the right people: a wrong category (the category chosen)."""
    fields = ticket_fields(view)
    gaps = []
    category = fields.get("category")
    escalation = procedures_of(view).escalation
    wanted = view.exercise.problem.category
    if category is not None and category != wanted and escalation.get(str(category)) != escalation.get(wanted):
        gaps.append(str(category))
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
        return not_met("routing.outside_matrix", view.evidence(outside[-1]))
    for link in links:
        problem = field_of(link.data, "problem")
        if not proc.problems or problem in proc.problems:
            return met("routing.linked_problem", view.evidence(link), problem=problem)
    expected = {view.world.get("expected_group")} if view.world.get("expected_group") else set()
    expected |= {proc.escalation.get(view.exercise.problem.category)} | set(proc.problem_groups.values())
    expected.discard(None)
    expected.discard(proc.first_line_group)
    for assign in assigns:
        group = field_of(assign.data, "group")
        if assign.data.get("follows_matrix") or not expected or group in expected:
            if proc.problems:
                return partly("routing.assigned_not_linked", view.evidence(assign), group=group)
            return met("routing.assigned", view.evidence(assign), group=group)
    if links or assigns:
        want = sorted(str(g) for g in expected) or ["right_group"]
        return partly("routing.wrong_destination", view.evidence((links or assigns)[0]), expected=want)
    if view.good_ending():
        return unobserved("routing.not_needed")
    return not_met("routing.missing", view.absence())


def _decides(view: CallView, links: list[Any], assigns: list[Any]) -> Finding:
    """Judge the decision between the knowledge base (first line) and the second line, after checking."""
    checked = sorted(
        view.of(EventType.KB_SEARCH, EventType.KB_OPEN) + links + view.said("refer_to_kb"), key=lambda e: e.i
    )
    fixed = view.good_ending()
    if assigns and not checked:
        return not_met("decision.escalated_unchecked", view.evidence(assigns[0]))
    if assigns and assigns[-1].data.get("follows_matrix") is False:
        return partly("decision.outside_matrix", view.evidence(assigns[-1]))
    decided = view.of(EventType.KB_SHARE, EventType.KB_PROPOSE) + links + assigns
    if decided:
        first = min(decided, key=lambda e: e.i)
        shown = [view.cite(checked[0], "refer_to_kb")] if checked and checked[0].i < first.i else []
        return met("decision.deliberate", *shown, view.evidence(first))
    if fixed:
        shown = [view.cite(e, "refer_to_kb") for e in checked[:1]]
        return met("decision.solved_first_line", *shown, view.evidence(fixed[0]))
    if checked:
        return partly("decision.undecided", view.cite(checked[0], "refer_to_kb"))
    return not_met("decision.missing", view.absence())


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
                "resolution.done",
                view.evidence(resolved[-1]),
                view.evidence(closed[-1]),
            )
        code = "resolution.too_short" if not clear else "resolution.not_closed"
        return partly(code, view.evidence(resolved[-1]))
    if tried:
        return partly("resolution.refused", view.evidence(tried[0]))
    return not_met("resolution.missing", view.absence())


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
        return met("worklog.done", *(view.evidence(e) for e in notes[:2]))
    if records:
        return partly(
            "worklog.no_steps",
            view.evidence(records[0]),
        )
    return not_met("worklog.missing", view.absence())


@detector("priority_and_sla")
def priority_and_sla(view: CallView, aspect: str) -> Finding:
    """Judge impact and urgency against the exercise (so the SLA matrix gives the right priority) and the SLA."""
    made = view.of(EventType.TICKET_CREATE)
    handled = view.of(*QUEUE_WORK)
    if not made and handled:
        return _queue_order(view, handled)
    if not made:
        tried = view.refused(EventType.TICKET_CREATE)
        if tried:
            return partly("priority.ticket_refused", view.evidence(tried[0]))
        return not_met("priority.no_ticket", view.absence())
    fields = ticket_fields(view)
    problem = view.exercise.problem
    wrong: list[dict[str, Any]] = [
        {"term": "field_expected", "field": k, "got": fields.get(k), "expected": getattr(problem, k)}
        for k in ("impact", "urgency")
        if fields.get(k) not in (None, getattr(problem, k))
    ]
    expected = procedures_of(view).matrix.get((problem.impact, problem.urgency))
    if expected and fields.get("priority") not in (None, expected):
        wrong.append(
            {"term": "field_expected", "field": "priority", "got": fields.get("priority"), "expected": expected}
        )
    breaches = view.of(EventType.SLA_BREACH)
    evidence = [view.evidence(made[0])] + [
        view.evidence(e) for e in view.of(EventType.TICKET_UPDATE)[:1] + breaches[:1]
    ]
    if breaches:
        return not_met("priority.sla_breached", *evidence)
    if not wrong:
        return met("priority.right", *evidence)
    if len(wrong) == 1:
        return partly("priority.partly_misjudged", *evidence, wrong=wrong)
    return not_met("priority.misjudged", *evidence, wrong=wrong)


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
            return partly("urgency.too_slow", view.evidence(fixed[0]), seconds=round(duration))
        return met("urgency.fits", view.evidence(fixed[0]))
    if handed_on:
        if pressing:
            return partly(
                "urgency.handed_on_urgent",
                view.evidence(handed_on[0]),
            )
        return met("urgency.follow_up_fits", view.evidence(handed_on[0]))
    return not_met("urgency.missing", view.absence())


@detector("deviates_when_needed")
def deviates_when_needed(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee left the standard script where the caller needed that (e.g. a sysadmin)."""
    basics = view.mood_events("basics_repeated")
    peer = view.mood_events("peer_talk")
    if basics:
        return not_met(
            "script.kept_to_basics",
            view.evidence(basics[0]),
        )
    if peer:
        return met("script.peer_level", view.evidence(peer[0]))
    facts = view.of(EventType.FACT_REVEALED)
    if view.params.likes_jargon and facts:
        return met("script.left_for_problem", view.evidence(facts[0]))
    if view.params.likes_jargon and view.utterances:
        return partly("script.not_left", view.due(view.utterances[0]))
    return unobserved("script.no_occasion")


def _queue_order(view: CallView, handled: list[Any]) -> Finding:
    """Judge work on queued tickets: the most urgent ticket first, and no SLA breach.

    Opening, prioritising, assigning, noting or resolving a queued ticket all count as working on it;
    the world says whether the ticket was the most urgent one open (``most_urgent``) where it knows,
    otherwise its priority is compared with the queue's.
    """
    first = handled[0]
    breaches = view.of(EventType.SLA_BREACH)
    if breaches:
        return not_met("queue.sla_breached", view.evidence(first), view.evidence(breaches[0]))
    urgent, first_priority, waiting = most_urgent_first(view, first)
    if urgent:
        return met("queue.most_urgent_first", view.evidence(first), priority=first_priority)
    return partly("queue.less_urgent_first", view.evidence(first), first=first_priority, waiting=waiting)


def most_urgent_first(view: CallView, first: Any) -> tuple[bool, Any, str]:
    """Return whether the first ticket worked on was the most urgent open one, its priority and the queue's highest.

    The world says so where it knows (``most_urgent`` on opening or prioritising); otherwise the
    ticket's priority is compared with the priorities of the queue.
    """
    queue = [str(t["priority"]) for t in view.world.get("tickets", []) if isinstance(t, dict) and t.get("priority")]
    priority = field_of(first.data, "priority")
    waiting = min(queue) if queue else str(priority)
    urgent = first.data.get("most_urgent")
    if urgent is None:
        urgent = not queue or priority is None or str(priority) == waiting
    return bool(urgent), priority, waiting
