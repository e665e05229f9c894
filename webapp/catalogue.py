"""The exercises the web app offers, read from the engine's shipped content."""

from __future__ import annotations

from simulator.conversation.exercise import Exercise
from simulator.conversation.loader import list_exercises, load_exercise


def all_exercises() -> list[Exercise]:
    """Return every shipped exercise, ordered by title."""
    return sorted(list_exercises(), key=lambda exercise: exercise.title.casefold())


def exercise_or_none(exercise_id: str) -> Exercise | None:
    """Return the exercise with this id, or None when it does not exist."""
    try:
        return load_exercise(exercise_id)
    except KeyError:
        return None


def titles() -> dict[str, str]:
    """Return exercise titles by id, for lists that show assignments."""
    return {exercise.id: exercise.title for exercise in all_exercises()}


def exercises_for_activity(activity: str | None) -> list[Exercise]:
    """Return the exercises that train ``activity`` (e.g. "9.3"), or all when none is given."""
    exercises = all_exercises()
    if not activity:
        return exercises
    return [exercise for exercise in exercises if activity in exercise.activities]
