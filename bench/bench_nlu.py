"""Time Understander.understand() per utterance after loading: prints median and p99 per language.

Run: ``python bench/bench_nlu.py`` (no assertions; the budget is well under 1 ms median).
"""

from __future__ import annotations

import statistics
import time

from simulator.nlu import Understander
from simulator.nlu.evaluation import split
from simulator.nlu.files import load_corpus


def bench(lang: str, rounds: int = 5) -> tuple[float, float, int]:
    """Return (median µs, p99 µs, n) of understanding every corpus utterance of a language."""
    understander = Understander.default()
    understander.load(lang)
    _, test = split(load_corpus(lang))
    train, _ = split(load_corpus(lang))
    texts = [t for t, _ in train + test]
    timings = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter_ns()
            understander.understand(text, lang)
            timings.append((time.perf_counter_ns() - start) / 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99)], len(timings)


def main() -> None:
    """Load the models (timed) and print per-utterance timings for nl, fr and en."""
    start = time.perf_counter()
    for lang in ("nl", "fr", "en"):
        Understander.default().load(lang)
    print(f"load (3 languages): {time.perf_counter() - start:.2f} s")
    for lang in ("nl", "fr", "en"):
        median, p99, n = bench(lang)
        print(f"{lang}: median {median:.0f} µs, p99 {p99:.0f} µs over {n} utterances")


if __name__ == "__main__":
    main()
