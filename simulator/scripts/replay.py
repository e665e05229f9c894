"""Replay a session script from the first ring to the end of the call."""

from __future__ import annotations

from typing import Any

from simulator.conversation.forms import FIRST
from simulator.nlu import Understander
from simulator.scripts.report import build_report
from simulator.scripts.runner import CallRunner
from simulator.scripts.script import SessionScript


def check_script(script: SessionScript, runner: CallRunner) -> None:
    """Validate every step's references before anything runs, so a broken script changes nothing."""
    for step in script.steps:
        runner.check(step.name, step.args.model_dump(exclude_defaults=True), f"step {step.number}")


def run_script(script: SessionScript, understander: Understander | None = None) -> dict[str, Any]:
    """Run a script and return the replay report; StepError for an invalid step, KeyError for an unknown exercise."""
    runner = CallRunner(
        script.exercise, seed=script.seed, mode=script.mode, understander=understander, form=script.form or FIRST
    )
    check_script(script, runner)
    for step in script.steps:
        runner.perform(step.name, step.args.model_dump(exclude_defaults=True), f"step {step.number}")
    return build_report(runner.finish())
