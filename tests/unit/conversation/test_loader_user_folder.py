"""The loader reads instructors' exercises from an extra folder; shipped ids always win."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.content.paths import exercises_dir
from simulator.conversation.loader import list_exercises, load_exercise, use_user_exercises, user_exercises_dir

SHIPPED = "printer-offline-angry-nl"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("EERSTELIJN_USER_EXERCISES", raising=False)
    use_user_exercises(tmp_path)
    yield tmp_path
    use_user_exercises(None)


def write_copy(folder: Path, new_id: str, title: str | None = None) -> Path:
    text = (exercises_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
    if title:
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    path = folder / f"{new_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_exercise_in_the_extra_folder_loads_and_is_listed(folder: Path) -> None:
    write_copy(folder, "eigen-printer")
    assert load_exercise("eigen-printer").id == "eigen-printer"
    ids = [e.id for e in list_exercises()]
    assert "eigen-printer" in ids and SHIPPED in ids


def test_a_shipped_id_in_the_extra_folder_is_ignored(folder: Path) -> None:
    write_copy(folder, SHIPPED, title="Vervalst")
    assert load_exercise(SHIPPED).title != "Vervalst"
    assert [e.title for e in list_exercises()].count("Vervalst") == 0


def test_a_broken_extra_exercise_does_not_hide_the_others(folder: Path) -> None:
    (folder / "kapot.yaml").write_text("version: 1\nid: kapot\n", encoding="utf-8")
    assert SHIPPED in [e.id for e in list_exercises()]


def test_the_environment_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EERSTELIJN_USER_EXERCISES", str(tmp_path))
    assert user_exercises_dir() == tmp_path
    with pytest.raises(KeyError):
        load_exercise("../" + SHIPPED)
