"""Event types are named once: a misspelt type fails loudly, and docs/events.md lists exactly the enum."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.conversation.events import Event, EventLog, EventType, UnknownEventType

DOCS = Path(__file__).resolve().parents[3] / "docs" / "events.md"


def documented_types() -> set[str]:
    """Return every type named in the first column of the table in docs/events.md."""
    names: set[str] = set()
    for row in DOCS.read_text(encoding="utf-8").splitlines():
        cells = row.split("|")
        if row.startswith("|") and len(cells) > 2 and "`" in cells[1]:
            names.update(re.findall(r"`([^`]+)`", cells[1]))
    return names


def test_the_docs_list_every_event_type_and_no_other() -> None:
    documented = documented_types()
    assert documented - {t.value for t in EventType} == set(), "documented but not in EventType"
    assert {t.value for t in EventType} - documented == set(), "in EventType but not documented"


@pytest.mark.parametrize("misspelt", ["custmer_line", "ticket.creat", "Utterance", "ticket_create", ""])
def test_appending_a_misspelt_type_raises(misspelt: str) -> None:
    log = EventLog()
    with pytest.raises(UnknownEventType, match=re.escape(repr(misspelt))):
        log.report(0.0, misspelt, {"step": misspelt})
    with pytest.raises(UnknownEventType):
        log.append(0.0, misspelt, text="hallo")  # type: ignore[call-overload]
    assert len(log) == 0


def test_an_event_read_back_with_a_misspelt_type_raises() -> None:
    with pytest.raises(UnknownEventType):
        Event(0, 0.0, "fact_reveald", {"fact": "x"})  # type: ignore[arg-type]


def test_the_log_keeps_the_same_strings_in_json() -> None:
    log = EventLog()
    log.append(0.0, EventType.RING, caller="An Peeters")
    log.report(3.0, "ticket.create", {"step": "ticket.create", "ticket": "INC0001"})
    assert json.dumps([e.to_dict() for e in log]) == (
        '[{"i": 0, "t": 0.0, "type": "ring", "data": {"caller": "An Peeters"}}, '
        '{"i": 1, "t": 3.0, "type": "ticket.create", "data": {"step": "ticket.create", "ticket": "INC0001"}}]'
    )
    assert log[1].type is EventType.TICKET_CREATE


def test_asking_for_a_misspelt_type_raises() -> None:
    with pytest.raises(UnknownEventType):
        EventType.all_of(("ring", "rnig"))
