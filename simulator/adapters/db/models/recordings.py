"""Trainee recordings: one WAV file per spoken utterance, kept only where the cohort allows it.

The audio lives in files under the web app's instance folder (``recordings/<session>/<utterance>.wav``);
the row says which call and which ``utterance`` event it belongs to, where the file is (relative to
the recordings folder, so the folder can move) and the recogniser's word timings for the review page.
:class:`DbRecordingStore` offers these rows as the core's ``RecordingStore`` so ``purge_expired``
can delete what the retention period no longer allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import JsonType
from simulator.voice.recordings import Recording

if TYPE_CHECKING:
    from simulator.adapters.db.models.call_sessions import CallSession


class RecordingRecord(Base):
    """One stored utterance of a trainee; ``event_index`` is set once the line was sent as a ``say``."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("call_sessions.id", ondelete="CASCADE"), index=True)
    utterance_id: Mapped[str] = mapped_column(String(64))
    event_index: Mapped[int | None] = mapped_column(default=None)
    path: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(String(2000), default="")
    words: Mapped[list[Any]] = mapped_column(JsonType, default=list)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    session: Mapped[CallSession] = relationship()

    def to_recording(self) -> Recording:
        """Return the core's view of this row (the key is the row id)."""
        created = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=UTC)
        utterance = self.event_index if self.event_index is not None else -1
        return Recording(str(self.session_id), utterance, str(self.id), created, 0.0, self.duration_s)

    def __repr__(self) -> str:
        return f"<RecordingRecord {self.id} session={self.session_id} event={self.event_index}>"


class DbRecordingStore:
    """The ``RecordingStore`` over the database rows and their files, optionally limited to some calls."""

    def __init__(self, db: Session, folder: Path, session_ids: Iterable[int] | None = None) -> None:
        self.db = db
        self.folder = folder
        self.session_ids = None if session_ids is None else set(session_ids)

    def rows(self) -> Iterator[RecordingRecord]:
        """Yield the stored rows this store covers, oldest first."""
        query = select(RecordingRecord).order_by(RecordingRecord.created_at, RecordingRecord.id)
        if self.session_ids is not None:
            query = query.where(RecordingRecord.session_id.in_(self.session_ids))
        yield from self.db.scalars(query)

    def recordings(self) -> list[Recording]:
        """Return every recording this store covers."""
        return [row.to_recording() for row in self.rows()]

    def delete(self, recording: Recording) -> None:
        """Delete the recording's file and row (a file already gone is fine)."""
        row = self.db.get(RecordingRecord, int(recording.key))
        if row is not None:
            self.delete_row(row)

    def delete_row(self, row: RecordingRecord) -> None:
        """Delete one row and its file, and the call's folder once it is empty."""
        path = self.folder / row.path
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()
        except OSError:
            pass  # other utterances of the call are still there
        self.db.delete(row)
        self.db.flush()
