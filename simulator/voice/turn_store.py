"""Where a voice call's turn-taking state lives between requests: this process, or Redis.

Each request of a voice call (a chunk of speech, the caller's line starting to play, a silence check)
reads the call's :class:`CallTurns`, changes it and writes it back. With one web process the state may
stay in memory (:class:`MemoryTurns`); behind several gunicorn workers it must be where every worker
sees it (``simulator.adapters.voice.redis_turns``), with one clock for all of them, so no sticky
routing is needed.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from simulator.voice.turns import CallTurns, TurnTracker

#: Calls whose state one process keeps at most (least recently used dropped first).
CALLS_KEPT = 512
#: The silence timeout of a tracker created by a request that does not know the persona's.
DEFAULT_SILENCE_S = 15.0


class TurnStore(Protocol):
    """The port: a call's turns, changed under a lock, on one clock shared by every web worker.

    ``call`` is a key unique to one call for as long as its turns are kept (the web app adds the call's
    start time to its id, so a database reset never meets an older call's turns in Redis).
    """

    def now(self) -> float:
        """Return the store's clock, in seconds (the same for every web worker)."""
        ...

    def turns(self, call: str, silence_timeout_s: float = DEFAULT_SILENCE_S) -> AbstractContextManager[CallTurns]:
        """Lend the call's turns (created if new) and keep what the block changed."""
        ...

    def existing(self, call: str) -> CallTurns | None:
        """Return the call's turns if any request of it was seen, else None."""
        ...

    def drop(self, call: str) -> None:
        """Forget a call's turns (the call has ended)."""
        ...


class MemoryTurns:
    """Turns kept in this process (a laptop, or one web worker): monotonic clock, LRU-bounded."""

    def __init__(self, size: int = CALLS_KEPT) -> None:
        self.size = size
        self._calls: OrderedDict[str, CallTurns] = OrderedDict()
        self._lock = threading.RLock()

    def now(self) -> float:
        """Return this process's monotonic clock."""
        return time.monotonic()

    @contextmanager
    def turns(self, call: str, silence_timeout_s: float = DEFAULT_SILENCE_S) -> Iterator[CallTurns]:
        """Lend the call's turns under this process's lock."""
        with self._lock:
            found = self._calls.get(call)
            if found is None:
                found = self._calls[call] = CallTurns(TurnTracker(silence_timeout_s=silence_timeout_s))
            self._calls.move_to_end(call)
            while len(self._calls) > self.size:
                self._calls.popitem(last=False)
            yield found

    def existing(self, call: str) -> CallTurns | None:
        """Return the call's turns if this process has them."""
        with self._lock:
            return self._calls.get(call)

    def drop(self, call: str) -> None:
        """Forget a call's turns."""
        with self._lock:
            self._calls.pop(call, None)
