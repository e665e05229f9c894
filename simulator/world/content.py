"""Load the world's shared content and per-exercise worlds, checked in two passes and cached.

Structure errors come from :func:`simulator.content.yamlfile.validate` (file:line); references
(a problem naming an unknown group, an article in an unknown category…) are a second pass.

A scenario book may be overridden (an instance's default, a cohort's own: see
:mod:`simulator.world.books`): the override replaces the shipped book and is checked exactly like it.
A broken override never takes the desk down: it is logged and the shipped book is used, with the
problems kept for the instructor (:func:`override_problems`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from time import monotonic
from typing import Any

from simulator.content.errors import ContentError, Problem
from simulator.content.paths import exercises_dir
from simulator.content.yamlfile import LoadedYaml, parse_yaml, read_yaml, validate
from simulator.world import schema as s
from simulator.world.search import Bm25Index
from simulator.world.sla import BusinessHours, SlaPolicy, Target

#: Ids of articles some world of this process was given besides the shipped ones (only grows), so a
#: step naming an approved article passes the reference check; the world itself still refuses an
#: article it does not have.
EXTRA_ARTICLE_IDS: set[str] = set()
#: How many merged variants (shipped + extra articles) one content keeps.
MERGED_SIZE = 8
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BOOK_FILE = "scenario-book.yaml"
log = logging.getLogger(__name__)


def world_dir(root: Path | None = None) -> Path:
    """Return the folder of the world files."""
    return (root or exercises_dir()) / "world"


@dataclass
class WorldContent:
    """Everything the shared world files define, plus the per-exercise worlds."""

    book: s.ScenarioBook
    groups: dict[str, s.Group]
    categories: dict[str, s.Category]
    sla: SlaPolicy
    timezone: str
    problems: dict[str, s.Problem]
    articles: dict[str, s.Article]
    exercises: dict[str, s.ExerciseWorld] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    index: Bm25Index = field(default_factory=Bm25Index)
    _merged: OrderedDict[tuple[tuple[str, int, str, str], ...], WorldContent] = field(
        default_factory=OrderedDict, repr=False
    )

    def category_map(self) -> dict[str, set[str]]:
        """Return category → subcategories."""
        return {c.id: set(c.subcategories) for c in self.categories.values()}

    def exercise(self, exercise_id: str) -> s.ExerciseWorld:
        """Return the world of an exercise (an empty standard world when it has no file)."""
        return self.exercises.get(exercise_id) or s.ExerciseWorld(version=1, exercise=exercise_id)

    def with_articles(self, extra: Sequence[s.Article]) -> WorldContent:
        """Return this content with more published articles (e.g. approved proposals from the database).

        Shipped articles win over an extra one with the same id. The merged content is cached per
        set of extra articles, so every new call of a busy desk does not rebuild the search index.
        """
        added = tuple(a for a in extra if a.id not in self.articles and a.status == "published")
        if not added:
            return self
        key = tuple((a.id, a.revision, a.title, a.solution) for a in added)
        with _lock:
            merged = self._merged.get(key)
            if merged is not None:
                self._merged.move_to_end(key)
                return merged
        with _lock:
            EXTRA_ARTICLE_IDS.update(a.id for a in added)
        index = self.index.copy()
        for article in added:
            index.add(article.id, article_text(article))
        merged = replace(self, articles=self.articles | {a.id: a for a in added}, index=index, _merged=OrderedDict())
        with _lock:
            self._merged[key] = merged
            while len(self._merged) > MERGED_SIZE:
                self._merged.popitem(last=False)
        return merged


def article_text(article: s.Article) -> str:
    """Return the searchable text of an article (the title counts twice)."""
    return " ".join(
        [article.title, article.title, " ".join(article.tags), article.symptoms, article.cause, article.solution]
    )


def _policy(doc: s.SlaFile) -> SlaPolicy:
    matrix: dict[tuple[str, str], str] = {(i, u): p for i, row in doc.matrix.items() for u, p in row.items()}
    targets: dict[str, Target] = {
        p: Target(t.response_min, t.resolution_min, t.around_the_clock) for p, t in doc.targets.items()
    }
    bh = doc.business_hours
    hours = BusinessHours(
        frozenset(DAYS.index(d) for d in bh.days),
        time.fromisoformat(bh.start),
        time.fromisoformat(bh.end),
    )
    return SlaPolicy(matrix, targets, hours, doc.warning_at)


def read_content(folder: Path, book: Path | LoadedYaml | None = None) -> WorldContent:
    """Read and check every world file in ``folder`` (raises ContentError listing all problems).

    ``book`` replaces the folder's scenario book (an override file or an edited text); it is checked
    in the same two passes, and its problems name its own file and lines.
    """
    problems: list[Problem] = []
    docs: dict[str, LoadedYaml] = {}

    def load(path: Path, model: type[Any], given: LoadedYaml | None = None) -> Any:
        try:
            doc = given or read_yaml(path)
            docs[str(path)] = doc
            return validate(doc, model)
        except ContentError as exc:
            problems.extend(exc.problems)
            return None

    if isinstance(book, Path):
        book = read_yaml(book)  # an unreadable override is a ContentError of its own
    scenario = load(folder / BOOK_FILE, s.ScenarioBook, book)
    groups = load(folder / "groups.yaml", s.GroupsFile)
    cats = load(folder / "categories.yaml", s.CategoriesFile)
    sla = load(folder / "sla.yaml", s.SlaFile)
    prbs = load(folder / "problems.yaml", s.ProblemsFile)
    kb_files = [(p, load(p, s.KbFile)) for p in sorted((folder / "kb").glob("*.yaml"))]
    ex_files = [(p, load(p, s.ExerciseWorld)) for p in sorted((folder / "exercises").glob("*.yaml"))]
    if problems:
        raise ContentError(problems)
    content = WorldContent(
        book=scenario,
        groups={g.id: g for g in groups.groups},
        categories={c.id: c for c in cats.categories},
        sla=_policy(sla),
        timezone=sla.business_hours.timezone,
        problems={p.id: p for p in prbs.problems},
        articles={},
    )
    from simulator.world.checks import check_content

    for path, kb in kb_files:
        for i, article in enumerate(kb.articles):
            if article.id in content.articles:
                problems.append(docs[str(path)].problem(["articles", i, "id"], f"duplicate article id {article.id}"))
            content.articles[article.id] = article
            content.files[article.id] = str(path)
    for path, ew in ex_files:
        if ew.exercise != path.stem:
            problems.append(docs[str(path)].problem(["exercise"], f"'{ew.exercise}' must match the file name"))
        content.exercises[ew.exercise] = ew
        content.files[ew.exercise] = str(path)
    problems.extend(check_content(content, docs, folder))
    if problems:
        raise ContentError(problems)
    for article in content.articles.values():
        content.index.add(article.id, article_text(article))
    return content


_cache: dict[tuple[Path, Path | None], tuple[tuple[object, ...], WorldContent]] = {}
_checked: dict[tuple[Path, Path | None], float] = {}
_lock = threading.Lock()
#: How often (seconds) the files are looked at again for changes; every action asks for the content.
RECHECK_AFTER_S = 2.0
#: Why each override book last read was refused (absent when it is used).
_refused: dict[Path, list[Problem]] = {}
#: Called after the content was re-read, so caches built from it (the assessment's procedures) can drop.
RELOAD_HOOKS: list[Callable[[], None]] = []


def env_book() -> Path | None:
    """Return the scenario book named by ``EERSTELIJN_USER_WORLD`` (the command line's instance book), or None."""
    configured = os.environ.get("EERSTELIJN_USER_WORLD")
    path = Path(configured) / BOOK_FILE if configured else None
    return path if path is not None and path.is_file() else None


def override_problems(book: Path) -> list[Problem]:
    """Return why an override book is not used (empty when it is used or absent)."""
    load_content(book=book)
    with _lock:
        return list(_refused.get(book, []))


def check_book(text: str, file: str = BOOK_FILE) -> list[Problem]:
    """Return every problem of a scenario-book text, checked as the shipped file is (structure, then references)."""
    try:
        read_content(world_dir(), parse_yaml(text, file))
    except ContentError as exc:
        return list(exc.problems)
    return []


def forget_cached() -> None:
    """Make the next :func:`load_content` look at the files at once (after saving or removing an override)."""
    with _lock:
        _checked.clear()


def _stamp(folder: Path, override: Path | None) -> tuple[object, ...]:
    """Return what changes when a world file or the override changes (mtimes, the override's size)."""
    stamp: list[object] = [p.stat().st_mtime for p in sorted(folder.rglob("*.yaml"))]
    if override is not None:
        try:
            stat = override.stat()
        except OSError:  # removed meanwhile: the next look sees the shipped book
            return tuple(stamp)
        stamp += [str(override), stat.st_mtime_ns, stat.st_size]
    return tuple(stamp)


def _read_with_override(folder: Path, override: Path | None) -> WorldContent:
    """Read the world with the override book; a broken override is logged and the shipped book used."""
    refused: list[Problem] = []
    content = None
    if override is not None and override.is_file():
        try:
            content = read_content(folder, override)
        except ContentError as exc:
            refused = list(exc.problems)
            log.warning("scenario book override %s refused, using the shipped one:\n%s", override, exc)
    if override is not None:
        with _lock:
            _refused[override] = refused
    return content or read_content(folder)


def load_content(folder: Path | None = None, *, book: Path | None = None) -> WorldContent:
    """Return the world content, re-read when a file changed (looked at every few seconds).

    Without ``folder`` this is the shipped world; ``book`` is a scenario book that replaces the
    folder's own when it exists and is valid (an instance's or a cohort's, see
    :class:`simulator.world.books.WorldSource`). Without either, the book named by
    ``EERSTELIJN_USER_WORLD`` is used, if any (the command line's way to follow an instance's book).
    """
    if folder is None and book is None:
        book = env_book()
    folder = folder or world_dir()
    key = (folder, book)
    now = monotonic()
    with _lock:
        hit = _cache.get(key)
        fresh = hit is not None and now - _checked.get(key, 0.0) < RECHECK_AFTER_S
    if hit and fresh:
        return hit[1]
    stamp = _stamp(folder, book)
    if hit and hit[0] == stamp:
        with _lock:
            _checked[key] = now
        return hit[1]
    content = _read_with_override(folder, book)
    with _lock:
        _cache[key] = (stamp, content)
        _checked[key] = now
    for hook in RELOAD_HOOKS:
        hook()
    return content
