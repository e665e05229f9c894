"""Item analysis on a cohort built by hand, whose right answers follow from how it was built."""

from __future__ import annotations

import csv
import io

import pytest

from simulator.assessment.items import Attempt, analyse, pearson, to_csv


def cohort() -> list[Attempt]:
    """Six trainees of rising skill: two fair exercises, one that rewards the weak, one with an unfair form."""
    out = []
    for t in range(6):
        skill = t / 2  # 0 … 2.5
        out.append(Attempt(f"t{t}", "fair-a", None, skill, skill >= 1.5, frozenset({"5.1", "8.2"})))
        out.append(Attempt(f"t{t}", "fair-b", None, min(3.0, skill + 0.5), skill >= 1, frozenset({"5.1"})))
        out.append(Attempt(f"t{t}", "backwards", None, 3 - skill, True, frozenset({"6.1"})))
        form = "easy" if t % 2 else "hard"
        level = skill if form == "easy" else max(0.0, skill - 1.5)
        out.append(Attempt(f"t{t}", "forms", form, level, form == "easy", frozenset({"13.3"})))
    return out


def item(analysis, exercise, form=None):  # type: ignore[no-untyped-def]
    return next(i for i in analysis.items if i.exercise == exercise and i.form == form)


def test_difficulty_is_the_mean_level_and_the_resolution_rate() -> None:
    fair_a = item(analyse(cohort()), "fair-a")
    assert fair_a.mean_level == pytest.approx(sum(t / 2 for t in range(6)) / 6)
    assert fair_a.resolution_rate == pytest.approx(3 / 6)  # skills 1.5, 2, 2.5
    assert fair_a.observed == {"5.1": 6, "8.2": 6}


def test_an_item_the_strong_pass_discriminates_and_one_the_weak_pass_is_negative() -> None:
    analysis = analyse(cohort())
    assert item(analysis, "fair-a").discrimination > 0  # the "backwards" item dilutes the rest, so not near 1
    assert item(analysis, "backwards").discrimination < 0


def test_a_form_far_harder_than_its_sibling_is_flagged_and_fair_exercises_are_not() -> None:
    analysis = analyse(cohort(), min_calls=3)
    flagged = {(g.exercise, g.measure) for g in analysis.gaps}
    assert flagged == {("forms", "mean_level"), ("forms", "resolution_rate")}
    assert analyse(cohort(), min_calls=3, level_margin=2, rate_margin=1).gaps == []
    assert analyse(cohort(), min_calls=4).gaps == []  # each form played 3 times: too few to compare


def test_correlation_needs_three_points_and_spread() -> None:
    assert pearson([1, 2], [1, 2]) is None
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)


def test_the_csv_names_the_gap_on_both_forms_and_cannot_start_a_formula() -> None:
    attempts = [*cohort(), Attempt("t9", "=HYPERLINK(1)", None, 1.0, False)]
    table = list(csv.reader(io.StringIO(to_csv(analyse(attempts, min_calls=3)))))
    rows = {(r[0], r[1]): r for r in table[1:]}
    assert "mean_level:easy" in rows[("forms", "hard")][-1]
    assert "mean_level:hard" in rows[("forms", "easy")][-1]
    assert any(r[0] == "'=HYPERLINK(1)" for r in table[1:])
