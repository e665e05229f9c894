"""The app's content source: its exercises and its scenario books, built once in ``create_app``.

The engine keeps no instance folder in module globals: every view, runner and service that needs an
instructor's exercise or a cohort's scenario book asks this app's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, has_app_context

from simulator.conversation.authored import ExerciseSource
from simulator.world.books import WorldSource

_KEY = "eerstelijn.content"


@dataclass(frozen=True)
class ContentSource:
    """The exercises and the scenario books of one instance."""

    exercises: ExerciseSource
    world: WorldSource


def exercises_folder(app: Flask) -> Path:
    """Return the folder of the instructors' exercises (``USER_EXERCISES_DIR``, else instance/exercises)."""
    configured = app.config.get("USER_EXERCISES_DIR")
    return Path(configured) if configured else Path(app.instance_path) / "exercises"


def world_folder(app: Flask) -> Path:
    """Return the folder of the instance's scenario books (``USER_WORLD_DIR``, else instance/world)."""
    configured = app.config.get("USER_WORLD_DIR")
    return Path(configured) if configured else Path(app.instance_path) / "world"


def init_app(app: Flask) -> None:
    """Build the app's content source from its configuration."""
    app.extensions[_KEY] = ContentSource(ExerciseSource(exercises_folder(app)), WorldSource(world_folder(app)))


def source() -> ContentSource:
    """Return the current app's content source (the shipped content only outside an app)."""
    if not has_app_context():
        return ContentSource(ExerciseSource(), WorldSource())
    found: ContentSource = current_app.extensions[_KEY]
    return found
