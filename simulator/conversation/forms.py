"""Parallel forms: which form a call plays, and the exercise as that form lays it out.

A form names only what differs from its exercise (facts, lines, expected steps, world). Laying it
over the exercise gives a plain :class:`Exercise`, so the caller, the world and the assessment need
not know forms exist; the chosen form's id stays on it (``Exercise.form``) for the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulator.conversation.exercise import Exercise, ExpectedStep, FactSpec, FormSpec, StateSpec


class UnknownForm(KeyError):
    """A script, an assignment or a request named a form the exercise does not declare."""

    def __init__(self, exercise: Exercise, form: str) -> None:
        known = ", ".join(f.id for f in exercise.forms) or "none"
        super().__init__(f"exercise '{exercise.id}' has no form '{form}'; its forms: {known}")
        self.form = form


#: Asks for the exercise's first form whatever the seed: what a session script that names no form plays,
#: so a script written before its exercise had forms still plays the call it was written for.
FIRST = "*first"


def form_ids(exercise: Exercise) -> list[str]:
    """Return the exercise's form ids in declared order (empty: the exercise has one form)."""
    return [f.id for f in exercise.forms]


def pick_form(exercise: Exercise, seed: int, fixed: str | None = None) -> str | None:
    """Return the form a call with this seed plays: ``fixed`` if given, else the seed's turn among the forms.

    Seed modulo the number of forms, so consecutive seeds go through every form in order and a
    cohort whose seeds differ spreads over the forms evenly.
    """
    if fixed == FIRST:
        return exercise.forms[0].id if exercise.forms else None
    if fixed is not None:
        if fixed not in form_ids(exercise):
            raise UnknownForm(exercise, fixed)
        return fixed
    if not exercise.forms:
        return None
    return exercise.forms[seed % len(exercise.forms)].id


def form_spec(exercise: Exercise, form: str) -> FormSpec:
    """Return the declared form with this id."""
    for spec in exercise.forms:
        if spec.id == form:
            return spec
    raise UnknownForm(exercise, form)


def with_form(exercise: Exercise, form: str | None) -> Exercise:
    """Return the exercise as ``form`` lays it out (``None``: the exercise unchanged)."""
    if form is None:
        return exercise
    spec = form_spec(exercise, form)
    problem = exercise.problem.model_copy(update=spec.problem.model_dump(exclude_none=True))
    update: dict[str, Any] = {
        "problem": problem,
        "facts": _facts(exercise.facts, spec.facts),
        "states": _states(exercise.states, spec),
        "expected": _expected(exercise.expected, spec.expected),
        "responses": dict(exercise.responses) | dict(spec.responses),
        "world": merge(exercise.world, spec.world),
        "form": form,
    }
    if spec.summary is not None:
        update["summary"] = spec.summary
    if spec.caller is not None:
        update["caller"] = spec.caller
    return exercise.model_copy(update=update)


def form_title(exercise: Exercise, form: str | None, lang: str) -> str | None:
    """Return the form's title in ``lang``, else in the exercise's language (None: no form)."""
    if form is None:
        return None
    titles = form_spec(exercise, form).title
    return titles.get(lang) or titles.get(exercise.language) or next(iter(titles.values()))  # type: ignore[call-overload]


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``over`` laid over ``base``: mappings merged key by key, everything else replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _facts(base: list[FactSpec], changes: list[FactSpec]) -> list[FactSpec]:
    by_id = {f.id: f for f in changes}
    kept = [by_id.pop(f.id, f) for f in base]
    return kept + [f for f in changes if f.id in by_id]


def _states(base: list[StateSpec], spec: FormSpec) -> list[StateSpec]:
    changes = {s.name: s.model_dump(exclude_none=True, exclude={"name"}) for s in spec.states}
    return [s.model_copy(update=changes[s.name]) if s.name in changes else s for s in base]


def _expected(base: list[ExpectedStep], changes: list[ExpectedStep]) -> list[ExpectedStep]:
    """Replace the steps of every activity the form names, at the place of that activity's first step."""
    by_activity: dict[str, list[ExpectedStep]] = {}
    for step in changes:
        by_activity.setdefault(step.activity, []).append(step)
    out: list[ExpectedStep] = []
    for step in base:
        if step.activity not in by_activity:
            out.append(step)
        elif not any(s.activity == step.activity for s in out):
            out.extend(by_activity[step.activity])
    return out
