"""The shipped rubric covers the qualification; broken rubrics are refused with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.assessment import Verdict, assess
from simulator.assessment.detectors import all_detectors
from simulator.assessment.rubric import level_for, load_rubric, read_rubric, rubric_path
from simulator.content.errors import ContentError
from simulator.qualification import load_qualification

SHIPPED = rubric_path("bkd-2023")


def test_every_bkd_activity_has_detectors_or_an_observation_checklist():
    rubric = load_rubric("bkd-2023")
    rules = rubric.activity_rules()
    assert set(rules) == {a.id for a in load_qualification("bkd-2023").activities()}
    assert len(rules) == 104
    for aid, rule in rules.items():
        assert bool(rule.detectors) != bool(rule.observation), aid
    assert rules["2.1"].observation and rules["12.6"].observation
    assert {d.name for r in rules.values() for d in r.detectors} == set(all_detectors())


@pytest.mark.parametrize(
    ("score", "level"), [(0.0, 0), (0.19, 0), (0.2, 1), (0.5, 1), (0.55, 2), (0.84, 2), (0.85, 3), (1.0, 3)]
)
def test_levels_follow_the_thresholds(score, level):
    assert level_for(load_rubric("bkd-2023").levels, score) == level


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """Write the shipped rubric with one textual change and return its path."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "bkd-2023.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """Return the 1-based line of the first line holding ``fragment``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (
            '{id: "6.1", always: true, weight: 2, detectors: [{name: lets_caller_finish}]}',
            '{id: "6.9", always: true, weight: 2, detectors: [{name: lets_caller_finish}]}',
            '"6.9"',
            "unknown activity '6.9'",
        ),
        (
            "detectors: [{name: paraphrases, aspect: compact}]}  # Parafraseert",
            "detectors: [{name: paraphrase_it}]}  # Parafraseert",
            "paraphrase_it",
            "unknown detector 'paraphrase_it'",
        ),
        (
            "detectors: [{name: paraphrases, aspect: compact}]}  # Parafraseert",
            "detectors: [{name: paraphrases, aspect: loudly}]}  # Parafraseert",
            "loudly}]}  # Parafraseert",
            "detector 'paraphrases' needs an aspect: one of compact, restates",
        ),
        (
            "detectors: [{name: paraphrases, aspect: compact}]}  # Parafraseert",
            "detectors: [{name: call_norms, aspect: compact}]}  # Parafraseert",
            "call_norms, aspect: compact}]}  # Parafraseert",
            "detector 'call_norms' has no aspects",
        ),
        (
            "{level: 3, name: sterk, min: 0.85, max: 1.0,",
            "{level: 3, name: sterk, min: 0.85, max: 1.5,",
            "max: 1.5",
            "out of range",
        ),
        (
            "{level: 2, name: voldoende, min: 0.55,",
            "{level: 2, name: voldoende, min: 0.5,",
            "min: 0.5,",
            "overlaps level 1",
        ),
        (
            "{level: 2, name: voldoende, min: 0.55,",
            "{level: 2, name: voldoende, min: 0.6,",
            "min: 0.6,",
            "gap between level 1 and level 2",
        ),
    ],
)
def test_broken_rubric_is_refused_with_file_and_line(tmp_path, old, new, marker, message):
    path = broken(tmp_path, old, new)
    with pytest.raises(ContentError) as info:
        read_rubric(path)
    text = str(info.value)
    assert message in text
    assert re.search(rf"{re.escape(str(path))}:{line_of(path, marker)}\b", text), text


def test_missing_activity_and_both_kinds_are_refused(tmp_path):
    line = next(x for x in SHIPPED.read_text(encoding="utf-8").splitlines(True) if '{id: "2.1"' in x)
    path = broken(tmp_path, line, "")
    with pytest.raises(ContentError, match="activity '2.1' of bkd-2023 is missing"):
        read_rubric(path)
    both = broken(
        tmp_path,
        '{id: "8.6", always: true, detectors: [{name: call_norms}]}',
        '{id: "8.6", always: true, detectors: [{name: call_norms}], observation: ["x"]}',
    )
    with pytest.raises(ContentError, match="exactly one"):
        read_rubric(both)


def test_the_2018_profile_is_judged_by_the_same_behaviours(make_record, ev):
    record = make_record(
        [
            ev.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.", "greeting"),
            ev.hears("Mijn printer!"),
            ev.say("Had u maar beter opgelet.", "blame_or_rude"),
        ],
        activities=["5.1"],
    )
    profile = load_rubric("profile-2018")
    rules = profile.activity_rules()
    same = {rule.same_as: aid for aid, rule in rules.items() if rule.same_as}
    by_2023, by_2018 = assess(record).verdicts(), assess(record, profile).verdicts()
    assert assess(record, profile).qualification == "profile-2018"
    for bkd_id in ("9.4", "5.1", "10.6"):
        assert by_2018[same[bkd_id]] == by_2023[bkd_id], bkd_id
    assert by_2018[same["9.4"]] is Verdict.NOT_MET


def test_same_as_must_name_a_bkd_2023_activity(tmp_path):
    text = (SHIPPED.parent / "profile-2018.yaml").read_text(encoding="utf-8")
    path = tmp_path / "profile-2018.yaml"
    path.write_text(text.replace('same_as: "10.1"', 'same_as: "10.99"', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="same_as '10.99' is not an activity of bkd-2023"):
        read_rubric(path)
