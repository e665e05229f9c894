"""Turn-taking from audio timings: interruptions, dead air, silence prompts."""

from __future__ import annotations

import pytest

from simulator.voice.ports import Final, Word
from simulator.voice.turns import TurnTracker, utterance_duration


def make_tracker(**overrides: float) -> TurnTracker:
    """Return a tracker whose caller began a 4-second line (event 7) at t=10."""
    tracker = TurnTracker(silence_timeout_s=overrides.get("silence_timeout_s", 12.0))
    tracker.customer_started(at=10.0, duration_s=overrides.get("duration_s", 4.0), line_index=7)
    return tracker


def test_speaking_in_the_middle_of_the_callers_line_is_an_interruption() -> None:
    tracker = make_tracker()
    decision = tracker.trainee_started(11.5)
    assert decision.interrupt and decision.stop_customer_audio
    assert decision.cut_after_s == pytest.approx(1.5)
    assert tracker.interruptions == [7]
    assert not tracker.caller_is_speaking(12.0)


@pytest.mark.parametrize("at", [10.1, 13.8], ids=["both-start-together", "latching-at-the-end"])
def test_overlap_at_the_edges_of_a_line_is_not_an_interruption(at: float) -> None:
    assert not make_tracker().trainee_started(at).interrupt


def test_a_long_pause_before_answering_counts_as_dead_air() -> None:
    tracker = make_tracker()
    decision = tracker.trainee_started(17.0)
    assert not decision.interrupt
    assert decision.gap_s == pytest.approx(3.0)
    tracker.trainee_finished(19.0)
    tracker.customer_started(at=19.5, duration_s=2.0)
    tracker.trainee_started(21.8)  # 0.3 s: an ordinary turn change
    assert tracker.dead_air_s == pytest.approx(3.0)


def test_the_silence_prompt_comes_once_after_the_personas_timeout() -> None:
    tracker = make_tracker(silence_timeout_s=12.0)
    assert tracker.silence_due(20.0) is None
    assert tracker.seconds_until_silence_prompt(20.0) == pytest.approx(6.0)
    assert tracker.silence_due(26.5) == pytest.approx(12.5)
    assert tracker.silence_due(30.0) is None


def test_no_silence_prompt_while_the_trainee_is_talking() -> None:
    tracker = make_tracker()
    tracker.trainee_started(15.0)
    assert tracker.silence_due(40.0) is None
    assert tracker.trainee_finished(18.25) == pytest.approx(3.25)
    assert tracker.silence_due(31.0) == pytest.approx(12.75)


def test_stopping_the_callers_audio_early_moves_the_start_of_silence() -> None:
    tracker = make_tracker()
    tracker.customer_stopped(11.0)
    assert tracker.trainee_started(13.0).gap_s == pytest.approx(2.0)


def test_utterance_duration_comes_from_the_word_timestamps() -> None:
    final = Final("goeiemorgen helpdesk", (Word("goeiemorgen", 0.4, 1.1), Word("helpdesk", 1.2, 1.9)))
    assert utterance_duration(final) == pytest.approx(1.5)
    assert utterance_duration(Final("")) is None
