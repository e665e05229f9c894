"""Compile an exercise's scenario into a ``transitions`` machine.

One machine per exercise serves every call of it (``add_model``/``remove_model``), as the
pytransitions docs recommend; a lock guards adding and removing models across threads.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, cast

from transitions import Machine

from simulator.conversation.caller_model import CallerModel
from simulator.conversation.exercise import Exercise


def machine_config(exercise: Exercise) -> dict[str, Any]:
    """Return the ``transitions`` configuration for an exercise's scenario."""
    return {
        "states": [s.name for s in exercise.states],
        "transitions": [
            {
                "trigger": t.trigger,
                "source": t.sources(),
                "dest": t.dest,
                "conditions": list(t.conditions),
                "unless": list(t.unless),
                "after": list(t.after),
            }
            for t in exercise.transitions
        ],
        "initial": exercise.initial,
        "auto_transitions": False,
        "ignore_invalid_triggers": True,
    }


class _SkipBindingNotice(logging.Filter):
    """Hide transitions' notice that a trigger shares its name with a predicate (``fixed``): intended."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Skip binding" not in record.getMessage()


logging.getLogger("transitions.core").addFilter(_SkipBindingNotice())


class ScenarioMachine:
    """A long-lived machine for one exercise, attached to each call's caller model."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self._machine = Machine(model=None, **machine_config(exercise))
        self._lock = threading.Lock()
        self.triggers: frozenset[str] = frozenset(t.trigger for t in exercise.transitions)

    def attach(self, model: CallerModel) -> None:
        """Put a caller model in the exercise's initial state."""
        with self._lock:
            self._machine.add_model(model, initial=self.exercise.initial)

    def detach(self, model: CallerModel) -> None:
        """Release a caller model at the end of a call."""
        with self._lock:
            if model in self._machine.models:
                self._machine.remove_model(model)

    def fire(self, model: CallerModel, trigger: str) -> bool:
        """Fire a trigger on the model; True when the state changed."""
        if trigger not in self.triggers:
            return False
        before = model.state
        cast(Any, model).trigger(trigger)  # added by transitions at add_model
        return model.state != before


_MACHINES: dict[int, tuple[Exercise, ScenarioMachine]] = {}
_MACHINES_LOCK = threading.Lock()


def scenario_machine(exercise: Exercise) -> ScenarioMachine:
    """Return the shared machine of an exercise object (exercises are loaded once and cached)."""
    with _MACHINES_LOCK:
        entry = _MACHINES.get(id(exercise))
        if entry is None or entry[0] is not exercise:
            entry = (exercise, ScenarioMachine(exercise))
            _MACHINES[id(exercise)] = entry
        return entry[1]
