"""Second-pass checks on a qualification that the schema alone cannot express.

Rubrics and reports refer to activities by id, so ids must be unique, must start with the id
of their competency, and must number activities 1, 2, 3… without gaps, as in the source text.
(Unknown skill types are already rejected by the schema, with their line.)
"""

from __future__ import annotations

from simulator.content.errors import Problem
from simulator.content.yamlfile import LoadedYaml
from simulator.qualification.model import Activity, Qualification

Location = list[str | int]


def check_qualification(doc: LoadedYaml, qualification: Qualification, expected_id: str) -> list[Problem]:
    """Return every id problem in ``qualification``, located in ``doc``."""
    problems: list[Problem] = []
    if qualification.id != expected_id:
        message = f"id {qualification.id!r} must match the file name {expected_id!r}"
        problems.append(doc.problem(["id"], message))
    competency_lines: dict[str, int | None] = {}
    activity_lines: dict[str, int | None] = {}
    classified = any(act.skills for act in qualification.activities())
    for i, comp in enumerate(qualification.competencies):
        where: Location = ["competencies", i, "id"]
        if comp.id in competency_lines:
            message = f"duplicate competency id {comp.id!r} (first at line {competency_lines[comp.id]})"
            problems.append(doc.problem(where, message))
        else:
            competency_lines[comp.id] = doc.line_of(where)
        for j, act in enumerate(comp.activities):
            at: Location = ["competencies", i, "activities", j]
            if act.id in activity_lines:
                message = f"duplicate activity id {act.id!r} (first at line {activity_lines[act.id]})"
                problems.append(doc.problem([*at, "id"], message))
            else:
                activity_lines[act.id] = doc.line_of([*at, "id"])
                problems.extend(_numbering(doc, at, comp.id, act, j + 1))
            problems.extend(_skills(doc, at, act, classified))
    return problems


def _numbering(doc: LoadedYaml, at: Location, cid: str, act: Activity, position: int) -> list[Problem]:
    expected = f"{cid}.{position}"
    if act.competency_id != cid:
        message = f"activity {act.id!r} is listed under competency {cid!r}: expected {expected!r}"
        return [doc.problem([*at, "id"], message)]
    if act.id != expected:
        message = (
            f"activity {act.id!r} is number {position} of competency {cid}: expected {expected!r} "
            "(numbers run 1, 2, 3… without gaps)"
        )
        return [doc.problem([*at, "id"], message)]
    return []


def _skills(doc: LoadedYaml, at: Location, act: Activity, classified: bool) -> list[Problem]:
    if classified and not act.skills:
        return [doc.problem(at, f"activity {act.id!r} has no skill type while the other activities do")]
    if len(set(act.skills)) != len(act.skills):
        return [doc.problem([*at, "skills"], f"activity {act.id!r} lists a skill type twice")]
    return []
