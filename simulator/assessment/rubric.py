"""Rubrics as data: per competency the observable activities, their detectors and weights, and levels.

A rubric (``rubrics/<qualification>.yaml``) is checked in two passes: structure (pydantic, with
file:line) and references (every activity of the qualification exactly once, known detectors with
an aspect they know, thresholds within 0..1 that neither overlap nor leave gaps).

Two kinds of judged activity: ``always: true`` marks a behaviour an assessor judges in every call
whose occasion arises (the greeting, politeness, privacy…), whatever the exercise lists; the others
are judged only when the exercise lists them. The exercise's list says its focus: listed activities
weigh ``focus_weight`` times their own weight in the competency's level. A rubric for another
qualification (the 2018 profile) says with ``same_as`` which BKD 2023 activity an exercise lists for it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.assessment.detectors import all_detectors
from simulator.content.errors import ContentError, Problem
from simulator.content.paths import rubrics_dir
from simulator.content.yamlfile import LoadedYaml, read_yaml, validate
from simulator.qualification import load_qualification

LEVELS = (0, 1, 2, 3)
#: The qualification whose activity ids exercises list; another rubric ties its activities to them with ``same_as``.
EXERCISE_QUALIFICATION = "bkd-2023"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelSpec(_Strict):
    """One level with its Dutch descriptor and the share of weighted points it covers: [min, max)."""

    level: int
    name: str
    descriptor: str = Field(min_length=1)
    min: float
    max: float


class DetectorUse(_Strict):
    """A detector used for one activity: the aspect of its behaviour, and its weight among the activity's detectors."""

    name: str
    aspect: str | None = None
    weight: float = Field(1.0, gt=0)


class ActivityRule(_Strict):
    """How one activity is judged: by detectors, or by an instructor with a checklist."""

    id: str
    same_as: str | None = None
    weight: float = Field(1.0, gt=0)
    always: bool = False
    detectors: tuple[DetectorUse, ...] = ()
    observation: tuple[str, ...] = ()


class CompetencyRule(_Strict):
    """The activities of one competency and, optionally, levels that differ from the default."""

    id: str
    activities: tuple[ActivityRule, ...] = Field(min_length=1)
    levels: tuple[LevelSpec, ...] | None = None


class Rubric(_Strict):
    """A rubric for one qualification."""

    version: Literal[1]
    qualification: str
    levels: tuple[LevelSpec, ...]
    focus_weight: float = Field(1.0, gt=0)
    competencies: tuple[CompetencyRule, ...]

    def activity_rules(self) -> dict[str, ActivityRule]:
        """Return activity id → rule."""
        return {a.id: a for c in self.competencies for a in c.activities}

    def levels_of(self, cid: str) -> tuple[LevelSpec, ...]:
        """Return the levels that apply to competency ``cid``."""
        for comp in self.competencies:
            if comp.id == cid and comp.levels:
                return comp.levels
        return self.levels


def level_for(levels: tuple[LevelSpec, ...], score: float) -> int:
    """Return the level whose [min, max) holds ``score`` (the top level includes its max)."""
    ordered = sorted(levels, key=lambda lv: lv.min)
    for spec in ordered:
        if spec.min <= score < spec.max:
            return spec.level
    return ordered[-1].level


def read_rubric(path: Path) -> Rubric:
    """Read and check a rubric file; ContentError lists every problem with file and line."""
    doc = read_yaml(path)
    rubric = validate(doc, Rubric)
    problems = check_rubric(doc, rubric)
    if problems:
        raise ContentError(problems)
    return rubric


