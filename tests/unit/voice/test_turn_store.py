"""A call's turns survive being written down and read back, so another web worker carries on with them."""

from __future__ import annotations

import json

from simulator.voice.turn_store import MemoryTurns
from simulator.voice.turns import CallTurns, TurnTracker


def test_turns_read_back_from_json_decide_as_the_originals_would() -> None:
    turns = CallTurns(TurnTracker(silence_timeout_s=8.0))
    turns.tracker.customer_started(10.0, 4.0, line_index=3)
    decision = turns.decide("u1", 11.5)  # in the middle of the caller's line
    copy = CallTurns.from_dict(json.loads(json.dumps(turns.to_dict())))
    assert copy.decision == decision and decision.interrupt is True
    assert copy.decide("u1", 12.0) == decision  # a later chunk of the same utterance: the same decision
    assert copy.finish_utterance("u1", 13.0) == (decision, 1.5)
    assert copy.tracker.silence_due(13.0 + 8.0) == 8.0
    assert copy.tracker.interruptions == [3]


def test_a_new_utterance_gets_its_own_decision() -> None:
    turns = CallTurns(TurnTracker(silence_timeout_s=8.0))
    turns.decide("u1", 1.0)
    assert turns.finish_utterance("u1", 3.0)[1] == 2.0
    second = turns.decide("u2", 6.0)
    assert second.gap_s == 3.0 and turns.tracker.dead_air_s == 3.0
    assert turns.finish_utterance("other", 7.0) == (None, None)  # not the open utterance: nothing measured


def test_memory_turns_keep_one_state_per_call_and_forget_the_oldest() -> None:
    store = MemoryTurns(size=2)
    for n in (1, 2, 3):
        with store.turns(f"call-{n}", 5.0) as turns:
            turns.tracker.gaps.append(float(n))
    assert store.existing("call-1") is None
    assert store.existing("call-3").tracker.gaps == [3.0]
    store.drop("call-3")
    assert store.existing("call-3") is None
