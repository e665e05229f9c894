"""Benchmark the assessment: scoring a 40-turn call and a cohort portfolio of 30 trainees × 50 calls.

Targets (issue #4): assessing a 40-turn call median ≤ 20 ms; portfolio (every trainee's portfolio
plus the cohort heatmap) for 30 × 50 calls ≤ 1 s. Exits 1 when a target is missed.
Run: ``python bench/bench_assessment.py``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from simulator.assessment import assess
from simulator.assessment.portfolio import cohort_heatmap, exercise_catalogue, observable_activities, portfolios
from simulator.conversation.caller import make_caller
from simulator.conversation.events import Event
from simulator.conversation.exercise import Exercise
from simulator.conversation.outcome import Outcome
from simulator.conversation.persona import Persona
from simulator.conversation.record import CallRecord

ROOT = Path(__file__).resolve().parents[1]
TURNS = 40
CALL_BUDGET_MS = 20.0
PORTFOLIO_BUDGET_S = 1.0
INTENTS = ["greeting", "empathy", "paraphrase", "open_question", "explain_steps", "instruct_step", "check_satisfaction"]


def forty_turn_call(seed: int = 0) -> CallRecord:
    """Return a realistic 40-turn printer call: trainee lines, caller lines, moods, facts and world actions."""
    exercise = Exercise.model_validate(yaml.safe_load((ROOT / "exercises/printer-offline-angry-nl.yaml").read_text()))
    persona = Persona.model_validate(yaml.safe_load((ROOT / "exercises/personas/angry.yaml").read_text()))
    rng = random.Random(seed)
    events = [Event(0, 0.0, "ring", {}), Event(1, 4.0, "answer", {"step": "answer", "wait_s": 4.0})]
    t = 4.0

    def add(type_: str, **data: Any) -> None:
        nonlocal t
        t += 3.0
        events.append(Event(len(events), t, type_, data))

    facts = [f.id for f in exercise.facts]
    for turn in range(TURNS):
        intent = rng.choice(INTENTS)
        add(
            "utterance",
            step="say",
            speaker="trainee",
            text=f"Zin {turn} van de stagiair.",
            intents=[intent],
            scores={intent: 0.9},
            topics=[],
            slots={},
            jargon=[],
            interrupt=False,
            duration=2.0,
        )
        if intent in ("empathy", "paraphrase"):
            add("mood", mood=40, delta=5, causes=[intent])
        if turn < len(facts):
            add("fact_revealed", fact=facts[turn], essential=True)
        add(
            "customer_line", speaker="customer", text=f"Antwoord {turn}.", kind="answer", state="venting", venting=False
        )
        if turn in (10, 20, 22, 24, 30, 35):
            kind = {
                10: "ticket.create",
                20: "remote.connect",
                22: "remote.run",
                24: "remote.run",
                30: "ticket.resolve",
                35: "ticket.close",
            }[turn]
            add(kind, step=kind, command="Get-Service Spooler" if turn == 22 else "Restart-Service Spooler")
    add("end", ended_by="trainee")
    outcome = Outcome("trainee", True, 60, t, 4.0)
    return CallRecord(
        exercise, persona, persona.params, make_caller("nl", seed), seed, "practice", tuple(events), outcome
    )


def bench_call(rounds: int = 200) -> list[float]:
    """Return the milliseconds each assessment of a 40-turn call took."""
    record = forty_turn_call()
    assess(record)  # warm-up: rubric, qualification and scenario book are read once per process
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        assess(record)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def cohort(trainees: int = 30, calls: int = 50) -> list[dict[str, Any]]:
    """Return call summaries for a cohort, with assessments varied per call."""
    base = [assess(forty_turn_call(seed)).to_dict() for seed in range(5)]
    rng = random.Random(1)
    out = []
    for n in range(trainees):
        for c in range(calls):
            assessment = rng.choice(base)
            out.append(
                {
                    "trainee": f"trainee-{n:02d}",
                    "at": f"2026-03-{1 + c // 10:02d}T{c % 10:02d}:00",
                    "exercise": "printer-offline-angry-nl",
                    "assessment": assessment,
                }
            )
    return out


def bench_portfolio() -> float:
    """Return the seconds the portfolios and heatmap of a 30 × 50 cohort took."""
    calls = cohort()
    observable, exercises = observable_activities(), exercise_catalogue()
    start = time.perf_counter()
    portfolios(calls, observable=observable, exercises=exercises)
    cohort_heatmap(calls)
    return time.perf_counter() - start


def main() -> int:
    """Run both benchmarks, print the figures and return 1 if a target is missed."""
    timings = bench_call()
    median = statistics.median(timings)
    p99 = sorted(timings)[int(0.99 * len(timings)) - 1]
    seconds = bench_portfolio()
    print(f"assess 40-turn call: median {median:.2f} ms, p99 {p99:.2f} ms (target median ≤ {CALL_BUDGET_MS} ms)")
    print(f"portfolio 30 × 50 calls: {seconds * 1000:.0f} ms (target ≤ {PORTFOLIO_BUDGET_S * 1000:.0f} ms)")
    return 0 if median <= CALL_BUDGET_MS and seconds <= PORTFOLIO_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
