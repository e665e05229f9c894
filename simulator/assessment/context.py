"""A read-only view over one call's event log, indexed once so every detector stays cheap.

Detectors ask questions such as "which trainee lines carried the empathy intent" or "did a world
action succeed"; this view answers them without each detector walking the log again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from simulator.assessment.model import Evidence
from simulator.conversation.events import Event, EventType
from simulator.conversation.record import CallRecord

QUOTE_CHARS = 160


class CallView:
    """The facts of one call as detectors need them."""

    def __init__(self, record: CallRecord) -> None:
        self.record = record
        self.exercise = record.exercise
        self.params = record.params
        self.events: tuple[Event, ...] = record.events
        self.world: dict[str, Any] = record.world or {}
        self.ticket = record.ticket
        self._by_type: dict[str, list[Event]] = defaultdict(list)
        self._by_intent: dict[str, list[Event]] = defaultdict(list)
        self.utterances: list[Event] = []
        for event in self.events:
            if event.data.get("refused"):
                self._by_type["refused"].append(event)
                continue
            self._by_type[event.type].append(event)
            if event.type == EventType.UTTERANCE:
                self.utterances.append(event)
                for intent in event.data.get("intents", ()):
                    self._by_intent[intent].append(event)
        self.listed = frozenset(record.exercise.activities)

    def of(self, *types: EventType) -> list[Event]:
        """Return the events of these types that were not refused, in order; an unknown type raises."""
        types = EventType.all_of(types)
        if len(types) == 1:
            return self._by_type.get(types[0], [])
        return sorted((e for t in types for e in self._by_type.get(t, [])), key=lambda e: e.i)

    def refused(self, *types: EventType) -> list[Event]:
        """Return the refused events of these types; an unknown type raises."""
        types = EventType.all_of(types)
        return [e for e in self._by_type.get("refused", []) if e.type in types]

    def said(self, *intents: str) -> list[Event]:
        """Return the trainee's utterances carrying any of these intents, in order."""
        if len(intents) == 1:
            return self._by_intent.get(intents[0], [])
        return sorted({e.i: e for i in intents for e in self._by_intent.get(i, [])}.values(), key=lambda e: e.i)

    def mood_events(self, cause: str | None = None) -> list[Event]:
        """Return the mood changes, optionally only those with this cause."""
        moods = self.of(EventType.MOOD)
        return moods if cause is None else [e for e in moods if cause in e.data.get("causes", ())]

    def last(self) -> Event:
        """Return the last event that closes the call (the ``end`` event if there is one)."""
        ends = self.of(EventType.END)
        return ends[0] if ends else self.events[-1]

    def reached(self, *states: str) -> list[Event]:
        """Return the moments the scenario entered one of these states (state changes or caller lines)."""
        wanted = set(states)
        hits = [e for e in self.of(EventType.STATE_CHANGE) if e.data.get("dest") in wanted]
        if hits:
            return hits
        seen: set[str] = set()
        for line in self.of(EventType.CUSTOMER_LINE):
            state = line.data.get("state")
            if state in wanted and state not in seen:
                seen.add(state)
                hits.append(line)
        return hits

    def good_ending(self) -> list[Event]:
        """Return the moments the call reached one of the exercise's good endings."""
        return self.reached(*self.exercise.good_endings)

    def start_mood(self) -> int:
        """Return the caller's mood when the call began."""
        return self.params.mood

    def end_mood(self) -> int:
        """Return the caller's mood at the end of the call."""
        return self.record.outcome.customer_mood

    def evidence(self, event: Event, quote: str | None = None, act: str = "") -> Evidence:
        """Build evidence pointing at ``event``, quoting what was said or describing what was done.

        A world or caller event is cited for what it is (its type); a trainee line needs the act the
        detector claims it shows (see :meth:`cite`), or ``due`` for the moment something did not come.
        """
        claim = act or ("" if event.type == EventType.UTTERANCE else event.type.value)
        return Evidence(event.t, event.i, _clip(quote if quote is not None else describe(event)), act=claim)

    def cite(self, event: Event, *acts: str) -> Evidence:
        """Build evidence for a trainee line, claiming the first of ``acts`` it carries (or the first act).

        Any other event is cited for what it is, so a detector may cite a mixed list of moments.
        """
        if event.type != EventType.UTTERANCE:
            return self.evidence(event)
        carried = set(event.data.get("intents", ())) | {f"topic:{t}" for t in event.data.get("topics", ())}
        if event.data.get("interrupt"):
            carried.add("interrupt")
        if event.data.get("jargon"):
            carried.add("jargon")
        claim = next((a for a in acts if a in carried), acts[0] if acts else "")
        return self.evidence(event, act=claim)

    def due(self, event: Event) -> Evidence:
        """Build evidence for the moment a behaviour was due and did not come."""
        return self.evidence(event, act="due")

    def absence(self) -> Evidence:
        """Build evidence for something that never happened: it points at the end of the call, quoting nothing.

        The report says in the reader's language that the behaviour never came (``absence``).
        """
        last = self.last()
        return Evidence(last.t, last.i, "", absence=True, act="missing")


def describe(event: Event) -> str:
    """Return a short trace of an event for a quote: the line said, or the event's type and values.

    Only a line said is shown to a reader as it stands; for any other event the report describes
    the event in the reader's language (``report.moment_text``), so this trace stays in codes.
    """
    data = event.data
    if "text" in data:
        return str(data["text"])
    if event.type == EventType.MOOD:
        return f"mood {data.get('mood')} ({data.get('delta', 0):+d}: {', '.join(data.get('causes', []))})"
    if event.type == EventType.FACT_REVEALED:
        return f"fact_revealed {data.get('fact')}"
    if event.type == EventType.REMOTE_RUN:
        return f"remote.run {command_of(event)}".strip()
    if event.type == EventType.ANSWER:
        return f"answer wait_s={data.get('wait_s', 0):.0f}"
    if event.type == EventType.END:
        return f"end ended_by={data.get('ended_by', '?')}"
    parts = [event.type.value]
    for key in ("number", "ticket", "priority", "group", "problem", "article", "query", "resolution", "title", "note"):
        value = data.get(key)
        if isinstance(value, str | int) and value != "":
            parts.append(f"{key}={value}")
    if data.get("refused"):
        parts.append("refused")
    return " ".join(parts)


def command_of(event: Event) -> str:
    """Return the command line a ``remote.run`` event ran, whatever key the world used."""
    data = event.data
    for key in ("command", "cmd", "line", "run"):
        value = data.get(key)
        if isinstance(value, str):
            return value
    return ""


def field_of(data: dict[str, Any], key: str) -> Any:
    """Return ``key`` from an action's data or from a nested ``ticket``/``article`` mapping."""
    if key in data:
        return data[key]
    for nest in ("ticket", "article", "proposal", "fields", "args"):
        inner = data.get(nest)
        if isinstance(inner, dict) and key in inner:
            return inner[key]
    return None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
