"""Trainee recordings on the web side: the cohort's policy, storing, attaching, playing and purging.

Audio is kept only when a cohort of the trainee has ``record_audio`` on (a self-study learner
without a cohort is never recorded); it is written as WAV files under the instance folder, nothing
leaves the machine. The review page plays one WAV per call, the stored utterances one after another
with a short pause, with every recognised word placed on that timeline (``align_transcript``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.adapters.db.models import CallSession, Cohort, DbRecordingStore, RecordingRecord
from simulator.adapters.db.models.cohorts import cohort_trainees
from simulator.content.private import write_private
from simulator.voice.audio import RECOGNIZER_RATE, pcm_to_wav, read_wav
from simulator.voice.ports import Final, Word
from simulator.voice.recordings import AlignedWord, RecordingPolicy, align_transcript, purge_expired, should_store

#: Silence between two utterances in the played-back call.
GAP_S = 0.4
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def folder(configured: str | Path | None = None) -> Path:
    """Return the folder recordings are written to (``RECORDINGS_FOLDER``, else ``<instance>/recordings``)."""
    chosen = configured or current_app.config.get("RECORDINGS_FOLDER")
    return Path(chosen) if chosen else Path(current_app.instance_path) / "recordings"


def policy_for(db: Session, call: CallSession) -> RecordingPolicy:
    """Return the recording policy of the call's trainee: the assignment's cohort, else any of theirs."""
    if call.assignment is not None:
        cohorts = [call.assignment.cohort]
    else:
        query = select(Cohort).join(cohort_trainees).where(cohort_trainees.c.user_id == call.trainee_id)
        cohorts = list(db.scalars(query))
    recording = [c for c in cohorts if c.record_audio]
    if not recording:
        return RecordingPolicy(enabled=False)
    return RecordingPolicy(enabled=True, retention_days=max(1, min(c.audio_retention_days for c in recording)))


def store(db: Session, root: Path, call: CallSession, utterance_id: str, pcm: bytes, final: Final) -> RecordingRecord:
    """Write one utterance's audio and its row (the caller has checked the policy)."""
    if not SAFE_ID.match(utterance_id):
        raise ValueError(f"unsafe utterance id {utterance_id!r}")
    relative = Path(str(call.id)) / f"{utterance_id}.wav"
    target = root / relative
    write_private(target, pcm_to_wav(pcm, RECOGNIZER_RATE))
    row = RecordingRecord(
        session_id=call.id,
        utterance_id=utterance_id,
        path=relative.as_posix(),
        text=final.text[:2000],
        words=[{"word": w.word, "start": w.start, "end": w.end, "conf": w.conf} for w in final.words],
        duration_s=round(len(pcm) / 2 / RECOGNIZER_RATE, 3),
    )
    db.add(row)
    db.commit()
    return row


def attach(db: Session, call: CallSession, utterance_id: str, event_index: int) -> bool:
    """Link a stored utterance to the ``utterance`` event it became; False when none was stored."""
    row = db.scalar(
        select(RecordingRecord).where(
            RecordingRecord.session_id == call.id, RecordingRecord.utterance_id == utterance_id
        )
    )
    if row is None:
        return False
    row.event_index = event_index
    db.commit()
    return True


def rows_of(db: Session, call_id: int) -> list[RecordingRecord]:
    """Return a call's recordings that became part of the call, in the order they were said."""
    query = select(RecordingRecord).where(
        RecordingRecord.session_id == call_id, RecordingRecord.event_index.is_not(None)
    )
    return sorted(db.scalars(query), key=lambda r: (r.event_index or 0, r.id))


@dataclass(frozen=True)
class CallRecording:
    """A call's recording as one WAV with the transcript's words on its timeline."""

    wav: bytes
    words: list[AlignedWord]
    duration_s: float


def call_recording(root: Path, rows: list[RecordingRecord]) -> CallRecording | None:
    """Join the call's utterances into one WAV and align their words; None when nothing is stored."""
    pcm, placed, offset = bytearray(), [], 0.0
    pause = b"\x00\x00" * int(GAP_S * RECOGNIZER_RATE)
    for row in rows:
        try:
            audio = read_wav((root / row.path).read_bytes(), row.path)
        except (OSError, ValueError):
            continue  # a file removed by hand: play the rest
        words = tuple(
            Word(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0))) for w in row.words
        )
        placed.append((row.event_index or 0, offset, Final(row.text, words)))
        pcm += audio.pcm + pause
        offset += audio.duration_s + GAP_S
    if not placed:
        return None
    return CallRecording(pcm_to_wav(bytes(pcm), RECOGNIZER_RATE), align_transcript(placed), round(offset, 3))


def delete_call_recordings(db: Session, root: Path, call_id: int) -> int:
    """Delete every recording of a call (files and rows); return how many were deleted."""
    store_ = DbRecordingStore(db, root, [call_id])
    rows = list(store_.rows())
    for row in rows:
        store_.delete_row(row)
    db.commit()
    return len(rows)


def purge(db: Session, root: Path, now: datetime) -> int:
    """Delete the recordings their cohort's retention period (or a switched-off recording) no longer allows."""
    by_policy: dict[RecordingPolicy, list[int]] = defaultdict(list)
    session_ids = set(db.scalars(select(RecordingRecord.session_id).distinct()))
    for call in db.scalars(select(CallSession).where(CallSession.id.in_(session_ids))):
        by_policy[policy_for(db, call)].append(call.id)
    deleted = sum(purge_expired(DbRecordingStore(db, root, ids), policy, now) for policy, ids in by_policy.items())
    db.commit()
    return deleted


__all__ = ["CallRecording", "attach", "call_recording", "folder", "policy_for", "purge", "should_store", "store"]
