"""How many calls before a competency level can be trusted — so nobody reads one call as a verdict on a person.

One call is a sample of a trainee's skill: the caller, the exercise and the day move the level it gives.
From the cohort's calls we estimate, per competency, how much of the spread of levels lies between
trainees (what an assessor wants to know) and how much between the calls of one trainee (noise): a
one-facet generalizability study with calls nested in trainees. The dependability of the mean level of
``n`` calls is Φ(n) = σ²_trainee / (σ²_trainee + σ²_call / n); the calls needed for Φ ≥ 0.8 follow from it.
Where the cohort has too little data for that estimate, a bootstrap over the trainee's own calls gives an
interval for their mean level instead. Plain data in, plain data out; no sentence is produced here.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

#: Dependability an instructor may lean on (the usual threshold for decisions about a person).
TARGET = 0.8
#: Beyond this many calls the estimate is reported as "more than" rather than as a number.
MAX_CALLS = 20
#: The cohort estimate needs this many trainees with at least two calls on the competency.
MIN_TRAINEES = 3
#: Bootstrap rounds and interval coverage for a trainee's own calls.
ROUNDS = 1000
COVERAGE = 0.9
#: A bootstrap interval at most this wide (in levels) counts as dependable.
NARROW = 1.0


@dataclass(frozen=True)
class Components:
    """Variance between trainees and between calls of one trainee, for one competency."""

    trainee: float
    call: float
    trainees: int

    def dependability(self, calls: int) -> float:
        """Return Φ for the mean level of ``calls`` calls."""
        if calls <= 0:
            return 0.0
        total = self.trainee + self.call / calls
        return 1.0 if total == 0 else self.trainee / total

    def calls_needed(self, target: float = TARGET) -> int | None:
        """Return the calls needed for Φ ≥ target, or None when more than ``MAX_CALLS`` (or never) would do."""
        if self.call == 0:
            return 1
        if self.trainee <= 0:
            return None
        needed = max(1, math.ceil(target / (1 - target) * self.call / self.trainee - 1e-9))
        return needed if needed <= MAX_CALLS else None


def components(levels_by_trainee: Mapping[str, Sequence[int]]) -> Components | None:
    """Estimate the variance components from trainees with at least two levels (None when too few)."""
    groups = [list(v) for v in levels_by_trainee.values() if len(v) >= 2]
    if len(groups) < MIN_TRAINEES:
        return None
    within = sum(sum((x - fmean(g)) ** 2 for x in g) for g in groups)
    freedom = sum(len(g) for g in groups) - len(groups)
    call = within / freedom
    means = [fmean(g) for g in groups]
    spread = sum((m - fmean(means)) ** 2 for m in means) / (len(means) - 1)
    trainee = max(0.0, spread - call * fmean(1 / len(g) for g in groups))
    return Components(trainee=trainee, call=call, trainees=len(groups))


def bootstrap_interval(levels: Sequence[int], rounds: int = ROUNDS, coverage: float = COVERAGE) -> tuple[float, float]:
    """Return an interval for the mean level by resampling the calls (seeded by the levels: same in, same out)."""
    if not levels:
        raise ValueError("no levels to resample")
    seed = int.from_bytes(hashlib.sha256(",".join(map(str, levels)).encode()).digest()[:8], "big")
    rng = random.Random(seed)
    means = sorted(fmean(rng.choices(levels, k=len(levels))) for _ in range(rounds))
    tail = (1 - coverage) / 2
    low = means[int(tail * (rounds - 1))]
    high = means[int(math.ceil((1 - tail) * (rounds - 1)))]
    return round(low, 2), round(high, 2)


def level_reliability(levels: Sequence[int], cohort: Components | None) -> dict[str, Any]:
    """Say how far one trainee's levels on one competency can be trusted.

    ``basis`` is ``cohort`` when the cohort gave an estimate (``needed`` calls, None for "more than
    MAX_CALLS"), else ``own_calls`` (a bootstrap interval only), or ``none`` before any call.
    """
    calls = len(levels)
    result: dict[str, Any] = {"calls": calls, "needed": None, "dependable": False, "interval": None}
    if calls:
        low, high = bootstrap_interval(levels) if calls > 1 else (float(levels[0]), float(levels[0]))
        result["interval"] = [low, high]
    if cohort is not None:
        needed = cohort.calls_needed()
        result.update(basis="cohort", needed=needed, max_calls=MAX_CALLS)
        result["dependable"] = needed is not None and calls >= needed
        result["dependability"] = round(cohort.dependability(calls), 2)
        return result
    result["basis"] = "own_calls" if calls else "none"
    interval = result["interval"]
    result["dependable"] = calls >= 2 and interval is not None and interval[1] - interval[0] <= NARROW
    return result


def cohort_components(levels: Mapping[str, Mapping[str, Sequence[int]]]) -> dict[str, Components]:
    """Return competency → components, from competency → trainee → levels (competencies with enough data only)."""
    result = {}
    for competency, by_trainee in levels.items():
        estimate = components(by_trainee)
        if estimate is not None:
            result[competency] = estimate
    return result


def calls_table(cohort: Mapping[str, Components]) -> list[dict[str, Any]]:
    """Return, per competency, the variance components and the calls needed — for the instructor's page and CSV."""
    return [
        {
            "competency": cid,
            "trainees": c.trainees,
            "between_trainees": round(c.trainee, 3),
            "between_calls": round(c.call, 3),
            "needed": c.calls_needed(),
            "dependability_1": round(c.dependability(1), 2),
        }
        for cid, c in sorted(cohort.items(), key=lambda p: int(p[0]))
    ]
