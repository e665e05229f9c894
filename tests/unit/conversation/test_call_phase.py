"""The call's phase (ringing, talking, on hold, ended) decides which step a trainee may take.

What a trainee notices: talking before picking up is refused with a reason, a hold ends with the
caller back on the line, nothing can be done after the call ended, and a refused step changes nothing.
"""

from __future__ import annotations

import pytest

from simulator.conversation.events import Event
from simulator.conversation.phase import CallPhase
from simulator.scripts.runner import CallRunner


def _refused(events: list[Event]) -> list[str]:
    return [str(e.data["reason"]) for e in events if e.data.get("refused")]


def test_nothing_but_answering_or_waiting_while_the_phone_rings() -> None:
    runner = CallRunner("printer-offline-angry-nl", seed=1)
    assert runner.call.phase == "ringing"
    assert _refused(runner.perform("say", "Hallo?")) == ["De telefoon is nog niet opgenomen."]
    assert _refused(runner.perform("hold", {"seconds": 10})) == ["De telefoon is nog niet opgenomen."]
    assert not _refused(runner.perform("wait", 3))
    assert not _refused(runner.perform("answer"))
    assert runner.call.phase == "talking"
    assert _refused(runner.perform("answer")) == ["De telefoon is al opgenomen."]


def test_a_hold_puts_the_caller_back_on_the_line() -> None:
    runner = CallRunner("printer-offline-angry-nl", seed=1)
    runner.perform("answer")
    events = runner.perform("hold", {"seconds": 20})
    assert [e.type for e in events][:2] == ["hold", "resume"]
    assert runner.call.phase == "talking"


def test_after_the_end_every_step_is_refused_and_the_call_stays_ended() -> None:
    runner = CallRunner("printer-offline-angry-nl", seed=1)
    runner.perform("answer")
    runner.perform("end_call")
    for step, raw in [("say", "Nog iets?"), ("wait", 2), ("answer", None), ("end_call", None)]:
        assert _refused(runner.perform(step, raw)) == ["Het gesprek is al beëindigd."]
    assert runner.call.ended and runner.call.outcome().ended_by == "trainee"
    record = runner.finish()
    assert sum(e.type == "end" for e in record.events) == 1


def test_finishing_an_open_call_ends_it_once_and_releases_it() -> None:
    runner = CallRunner("printer-offline-angry-nl", seed=1)
    runner.perform("answer")
    record = runner.finish()
    assert [e.data.get("ended_by") for e in record.events if e.type == "end"] == ["trainee"]
    assert runner.finish().events == record.events  # a second finish adds nothing


@pytest.mark.parametrize("trigger", ["put_on_hold", "take_back", "hang_up"])
def test_a_move_the_phase_does_not_allow_is_refused_not_made(trigger: str) -> None:
    phase = CallPhase()
    phase.move("pick_up")
    phase.move("hang_up")
    assert not phase.move(trigger) and phase.name == "ended"
    phase.release()
