"""The second validation pass for parallel forms: each form's references, with the form's own file:line.

A form must keep the exercise's difficulty and activities, so it may replace expected steps only for
activities the exercise already expects: every form then gives the same activities an occasion.
The form's world is checked by the world package (``simulator.world.checks``).
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.content.errors import Problem
from simulator.content.yamlfile import LoadedYaml
from simulator.conversation.exercise import Exercise, FormSpec
from simulator.conversation.lines import placeholders

#: A form exists to be played instead of another: one alone is a mistake, not a variant.
MIN_FORMS = 2


def check_forms(
    doc: LoadedYaml, ex: Exercise, caller_fields: frozenset[str], responses: frozenset[str]
) -> Iterable[Problem]:
    """Yield every problem of the exercise's forms (``responses``: keys a response may have)."""
    if ex.form is not None:
        yield doc.problem(["form"], "'form' is chosen by the seed or the assignment; declare variants under 'forms'")
    if not ex.forms:
        return
    if len(ex.forms) < MIN_FORMS:
        yield doc.problem(["forms"], f"declare {MIN_FORMS} forms or more (or none)")
    seen: set[str] = set()
    for i, form in enumerate(ex.forms):
        if form.id in seen:
            yield doc.problem(["forms", i, "id"], f"duplicate form id '{form.id}'")
        seen.add(form.id)
        yield from _check_form(doc, ex, i, form, caller_fields, responses)


def _check_form(
    doc: LoadedYaml, ex: Exercise, i: int, form: FormSpec, caller_fields: frozenset[str], responses: frozenset[str]
) -> Iterable[Problem]:
    from simulator.nlu import TOPICS

    at: list[str | int] = ["forms", i]
    if ex.language not in form.title:
        yield doc.problem([*at, "title"], f"no title in the exercise's language '{ex.language}'")
    facts = {f.id for f in ex.facts} | {f.id for f in form.facts}
    for j, fact in enumerate(form.facts):
        for k, topic in enumerate(fact.topics):
            if topic not in TOPICS:
                yield doc.problem([*at, "facts", j, "topics", k], f"unknown topic '{topic}'")
        if not fact.topics and not fact.keywords and not fact.volunteered:
            yield doc.problem([*at, "facts", j], "a fact needs topics or keywords, or volunteered: true")
        yield from _lines(doc, [*at, "facts", j, "says"], fact.says, caller_fields)
    states = {s.name for s in ex.states}
    for j, state in enumerate(form.states):
        if state.name not in states:
            yield doc.problem([*at, "states", j, "name"], f"unknown state '{state.name}'; states: {sorted(states)}")
        for k, told in enumerate(state.tells or []):
            if told not in facts:
                yield doc.problem([*at, "states", j, "tells", k], f"unknown fact '{told}'")
        for key in ("lines", "continues", "idle"):
            yield from _lines(doc, [*at, "states", j, key], getattr(state, key) or [], caller_fields)
    expected = {e.activity for e in ex.expected}
    for j, step in enumerate(form.expected):
        if step.activity not in expected:
            yield doc.problem(
                [*at, "expected", j, "activity"],
                f"activity '{step.activity}' is not expected by the exercise; a form replaces steps of "
                f"{sorted(expected)} so every form gives the same activities an occasion",
            )
    for key in form.responses:
        if key not in responses:
            yield doc.problem([*at, "responses", key], f"'{key}' is neither an intent nor a special response")


def _lines(
    doc: LoadedYaml, path: list[str | int], lines: Iterable[str], caller_fields: frozenset[str]
) -> Iterable[Problem]:
    for j, line in enumerate(lines):
        unknown = placeholders(line) - caller_fields
        if unknown:
            yield doc.problem([*path, j], f"unknown placeholder {sorted(unknown)}")
