"""The qualification schema, its id checks and lookups: errors must say which file and line."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.content.errors import ContentError
from simulator.qualification import (
    UnknownIdError,
    known_ids,
    load_qualification,
    qualifications_dir,
    read_qualification,
)

_WITH_SKILL = (
    "- id: '1.5'\n    text: Past de eigen manier van werken aan om het team vooruit te helpen\n"
    "    skills:\n    - cognitief\n"
)
SHIPPED_BKD = Path(__file__).resolve().parents[3] / "rubrics" / "qualifications" / "bkd-2023.yaml"


def make_activity(cid: str, k: int, **overrides: Any) -> dict[str, Any]:
    """Build one activity mapping."""
    return {"id": f"{cid}.{k}", "text": f"Activiteit {k}", "skills": ["cognitief"], **overrides}


def make_competency(cid: str, n: int = 2, **overrides: Any) -> dict[str, Any]:
    """Build one competency mapping with ``n`` activities."""
    return {
        "id": cid,
        "title": f"Competentie {cid}",
        "role_group": "Uitvoering",
        "activities": [make_activity(cid, k) for k in range(1, n + 1)],
        "knowledge": ["Kennis van iets"],
        **overrides,
    }


def make_qualification(**overrides: Any) -> dict[str, Any]:
    """Build a small valid qualification mapping."""
    return {
        "version": 1,
        "id": "mini",
        "title": "Mini",
        "kind": "beroepskwalificatiedossier",
        "level": 4,
        "source": "mini.txt",
        "competencies": [make_competency("1"), make_competency("2", 3)],
        **overrides,
    }


def write(folder: Path, data: dict[str, Any], name: str = "mini") -> Path:
    """Write ``data`` as ``<folder>/<name>.yaml`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken_copy(tmp_path: Path, old: str, new: str, occurrence: int = 1) -> tuple[Path, int]:
    """Copy the shipped BKD with the ``occurrence``-th ``old`` replaced; return the path and its line."""
    text = SHIPPED_BKD.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(old, at + 1)
    path = tmp_path / "bkd-2023.yaml"
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return path, text.count("\n", 0, at) + 1


def test_lookups_find_competencies_and_activities_in_source_order(tmp_path: Path) -> None:
    q = read_qualification(write(tmp_path, make_qualification()))
    assert q.competency("2").title == "Competentie 2"
    assert q.activity("2.3").competency_id == "2"
    assert [a.id for a in q.activities()] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert q.role_groups() == ["Uitvoering"]


@pytest.mark.parametrize(
    ("lookup", "key", "fragment"),
    [("activity", "9.1", "no activity '9.1'"), ("competency", "9", "no competency '9'")],
)
def test_unknown_lookup_raises_key_error_naming_the_id(tmp_path: Path, lookup: str, key: str, fragment: str) -> None:
    q = read_qualification(write(tmp_path, make_qualification()))
    with pytest.raises(KeyError) as caught:
        getattr(q, lookup)(key)
    assert str(caught.value).startswith(f"mini has {fragment}")


@pytest.mark.parametrize(
    ("old", "new", "occurrence", "message"),
    [
        ("id: '6.2'", "id: '6.1'", 1, "duplicate activity id '6.1'"),
        ("- motorisch", "- motoriek", 1, "Input should be 'cognitief', 'probleemoplossend' or 'motorisch'"),
        ("id: '6.2'", "id: '7.2'", 1, "activity '7.2' is listed under competency '6'"),
        ("id: '6.3'", "id: '6.4'", 1, "activity '6.4' is number 3 of competency 6: expected '6.3'"),
        ("id: '3'", "id: '2'", 1, "duplicate competency id '2'"),
        ("  role_group: Testing", "  rol_group: Testing", 1, "unknown field"),
        (_WITH_SKILL, _WITH_SKILL.split("    skills:")[0], 1, "activity '1.5' has no skill type"),
        ("id: bkd-2023", "id: bkd-2024", 1, "must match the file name 'bkd-2023'"),
    ],
    ids=[
        "duplicate-activity",
        "unknown-skill",
        "wrong-competency",
        "gap",
        "duplicate-competency",
        "unknown-field",
        "missing-skill",
        "id-mismatch",
    ],
)
def test_broken_copy_reports_file_and_line(tmp_path: Path, old: str, new: str, occurrence: int, message: str) -> None:
    path, line = broken_copy(tmp_path, old, new, occurrence)
    with pytest.raises(ContentError) as caught:
        read_qualification(path)
    reported = str(caught.value)
    assert f"{path}:{line}" in reported
    assert message in reported


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    data = make_qualification()
    data["competencies"][0]["activities"][1]["id"] = "1.1"
    data["competencies"][1]["activities"][0]["skills"] = ["fysiek"]
    with pytest.raises(ContentError) as caught:
        read_qualification(write(tmp_path, data))
    assert len(caught.value.problems) == 1  # structure errors stop before the id pass
    data["competencies"][1]["activities"][0]["skills"] = ["motorisch"]
    data["competencies"][1]["activities"][2]["id"] = "2.5"
    with pytest.raises(ContentError) as caught:
        read_qualification(write(tmp_path, data))
    assert [p.path for p in caught.value.problems] == [
        "competencies.0.activities.1.id",
        "competencies.1.activities.2.id",
    ]


def test_activities_without_skill_types_are_allowed_when_the_source_has_none(tmp_path: Path) -> None:
    data = make_qualification(kind="competentieprofiel")
    for comp in data["competencies"]:
        comp.pop("role_group")
        for act in comp["activities"]:
            act.pop("skills")
    q = read_qualification(write(tmp_path, data))
    assert all(a.skills == () for a in q.activities())
    assert q.role_groups() == []


def test_loader_reads_the_folder_from_the_rubrics_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "qualifications", make_qualification())
    monkeypatch.setenv("EERSTELIJN_RUBRICS", str(tmp_path))
    assert qualifications_dir() == tmp_path / "qualifications"
    assert known_ids() == ["mini"]
    assert load_qualification("mini") is load_qualification("mini")


@pytest.mark.parametrize("qid", ["nope", "../qualifications/mini", "MINI", ""])
def test_unknown_qualification_lists_the_known_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qid: str) -> None:
    write(tmp_path / "qualifications", make_qualification())
    monkeypatch.setenv("EERSTELIJN_RUBRICS", str(tmp_path))
    with pytest.raises(UnknownIdError, match="known: mini"):
        load_qualification(qid)


def test_shipped_copy_loads_unchanged(tmp_path: Path) -> None:
    shutil.copy(SHIPPED_BKD, tmp_path / "bkd-2023.yaml")
    assert read_qualification(tmp_path / "bkd-2023.yaml").activity("6.1").text == "Laat de klant uitspreken"
