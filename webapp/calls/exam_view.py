"""What a trainee sees of a running exam: the fields named here, nothing else.

An allow-list, not a deny-list: a key that the core adds to an event tomorrow (a new scoring signal,
say) stays out of an exam until someone decides here that a trainee may see it. What is kept is what
a real helpdesk shows: the conversation's words, the ticket, the tools' answers. What is left out is
how the call is judged: the understanding of each utterance (intents, scores, topics, slots, jargon),
the caller's mood, venting and scenario state, the expected group and whether the matrix was
followed, which articles and problems are relevant, whether a hold was announced, whether a command
repaired the fault, and the seed, with which the same caller could be rehearsed in practice mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from simulator.conversation.events import EventType

#: A call's summary, without its seed.
SUMMARY_FIELDS = frozenset(
    {"id", "trainee_id", "exercise_id", "mode", "status", "assignment_id", "version", "started_at", "ended_at"}
)

#: The console's state; mood and hint are always None in an exam.
STATE_FIELDS = frozenset({"phase", "clock", "ended", "consent_given", "remote_session", "ticket", "queue"})

#: The fields of the call's ticket, as the ticket form shows them.
TICKET_FIELDS = frozenset(
    {
        "number", "summary", "description", "caller", "organisation", "category", "subcategory", "impact",
        "urgency", "priority", "status", "group", "assignee", "channel", "problem", "resolution", "opened_at",
        "time_spent_s", "version",
    }
)  # fmt: skip

#: A knowledge-base search hit.
SEARCH_RESULT_FIELDS = frozenset({"id", "title", "language"})

#: An opened knowledge-base article.
ARTICLE_FIELDS = frozenset(
    {"id", "title", "language", "audience", "status", "category", "revision", "symptoms", "cause", "solution_html",
     "problem"}
)  # fmt: skip

#: Every event may say that it was refused and why (in words for the trainee).
REFUSAL_FIELDS = frozenset({"refused", "reason"})

_TICKET_EVENT = frozenset({"step", "ticket", "priority", "status", "group", "problem"})

#: Event type → the data keys shown during an exam. Types not named here (mood, state_change,
#: fact_revealed, …) are not shown at all.
EVENT_FIELDS: Mapping[EventType, frozenset[str]] = {
    EventType.RING: frozenset({"caller"}),
    EventType.WAIT: frozenset({"step", "seconds"}),
    EventType.ANSWER: frozenset({"step", "wait_s"}),
    EventType.UTTERANCE: frozenset({"step", "speaker", "text", "interrupt", "duration"}),
    EventType.INTERRUPTION: frozenset({"line", "cut_at"}),
    EventType.CUSTOMER_LINE: frozenset({"speaker", "text", "duration"}),
    EventType.CONSENT: frozenset({"given"}),
    EventType.HOLD: frozenset({"step", "seconds"}),
    EventType.RESUME: frozenset({"seconds"}),
    EventType.END: frozenset({"ended_by", "reason", "step"}),
    EventType.GUIDED: frozenset({EventType.UTTERANCE, "command", "reading", "output", "readback", "seconds"}),
    EventType.TICKET_CREATE: _TICKET_EVENT | {"category", "impact", "urgency"},
    EventType.TICKET_UPDATE: _TICKET_EVENT | {"changed"},
    EventType.TICKET_NOTE: _TICKET_EVENT | {"visible"},
    EventType.TICKET_ASSIGN: _TICKET_EVENT | {"assignee"},
    EventType.TICKET_LINK_PROBLEM: _TICKET_EVENT | {"title", "workaround"},
    EventType.TICKET_RESOLVE: _TICKET_EVENT,
    EventType.TICKET_CLOSE: _TICKET_EVENT | {"time_spent_s"},
    # a shift's queue: what the ticket form shows of the opened or re-judged ticket, never its rank in
    # the queue nor whether it was the most urgent one (that is how the prioritisation is judged)
    EventType.TICKET_OPEN: _TICKET_EVENT | {"summary", "impact", "urgency", "channel"},
    EventType.TICKET_PRIORITISE: _TICKET_EVENT | {"impact", "urgency", "previous_priority", "changed"},
    EventType.KB_SEARCH: frozenset({"step", "query", "results", "count"}),
    EventType.KB_OPEN: frozenset({"step", "article", "id", "title", "language", "audience", "status", "views"}),
    EventType.KB_SHARE: frozenset({"step", "article", "title", "shares", "to"}),
    EventType.KB_PROPOSE: frozenset({"step", "article", "title", "status"}),
    EventType.CRM_LOOKUP: frozenset({"step", "query", "matches", "ticket", "count"}),
    EventType.REMOTE_CONNECT: frozenset({"step", "host", "user"}),
    EventType.REMOTE_RUN: frozenset({"step", "command", "name", "output"}),
    EventType.REMOTE_DISCONNECT: frozenset({"step", "host"}),
    EventType.SLA_WARNING: frozenset({"ticket", "target", "at"}),
    EventType.SLA_BREACH: frozenset({"ticket", "target", "at"}),
}


def pick(data: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    """Return the entries of ``data`` whose key is in ``allowed``."""
    return {key: data[key] for key in allowed if key in data}


def event(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return an event as an exam shows it, or None when its type is not shown."""
    allowed = EVENT_FIELDS.get(str(item.get("type")))
    if allowed is None:
        return None
    data = pick(item.get("data") or {}, allowed | REFUSAL_FIELDS)
    if isinstance(data.get("results"), list):
        data["results"] = [pick(row, SEARCH_RESULT_FIELDS) for row in data["results"] if isinstance(row, Mapping)]
    return {"i": item.get("i"), "t": item.get("t"), "type": item.get("type"), "data": data}


def summary(body: Mapping[str, Any]) -> dict[str, Any]:
    """Return a call's summary as its trainee sees it in an exam."""
    return pick(body, SUMMARY_FIELDS)


def state(body: Mapping[str, Any]) -> dict[str, Any]:
    """Return the console's state of an exam: the allowed fields, the ticket's allowed fields, no mood, no hint."""
    shown = pick(body, STATE_FIELDS)
    if isinstance(shown.get("ticket"), Mapping):
        shown["ticket"] = pick(shown["ticket"], TICKET_FIELDS)
    return shown | {"mood": None, "hint": None}


def article(card: Mapping[str, Any]) -> dict[str, Any]:
    """Return an opened article as an exam shows it."""
    return pick(card, ARTICLE_FIELDS)
