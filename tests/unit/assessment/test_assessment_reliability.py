"""How many calls before a level can be trusted: figures worked out by hand, not read off the program."""

from __future__ import annotations

import pytest

from simulator.assessment.reliability import (
    MAX_CALLS,
    bootstrap_interval,
    calls_table,
    cohort_components,
    components,
    level_reliability,
)


def test_trainees_who_never_vary_need_one_call() -> None:
    # every trainee gets the same level in each call: no noise between calls, one call tells all
    est = components({"a": [3, 3], "b": [1, 1], "c": [2, 2]})
    assert est is not None
    assert est.call == 0
    assert est.calls_needed() == 1


def test_two_calls_suffice_when_trainees_differ_far_more_than_their_calls() -> None:
    # by hand: within-trainee SS 2/3 each → σ²_call = 2 / 6 = 1/3; means 8/3, 1/3, 5/3 → variance 111/81;
    # σ²_trainee = 111/81 − (1/3)(1/3) ≈ 1.259; calls for Φ ≥ 0.8: ceil(4 × 0.333 / 1.259) = ceil(1.06) = 2
    est = components({"a": [3, 3, 2], "b": [0, 1, 0], "c": [2, 1, 2]})
    assert est is not None
    assert est.call == pytest.approx(1 / 3)
    assert est.trainee == pytest.approx(111 / 81 - 1 / 9)
    assert est.calls_needed() == 2
    assert est.dependability(1) < 0.8 <= est.dependability(2)


def test_when_calls_vary_as_much_as_trainees_no_number_of_calls_is_promised() -> None:
    # means 1, 2, 2 differ less than the calls of one trainee: σ²_trainee = 1/3 − (4/3)(1/2) < 0 → 0
    est = components({"a": [0, 2], "b": [1, 3], "c": [2, 2]})
    assert est is not None
    assert est.trainee == 0
    assert est.calls_needed() is None


def test_too_few_trainees_give_no_cohort_estimate() -> None:
    assert components({"a": [1, 2], "b": [2, 3]}) is None
    assert components({"a": [1], "b": [2], "c": [3], "d": [1, 2]}) is None


def test_a_trainee_with_one_call_is_never_dependable_and_says_how_many_are_needed() -> None:
    est = components({"a": [3, 3, 2], "b": [0, 1, 0], "c": [2, 1, 2]})
    shown = level_reliability([2], est)
    assert shown["basis"] == "cohort"
    assert shown["needed"] == 2
    assert shown["dependable"] is False
    assert level_reliability([2, 3], est)["dependable"] is True


def test_without_a_cohort_the_trainees_own_calls_give_an_interval() -> None:
    steady = level_reliability([2, 2, 2, 2], None)
    assert steady["basis"] == "own_calls"
    assert steady["interval"] == [2.0, 2.0]
    assert steady["dependable"] is True
    erratic = level_reliability([0, 3, 0, 3], None)
    low, high = erratic["interval"]
    assert low < 1.5 < high and high - low > 1
    assert erratic["dependable"] is False
    assert level_reliability([], None)["basis"] == "none"


def test_the_bootstrap_is_deterministic_and_brackets_the_mean() -> None:
    levels = [1, 2, 2, 3, 1, 2]
    assert bootstrap_interval(levels) == bootstrap_interval(list(levels))
    low, high = bootstrap_interval(levels)
    assert low <= sum(levels) / len(levels) <= high
    with pytest.raises(ValueError):
        bootstrap_interval([])


def test_the_instructors_table_lists_competencies_in_order_with_more_than_max_as_none() -> None:
    noisy = {t: [0, 3] if i % 2 else [3, 0] for i, t in enumerate("abcdef")}
    clear = {"a": [3, 3], "b": [0, 0], "c": [2, 2]}
    table = calls_table(cohort_components({"10": noisy, "9": clear, "5": {"a": [1]}}))
    assert [row["competency"] for row in table] == ["9", "10"]
    assert table[0]["needed"] == 1
    assert table[1]["needed"] is None  # no between-trainee spread at all: more than MAX_CALLS
    assert MAX_CALLS >= 10
