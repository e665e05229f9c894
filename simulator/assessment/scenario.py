"""The company's procedures the assessment judges against, read from the world's scenario book.

The world package owns the scenario book (company name, escalation groups, SLA matrix) and each
exercise's world (relevant articles and known problems). Broken world files do not stop the
assessment: it then judges with documented defaults. The cache is cleared whenever the world
re-reads its files (an instructor saved a new scenario book), so verdicts follow the book in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from simulator.content.errors import ContentError
from simulator.world import content as world_content

DEFAULT_COMPANY = "Acme"


@dataclass(frozen=True)
class Procedures:
    """What the scenario book and the exercise's world say a good trainee follows."""

    company: str = DEFAULT_COMPANY
    first_line_group: str = "first_line"
    security_group: str = "security"
    escalation: dict[str, str] = field(default_factory=dict)
    matrix: dict[tuple[str, str], str] = field(default_factory=dict)
    articles: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    problem_groups: dict[str, str] = field(default_factory=dict)
    greeting: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=64)
def procedures(exercise_id: str) -> Procedures:
    """Return the procedures for an exercise (defaults where the world package is absent)."""
    try:
        content = world_content.load_content()
    except ContentError:  # broken world files: judge with the defaults rather than not at all
        return Procedures()
    book = content.book
    world = content.exercise(exercise_id)
    escalation = {rule.category: rule.group for rule in book.escalation}
    matrix = {(str(i), str(u)): str(p) for (i, u), p in dict(getattr(content.sla, "matrix", {})).items()}
    return Procedures(
        company=book.company.name,
        first_line_group=book.first_line_group,
        security_group=book.security_group,
        escalation=escalation,
        matrix=matrix,
        articles=tuple(world.kb),
        problems=tuple(world.problems),
        problem_groups={pid: content.problems[pid].group for pid in world.problems if pid in content.problems},
        greeting={str(lang): text for lang, text in book.greeting.items()},
    )


if procedures.cache_clear not in world_content.RELOAD_HOOKS:
    world_content.RELOAD_HOOKS.append(procedures.cache_clear)


def procedures_of(view: Any) -> Procedures:
    """Return the procedures of a call: the book its world followed (a cohort's own), else the shipped one."""
    found = procedures(view.exercise.id)
    book = view.world.get("book") if isinstance(view.world, dict) else None
    if not isinstance(book, dict):
        return found
    escalation = book.get("escalation")
    return replace(
        found,
        first_line_group=str(book.get("first_line_group") or found.first_line_group),
        security_group=str(book.get("security_group") or found.security_group),
        escalation={str(k): str(v) for k, v in escalation.items()}
        if isinstance(escalation, dict)
        else found.escalation,
    )


def company_name(view: Any) -> str:
    """Return the company name the greeting should carry."""
    named = view.world.get("company") if isinstance(view.world, dict) else None
    if isinstance(named, dict) and named.get("name"):
        return str(named["name"])
    if isinstance(named, str) and named:
        return named
    return procedures(view.exercise.id).company
