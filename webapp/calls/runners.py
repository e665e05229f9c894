"""Live call runners kept per process, rebuilt from the stored steps when they are missing or stale.

Several gunicorn workers may serve one call: each keeps its own small LRU of runners and checks the
stored ``version_id`` before using one, so a runner that another worker has moved on is replayed
from the database instead. A per-call lock makes a second concurrent step in the same process fail
fast (the caller answers 409) instead of mutating a runner that is mid-step.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from simulator.adapters.db.models import CallSession
from simulator.nlu import Understander
from simulator.nlu.understander import Understanding
from simulator.scripts.runner import CallRunner
from simulator.world import WorldExtras, world_factory

log = logging.getLogger(__name__)
CACHE_SIZE = 128
UNDERSTOOD_SIZE = 8192


class RememberingUnderstander(Understander):
    """The understander with a memory of recent lines: replaying a call re-reads the same sentences.

    Understandings are immutable and the engine is deterministic, so a remembered answer is the
    answer; this makes rebuilding a call in another worker cost little more than its world steps.
    """

    def __init__(self) -> None:
        super().__init__()
        self._understood: OrderedDict[tuple[str, str], Understanding] = OrderedDict()
        self._memory_lock = threading.Lock()

    def understand(self, text: str, lang: str) -> Understanding:
        """Return the remembered understanding of ``text``, or understand it now."""
        key = (text, lang)
        with self._memory_lock:
            found = self._understood.get(key)
            if found is not None:
                self._understood.move_to_end(key)
                return found
        if not self.loaded(lang):
            # load under the understander's lock: a second thread must not see the rules before the model
            self.load(lang)
        found = super().understand(text, lang)
        with self._memory_lock:
            self._understood[key] = found
            while len(self._understood) > UNDERSTOOD_SIZE:
                self._understood.popitem(last=False)
        return found


_understander: RememberingUnderstander | None = None
_understander_lock = threading.Lock()


def understander() -> RememberingUnderstander:
    """Return this process's remembering understander (its models load once, on first use)."""
    global _understander
    with _understander_lock:
        if _understander is None:
            _understander = RememberingUnderstander()
        return _understander


def warm_up() -> None:
    """Load (or train and cache) every language's model and read the shipped content, before any request.

    ``create_app`` calls this when ``PRELOAD`` is on, so ``eerstelijn serve`` and gunicorn (with
    ``preload_app``: once, in the master, shared by every worker) are ready when they accept the first
    connection, and no request ever waits on a model being trained. It warms every exercise of the app's
    content source (shipped and instructors') with the instance's default scenario book.
    """
    from simulator.assessment import assess
    from simulator.nlu.catalogue import LANGUAGES
    from webapp.content import source

    models = understander()
    for lang in LANGUAGES:
        models.load(lang)
    content = source()
    factory = world_factory(None, content.world.content(None))
    for exercise in content.exercises.all():  # compiles each caller's machine, reads its world and rubric
        try:
            runner = CallRunner(exercise.id, understander=models, world_factory=factory, exercises=content.exercises)
            assess(runner.record())
        except Exception:  # a warm-up only saves time: an exercise that fails here fails with its message later
            log.warning("warming up exercise %s failed", exercise.id, exc_info=True)


class Busy(Exception):
    """Another request of this process is performing a step of the same call right now."""


class RunnerCache:
    """An LRU of ``session id → (version_id, runner)`` with one lock per call."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._runners: OrderedDict[int, tuple[int, CallRunner]] = OrderedDict()
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def exclusive(self, session_id: int) -> Iterator[None]:
        """Hold the call's lock for one step; raise :class:`Busy` if another thread holds it."""
        with self._guard:
            lock = self._locks.setdefault(session_id, threading.Lock())
        if not lock.acquire(blocking=False):
            raise Busy(session_id)
        try:
            yield
        finally:
            lock.release()

    def runner_for(self, call: CallSession) -> CallRunner:
        """Return the call's runner at its stored version, replaying its steps when needed."""
        with self._guard:
            found = self._runners.get(call.id)
            if found is not None and found[0] == call.version_id and len(found[1].steps) == len(call.steps):
                self._runners.move_to_end(call.id)
                return found[1]
        return rebuild(call)

    def keep(self, call: CallSession, runner: CallRunner) -> None:
        """Remember ``runner`` as the call's state at its (newly committed) version."""
        with self._guard:
            self._runners[call.id] = (call.version_id, runner)
            self._runners.move_to_end(call.id)
            while len(self._runners) > self.size:
                old, _ = self._runners.popitem(last=False)
                lock = self._locks.get(old)
                if lock is not None and not lock.locked():
                    del self._locks[old]

    def drop(self, session_id: int) -> None:
        """Forget a call's runner (it was finished, or a step on it was not committed)."""
        with self._guard:
            self._runners.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._runners)


def new_runner(call: CallSession) -> CallRunner:
    """Return a runner for the call's exercise, seed and mode, before any step.

    Its world starts from the database (approved articles, the call's stored customer directory)
    when the app has one, so a replay in another worker sees what the first runner saw.
    """
    from webapp.calls.world import extras_for, first_ticket
    from webapp.content import source

    content = source()
    extras = replace(extras_for(call) or WorldExtras(), first_ticket=first_ticket(call.id))
    factory = world_factory(extras, content.world.content(call.cohort_id))
    return CallRunner(
        call.exercise_id,
        seed=call.seed,
        form=call.form,
        mode=call.mode.value,
        understander=understander(),
        world_factory=factory,
        exercises=content.exercises,
    )


def rebuild(call: CallSession) -> CallRunner:
    """Replay the call's stored steps on a fresh runner (the engine is deterministic)."""
    runner = new_runner(call)
    for number, (name, args) in enumerate(_steps(call.steps), start=1):
        runner.perform(name, args, where=f"stored step {number}")
    return runner


def _steps(stored: list[Any]) -> Iterator[tuple[str, Any]]:
    for item in stored:
        name, args = item
        yield str(name), args


def register_world_commands() -> None:
    """Register the simulated PC's commands now, before any request thread can race to do it.

    The world registers its commands on first use; two threads doing that at once could see half a
    registry ("unknown command"). Doing it at import means gunicorn's workers start with it done.
    """
    try:
        from simulator.world.pc.commands import known_commands
    except ImportError:
        return
    known_commands()


register_world_commands()

#: The runners of this process.
RUNNERS = RunnerCache()
