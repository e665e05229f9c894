"""Reference checks: a script naming what the world does not have fails before the call starts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.content.errors import ContentError
from simulator.content.paths import exercises_dir
from simulator.scripts.runner import CallRunner
from simulator.scripts.steps import StepError
from simulator.world.content import read_content


@pytest.mark.parametrize(
    ("step", "args", "message"),
    [
        ("kb.open", "KB-9999", "unknown knowledge-base article 'KB-9999'"),
        ("kb.share", "KB-9998", "unknown knowledge-base article 'KB-9998'"),
        ("ticket.link_problem", "PRB-0999", "unknown problem 'PRB-0999'"),
        ("ticket.assign", "kantine", "unknown group 'kantine'"),
        ("ticket.create", {"summary": "x", "category": "koffie", "impact": "low", "urgency": "low"},
         "unknown category 'koffie'"),
        ("remote.run", "Get-Servic Spooler", "unknown command 'Get-Servic Spooler'"),
    ],
)  # fmt: skip
def test_a_step_naming_something_unknown_is_a_step_error(step: str, args: object, message: str) -> None:
    runner = CallRunner("printer-offline-angry-nl")
    with pytest.raises(StepError) as caught:
        runner.check(step, args, "step 4")
    assert str(caught.value).startswith("step 4: ") and message in str(caught.value)


def test_known_references_pass(tmp_path: Path) -> None:
    runner = CallRunner("printer-offline-angry-nl")
    for step, args in [("kb.open", "KB-0001"), ("ticket.assign", "network"), ("remote.run", "ipconfig /all")]:
        runner.check(step, args)


def copy_world(tmp_path: Path) -> Path:
    """Copy the shipped world files to a scratch folder."""
    target = tmp_path / "world"
    shutil.copytree(exercises_dir() / "world", target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "message"),
    [
        ("exercises/printer-offline-angry-nl.yaml", "kb: [KB-0001, KB-0004]", "kb: [KB-0001, KB-7777]",
         "printer-offline-angry-nl.yaml:", "unknown article 'KB-7777'"),
        ("exercises/printer-offline-angry-nl.yaml", "faults: [spooler_stuck]", "faults: [spooler_kaput]",
         "printer-offline-angry-nl.yaml:", "unknown fault 'spooler_kaput'"),
        ("problems.yaml", "group: network", "group: helpdesk", "problems.yaml:", "unknown group 'helpdesk'"),
        ("sla.yaml", "warning_at: 0.8", "warning_at: 1.5", "sla.yaml:", "less than 1"),
        ("categories.yaml", "      paper_jam: {nl: Papierstoring, fr: Bourrage papier, en: Paper jam}\n", "",
         "categories.yaml:", "subcategory_names has no name for ['paper_jam']"),
    ],
)  # fmt: skip
def test_broken_world_files_are_reported_with_file_and_line(tmp_path: Path, file: str, old: str, new: str,
                                                            where: str, message: str) -> None:  # fmt: skip
    folder = copy_world(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_content(folder)
    report = str(caught.value)
    assert where in report and message in report
    line = report.split(where, 1)[1].split(" ", 1)[0]
    assert line.isdigit()


def test_the_shipped_world_has_enough_articles_in_every_language() -> None:
    content = read_content(exercises_dir() / "world")
    languages = [a.language for a in content.articles.values()]
    assert len(languages) >= 25 and {"nl", "fr", "en"} <= set(languages)


def test_a_shift_is_a_flag_of_the_exercise_and_needs_a_queue(tmp_path: Path) -> None:
    from simulator.conversation.loader import load_exercise, read_exercise

    assert load_exercise("shift-morning-queue-nl").shift is True
    assert load_exercise("printer-offline-angry-nl").shift is False
    text = (exercises_dir() / "printer-offline-angry-nl.yaml").read_text(encoding="utf-8")
    path = tmp_path / "printer-shift.yaml"
    path.write_text(text.replace("id: printer-offline-angry-nl", "id: printer-shift") + "shift: true\n")
    shutil.copytree(exercises_dir() / "personas", tmp_path / "personas")
    with pytest.raises(ContentError) as caught:
        read_exercise(path)
    assert "printer-shift.yaml:" in str(caught.value) and "a shift needs tickets in the queue" in str(caught.value)
