"""The learning path: which step is next, when a module is done, what to practise next."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.assessment.path import load_path, next_exercise, progress, read_path, weak_activities
from simulator.content.errors import ContentError
from simulator.conversation.loader import list_exercises
from simulator.qualification import load_qualification

PATH = """version: 1
id: mini
title: {nl: Mini}
modules:
  - id: gesprek
    title: {nl: Het gesprek}
    competencies: ["5", "8"]
    steps:
      - {exercise: a, stage: guided}
      - {exercise: a, stage: practice}
      - {exercise: b, stage: exam}
  - id: privacy
    title: {nl: Privacy}
    competencies: ["10"]
    steps:
      - {exercise: c, stage: guided}
      - {exercise: d, stage: practice}
"""


@pytest.fixture
def course(tmp_path: Path):  # type: ignore[no-untyped-def]
    file = tmp_path / "mini.yaml"
    file.write_text(PATH, encoding="utf-8")
    return read_path(file, exercises="abcd", competencies=["5", "8", "10"])


def test_a_new_trainee_starts_at_the_first_step_of_every_module(course) -> None:  # type: ignore[no-untyped-def]
    state = progress(course, [])
    assert state["current"] == "gesprek"
    assert [s["status"] for s in state["modules"][0]["steps"]] == ["next", "open", "open"]
    assert [s["status"] for s in state["modules"][1]["steps"]] == ["next", "open"]


def test_a_practice_step_needs_level_two_on_the_modules_competencies(course) -> None:  # type: ignore[no-untyped-def]
    weak = {"exercise": "a", "mode": "practice", "levels": {"5": 3, "8": 1}}
    state = progress(course, [weak])
    assert [s["status"] for s in state["modules"][0]["steps"]] == ["done", "next", "open"]
    good = {"exercise": "a", "mode": "practice", "levels": {"5": 2, "8": 3, "10": 0}}
    state = progress(course, [weak, good])
    assert [s["status"] for s in state["modules"][0]["steps"]] == ["done", "done", "next"]


def test_an_exam_step_counts_only_an_exam_call_and_completes_the_module(course) -> None:  # type: ignore[no-untyped-def]
    calls = [
        {"exercise": "a", "mode": "practice", "levels": {"5": 2, "8": 2}},
        {"exercise": "b", "mode": "practice", "levels": {"5": 3, "8": 3}},
    ]
    assert progress(course, calls)["modules"][0]["complete"] is False
    calls.append({"exercise": "b", "mode": "exam", "levels": {"5": 2, "8": 2}})
    state = progress(course, calls)
    assert state["modules"][0]["complete"] is True
    assert state["current"] == "privacy"


def test_the_next_exercise_follows_the_gaps_and_else_the_path(course) -> None:  # type: ignore[no-untyped-def]
    state = progress(course, [])
    activities = {"a": ["5.1", "8.2"], "c": ["10.6"], "d": ["10.6", "10.1"]}
    assert next_exercise(state, [], activities) == {"module": "gesprek", "exercise": "a", "stage": "guided"}
    assert next_exercise(state, ["10.6"], activities) == {"module": "privacy", "exercise": "c", "stage": "guided"}


def test_exam_steps_are_not_suggested(course) -> None:  # type: ignore[no-untyped-def]
    calls = [
        {"exercise": "a", "mode": "practice", "levels": {"5": 2, "8": 2}},
        {"exercise": "c", "mode": "practice", "levels": {}},
        {"exercise": "d", "mode": "practice", "levels": {"10": 3}},
    ]
    state = progress(course, calls)
    assert next_exercise(state, ["5.1"], {"b": ["5.1"]}) is None


def test_weak_activities_are_the_never_shown_and_the_mostly_missed() -> None:
    portfolio = {"competencies": [{"never_observed": ["5.4"], "observed": {
        "5.1": {"met": 3}, "5.3": {"not_met": 1, "partly": 1, "met": 1}}}]}  # fmt: skip
    assert weak_activities(portfolio) == ["5.4", "5.3"]


def test_a_path_naming_an_unknown_exercise_says_where(tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(PATH.replace("exercise: d,", "exercise: zz,"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        read_path(file, exercises="abcd", competencies=["5", "8", "10"])
    assert "zz" in str(err.value) and ".yaml:17 " in str(err.value)


def test_the_shipped_course_names_only_existing_exercises_and_competencies() -> None:
    from simulator.assessment.path import paths_dir

    ids = [e.id for e in list_exercises()]
    competencies = [c.id for c in load_qualification("bkd-2023").competencies]
    course = read_path(paths_dir() / "course.yaml", ids, competencies)
    assert course == load_path()
    # every module goes from guided practice to the exam
    for module in course.modules:
        stages = [s.stage.value for s in module.steps]
        assert stages[0] == "guided" and stages[-1] == "exam", module.id
