"""A synthetic cohort: simulated trainees of graded skill play scripted handlings through the real engine.

Each simulated trainee has a skill between 0 and 1. On every exercise it plays the competent handling
of the form its seed picked, keeping each of the trainee's moves with a probability equal to its
skill and, for a move it leaves out, sometimes saying the flawed handling's line instead. The call
skeleton (waiting, answering, hanging up) is always kept. So the item analysis can be shown, and
tested, on a fresh install with no real trainee: the calls are ordinary calls, judged as any other.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.assessment.items import Attempt, call_level, observed_activities
from simulator.assessment.portfolio import level_summary
from simulator.conversation.forms import FIRST, pick_form
from simulator.conversation.loader import load_exercise
from simulator.scripts.report import build_report
from simulator.scripts.runner import CallRunner
from simulator.scripts.script import SessionScript, Step, load_script
from simulator.scripts.steps import StepError

#: Moves a simulated trainee always makes: without them there is no call to judge.
SKELETON = frozenset({"wait", "answer", "end_call"})
#: The skills of a cohort run evenly from the weakest to the strongest.
LOWEST_SKILL, HIGHEST_SKILL = 0.15, 0.95


@dataclass(frozen=True)
class Handlings:
    """The handlings one exercise is played with: a competent one per form (None: no forms), a flawed one."""

    competent: Mapping[str | None, SessionScript]
    flawed: SessionScript | None = None


@dataclass(frozen=True)
class SimulatedCall:
    """One call of a simulated trainee, with the replay report it left."""

    trainee: int
    skill: float
    exercise: str
    seed: int
    form: str | None
    report: dict[str, Any]


def skills(trainees: int) -> list[float]:
    """Return the skill of each simulated trainee, evenly spread, weakest first."""
    if trainees == 1:
        return [HIGHEST_SKILL]
    step = (HIGHEST_SKILL - LOWEST_SKILL) / (trainees - 1)
    return [round(LOWEST_SKILL + i * step, 3) for i in range(trainees)]


def read_handlings(folder: Path) -> dict[str, Handlings]:
    """Read ``<exercise>-strong.yaml`` / ``-weak.yaml`` and the per-form ``forms/<exercise>-<form>.yaml``."""
    found: dict[str, Handlings] = {}
    for path in sorted(folder.glob("*-strong.yaml")):
        strong = load_script(path)
        weak_path = path.with_name(path.name.replace("-strong.yaml", "-weak.yaml"))
        competent: dict[str | None, SessionScript] = {None: strong}
        for form_path in sorted((folder / "forms").glob(f"{strong.exercise}-*.yaml")):
            script = load_script(form_path)
            if script.exercise == strong.exercise and script.form:
                competent[script.form] = script
        found[strong.exercise] = Handlings(competent, load_script(weak_path) if weak_path.is_file() else None)
    return found


def simulate(
    handlings: Mapping[str, Handlings], trainees: int, seed: int, exercises: Iterable[str] | None = None
) -> Iterator[SimulatedCall]:
    """Play every exercise once per simulated trainee; yield each call as it ends."""
    chosen = sorted(exercises) if exercises is not None else sorted(handlings)
    for trainee, skill in enumerate(skills(trainees)):
        rng = random.Random(f"cohort:{seed}:{trainee}")
        for exercise_id in chosen:
            call_seed = rng.randrange(1_000_000)
            yield play(exercise_id, handlings[exercise_id], trainee, skill, call_seed, rng)


def play(
    exercise_id: str, handling: Handlings, trainee: int, skill: float, seed: int, rng: random.Random
) -> SimulatedCall:
    """Play one call: the competent handling of the seed's form, thinned and spoiled by the trainee's skill."""
    exercise = load_exercise(exercise_id)
    form = pick_form(exercise, seed)
    if form not in handling.competent:  # no handling written for this form: play the one the handling is for
        form = pick_form(exercise, seed, FIRST)
    script = handling.competent.get(form) or handling.competent[None]
    flawed = [s for s in handling.flawed.steps if s.name == "say"] if handling.flawed else []
    runner = CallRunner(exercise_id, seed=seed, mode="practice", form=form)
    for step in script.steps:
        if step.name not in SKELETON and rng.random() > skill:
            if flawed and rng.random() < 1 - skill:
                _perform(runner, rng.choice(flawed))
            continue
        _perform(runner, step)
    return SimulatedCall(trainee, skill, exercise_id, seed, form, build_report(runner.finish()))


def _perform(runner: CallRunner, step: Step) -> None:
    """Perform a step; one the world cannot take now (a left-out step it depended on) is simply not made."""
    try:
        runner.perform(step.name, step.args.model_dump(exclude_defaults=True), f"step {step.number}")
    except StepError:
        return


def attempt_of(call: SimulatedCall) -> Attempt:
    """Return a simulated call as an attempt of the item analysis."""
    assessment = call.report.get("assessment")
    level = call_level(level_summary(assessment))
    resolved = bool(call.report["outcome"]["resolved"])
    return Attempt(str(call.trainee), call.exercise, call.form, level or 0.0, resolved, observed_activities(assessment))
