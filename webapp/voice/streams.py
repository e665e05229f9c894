"""Live utterances and turn trackers of this process: one recognition stream per trainee utterance.

A stream is opened by the first chunk of an utterance and lives until its final POST. A client that
stops sending (closed tab, lost network, dropped connection) simply leaves it behind: every request
sweeps away streams idle for longer than ``timeout_s`` and a call keeps at most one open utterance,
so an abandoned stream costs nothing after a short while and never breaks anything. Decoding runs in
a small pool of worker threads, so a request thread only waits for its own chunk.

The streams live in one process; behind several gunicorn workers the speech requests of one call must
reach the same worker (``gunicorn --workers 1 --threads 8``, or sticky routing in the proxy).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from simulator.voice.audio import PcmGuard
from simulator.voice.ports import Final, RecognitionStream, Word
from simulator.voice.turns import TurnDecision, TurnTracker

T = TypeVar("T")
DECODE_TIMEOUT_S = 30.0
TRACKERS_KEPT = 512
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
    decision: TurnDecision | None = None
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


class Trackers:
    """One :class:`TurnTracker` per call, on this process's monotonic clock (LRU-bounded)."""

    def __init__(self, size: int = TRACKERS_KEPT) -> None:
        self.size = size
        self._trackers: OrderedDict[int, TurnTracker] = OrderedDict()
        self._lock = threading.Lock()

    def for_call(self, session_id: int, silence_timeout_s: float) -> TurnTracker:
        """Return the call's tracker, creating it with the persona's silence timeout."""
        with self._lock:
            tracker = self._trackers.get(session_id)
            if tracker is None:
                tracker = self._trackers[session_id] = TurnTracker(silence_timeout_s=silence_timeout_s)
            self._trackers.move_to_end(session_id)
            while len(self._trackers) > self.size:
                self._trackers.popitem(last=False)
            return tracker

    def existing(self, session_id: int) -> TurnTracker | None:
        """Return the call's tracker if this process has one."""
        with self._lock:
            return self._trackers.get(session_id)

    def drop(self, session_id: int) -> None:
        """Forget a call's tracker."""
        with self._lock:
            self._trackers.pop(session_id, None)


#: This process's utterances and trackers.
UTTERANCES = Utterances()
TRACKERS = Trackers()
