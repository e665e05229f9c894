"""The exercises of one instance: the shipped ones, then those its instructors wrote, each in its author's namespace.

An instructor's exercise is kept at ``<folder>/<namespace>/<id>.yaml`` and known as
``<namespace>.<id>`` (e.g. ``i7.wifi-printer`` for instructor 7). An id written in YAML cannot
contain a dot, so an instructor's exercise can never take the id of a shipped one or of another
instructor's. Files directly in ``folder`` (saved before namespaces existed) keep their plain id,
are read-only and shared by the instance. The web app builds one source in ``create_app``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from simulator.content.errors import ContentError
from simulator.content.paths import exercises_dir
from simulator.conversation.exercise import ID_PATTERN, MAX_ID_LENGTH, Exercise
from simulator.conversation.loader import _cached, exercise_paths, load_exercise, load_personas, read_exercise

NAMESPACE = re.compile(r"^i([1-9]\d{0,17})$")
_ID = re.compile(ID_PATTERN)


def namespace_of(author_id: int) -> str:
    """Return the namespace of an instructor's exercises."""
    return f"i{int(author_id)}"


def split_id(exercise_id: str) -> tuple[int, str] | None:
    """Return (author id, id in the YAML) of an instructor's exercise id, or None for a plain id."""
    namespace, dot, local = exercise_id.partition(".")
    found = NAMESPACE.match(namespace)
    if not dot or found is None or len(local) > MAX_ID_LENGTH or not _ID.match(local):
        return None
    return int(found.group(1)), local


def author_of(exercise_id: str) -> int | None:
    """Return the id of the instructor who wrote an exercise, or None (shipped or shared)."""
    parts = split_id(exercise_id)
    return parts[0] if parts else None


@dataclass(frozen=True)
class ExerciseSource:
    """The shipped exercises plus the instructors' exercises kept under ``folder`` (None: shipped only)."""

    folder: Path | None = None

    def shipped_ids(self) -> set[str]:
        """Return the ids of the exercises that ship with eerstelijn (never overwritten)."""
        return {p.stem for p in exercise_paths(exercises_dir())}

    def path(self, exercise_id: str) -> Path | None:
        """Return the file of an instructor's exercise (namespaced or shared), or None."""
        if self.folder is None:
            return None
        parts = split_id(exercise_id)
        if parts is not None:
            path = self.folder / namespace_of(parts[0]) / f"{parts[1]}.yaml"
        elif len(exercise_id) <= MAX_ID_LENGTH and _ID.match(exercise_id) and exercise_id not in self.shipped_ids():
            path = self.folder / f"{exercise_id}.yaml"
        else:
            return None
        return path if path.is_file() else None

    def load(self, exercise_id: str) -> Exercise:
        """Return an exercise by id (shipped first); KeyError names the id when there is none."""
        if exercise_id in self.shipped_ids():
            return load_exercise(exercise_id)
        path = self.path(exercise_id)
        if path is None:
            raise KeyError(f"unknown exercise '{exercise_id}'")
        return self._read(path, exercise_id)

    def _read(self, path: Path, exercise_id: str) -> Exercise:
        exercise = _cached(path, lambda p: read_exercise(p, load_personas()), Exercise)
        return exercise if exercise.id == exercise_id else exercise.model_copy(update={"id": exercise_id})

    def all(self) -> list[Exercise]:
        """Return every shipped exercise, then the instructors' valid ones (a broken file is left out)."""
        found = [load_exercise(p.stem) for p in exercise_paths(exercises_dir())]
        if self.folder is None or not self.folder.is_dir():
            return found
        taken = self.shipped_ids()
        candidates = [(p, p.stem) for p in exercise_paths(self.folder) if p.stem not in taken]
        for sub in sorted(d for d in self.folder.iterdir() if d.is_dir() and NAMESPACE.match(d.name)):
            candidates += [(p, f"{sub.name}.{p.stem}") for p in exercise_paths(sub) if _ID.match(p.stem)]
        for path, exercise_id in candidates:
            try:
                found.append(self._read(path, exercise_id))
            except ContentError:
                continue
        return found

    def text(self, exercise_id: str) -> str | None:
        """Return the YAML of an exercise (shipped or an instructor's), or None."""
        if exercise_id in self.shipped_ids():
            return (exercises_dir() / f"{exercise_id}.yaml").read_text(encoding="utf-8")
        path = self.path(exercise_id)
        return path.read_text(encoding="utf-8") if path is not None else None

    def save(self, text: str, local_id: str, author_id: int) -> str:
        """Write a checked exercise into its author's namespace (atomically) and return its full id."""
        if self.folder is None:
            raise ValueError("this instance keeps no exercises of its own")
        if not _ID.match(local_id):
            raise ValueError(f"'{local_id}' is not an exercise id")
        folder = self.folder / namespace_of(author_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{local_id}.yaml"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        tmp.replace(path)
        return f"{namespace_of(author_id)}.{local_id}"