def check_rubric(doc: LoadedYaml, rubric: Rubric) -> list[Problem]:
    """Return every reference problem of ``rubric`` (second pass)."""
    problems = _check_levels(doc, ["levels"], rubric.levels)
    try:
        qualification = load_qualification(rubric.qualification)
    except KeyError as exc:
        return [*problems, doc.problem(["qualification"], str(exc))]
    known = {a.id for a in qualification.activities()}
    exercise_ids = {a.id for a in load_qualification(EXERCISE_QUALIFICATION).activities()}
    detectors = all_detectors()
    seen: dict[str, int | None] = {}
    for i, comp in enumerate(rubric.competencies):
        if comp.levels is not None:
            problems += _check_levels(doc, ["competencies", i, "levels"], comp.levels)
        for j, act in enumerate(comp.activities):
            at: list[str | int] = ["competencies", i, "activities", j]
            if act.id not in known:
                problems.append(doc.problem([*at, "id"], f"unknown activity {act.id!r} in {rubric.qualification}"))
            elif act.id.split(".")[0] != comp.id:
                problems.append(doc.problem([*at, "id"], f"activity {act.id!r} is not part of competency {comp.id!r}"))
            if act.id in seen:
                problems.append(
                    doc.problem([*at, "id"], f"activity {act.id!r} listed twice (first at line {seen[act.id]})")
                )
            seen.setdefault(act.id, doc.line_of([*at, "id"]))
            if bool(act.detectors) == bool(act.observation):
                message = f"activity {act.id!r} needs either detectors or an observation checklist (exactly one)"
                problems.append(doc.problem(at, message))
            for k, use in enumerate(act.detectors):
                found = detectors.get(use.name)
                if found is None:
                    message = f"unknown detector {use.name!r}; known: {', '.join(sorted(detectors))}"
                    problems.append(doc.problem([*at, "detectors", k, "name"], message))
                elif found.aspects and use.aspect not in found.aspects:
                    known_aspects = ", ".join(found.aspects)
                    message = f"detector {use.name!r} needs an aspect: one of {known_aspects}"
                    problems.append(doc.problem([*at, "detectors", k, "aspect" if use.aspect else "name"], message))
                elif not found.aspects and use.aspect is not None:
                    message = f"detector {use.name!r} has no aspects (got {use.aspect!r})"
                    problems.append(doc.problem([*at, "detectors", k, "aspect"], message))
            if act.same_as is not None and act.same_as not in exercise_ids:
                message = f"same_as {act.same_as!r} is not an activity of {EXERCISE_QUALIFICATION}"
                problems.append(doc.problem([*at, "same_as"], message))
            if act.always and not act.detectors:
                message = f"activity {act.id!r} is 'always' judged but has no detectors"
                problems.append(doc.problem([*at, "always"], message))
    for aid in sorted(known - set(seen), key=_order):
        problems.append(doc.problem(["competencies"], f"activity {aid!r} of {rubric.qualification} is missing"))
    return problems


def _check_levels(doc: LoadedYaml, at: list[str | int], levels: tuple[LevelSpec, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for i, spec in enumerate(levels):
        if spec.level not in LEVELS:
            problems.append(doc.problem([*at, i, "level"], f"level {spec.level} is out of range (0..3)"))
        if not (0.0 <= spec.min <= 1.0 and 0.0 <= spec.max <= 1.0):
            problems.append(doc.problem([*at, i], f"thresholds of level {spec.level} are out of range (0..1)"))
        elif spec.min >= spec.max:
            problems.append(doc.problem([*at, i], f"level {spec.level}: min {spec.min} must be below max {spec.max}"))
    if sorted(s.level for s in levels) != list(LEVELS):
        problems.append(doc.problem(at, "levels must be exactly 0, 1, 2 and 3, each once"))
    ordered = sorted(enumerate(levels), key=lambda p: p[1].min)
    for (_, low), (j, high) in zip(ordered, ordered[1:], strict=False):
        if high.min < low.max:
            problems.append(
                doc.problem([*at, j], f"level {high.level} overlaps level {low.level} ({high.min} < {low.max})")
            )
        elif high.min > low.max:
            problems.append(
                doc.problem([*at, j], f"gap between level {low.level} and level {high.level} ({low.max}..{high.min})")
            )
    if ordered and (ordered[0][1].min != 0.0 or ordered[-1][1].max != 1.0):
        problems.append(doc.problem(at, "levels must cover every score from 0 to 1"))
    return problems


def _order(aid: str) -> tuple[int, int]:
    a, b = aid.split(".")
    return int(a), int(b)


def rubric_path(qualification: str) -> Path:
    """Return the rubric file of a qualification."""
    return rubrics_dir() / f"{qualification}.yaml"


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> Rubric:
    return read_rubric(path)


def load_rubric(qualification: str = "bkd-2023") -> Rubric:
    """Return the shipped rubric of a qualification (read once per process)."""
    return _load_cached(rubric_path(qualification).resolve())
