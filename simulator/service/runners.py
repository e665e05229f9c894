"""Live call runners kept per process, rebuilt from the stored steps when they are missing or stale.

A runner's caller and phase sit in machines shared by every call of the process; a runner the cache
lets go of (replaced by a replayed copy, evicted, dropped) is detached from them, or each replay of a
call served by several workers would stay referenced for the life of the process.

Several workers may serve one call: each keeps its own small LRU of runners and checks the stored
``version_id`` before using one, so a runner that another worker has moved on is replayed from the
store instead. A per-call lock makes a second concurrent step in the same process fail fast (the
service answers :class:`~simulator.service.errors.CallConflict`) instead of mutating a runner mid-step.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from simulator.scripts.runner import CallRunner
from simulator.service.ports import StoredCall

CACHE_SIZE = 128

#: Builds a call's runner before any step: its exercise, seed, mode and the world it starts from.
RunnerFactory = Callable[[StoredCall], CallRunner]


class Busy(Exception):
    """Another thread of this process is performing a step of the same call right now."""


class RunnerCache:
    """An LRU of ``call id → (version_id, runner)`` with one lock per call."""

    def __init__(self, new_runner: RunnerFactory, size: int = CACHE_SIZE) -> None:
        self.new_runner = new_runner
        self.size = size
        self._runners: OrderedDict[int, tuple[int, CallRunner]] = OrderedDict()
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def exclusive(self, call_id: int) -> Iterator[None]:
        """Hold the call's lock for one step; raise :class:`Busy` if another thread holds it."""
        with self._guard:
            lock = self._locks.setdefault(call_id, threading.Lock())
        if not lock.acquire(blocking=False):
            raise Busy(call_id)
        try:
            yield
        finally:
            lock.release()

    def runner_for(self, call: StoredCall) -> CallRunner:
        """Return the call's runner at its stored version, replaying its steps when needed."""
        with self._guard:
            found = self._runners.get(call.id)
            if found is not None and found[0] == call.version_id and len(found[1].steps) == len(call.steps):
                self._runners.move_to_end(call.id)
                return found[1]
        return self.rebuild(call)

    def rebuild(self, call: StoredCall) -> CallRunner:
        """Replay the call's stored steps on a fresh runner (the engine is deterministic)."""
        runner = self.new_runner(call)
        for number, (name, args) in enumerate(call.steps, start=1):
            runner.perform(str(name), args, where=f"stored step {number}")
        return runner

    def keep(self, call: StoredCall, runner: CallRunner) -> None:
        """Remember ``runner`` as the call's state at its (newly committed) version."""
        with self._guard:
            previous = self._runners.get(call.id)
            if previous is not None and previous[1] is not runner:
                previous[1].call.release()  # a replayed copy replaced it; its caller holds this call's lock
            self._runners[call.id] = (call.version_id, runner)
            self._runners.move_to_end(call.id)
            while len(self._runners) > self.size:
                old, (_, evicted) = self._runners.popitem(last=False)
                lock = self._locks.get(old)
                if lock is None or not lock.locked():
                    evicted.call.release()  # nobody is stepping it: let the shared machines forget it
                    self._locks.pop(old, None)

    def drop(self, call_id: int) -> None:
        """Forget a call's runner (it was finished, or a step on it was not committed)."""
        with self._guard:
            found = self._runners.pop(call_id, None)
        if found is not None:
            found[1].call.release()
