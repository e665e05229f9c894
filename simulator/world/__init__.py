"""The helpdesk world: tickets with SLA, known problems, knowledge base, CRM, the caller's simulated
PC and the company's scenario book — behind the ``World`` port of :mod:`simulator.world.port`.

Importing this package registers its reference checks with the script runner and the exercise
loader. ``make_world`` is the runner's factory; ``world_ids`` feeds ``eerstelijn exercises show``.
"""

from __future__ import annotations

from simulator.conversation import loader as _loader
from simulator.conversation.caller import Caller
from simulator.conversation.exercise import Exercise
from simulator.world import port as _ports
from simulator.world.checks import check_exercise, check_step
from simulator.world.content import WorldContent, load_content
from simulator.world.errors import WorldError
from simulator.world.extras import WorldExtras
from simulator.world.pc.commands import known_commands
from simulator.world.world import HelpdeskWorld, exercise_world

__all__ = [
    "HelpdeskWorld",
    "WorldContent",
    "WorldError",
    "WorldExtras",
    "load_content",
    "make_world",
    "world_factory",
    "world_ids",
]


def make_world(
    exercise: Exercise,
    caller: Caller,
    seed: int,
    extras: WorldExtras | None = None,
    content: WorldContent | None = None,
) -> HelpdeskWorld:
    """Build the world of one call (the runner's world factory); ``extras`` adds stored articles and CRM,
    ``content`` is the world with the book the call follows (default: the shipped one)."""
    return HelpdeskWorld(exercise, caller, seed, content=content, extras=extras)


def world_factory(extras: WorldExtras | None, content: WorldContent | None = None) -> _ports.WorldFactory:
    """Return a runner's world factory that builds every world with ``extras`` and ``content``."""

    def build(exercise: Exercise, caller: Caller, seed: int) -> HelpdeskWorld:
        return make_world(exercise, caller, seed, extras, content)

    return build


def world_ids(exercise: Exercise) -> dict[str, list[str]]:
    """Return the ids a script may name for this exercise: KB articles, problems, groups, categories, commands,
    and the guided tests the caller can do."""
    content = load_content()
    spec = exercise_world(content, exercise)
    lang = [a.id for a in content.articles.values() if a.language == exercise.language]
    return {
        "kb (relevant)": list(spec.kb),
        "kb": sorted(lang) + sorted(set(content.articles) - set(lang)),
        "problems": sorted(content.problems),
        "problems (relevant)": list(spec.problems),
        "groups": sorted(content.groups),
        "categories": sorted(content.categories),
        "faults": list(spec.pc.faults),
        "commands (useful)": list(spec.commands),
        "guided tests": [f"{g.id} ({g.command or 'kijken'})" for g in spec.guided],
        "commands": known_commands(),
    }


if check_step not in _ports.REFERENCE_CHECKS:
    _ports.REFERENCE_CHECKS.append(check_step)
if check_exercise not in _loader.WORLD_CHECKS:
    _loader.WORLD_CHECKS.append(check_exercise)
