"""A detector that asks for a misspelt event type fails loudly instead of finding "not observed"."""

from __future__ import annotations

import pytest

from simulator.assessment.context import CallView
from simulator.conversation.events import EventType, UnknownEventType


def test_a_detector_query_with_a_misspelt_type_raises_instead_of_finding_nothing(make_record, ev) -> None:
    view = CallView(make_record([ev.act("ticket.create", step="ticket.create", ticket="INC0001")]))
    assert [e.type for e in view.of(EventType.TICKET_CREATE)] == ["ticket.create"]
    with pytest.raises(UnknownEventType, match="ticket.craete"):
        view.of("ticket.craete")  # type: ignore[arg-type]
    with pytest.raises(UnknownEventType):
        view.refused("ticket.create", "remote.rnu")  # type: ignore[arg-type]
