"""The portfolio: a trainee's competencies over many calls, and a cohort's competency × trainee heatmap.

Plain data in, plain data out: each call is ``{"trainee", "at", "exercise", "assessment"}`` with the
assessment as the replay report holds it, so the web app can feed it straight from its database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

TREND_WINDOW = 3
TREND_STEP = 0.5
Call = Mapping[str, Any]


def observable_activities(qualification: str = "bkd-2023") -> set[str]:
    """Return the activities the rubric judges automatically (those a call can show)."""
    from simulator.assessment.rubric import load_rubric

    return {aid for aid, rule in load_rubric(qualification).activity_rules().items() if rule.detectors}


def exercise_catalogue() -> dict[str, list[str]]:
    """Return exercise id → the activities it observes, for the shipped exercises."""
    from simulator.conversation.loader import list_exercises

    return {ex.id: list(ex.activities) for ex in list_exercises()}


def trainee_portfolio(
    calls: Iterable[Call],
    *,
    observable: set[str] | None = None,
    exercises: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Summarise one trainee's calls per competency: latest level, trend, activity counts, gaps and suggestions."""
    ordered = sorted(calls, key=lambda c: str(c.get("at", "")))
    observable = observable_activities() if observable is None else observable
    exercises = exercise_catalogue() if exercises is None else exercises
    levels: dict[str, list[int]] = defaultdict(list)
    judged_by_instructor: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for call in ordered:
        for comp in call.get("assessment", {}).get("competencies", []):
            cid = comp["id"]
            titles[cid] = comp.get("title", "")
            if comp.get("level") is not None:
                levels[cid].append(int(comp["level"]))
                judged_by_instructor[cid] = [  # the reasons behind the latest level, where an instructor changed it
                    str(a["override"].get("reason", ""))
                    for a in comp.get("activities", [])
                    if isinstance(a.get("override"), dict)
                ]
            for act in comp.get("activities", []):
                if act["verdict"] != "not_observed":
                    counts[cid][act["id"]][act["verdict"]] += 1
    competencies = []
    for cid in sorted(titles, key=int):
        seen = counts.get(cid, {})
        never = sorted((a for a in observable if a.split(".")[0] == cid and a not in seen), key=_order)
        competencies.append(
            {
                "id": cid,
                "title": titles[cid],
                "latest_level": levels[cid][-1] if levels.get(cid) else None,
                "levels": list(levels.get(cid, [])),
                "trend": trend(levels.get(cid, [])),
                "instructor_reasons": judged_by_instructor.get(cid, []),
                "observed": {aid: dict(v) for aid, v in sorted(seen.items(), key=lambda p: _order(p[0]))},
                "never_observed": never,
                "suggested_exercises": suggest(never, exercises),
            }
        )
    trainee = ordered[0].get("trainee") if ordered else None
    return {"trainee": trainee, "calls": len(ordered), "competencies": competencies}


def trend(levels: list[int]) -> str | None:
    """Return up, down or steady: the mean of the last calls against the calls before them."""
    if len(levels) < 2:
        return None
    recent = levels[-TREND_WINDOW:]
    before = levels[-2 * TREND_WINDOW : -TREND_WINDOW] or levels[: len(levels) - len(recent)] or levels[:1]
    delta = sum(recent) / len(recent) - sum(before) / len(before)
    return "up" if delta >= TREND_STEP else "down" if delta <= -TREND_STEP else "steady"


def suggest(activities: list[str], exercises: Mapping[str, list[str]], limit: int = 3) -> list[str]:
    """Return the exercises that cover most of these activities, best first."""
    wanted = set(activities)
    scored = [(len(wanted & set(acts)), ex) for ex, acts in exercises.items()]
    return [ex for n, ex in sorted(scored, key=lambda p: (-p[0], p[1])) if n > 0][:limit]


def cohort_heatmap(calls: Iterable[Call]) -> dict[str, Any]:
    """Return a competency × trainee grid of latest levels (None where never observed)."""
    latest: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    titles: dict[str, str] = {}
    trainees: set[str] = set()
    for call in calls:
        trainee = str(call.get("trainee"))
        trainees.add(trainee)
        at = str(call.get("at", ""))
        for comp in call.get("assessment", {}).get("competencies", []):
            titles[comp["id"]] = comp.get("title", "")
            level = comp.get("level")
            if level is None:
                continue
            known = latest[comp["id"]].get(trainee)
            if known is None or at >= known[0]:
                latest[comp["id"]][trainee] = (at, int(level))
    names = sorted(trainees)
    rows = []
    for cid in sorted(titles, key=int):
        cells = [latest[cid][t][1] if t in latest[cid] else None for t in names]
        rows.append({"id": cid, "title": titles[cid], "levels": cells})
    return {"trainees": names, "competencies": rows}


def portfolios(calls: Iterable[Call], **options: Any) -> dict[str, dict[str, Any]]:
    """Return every trainee's portfolio, keyed by trainee."""
    by_trainee: dict[str, list[Call]] = defaultdict(list)
    for call in calls:
        by_trainee[str(call.get("trainee"))].append(call)
    return {t: trainee_portfolio(cs, **options) for t, cs in sorted(by_trainee.items())}


def _order(aid: str) -> tuple[int, int]:
    a, b = aid.split(".")
    return int(a), int(b)


def level_summary(assessment: Mapping[str, Any] | None) -> dict[str, int]:
    """Return competency id → level of an assessment (judged competencies only), small enough to store per call.

    The cohort heatmap and "who is stuck" need only these levels; storing them when a call ends
    spares the dashboard from decoding every report.
    """
    if not assessment:
        return {}
    return {
        str(comp["id"]): int(comp["level"])
        for comp in assessment.get("competencies", [])
        if comp.get("level") is not None
    }
