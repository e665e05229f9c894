"""Live utterances and the turn-taking state of a voice call: one recognition stream per trainee utterance.

A stream is opened by the first chunk of an utterance and lives until its final POST. A client that
stops sending (closed tab, lost network, dropped connection) simply leaves it behind: every request
sweeps away streams idle for longer than ``timeout_s`` and a call keeps at most one open utterance,
so an abandoned stream costs nothing after a short while and never breaks anything. Decoding runs in
a small pool of worker threads, so a request thread only waits for its own chunk.

What must be shared between web workers is not kept here: with ``VOICE_REDIS_URL`` set, an utterance's
audio is in Redis (``asr_queue``) and the call's turns (when the caller's line played, the silences,
the utterance's interruption decision) are in Redis too (``redis_turns``), so any gunicorn worker
serves any chunk with no sticky routing; the :class:`Utterance` of a worker is then only a cache of
the stream. Without Redis (a laptop, one process) everything stays in this process's memory. The
state belongs to the app (``app.extensions``), so two apps in one process behave as two workers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import current_app

from simulator.voice.audio import PcmGuard
from simulator.voice.ports import Final, RecognitionStream, Word
from simulator.voice.turn_store import MemoryTurns, TurnStore

T = TypeVar("T")
DECODE_TIMEOUT_S = 30.0
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="asr")


def decode(work: Callable[[], T]) -> T:
    """Run recogniser work in the decoding pool and wait for it."""
    return _pool.submit(work).result(timeout=DECODE_TIMEOUT_S)


@dataclass
class Utterance:
    """One trainee utterance being recognised."""

    session_id: int
    utterance_id: str
    stream: RecognitionStream
    guard: PcmGuard
    keep_audio: bool
    last_seen: float
    audio: bytearray = field(default_factory=bytearray)
    finals: list[Final] = field(default_factory=list)
    partial: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def heard(self) -> str:
        """Return everything recognised so far: the finished parts and the current guess."""
        return " ".join(t for t in [*(f.text for f in self.finals), self.partial] if t)

    def combined(self, last: Final) -> Final:
        """Return one final result for the whole utterance (vosk may have split it at a pause)."""
        parts = [*self.finals, last]
        words: tuple[Word, ...] = tuple(w for f in parts for w in f.words)
        return Final(" ".join(f.text for f in parts if f.text), words)


class Utterances:
    """The open utterances of this process, swept when idle."""

    def __init__(self, timeout_s: float = 20.0) -> None:
        self.timeout_s = timeout_s
        self._open: dict[int, Utterance] = {}
        self._lock = threading.Lock()

    def sweep(self, now: float | None = None) -> int:
        """Drop the utterances nobody fed for ``timeout_s``; return how many were dropped."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            stale = [sid for sid, u in self._open.items() if moment - u.last_seen > self.timeout_s]
            for sid in stale:
                del self._open[sid]
        return len(stale)

    def get(self, session_id: int, utterance_id: str) -> Utterance | None:
        """Return the call's open utterance if it is ``utterance_id``."""
        with self._lock:
            found = self._open.get(session_id)
        return found if found is not None and found.utterance_id == utterance_id else None

    def open(self, utterance: Utterance) -> None:
        """Make ``utterance`` the call's open one (an earlier, unfinished one is discarded)."""
        with self._lock:
            self._open[utterance.session_id] = utterance

    def close(self, utterance: Utterance) -> None:
        """Forget ``utterance`` (finished or refused)."""
        with self._lock:
            if self._open.get(utterance.session_id) is utterance:
                del self._open[utterance.session_id]

    def __len__(self) -> int:
        return len(self._open)


@dataclass
class VoiceStreams:
    """One app's open utterances and the store of its calls' turns."""

    utterances: Utterances
    turns: TurnStore


def call_key(call: Any) -> str:
    """Return the key of a call's shared stream state: its id and start time, unique even across database resets."""
    return f"{call.id}-{call.started_at:%Y%m%d%H%M%S%f}"


def streams() -> VoiceStreams:
    """Return the current app's streams, made on first use (turns in Redis when ``VOICE_REDIS_URL`` is set)."""
    found: VoiceStreams | None = current_app.extensions.get("eerstelijn.voice")
    if found is None:
        url = current_app.config.get("VOICE_REDIS_URL")
        store: TurnStore
        if url:
            from simulator.adapters.voice.redis_turns import RedisTurns

            store = RedisTurns.from_url(str(url))
        else:
            store = MemoryTurns()
        found = current_app.extensions.setdefault("eerstelijn.voice", VoiceStreams(Utterances(), store))
    return found
