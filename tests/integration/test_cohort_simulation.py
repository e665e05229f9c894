"""The synthetic cohort: skill shows in the levels, and the item analysis finds a form made unfair on purpose.

Expectations written before the first run: the stronger half of a simulated cohort has a higher mean
level than the weaker half; a form whose root cause the competent handling cannot repair (an account
lock added to the Excel crash) stands out by its resolution rate, and the analysis names it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from statistics import fmean

import pytest
import yaml

from simulator.assessment.items import analyse
from simulator.scripts.cohort import Handlings, attempt_of, read_handlings, simulate
from simulator.scripts.script import load_script

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "scripts"


def test_stronger_simulated_trainees_reach_higher_levels() -> None:
    handlings = read_handlings(SCRIPTS)
    calls = list(simulate(handlings, 6, seed=3, exercises=["excel-crash-novice-en", "password-reset-novice-nl"]))
    by_trainee: dict[int, list[float]] = {}
    for call in calls:
        by_trainee.setdefault(call.trainee, []).append(attempt_of(call).level)
    means = [fmean(by_trainee[t]) for t in sorted(by_trainee)]  # weakest first
    assert fmean(means[3:]) > fmean(means[:3]) + 0.5
    assert means[-1] > means[0]


@pytest.fixture
def unfair_exercise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An instructor's copy of the Excel crash whose 'timesheet' form also locks the caller's account."""
    exercise = yaml.safe_load((ROOT / "exercises" / "excel-crash-novice-en.yaml").read_text(encoding="utf-8"))
    world = yaml.safe_load((ROOT / "exercises" / "world" / "exercises" / "excel-crash-novice-en.yaml").read_text())
    exercise["id"] = "excel-unfair-en"
    exercise["world"] = {k: v for k, v in world.items() if k not in ("version", "exercise", "notes")}
    timesheet = next(f for f in exercise["forms"] if f["id"] == "timesheet")
    timesheet["world"]["pc"]["faults"] = ["excel_addin_crash", "account_locked"]
    (tmp_path / "excel-unfair-en.yaml").write_text(yaml.safe_dump(exercise, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("EERSTELIJN_USER_EXERCISES", str(tmp_path))
    return "excel-unfair-en"


def test_the_item_analysis_flags_a_form_made_unfair(unfair_exercise: str) -> None:
    competent = {
        form: dataclasses.replace(
            load_script(SCRIPTS / "forms" / f"excel-crash-novice-en-{form}.yaml"), exercise=unfair_exercise
        )
        for form in ("invoicelink", "pdfmaker", "timesheet")
    }
    handlings = {unfair_exercise: Handlings(competent)}
    analysis = analyse((attempt_of(c) for c in simulate(handlings, 9, seed=2)), min_calls=2)  # ~3 calls per form
    timesheet = next(i for i in analysis.items if i.form == "timesheet")
    fair = [i for i in analysis.items if i.form in ("invoicelink", "pdfmaker")]
    assert timesheet.resolution_rate == 0
    assert all(i.resolution_rate > 0 for i in fair)
    flagged = {(g.form_a, g.form_b) for g in analysis.gaps if g.measure == "resolution_rate"}
    assert any("timesheet" in pair for pair in flagged)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trainees", "0"], "--trainees must be 1 to"),
        (["--exercise", "no-such-exercise", "--no-store"], "no handlings for no-such-exercise"),
        (["--handlings", "/nonexistent-folder", "--no-store"], "no folder of handlings"),
    ],
)
def test_cohort_simulate_refuses_bad_input_with_exit_2(args: list[str], message: str, capsys) -> None:
    from simulator.cli.main import main

    assert main(["cohort", "simulate", *args]) == 2
    assert message in capsys.readouterr().err


def test_cohort_simulate_stores_once_and_refuses_to_mix_a_second_run_in(tmp_path: Path, capsys) -> None:
    from simulator.cli.main import main

    url = f"sqlite:///{tmp_path / 'sim.sqlite3'}"
    assert main(["db", "--url", url, "upgrade"]) == 0
    capsys.readouterr()
    run = ["cohort", "simulate", "--trainees", "2", "--exercise", "password-reset-novice-nl", "--url", url]
    assert main(run) == 0
    out = capsys.readouterr()
    assert "2 gesprekken bewaard" in out.err
    assert out.out.splitlines()[1].startswith("password-reset-novice-nl,,2,2,")
    assert main(run) == 2
    assert "bestaat al" in capsys.readouterr().err
