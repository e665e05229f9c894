"""Trainee recordings: whether to keep them, when they must go, and the transcript laid over them.

A cohort decides whether trainee audio is stored at all (off by default) and for how many days.
Storage itself belongs to the persistence layer; it only needs to offer :class:`RecordingStore`.
The instructor's review page shows each utterance's words at the moment they were said, from the
recogniser's word timestamps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from simulator.voice.ports import Final


@dataclass(frozen=True)
class RecordingPolicy:
    """A cohort's choice: store trainee audio or not, and for how long."""

    enabled: bool = False
    retention_days: int = 30

    def __post_init__(self) -> None:
        if self.retention_days < 1:
            raise ValueError("retention_days moet minstens 1 zijn")


@dataclass(frozen=True)
class Recording:
    """One stored utterance of one session."""

    session_id: str
    utterance: int  # index of the ``utterance`` event it belongs to
    key: str  # where the store keeps the audio
    created_at: datetime
    offset_s: float  # when the utterance began, on the call's recording timeline
    duration_s: float


class RecordingStore(Protocol):
    """What the persistence layer offers for recordings."""

    def recordings(self) -> Iterable[Recording]:
        """Return every stored recording."""
        ...

    def delete(self, recording: Recording) -> None:
        """Delete the audio and its record."""
        ...


def should_store(policy: RecordingPolicy) -> bool:
    """Return True when the cohort allows keeping the trainee's audio."""
    return policy.enabled


def expires_at(recording: Recording, policy: RecordingPolicy) -> datetime:
    """Return the moment after which the recording must be gone."""
    return recording.created_at + timedelta(days=policy.retention_days)


def expired(recordings: Iterable[Recording], policy: RecordingPolicy, now: datetime) -> list[Recording]:
    """Return the recordings past their retention period (all of them once recording is switched off)."""
    if not policy.enabled:
        return list(recordings)
    return [r for r in recordings if expires_at(r, policy) <= now]


def purge_expired(store: RecordingStore, policy: RecordingPolicy, now: datetime) -> int:
    """Delete what the policy no longer allows to keep; return how many were deleted."""
    doomed = expired(list(store.recordings()), policy, now)
    for recording in doomed:
        store.delete(recording)
    return len(doomed)


@dataclass(frozen=True)
class AlignedWord:
    """A word of the transcript placed on the recording's timeline."""

    utterance: int
    word: str
    start: float
    end: float
    conf: float


def align_transcript(utterances: Sequence[tuple[int, float, Final]]) -> list[AlignedWord]:
    """Place each utterance's words on the call timeline: (event index, offset in the recording, result)."""
    aligned: list[AlignedWord] = []
    for index, offset, final in utterances:
        for w in final.words:
            aligned.append(
                AlignedWord(index, w.word, round(offset + w.start, 3), round(offset + w.end, 3), round(w.conf, 3))
            )
    return sorted(aligned, key=lambda a: (a.start, a.utterance))
