"""How the web app builds a call's runner: one remembering understander per process, the app's content
and the world the call starts from in the database; warmed up before the first request.

The cache of live runners and the replay are the core's (:mod:`simulator.service.runners`).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import replace

from simulator.adapters.db.models import CallSession
from simulator.nlu import Understander
from simulator.nlu.understander import Understanding
from simulator.scripts.runner import CallRunner
from simulator.world import WorldExtras, world_factory

log = logging.getLogger(__name__)
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


def register_world_commands() -> None:
    """Register the simulated PC's commands now, before any request thread can race to do it.

    The world registers its commands on first use; two threads doing that at once could see half a
    registry ("unknown command"). Doing it at import means gunicorn's workers start with it done.
    """
    from simulator.world.pc.commands import known_commands

    known_commands()


register_world_commands()
