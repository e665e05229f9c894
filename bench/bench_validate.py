"""Benchmark `eerstelijn exercises validate` over every shipped exercise, with a raw baseline in the same run.

Target (issue #13): validating the whole set stays under 2 s as the course grows. Both figures are whole
processes (interpreter start and imports included, as an author runs them): the validator, and the
least any validation must do — a Python process that parses the same YAML files with libyaml. Medians of
the runs; the ratio says how much the two passes of checks cost over parsing. Exits 1 when the target
is missed. Run: ``python bench/bench_validate.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
BUDGET_S = 2.0
RAW = (
    "import sys, yaml, pathlib\n"
    "for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(f.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


def timed(command: list[str]) -> list[float]:
    """Return the wall times of ``command`` over RUNS runs, after one warm-up run."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    """Print the medians and the ratio; exit 1 when the validator takes longer than the budget."""
    exercises = ROOT / "exercises"
    count = len(list(exercises.glob("*.yaml")))
    validate = timed([sys.executable, "-m", "simulator", "exercises", "validate"])
    raw = timed([sys.executable, "-c", RAW, str(exercises)])
    med, base = statistics.median(validate), statistics.median(raw)
    spread = f"min {min(validate):.2f}, max {max(validate):.2f}"
    print(f"exercises validate, {count} exercises: median {med:.2f} s ({spread})")
    print(f"raw baseline (parse the same YAML with libyaml): median {base:.2f} s; ratio {med / base:.1f}x")
    ok = med <= BUDGET_S
    print(f"target ≤ {BUDGET_S:.0f} s: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
