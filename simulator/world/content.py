"""Load the world's shared content and per-exercise worlds, checked in two passes and cached.

Structure errors come from :func:`simulator.content.yamlfile.validate` (file:line); references
(a problem naming an unknown group, an article in an unknown category…) are a second pass.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from time import monotonic
from typing import Any

from simulator.content.errors import ContentError, Problem
from simulator.content.paths import exercises_dir
from simulator.content.yamlfile import LoadedYaml, read_yaml, validate
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


def read_content(folder: Path) -> WorldContent:
    """Read and check every world file in ``folder`` (raises ContentError listing all problems)."""
    problems: list[Problem] = []
    docs: dict[str, LoadedYaml] = {}

    def load(path: Path, model: type[Any]) -> Any:
        try:
            doc = read_yaml(path)
            docs[str(path)] = doc
            return validate(doc, model)
        except ContentError as exc:
            problems.extend(exc.problems)
            return None

    book = load(folder / "scenario-book.yaml", s.ScenarioBook)
    groups = load(folder / "groups.yaml", s.GroupsFile)
    cats = load(folder / "categories.yaml", s.CategoriesFile)
    sla = load(folder / "sla.yaml", s.SlaFile)
    prbs = load(folder / "problems.yaml", s.ProblemsFile)
    kb_files = [(p, load(p, s.KbFile)) for p in sorted((folder / "kb").glob("*.yaml"))]
    ex_files = [(p, load(p, s.ExerciseWorld)) for p in sorted((folder / "exercises").glob("*.yaml"))]
    if problems:
        raise ContentError(problems)
    content = WorldContent(
        book=book,
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


_cache: dict[Path, tuple[tuple[float, ...], WorldContent]] = {}
_checked: dict[Path, float] = {}
_lock = threading.Lock()
#: How often (seconds) the files are looked at again for changes; every action asks for the content.
RECHECK_AFTER_S = 2.0


def load_content(folder: Path | None = None) -> WorldContent:
    """Return the shipped world content, re-read when a file changed (looked at every few seconds)."""
    folder = folder or world_dir()
    now = monotonic()
    with _lock:
        hit = _cache.get(folder)
        fresh = hit is not None and now - _checked.get(folder, 0.0) < RECHECK_AFTER_S
    if hit and fresh:
        return hit[1]
    stamp = tuple(p.stat().st_mtime for p in sorted(folder.rglob("*.yaml")))
    if hit and hit[0] == stamp:
        with _lock:
            _checked[folder] = now
        return hit[1]
    content = read_content(folder)
    with _lock:
        _cache[folder] = (stamp, content)
        _checked[folder] = now
    return content
