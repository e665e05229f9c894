"""Benchmark the item analysis: 30 trainees × 40 exercises (3 forms each), with a raw baseline in the same run.

Target (issue #13): the item analysis of 30 × 40 calls in under 1 s (median of the runs). The baseline
is the least any analysis must do — one pass summing levels per exercise — measured on the same data,
so the figure can be read against this machine's speed. Exits 1 when the target is missed.
Run: ``python bench/bench_items.py``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import defaultdict

from simulator.assessment.items import Attempt, analyse

TRAINEES, EXERCISES, FORMS, RUNS = 30, 40, 3, 7
BUDGET_S = 1.0
ACTIVITIES = [f"{c}.{a}" for c in range(5, 18) for a in range(1, 6)]


def cohort(seed: int = 1) -> list[Attempt]:
    """Return one call per trainee and exercise, levels by skill and item difficulty, 20 activities each."""
    rng = random.Random(seed)
    out = []
    for t in range(TRAINEES):
        skill = t / TRAINEES
        for e in range(EXERCISES):
            form = f"form{rng.randrange(FORMS)}"
            level = max(0.0, min(3.0, 3 * skill + rng.gauss(0, 0.5) - (e % 5) * 0.1))
            observed = frozenset(rng.sample(ACTIVITIES, 20))
            out.append(Attempt(f"t{t}", f"exercise-{e:02d}", form, level, level >= 1.5, observed))
    return out


def baseline(attempts: list[Attempt]) -> dict[str, float]:
    """Sum the levels per exercise in one pass: the floor under any item analysis."""
    sums: dict[str, float] = defaultdict(float)
    for a in attempts:
        sums[a.exercise] += a.level
    return sums


def timed(fn: object, attempts: list[Attempt]) -> float:
    """Return the median wall time of ``fn(attempts)`` over the runs."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(attempts)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Run both and print the medians; exit 1 when the analysis misses its budget."""
    attempts = cohort()
    raw = timed(baseline, attempts)
    analysis = timed(analyse, attempts)
    items = len(analyse(attempts).items)
    print(
        f"item analysis {TRAINEES}×{EXERCISES} calls ({items} items): median {analysis * 1000:.1f} ms",
        f"(budget {BUDGET_S:.0f} s)",
    )
    print(f"raw baseline (one pass summing levels): median {raw * 1000:.2f} ms")
    return 0 if analysis <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
