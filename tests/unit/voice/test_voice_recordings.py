"""Recordings policy: stored only when the cohort allows it, deleted after the retention period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import pytest

from simulator.voice.ports import Final, Word
from simulator.voice.recordings import (
    Recording,
    RecordingPolicy,
    align_transcript,
    expired,
    purge_expired,
    should_store,
)

NOW = datetime(2026, 3, 1, 12, 0)


def make_recording(**overrides: object) -> Recording:
    """Return a recording made ``days_old`` days before NOW."""
    days = float(overrides.pop("days_old", 0))  # type: ignore[arg-type]
    fields: dict[str, object] = {
        "session_id": "s1", "utterance": 3, "key": "s1/3.wav", "created_at": NOW - timedelta(days=days),
        "offset_s": 5.0, "duration_s": 2.0,
    }  # fmt: skip
    fields.update(overrides)
    return Recording(**fields)  # type: ignore[arg-type]


class ListStore:
    """The persistence port, as a list (the real one belongs to the database layer)."""

    def __init__(self, items: list[Recording]) -> None:
        self.items = items

    def recordings(self) -> Iterable[Recording]:
        return list(self.items)

    def delete(self, recording: Recording) -> None:
        self.items.remove(recording)


def test_audio_is_stored_only_when_the_cohort_enables_it() -> None:
    assert not should_store(RecordingPolicy())
    assert should_store(RecordingPolicy(enabled=True))


def test_recordings_past_the_retention_period_are_deleted_and_younger_ones_kept() -> None:
    old, young = make_recording(days_old=31, key="old"), make_recording(days_old=29, key="young")
    store = ListStore([old, young])
    assert purge_expired(store, RecordingPolicy(enabled=True, retention_days=30), NOW) == 1
    assert store.items == [young]


def test_switching_recording_off_expires_everything() -> None:
    assert len(expired([make_recording(), make_recording(days_old=1)], RecordingPolicy(enabled=False), NOW)) == 2


def test_a_retention_below_one_day_is_refused() -> None:
    with pytest.raises(ValueError, match="retention_days"):
        RecordingPolicy(enabled=True, retention_days=0)


def test_words_are_placed_on_the_call_timeline() -> None:
    first = Final("goeiemorgen", (Word("goeiemorgen", 0.2, 0.9),))
    second = Final("wat scheelt er", (Word("wat", 0.1, 0.3), Word("scheelt", 0.3, 0.7), Word("er", 0.7, 0.8)))
    aligned = align_transcript([(4, 30.0, second), (1, 2.0, first)])
    assert [(w.word, w.start) for w in aligned] == [
        ("goeiemorgen", 2.2),
        ("wat", 30.1),
        ("scheelt", 30.3),
        ("er", 30.7),
    ]
