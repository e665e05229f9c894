"""Item analysis: how hard each exercise and each of its forms is, how well it separates trainees, and
whether its forms are fair to one another.

Pure and plain data in, plain data out: the web page, the CSV and the tests feed it attempts however
they stored them. An attempt's level is the mean of the competency levels its call was given (0–3).

- **difficulty**: the mean level and the share of calls that ended well;
- **discrimination**: the correlation, over trainees, between their level on this item and their mean
  level on every other exercise (a fair item is passed by those who do well elsewhere);
- **observed**: the activities the item actually gave a verdict on, with how many calls did;
- **form gaps**: two forms of one exercise whose mean level or resolution rate differ by more than a
  margin — codes and figures, worded by the caller's catalogue.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean
from typing import Any

from simulator.content.spreadsheet import csv_writer

#: Two forms whose mean levels differ by more than this (on the 0–3 scale) are flagged.
DEFAULT_LEVEL_MARGIN = 0.5
#: Two forms whose resolution rates differ by more than this (0–1) are flagged.
DEFAULT_RATE_MARGIN = 0.25
#: A form played fewer times than this is not compared: its figures are still mostly chance.
DEFAULT_MIN_CALLS = 5
#: Fewer trainees than this give no correlation worth showing.
MIN_FOR_CORRELATION = 3


@dataclass(frozen=True)
class Attempt:
    """One assessed call: who, which exercise and form, its level, whether it ended well, what it observed."""

    trainee: str
    exercise: str
    form: str | None
    level: float
    resolved: bool
    observed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ItemStats:
    """The figures of one item: an exercise (``form`` None: all its calls) or one of its forms."""

    exercise: str
    form: str | None
    calls: int
    trainees: int
    mean_level: float
    resolution_rate: float
    discrimination: float | None
    observed: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FormGap:
    """Two forms of one exercise that differ more than the margin on ``measure``."""

    exercise: str
    form_a: str
    form_b: str
    measure: str  # "mean_level" or "resolution_rate"
    difference: float
    margin: float


@dataclass(frozen=True)
class ItemAnalysis:
    """Every item's figures (exercise rows first, then its forms) and the gaps between forms."""

    items: list[ItemStats]
    gaps: list[FormGap]


def call_level(summary: Mapping[str, Any] | None) -> float | None:
    """Return a call's level: the mean of its competency levels (None when no competency was judged)."""
    levels = [float(v) for v in (summary or {}).values() if isinstance(v, int | float)]
    return fmean(levels) if levels else None


def observed_activities(assessment: Mapping[str, Any] | None) -> frozenset[str]:
    """Return the activities a report's assessment gave a verdict on (anything but ``not_observed``)."""
    found = set()
    for comp in (assessment or {}).get("competencies", []):
        for act in comp.get("activities", []):
            if act.get("verdict") not in (None, "not_observed"):
                found.add(str(act["id"]))
    return frozenset(found)


def analyse(
    attempts: Iterable[Attempt],
    *,
    level_margin: float = DEFAULT_LEVEL_MARGIN,
    rate_margin: float = DEFAULT_RATE_MARGIN,
    min_calls: int = DEFAULT_MIN_CALLS,
) -> ItemAnalysis:
    """Return the item analysis of these attempts."""
    attempts = list(attempts)
    # trainee → exercise → levels: the basis of "the trainee's level over the other exercises"
    per_trainee: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    groups: dict[tuple[str, str | None], list[Attempt]] = defaultdict(list)
    for a in attempts:
        per_trainee[a.trainee][a.exercise].append(a.level)
        groups[(a.exercise, None)].append(a)
        if a.form is not None:
            groups[(a.exercise, a.form)].append(a)
    totals = {t: {ex: (sum(ls), len(ls)) for ex, ls in by_ex.items()} for t, by_ex in per_trainee.items()}
    items = [_stats(key, groups[key], totals) for key in sorted(groups, key=lambda k: (k[0], k[1] or ""))]
    gaps = list(_gaps([i for i in items if i.calls >= min_calls], level_margin, rate_margin))
    return ItemAnalysis(items, gaps)


