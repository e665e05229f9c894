"""Instructors' exercises: each in its author's namespace, so none replaces a shipped one or another's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.content.paths import exercises_dir
from simulator.conversation.authored import ExerciseSource, author_of, split_id
from simulator.conversation.loader import list_exercises, load_exercise, user_exercises_dir

SHIPPED = "printer-offline-angry-nl"


@pytest.fixture
def source(tmp_path: Path) -> ExerciseSource:
    return ExerciseSource(tmp_path)


def copy_text(new_id: str, title: str | None = None) -> str:
    text = (exercises_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
    if title:
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    return text


def test_a_saved_exercise_loads_under_its_authors_namespace(source: ExerciseSource) -> None:
    full_id = source.save(copy_text("eigen-printer"), "eigen-printer", author_id=7)
    assert full_id == "i7.eigen-printer" and author_of(full_id) == 7
    assert source.load(full_id).id == full_id
    ids = [e.id for e in source.all()]
    assert full_id in ids and SHIPPED in ids


def test_two_authors_with_the_same_id_keep_their_own(source: ExerciseSource) -> None:
    first = source.save(copy_text("eigen-printer", "Van 7"), "eigen-printer", author_id=7)
    second = source.save(copy_text("eigen-printer", "Van 8"), "eigen-printer", author_id=8)
    assert (source.load(first).title, source.load(second).title) == ("Van 7", "Van 8")


def test_a_shipped_id_is_never_read_from_the_folder(source: ExerciseSource, tmp_path: Path) -> None:
    (tmp_path / f"{SHIPPED}.yaml").write_text(copy_text(SHIPPED, "Vervalst"), encoding="utf-8")
    assert source.load(SHIPPED).title != "Vervalst"
    assert [e.title for e in source.all()].count("Vervalst") == 0


def test_a_broken_exercise_does_not_hide_the_others(source: ExerciseSource, tmp_path: Path) -> None:
    (tmp_path / "i7").mkdir()
    (tmp_path / "i7" / "kapot.yaml").write_text("version: 1\nid: kapot\n", encoding="utf-8")
    assert SHIPPED in [e.id for e in source.all()]


@pytest.mark.parametrize("bad", ["../" + SHIPPED, "i7/../x", "i0.x", "ix.x", "i7.", "i7.Hoofd", ".x"])
def test_ids_that_name_no_file_are_unknown(source: ExerciseSource, bad: str) -> None:
    with pytest.raises(KeyError):
        source.load(bad)
    assert split_id(bad) is None


def test_the_environment_names_the_command_lines_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EERSTELIJN_USER_EXERCISES", str(tmp_path))
    assert user_exercises_dir() == tmp_path
    (tmp_path / "eigen.yaml").write_text(copy_text("eigen"), encoding="utf-8")
    assert load_exercise("eigen").id == "eigen" and "eigen" in [e.id for e in list_exercises()]
    with pytest.raises(KeyError):
        load_exercise("../" + SHIPPED)
