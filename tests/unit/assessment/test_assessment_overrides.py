"""Instructor overrides keep the automatic verdict; Cohen's κ on tables with known answers."""

from __future__ import annotations

import pytest

from simulator.assessment.overrides import (
    OverrideRefused,
    agreement,
    apply_overrides,
    cohen_kappa,
    make_override,
    review_pairs,
)


def table(counts: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Expand a contingency table into rater pairs."""
    return [pair for pair, n in counts.items() for _ in range(n)]


@pytest.mark.parametrize(
    ("counts", "kappa"),
    [
        ({("met", "met"): 20, ("met", "not_met"): 5, ("not_met", "met"): 10, ("not_met", "not_met"): 15}, 0.4),
        ({("met", "met"): 10, ("not_met", "not_met"): 10}, 1.0),
        ({("met", "not_met"): 10, ("not_met", "met"): 10}, -1.0),
        # 3 categories, n = 100: margins A 30/35/35, B 40/30/30; po = 0.70, pe = 0.33
        (
            {
                ("met", "met"): 25,
                ("met", "partly"): 5,
                ("partly", "partly"): 25,
                ("partly", "not_met"): 10,
                ("not_met", "not_met"): 20,
                ("not_met", "met"): 15,
            },
            (0.70 - 0.33) / (1 - 0.33),
        ),
    ],
)
def test_cohen_kappa_on_known_tables(counts, kappa):
    assert cohen_kappa(table(counts)) == pytest.approx(kappa, abs=1e-9)


def test_kappa_is_undefined_without_pairs():
    assert cohen_kappa([]) is None


def test_override_without_reason_is_refused():
    with pytest.raises(OverrideRefused, match="reden"):
        make_override(session="s1", activity="6.1", automatic="met", verdict="not_met", reason="  ", instructor="ann")
    with pytest.raises(OverrideRefused, match="niveau"):
        make_override(
            session="s1", activity="6.1", automatic="met", verdict="met", reason="ok", instructor="ann", level=5
        )


def test_override_keeps_the_automatic_verdict_and_leaves_an_audit_trail():
    assessment = {
        "competencies": [
            {
                "id": "6",
                "title": "Klachten",
                "level": 3,
                "activities": [
                    {"id": "6.1", "verdict": "met", "evidence": [], "detector": "lets_caller_finish"},
                    {"id": "6.2", "verdict": "met", "evidence": [], "detector": "paraphrases"},
                ],
            }
        ]
    }
    override = make_override(
        session="s1",
        activity="6.1",
        automatic="met",
        verdict="partly",
        reason="Onderbrak op 0:42",
        instructor="ann",
        level=2,
    )
    reviewed = apply_overrides(assessment, [override])
    act = reviewed["competencies"][0]["activities"][0]
    assert (act["verdict"], act["automatic_verdict"]) == ("partly", "met")
    assert act["override"]["reason"] == "Onderbrak op 0:42" and act["override"]["instructor"] == "ann"
    assert (reviewed["competencies"][0]["level"], reviewed["competencies"][0]["automatic_level"]) == (2, 3)
    assert assessment["competencies"][0]["activities"][0]["verdict"] == "met"
    result = agreement(review_pairs(reviewed))
    assert result["n"] == 2 and result["agreement"] == 0.5
    assert result["per_activity"]["6.2"]["kappa"] == 1.0
