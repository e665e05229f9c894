"""The company's scenario book as the trainee reads it during a call (the "Werkafspraken" tab).

The procedures are data an instructor can change per cohort (:mod:`webapp.instructor.procedures`); this module
only picks the trainee's language and turns the escalation matrix into rows a person can scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.conversation.exercise import Exercise
from webapp.content import source
from webapp.labels import category_label, group_label, locale


@dataclass(frozen=True)
class Procedures:
    """What the console shows under "Werkafspraken"."""

    company: str
    greeting: str
    closing: str
    identity_steps: list[str]
    never_ask: list[str]
    consent_rule: str
    consent_required: bool
    security_steps: list[str]
    escalation: list[tuple[str, str, str]]  # category, priorities, group
    answer_within_s: float
    target_handle_s: float


def procedures_for(exercise: Exercise, cohort_id: int | None = None) -> Procedures:
    """Return the scenario book a cohort's calls follow in the interface language, with the exercise's norms."""
    book = source().world.content(cohort_id).book
    lang = locale() if locale() in ("nl", "fr", "en") else "nl"

    def pick(by_lang: dict[str, str]) -> str:
        return by_lang.get(lang) or by_lang.get("nl") or next(iter(by_lang.values()), "")

    def steps(by_lang: dict[str, list[str]]) -> list[str]:
        return list(by_lang.get(lang) or by_lang.get("nl") or [])

    rows = [
        (
            "*" if rule.category == "*" else category_label(rule.category),
            ", ".join(rule.priorities),
            group_label(rule.group),
        )
        for rule in book.escalation
    ]
    return Procedures(
        company=book.company.name,
        greeting=pick(dict(book.greeting)),
        closing=pick(dict(book.closing)),
        identity_steps=steps(dict(book.identity_check)),
        never_ask=list(book.never_ask),
        consent_rule=pick(dict(book.consent_rule)),
        consent_required=book.consent_required,
        security_steps=steps(dict(book.security_incident)),
        escalation=rows,
        answer_within_s=exercise.norms.answer_within_s,
        target_handle_s=exercise.norms.target_handle_s,
    )
