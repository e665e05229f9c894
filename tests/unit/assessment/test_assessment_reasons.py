"""The world's Dutch refusals read in French and English, values carried over; unknown ones give None."""

from __future__ import annotations

import pytest

from simulator.assessment.reasons import translate_reason
from simulator.scripts.runner import CallRunner

REFUSED_STEPS = [
    ("remote.run", "ipconfig"),
    ("remote.disconnect", {}),
    ("ticket.note", "Niets"),
    ("remote.connect", {}),
    ("ticket.open", "INC-000099"),
    ("ticket.create", {"summary": "Printer", "category": "printer", "impact": "low", "urgency": "high"}),
    ("ticket.close", {}),
    ("ticket.resolve", "Spooler herstart."),
    ("ticket.close", {}),
    ("ticket.note", "Nog iets."),
]


@pytest.fixture(scope="module")
def reasons() -> list[str]:
    """Return the reasons the world gave for refusing steps a trainee might try too early or wrongly."""
    runner = CallRunner("printer-offline-angry-nl", seed=7)
    runner.perform("answer", {})
    for name, args in REFUSED_STEPS:
        runner.perform(name, args)
    return [str(e.data["reason"]) for e in runner.call.log if e.data.get("refused")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_refusal_a_trainee_meets_is_translated(reasons, lang) -> None:
    assert len(reasons) >= 6
    for reason in reasons:
        translated = translate_reason(reason, lang)
        assert translated and translated != reason, reason
        assert "remote.connect" not in translated and "ticket.create" not in translated


def test_values_are_carried_over_and_an_unknown_reason_is_none() -> None:
    reason = "Ticket INC-000004 is nog niet opgelost (status 'in behandeling'); los het eerst op voor u het sluit."
    assert translate_reason(reason, "en") == (
        "Ticket INC-000004 is not resolved yet (status 'in progress'); resolve it before you close it."
    )
    assert translate_reason("Iets wat de wereld nooit zei.", "fr") is None
    assert translate_reason("Er loopt al een sessie op afstand.", "nl") == "Er loopt al een sessie op afstand."
