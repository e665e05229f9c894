"""Turn a call into an assessment: run the rubric's detectors, then level every competency.

An activity is judged when the exercise lists it (its focus) or when the rubric marks it ``always``
(a behaviour every call may give occasion for). The detector decides whether the occasion arose:
``not_observed`` only when it did not. Other activities are ``not_observed``; a competency none of
whose activities was observed gets level ``None``. Listed activities weigh ``focus_weight`` times.
"""

from __future__ import annotations

from simulator.assessment.context import CallView
from simulator.assessment.detectors import get_detector
from simulator.assessment.model import ActivityResult, Assessment, CompetencyResult, Evidence, Finding, Reason, Verdict
from simulator.assessment.rubric import ActivityRule, Rubric, level_for, load_rubric
from simulator.conversation.record import CallRecord
from simulator.qualification import Activity, load_qualification

MET_FROM = 0.75
NOT_MET_BELOW = 0.25


def assess(record: CallRecord, rubric: Rubric | None = None) -> Assessment:
    """Judge every activity of the exercise's qualification on this call."""
    rubric = rubric or load_rubric(record.exercise.qualification)
    qualification = load_qualification(rubric.qualification)
    view = CallView(record)
    rules = rubric.activity_rules()
    competencies = []
    for comp in qualification.competencies:
        results = tuple(_judge(view, act, rules[act.id]) for act in comp.activities)
        weights = {
            a.id: rules[a.id].weight * (rubric.focus_weight if a.id in view.listed else 1.0) for a in comp.activities
        }
        score = _score(results, weights)
        level = None if score is None else level_for(rubric.levels_of(comp.id), score)
        competencies.append(CompetencyResult(comp.id, comp.title, level, results, score))
    return Assessment(qualification.id, record.exercise.id, record.mode, tuple(competencies), rubric.version)


def _judge(view: CallView, activity: Activity, rule: ActivityRule) -> ActivityResult:
    if rule.observation:
        return ActivityResult(
            activity.id, Verdict.NOT_OBSERVED, (), None, (Reason("activity.observation"),), activity.text, True
        )
    if not _listed(view, rule) and not rule.always:
        return ActivityResult(
            activity.id, Verdict.NOT_OBSERVED, (), None, (Reason("activity.not_in_exercise"),), activity.text
        )
    findings = [(use, get_detector(use.name)(view, use.aspect or "")) for use in rule.detectors]
    names = "+".join(use.name for use in rule.detectors)
    finding = _combine([(use.weight, f) for use, f in findings])
    return ActivityResult(activity.id, finding.verdict, finding.evidence, names, finding.reasons, activity.text)


def _listed(view: CallView, rule: ActivityRule) -> bool:
    """Return whether the exercise lists this activity (directly, or the BKD 2023 activity it is the same as)."""
    return rule.id in view.listed or (rule.same_as is not None and rule.same_as in view.listed)


def _combine(weighted: list[tuple[float, Finding]]) -> Finding:
    """Merge several detectors' findings on one activity by their weighted points."""
    if len(weighted) == 1:
        return weighted[0][1]
    counted = [(w, f) for w, f in weighted if f.verdict.points is not None]
    if not counted:
        return Finding(Verdict.NOT_OBSERVED, (), tuple(r for _, f in weighted for r in f.reasons))
    share = sum(w * (f.verdict.points or 0.0) for w, f in counted) / sum(w for w, _ in counted)
    verdict = Verdict.MET if share >= MET_FROM else Verdict.NOT_MET if share < NOT_MET_BELOW else Verdict.PARTLY
    evidence: dict[int, Evidence] = {}
    for _, f in counted:
        for e in f.evidence:
            evidence.setdefault(e.event, e)
    ordered = tuple(sorted(evidence.values(), key=lambda e: e.event))
    return Finding(verdict, ordered, tuple(r for _, f in counted for r in f.reasons))


def _score(results: tuple[ActivityResult, ...], weights: dict[str, float]) -> float | None:
    """Return the weighted share of points over the observed activities, or None if none was observed."""
    total = earned = 0.0
    for result in results:
        points = result.verdict.points
        if points is None:
            continue
        weight = weights[result.id]
        total += weight
        earned += weight * points
    return None if total == 0 else earned / total
