"""The learning path: modules by competency, from guided practice over practice to the exam.

A course runs for weeks; a trainee needs to know what to do next and an instructor where each trainee
is. The path is content (``exercises/paths/*.yaml``): modules in order, each with the competencies it
builds and steps (an exercise at a stage). Progress is computed from the trainee's ended calls and
their levels, so it needs no state of its own; the next exercise weighs the path's order against the
trainee's portfolio (activities weakest or never observed). Codes only: the edge renders the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.content.errors import ContentError, Problem
from simulator.content.paths import exercises_dir
from simulator.content.yamlfile import read_yaml, validate

#: The level a module's competencies must reach in a call for a practice or exam step to count as done.
PASS_LEVEL = 2


class Stage(StrEnum):
    """How a step is taken: practice with hints and model answers, practice on one's own, or the exam."""

    GUIDED = "guided"
    PRACTICE = "practice"
    EXAM = "exam"


class Step(BaseModel):
    """One exercise at one stage of a module."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    exercise: str = Field(min_length=1, max_length=100)
    stage: Stage


class Module(BaseModel):
    """A group of steps that build the same competencies, easy to hard."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    title: dict[str, str] = Field(min_length=1)
    competencies: list[str] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)


class LearningPath(BaseModel):
    """The course: modules in the order a trainee takes them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    id: str
    title: dict[str, str] = Field(min_length=1)
    modules: list[Module] = Field(min_length=1)


def paths_dir() -> Path:
    """Return the folder of the shipped learning paths."""
    return exercises_dir() / "paths"


def read_path(
    path: Path, exercises: Iterable[str] | None = None, competencies: Iterable[str] | None = None
) -> LearningPath:
    """Read and validate a path file; with ``exercises``/``competencies`` also check that every reference exists."""
    doc = read_yaml(path)
    course = validate(doc, LearningPath)
    problems: list[Problem] = []
    known = set(exercises) if exercises is not None else None
    comps = set(competencies) if competencies is not None else None
    for m, module in enumerate(course.modules):
        for s, step in enumerate(module.steps):
            if known is not None and step.exercise not in known:
                problems.append(
                    doc.problem(["modules", m, "steps", s, "exercise"], f"unknown exercise {step.exercise!r}")
                )
        for c, comp in enumerate(module.competencies):
            if comps is not None and comp not in comps:
                problems.append(doc.problem(["modules", m, "competencies", c], f"unknown competency {comp!r}"))
    if problems:
        raise ContentError(problems)
    return course


def load_path(name: str = "course") -> LearningPath:
    """Load a shipped path by file name (without ``.yaml``)."""
    return read_path(paths_dir() / f"{name}.yaml")


Call = Mapping[str, Any]


def _step_done(step: Step, module: Module, calls: Sequence[Call]) -> bool:
    """Return whether one of the calls completes the step (guided: ended; practice/exam: module levels ≥ PASS_LEVEL)."""
    for call in calls:
        if call.get("exercise") != step.exercise:
            continue
        if (call.get("mode") == "exam") != (step.stage is Stage.EXAM):
            continue
        if step.stage is Stage.GUIDED:
            return True
        levels: Mapping[str, int] = call.get("levels", {})
        judged = [levels[c] for c in module.competencies if c in levels]
        if judged and min(judged) >= PASS_LEVEL:
            return True
    return False


def progress(course: LearningPath, calls: Sequence[Call]) -> dict[str, Any]:
    """Return, per module, every step's status (``done``/``next``/``open``) and the module the trainee is in.

    ``calls``: ``{"exercise", "mode", "levels": {competency: level}}`` per ended call. Steps are open in
    any order (a learner may skip ahead); ``next`` marks the first step not done of each module.
    """
    modules = []
    current = None
    for module in course.modules:
        steps = []
        marked = False
        for step in module.steps:
            done = _step_done(step, module, calls)
            status = "done" if done else "open" if marked else "next"
            marked = marked or not done
            steps.append({"exercise": step.exercise, "stage": step.stage.value, "status": status})
        done_count = sum(1 for s in steps if s["status"] == "done")
        complete = done_count == len(steps)
        if not complete and current is None:
            current = module.id
        modules.append(
            {"id": module.id, "title": dict(module.title), "competencies": list(module.competencies),
             "steps": steps, "done": done_count, "total": len(steps), "complete": complete}
        )  # fmt: skip
    return {"path": course.id, "modules": modules, "current": current}


def next_exercise(
    state: Mapping[str, Any], weak: Iterable[str], exercise_activities: Mapping[str, Sequence[str]]
) -> dict[str, str] | None:
    """Suggest one step: among each module's next step, the one training most weak or never-shown activities.

    Ties go to path order, so a trainee with no gaps simply follows the path. ``weak``: activity ids the
    portfolio shows as weakest or never observed. Exam steps are never suggested (an instructor assigns them).
    """
    wanted = set(weak)
    best: tuple[int, int, dict[str, str]] | None = None
    for order, module in enumerate(state["modules"]):
        step = next((s for s in module["steps"] if s["status"] == "next"), None)
        if step is None or step["stage"] == Stage.EXAM.value:
            continue
        gain = len(wanted & set(exercise_activities.get(step["exercise"], ())))
        candidate = (-gain, order, {"module": module["id"], "exercise": step["exercise"], "stage": step["stage"]})
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2] if best else None


def weak_activities(portfolio: Mapping[str, Any]) -> list[str]:
    """Return the activities a portfolio shows as never observed or most often not met, for :func:`next_exercise`."""
    weak: list[str] = []
    for comp in portfolio.get("competencies", []):
        weak.extend(comp.get("never_observed", []))
        for aid, counts in comp.get("observed", {}).items():
            if counts.get("not_met", 0) + counts.get("partly", 0) > counts.get("met", 0):
                weak.append(aid)
    return weak
