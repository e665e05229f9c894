"""Portfolio over many calls and the cohort heatmap, from plain data."""

from __future__ import annotations

from simulator.assessment.portfolio import cohort_heatmap, portfolios, trainee_portfolio, trend


def make_call(trainee: str, at: str, levels: dict[str, int | None], verdicts: dict[str, str] | None = None) -> dict:
    """Build a call summary with these competency levels and activity verdicts."""
    verdicts = verdicts or {}
    competencies = []
    for cid, level in levels.items():
        acts = [{"id": aid, "verdict": v, "evidence": []} for aid, v in verdicts.items() if aid.split(".")[0] == cid]
        competencies.append({"id": cid, "title": f"Competentie {cid}", "level": level, "activities": acts})
    return {
        "trainee": trainee,
        "at": at,
        "exercise": "printer-offline-angry-nl",
        "assessment": {"competencies": competencies},
    }


EXERCISES = {"printer": ["6.1", "6.2", "14.1"], "phishing": ["10.1", "10.5"], "password": ["7.6", "10.6", "14.1"]}
OBSERVABLE = {"6.1", "6.2", "10.1", "10.5", "14.1", "7.6"}


def test_trainee_portfolio_latest_level_trend_counts_and_gaps():
    calls = [
        make_call("ann", "2026-03-03", {"6": 1, "10": None}, {"6.1": "not_met"}),
        make_call("ann", "2026-03-01", {"6": 0, "10": None}, {"6.1": "not_met"}),
        make_call("ann", "2026-03-05", {"6": 3, "10": None}, {"6.1": "met", "6.2": "partly"}),
        make_call("ann", "2026-03-04", {"6": 3, "10": None}, {"6.1": "met"}),
    ]
    result = trainee_portfolio(calls, observable=OBSERVABLE, exercises=EXERCISES)
    assert result["trainee"] == "ann" and result["calls"] == 4
    six, ten = result["competencies"]
    assert six["levels"] == [0, 1, 3, 3] and six["latest_level"] == 3 and six["trend"] == "up"
    assert six["observed"]["6.1"] == {"not_met": 2, "met": 2}
    assert six["never_observed"] == []
    assert ten["latest_level"] is None and ten["never_observed"] == ["10.1", "10.5"]
    assert ten["suggested_exercises"] == ["phishing"]


def test_trend_needs_two_calls():
    assert trend([2]) is None
    assert trend([3, 3, 3, 1, 1, 1]) == "down"
    assert trend([2, 2, 2, 2]) == "steady"


def test_cohort_heatmap_takes_each_trainees_latest_level():
    calls = [
        make_call("bob", "2026-03-02", {"6": 2, "14": 1}),
        make_call("ann", "2026-03-01", {"6": 1, "14": None}),
        make_call("bob", "2026-03-01", {"6": 0, "14": 3}),
    ]
    grid = cohort_heatmap(calls)
    assert grid["trainees"] == ["ann", "bob"]
    assert grid["competencies"] == [
        {"id": "6", "title": "Competentie 6", "levels": [1, 2]},
        {"id": "14", "title": "Competentie 14", "levels": [None, 1]},
    ]
    assert set(portfolios(calls, observable=OBSERVABLE, exercises=EXERCISES)) == {"ann", "bob"}
