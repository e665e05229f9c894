"""Instructor overrides and the agreement between automatic and instructor verdicts (Cohen's κ).

An override never erases the automatic verdict: it is kept beside the instructor's verdict, with
the reason and who decided when, so rubrics can be tuned where instructors often disagree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from simulator.assessment.model import LEVEL_NAMES, Verdict

CATEGORIES = tuple(v.value for v in Verdict)


class OverrideRefused(ValueError):
    """An override that cannot be accepted (no reason, unknown verdict, level out of range)."""


@dataclass(frozen=True)
class Override:
    """An instructor's correction of one activity's verdict (and optionally its competency's level)."""

    session: str
    activity: str
    automatic: Verdict
    verdict: Verdict
    reason: str
    instructor: str
    level: int | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def audit_record(self) -> dict[str, Any]:
        """Return the audit-trail entry of this override."""
        return {
            "session": self.session,
            "activity": self.activity,
            "automatic_verdict": self.automatic.value,
            "verdict": self.verdict.value,
            "level": self.level,
            "reason": self.reason,
            "instructor": self.instructor,
            "at": self.at.isoformat(),
        }


def make_override(
    *,
    session: str,
    activity: str,
    automatic: str,
    verdict: str,
    reason: str,
    instructor: str,
    level: int | None = None,
    at: datetime | None = None,
) -> Override:
    """Validate and return an override; OverrideRefused says in Dutch what is wrong."""
    if not reason or not reason.strip():
        raise OverrideRefused("Geef een reden op: een aanpassing zonder reden wordt niet aanvaard.")
    try:
        auto, mine = Verdict(automatic), Verdict(verdict)
    except ValueError:
        raise OverrideRefused(f"Onbekend oordeel; kies uit {', '.join(CATEGORIES)}.") from None
    if level is not None and not 0 <= level <= 3:
        raise OverrideRefused("Het niveau moet tussen 0 en 3 liggen.")
    return Override(session, activity, auto, mine, reason.strip(), instructor, level, at or datetime.now(UTC))


def apply_overrides(assessment: dict[str, Any], overrides: Iterable[Override]) -> dict[str, Any]:
    """Return a copy of an assessment with the instructor's verdicts in force and the automatic ones kept.

    A level the instructor set wins; when only verdicts changed, the competency's level is computed
    again from the verdicts in force with the rubric's weights and thresholds, so the level never
    contradicts the verdicts shown beside it.
    """
    latest = {o.activity: o for o in sorted(overrides, key=lambda o: o.at)}
    out = {**assessment, "competencies": []}
    for comp in assessment.get("competencies", []):
        new_comp = {**comp, "activities": []}
        level: int | None = None
        changed = False
        for act in comp.get("activities", []):
            override = latest.get(act["id"])
            if override is None:
                new_comp["activities"].append(act)
                continue
            changed = changed or override.verdict.value != act["verdict"]
            new_comp["activities"].append(
                {
                    **act,
                    "verdict": override.verdict.value,
                    "automatic_verdict": act["verdict"],
                    "override": override.audit_record(),
                }
            )
            if override.level is not None:
                level = override.level
        if level is not None or changed:
            new_comp["automatic_level"] = comp.get("level")
            if level is None:
                score, level = recomputed_level(str(assessment.get("qualification", "bkd-2023")), new_comp)
                new_comp["score"] = None if score is None else round(score, 3)
            new_comp["level"] = level
            new_comp["level_name"] = None if level is None else LEVEL_NAMES.get(level)
        out["competencies"].append(new_comp)
    return out


def recomputed_level(qualification: str, competency: dict[str, Any]) -> tuple[float | None, int | None]:
    """Return (score, level) of a competency from its verdicts in force, with the rubric's weights and levels."""
    from simulator.assessment.rubric import level_for, load_rubric

    rubric = load_rubric(qualification)
    rules = rubric.activity_rules()
    total = earned = 0.0
    for act in competency.get("activities", []):
        points = Verdict(act["verdict"]).points
        rule = rules.get(str(act["id"]))
        if points is None or rule is None:
            continue
        total += rule.weight
        earned += rule.weight * points
    if total == 0:
        return None, None
    score = earned / total
    return score, level_for(rubric.levels_of(str(competency["id"])), score)


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Return Cohen's κ for (rater A, rater B) pairs; None when undefined (no pairs)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in set(first) | set(second)) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def agreement(pairs: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    """Return κ overall and per activity for (activity, automatic, instructor) verdict triples."""
    every: list[tuple[str, str]] = []
    per: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for activity, automatic, instructor in pairs:
        every.append((automatic, instructor))
        per[activity].append((automatic, instructor))
    return {
        "overall": cohen_kappa(every),
        "n": len(every),
        "agreement": None if not every else sum(a == b for a, b in every) / len(every),
        "per_activity": {aid: {"kappa": cohen_kappa(p), "n": len(p)} for aid, p in sorted(per.items())},
    }


def review_pairs(reviewed: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Return (activity, automatic, instructor) for every judged activity of a reviewed assessment."""
    triples = []
    for comp in reviewed.get("competencies", []):
        for act in comp.get("activities", []):
            if not act.get("detector") and "automatic_verdict" not in act:
                continue
            triples.append((act["id"], act.get("automatic_verdict", act["verdict"]), act["verdict"]))
    return triples
