"""The author's tools: replay --explain, exercises check-dialogue, and reaction warnings at their line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "freeform" / "scripts"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_replay_explain_shows_what_was_understood_and_why_the_caller_answered() -> None:
    result = run("replay", str(SCRIPTS / "printer-offline-angry-nl" / "good-1.yaml"), "--explain")
    assert result.returncode == 0, result.stderr
    assert "begrepen:" in result.stdout and "waarom:" in result.stdout
    assert "overgang" in result.stdout  # a scenario move is named


def test_check_dialogue_reports_per_exercise_and_fails_on_a_bad_ending(tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    shutil.copytree(SCRIPTS / "excel-crash-novice-en", folder / "excel")
    for heldback in (folder / "excel").glob("heldback-*.yaml"):
        heldback.unlink()
    result = run("exercises", "check-dialogue", str(folder))
    assert "excel-crash-novice-en:" in result.stdout
    assert "niet begrepen" in result.stdout and "herhaalde zinnen 0" in result.stdout
    bad = folder / "excel" / "flawed-2.yaml"  # the caller hangs up on a rude trainee
    only = tmp_path / "one"
    only.mkdir()
    shutil.copy(bad, only / "flawed-2.yaml")
    assert run("exercises", "check-dialogue", str(only)).returncode == 1


def test_check_dialogue_on_a_missing_folder_says_so_with_exit_2(tmp_path: Path) -> None:
    result = run("exercises", "check-dialogue", str(tmp_path / "nope"))
    assert result.returncode == 2 and "geen map" in result.stderr and "Traceback" not in result.stderr


def test_a_state_without_a_decided_reaction_is_a_warning_at_its_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "exercises" / "personas", tmp_path / "personas")
    persona = tmp_path / "personas" / "novice.yaml"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(re.sub(r"  dont_know:\n(    \w\w: .*\n)+", "", text), encoding="utf-8")
    exercise = tmp_path / "ex.yaml"
    shutil.copy(ROOT / "exercises" / "no-internet-homeworker-novice-nl.yaml", exercise)
    result = run("exercises", "validate", str(exercise))
    assert "let op:" in result.stdout and "ex.yaml:" in result.stdout
    assert "open_question" in result.stdout