def _stats(
    key: tuple[str, str | None], attempts: Sequence[Attempt], totals: dict[str, dict[str, tuple[float, int]]]
) -> ItemStats:
    exercise, form = key
    here: dict[str, list[float]] = defaultdict(list)
    observed: dict[str, int] = defaultdict(int)
    for a in attempts:
        here[a.trainee].append(a.level)
        for act in a.observed:
            observed[act] += 1
    xs, ys = [], []
    for trainee, levels in here.items():
        other = [(s, n) for ex, (s, n) in totals[trainee].items() if ex != exercise]
        count = sum(n for _, n in other)
        if count:
            xs.append(fmean(levels))
            ys.append(sum(s for s, _ in other) / count)
    return ItemStats(
        exercise=exercise,
        form=form,
        calls=len(attempts),
        trainees=len(here),
        mean_level=fmean(a.level for a in attempts),
        resolution_rate=sum(a.resolved for a in attempts) / len(attempts),
        discrimination=pearson(xs, ys),
        observed=dict(sorted(observed.items(), key=lambda kv: _activity_order(kv[0]))),
    )


def _gaps(items: Sequence[ItemStats], level_margin: float, rate_margin: float) -> Iterable[FormGap]:
    forms: dict[str, list[ItemStats]] = defaultdict(list)
    for item in items:
        if item.form is not None:
            forms[item.exercise].append(item)
    for exercise, stats in forms.items():
        for a, b in combinations(stats, 2):
            form_a, form_b = a.form or "", b.form or ""
            level = a.mean_level - b.mean_level
            if abs(level) > level_margin:
                yield FormGap(exercise, form_a, form_b, "mean_level", round(level, 3), level_margin)
            rate = a.resolution_rate - b.resolution_rate
            if abs(rate) > rate_margin:
                yield FormGap(exercise, form_a, form_b, "resolution_rate", round(rate, 3), rate_margin)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Return the Pearson correlation of two series, or None for too few points or no spread."""
    n = len(xs)
    if n < MIN_FOR_CORRELATION:
        return None
    mx, my = fmean(xs), fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _activity_order(aid: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in aid.split("."))


CSV_HEADER = (
    "exercise",
    "form",
    "calls",
    "trainees",
    "mean_level",
    "resolution_rate",
    "discrimination",
    "observed_activities",
    "form_gap",
)


def rows(analysis: ItemAnalysis) -> list[list[object]]:
    """Return the analysis as table rows under :data:`CSV_HEADER` (gaps named on both forms' rows)."""
    flagged: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gap in analysis.gaps:
        flagged[(gap.exercise, gap.form_a)].append(f"{gap.measure}:{gap.form_b}:{gap.difference:+.2f}")
        flagged[(gap.exercise, gap.form_b)].append(f"{gap.measure}:{gap.form_a}:{-gap.difference:+.2f}")
    out: list[list[object]] = []
    for item in analysis.items:
        out.append(
            [
                item.exercise,
                item.form or "",
                item.calls,
                item.trainees,
                f"{item.mean_level:.2f}",
                f"{item.resolution_rate:.2f}",
                "" if item.discrimination is None else f"{item.discrimination:.2f}",
                " ".join(f"{a}({n})" for a, n in item.observed.items()),
                " ".join(flagged.get((item.exercise, item.form or ""), [])),
            ]
        )
    return out


def to_csv(analysis: ItemAnalysis, delimiter: str = ",") -> str:
    """Return the analysis as CSV (through the formula-escaping writer, like every CSV eerstelijn writes)."""
    out = io.StringIO()
    writer = csv_writer(out, delimiter=delimiter)
    writer.writerow(CSV_HEADER)
    for row in rows(analysis):
        writer.writerow(row)
    return out.getvalue()
