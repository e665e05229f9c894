"""Benchmark the call engine: one trainee turn, a 40-step replay and ``eerstelijn --help``.

Targets (issue #2): a turn in-process (NLU + state machine + event append) median ≤ 2 ms, p99 ≤ 10 ms;
with the richer understanding (issue #9: every clause read, typos corrected, the caller's memory) a turn
median ≤ 5 ms, p99 ≤ 20 ms, measured beside the raw classifier (one model call on the whole line);
replaying a 40-step script ≤ 100 ms; ``eerstelijn --help`` ≤ 0.5 s. The raw NLU call is measured in
the same run so the engine's own share is visible. Run: ``python bench/bench_engine.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from simulator.conversation.call import Call
from simulator.conversation.loader import load_exercise, load_persona
from simulator.nlu import Understander
from simulator.nlu.model import load_or_train
from simulator.nlu.text import clean, fold
from simulator.scripts.replay import run_script
from simulator.scripts.script import parse_script

LINES = [
    "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?",
    "Mm, ik luister. Vertel gerust verder.",
    "Ik begrijp dat dit heel vervelend is, zeker met die deadline.",
    "Als ik het goed begrijp, blijven uw afdrukken in de wachtrij staan?",
    "Welke printer is het juist, en wat ziet u op uw scherm?",
    "Sinds wanneer is dat zo? En kunnen uw collega's wel printen?",
    "Mag ik even op afstand meekijken op uw pc?",
    "Kunt u nu weer printen? Is alles in orde zo?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_turns(rounds: int = 150) -> tuple[list[float], list[float], list[float]]:
    exercise = load_exercise("printer-offline-angry-nl")
    persona = load_persona(exercise.persona)
    understander = Understander.default()
    understander.understand("warm-up", "nl")
    classifier = load_or_train("nl")
    turns: list[float] = []
    nlu: list[float] = []
    raw: list[float] = []
    for r in range(rounds):
        call = Call(exercise, persona, seed=r, understander=understander)
        call.answer()
        for line in LINES:
            text = f"{line} Dossier {r}."  # distinct text every round: no cache can help
            t0 = time.perf_counter()
            classifier.scores(fold(clean(text)))
            raw.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            understander.understand(text, "nl")
            nlu.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            call.say(text)
            turns.append(time.perf_counter() - t0)
        call.close()
    return turns, nlu, raw


def forty_step_script() -> str:
    steps = ["  - wait: 3", "  - answer: {}"]
    while len(steps) < 39:
        steps.append(f'  - say: "{LINES[len(steps) % len(LINES)]}"')
    steps.append("  - end_call: {}")
    return "exercise: printer-offline-angry-nl\nseed: 1\nsteps:\n" + "\n".join(steps) + "\n"


def bench_replay(rounds: int = 30) -> list[float]:
    script = parse_script(forty_step_script())
    run_script(script)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        run_script(script)
        times.append(time.perf_counter() - t0)
    return times


def bench_help(rounds: int = 10) -> list[float]:
    exe = Path(sys.executable).with_name("eerstelijn")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator"]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    turns, nlu, raw = bench_turns()
    ms = 1000
    turn_median, nlu_median = statistics.median(turns) * ms, statistics.median(nlu) * ms
    print(f"trainee turn (NLU + machine + log): median {turn_median:.3f} ms, p99 {percentile(turns, 0.99) * ms:.3f} ms")
    print(
        f"  understanding alone:                median {nlu_median:.3f} ms"
        f" (engine share {turn_median - nlu_median:.3f} ms)"
    )
    raw_median = statistics.median(raw) * ms
    print(
        f"  raw classifier, whole line once:    median {raw_median:.3f} ms"
        f" (turn / raw = {turn_median / raw_median:.1f}x)"
    )
    replay = bench_replay()
    print(f"replay of a 40-step script:         median {statistics.median(replay) * ms:.1f} ms")
    helps = bench_help()
    print(f"eerstelijn --help:                  median {statistics.median(helps) * ms:.0f} ms")


if __name__ == "__main__":
    main()
