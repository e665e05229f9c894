"""The scenario books of one instance: the shipped book, the instance's default, each cohort's own.

An admin sets the instance's default (``<world folder>/scenario-book.yaml``); an instructor gives
one of their cohorts its own (``<world folder>/cohorts/<id>/scenario-book.yaml``). A cohort without
a valid book of its own follows the instance's default, and without a valid default the shipped
book. The web app builds one source in ``create_app``; nothing here is process-wide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.content.errors import Problem
from simulator.world.content import BOOK_FILE, WorldContent, forget_cached, load_content, override_problems, world_dir


@dataclass(frozen=True)
class WorldSource:
    """Where an instance keeps its scenario books; ``folder`` None means the shipped book only."""

    folder: Path | None = None

    def book_path(self, cohort_id: int | None = None) -> Path | None:
        """Return where the instance's default (``cohort_id`` None) or a cohort's own book is kept."""
        if self.folder is None:
            return None
        if cohort_id is None:
            return self.folder / BOOK_FILE
        return self.folder / "cohorts" / str(int(cohort_id)) / BOOK_FILE

    def book_in_force(self, cohort_id: int | None = None) -> Path | None:
        """Return the book a cohort's calls follow (its own, else the default), None for the shipped one."""
        levels = [cohort_id, None] if cohort_id is not None else [None]
        for level in levels:
            path = self.book_path(level)
            if path is not None and path.is_file() and not override_problems(path):
                return path
        return None

    def content(self, cohort_id: int | None = None) -> WorldContent:
        """Return the world content with the book a cohort's calls follow."""
        return load_content(world_dir(), book=self.book_in_force(cohort_id))

    def problems(self, cohort_id: int | None = None) -> list[Problem]:
        """Return why the book kept at this level is refused (empty when valid or absent)."""
        path = self.book_path(cohort_id)
        return override_problems(path) if path is not None and path.is_file() else []

    def save(self, text: str, cohort_id: int | None = None) -> Path:
        """Write a checked book text at this level (atomically) and return its path."""
        path = self.book_path(cohort_id)
        if path is None:
            raise ValueError("this instance keeps no scenario books")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(BOOK_FILE + ".tmp")
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        tmp.replace(path)
        forget_cached()
        return path

    def remove(self, cohort_id: int | None = None) -> bool:
        """Remove the book kept at this level; return whether there was one."""
        path = self.book_path(cohort_id)
        if path is None or not path.is_file():
            return False
        path.unlink()
        forget_cached()
        return True
