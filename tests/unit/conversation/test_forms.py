"""Parallel forms: the seed's choice, the laid-out exercise, and validation of every form with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.content.errors import ContentError
from simulator.conversation.forms import FIRST, UnknownForm, pick_form, with_form
from simulator.conversation.loader import load_exercise, read_exercise

ROOT = Path(__file__).resolve().parents[3]
EXCEL = "excel-crash-novice-en"


def test_consecutive_seeds_go_through_every_form_and_a_fixed_form_wins() -> None:
    exercise = load_exercise(EXCEL)
    assert [pick_form(exercise, seed) for seed in range(4)] == ["invoicelink", "pdfmaker", "timesheet", "invoicelink"]
    assert pick_form(exercise, 1, "timesheet") == "timesheet"
    assert pick_form(exercise, 2, FIRST) == "invoicelink"
    with pytest.raises(UnknownForm, match="invoicelink, pdfmaker, timesheet"):
        pick_form(exercise, 0, "nosuchform")


def test_a_form_changes_what_the_caller_tells_and_the_world_but_not_the_activities() -> None:
    exercise = load_exercise(EXCEL)
    pdf = with_form(exercise, "pdfmaker")
    told = next(f for f in pdf.facts if f.id == "what_changed").says[0]
    assert "PdfMakerX" in told and "InvoiceLink" not in told
    assert pdf.world["pc"]["settings"]["addin"] == "PdfMakerX"
    assert [e.activity for e in pdf.expected] == [e.activity for e in exercise.expected]
    assert pdf.activities == exercise.activities and pdf.form == "pdfmaker"


def _broken(tmp_path: Path, change: dict) -> Path:  # type: ignore[type-arg]
    data = yaml.safe_load((ROOT / "exercises" / f"{EXCEL}.yaml").read_text(encoding="utf-8"))
    data["forms"][1].update(change)
    (tmp_path / "personas").symlink_to(ROOT / "exercises" / "personas")
    path = tmp_path / f"{EXCEL}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"states": [{"name": "nowhere", "lines": ["Hallo"]}]}, "unknown state 'nowhere'"),
        ({"expected": [{"activity": "10.1", "do": "Iets anders."}]}, "activity '10.1' is not expected"),
        ({"world": {"pc": {"faults": ["no_such_fault"]}}}, "unknown fault 'no_such_fault'"),
        ({"world": {"kb": ["KB-9999"]}}, "unknown article 'KB-9999'"),
        ({"title": {"nl": "Alleen Nederlands"}}, "no title in the exercise's language 'en'"),
    ],
)
def test_validation_names_the_broken_form_with_its_line(tmp_path: Path, change: dict, message: str) -> None:  # type: ignore[type-arg]
    path = _broken(tmp_path, change)
    with pytest.raises(ContentError) as caught:
        read_exercise(path)
    problems = [p for p in caught.value.problems if message in p.message]
    assert problems, [p.message for p in caught.value.problems]
    assert problems[0].line is not None and "forms" in str(problems[0])
