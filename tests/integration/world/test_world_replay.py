"""Session scripts drive the world end to end: the printer call resolves, bad references stop a script."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script
from simulator.scripts.steps import StepError

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def test_the_strong_printer_script_resolves_end_to_end() -> None:
    report = run_script(load_script(SCRIPTS / "printer-offline-angry-nl-strong.yaml"))
    assert report["ticket"] == {"number": "INC-000001", "priority": "P3", "status": "closed",
                                "group": "first_line", "problem": None}  # fmt: skip
    assert report["outcome"]["resolved"] is True
    events = report["events"]
    fix = next(e for e in events if e["type"] == "remote.run" and e["data"].get("repaired"))
    assert fix["data"]["command"] == "Restart-Service Spooler"
    change = next(e for e in events if e["type"] == "state_change" and e["data"]["trigger"] == "fixed")
    assert change["data"]["cause"] == fix["i"]
    lines = [e["data"]["text"] for e in events if e["type"] == "customer_line"]
    assert any("print weer" in line for line in lines)
    assert all(e["data"]["step"] == e["type"] for e in events if "." in e["type"] and not e["type"].startswith("sla"))


def test_refused_world_steps_are_events_not_errors(tmp_path: Path) -> None:
    script = tmp_path / "refused.yaml"
    script.write_text(
        "exercise: printer-offline-angry-nl\nsteps:\n  - answer: {}\n  - remote.connect: {}\n"
        "  - remote.run: ipconfig\n  - ticket.close: {}\n",
        encoding="utf-8",
    )
    report = run_script(load_script(script))
    refused = {e["type"]: e["data"]["reason"] for e in report["events"] if e["data"].get("refused")}
    assert refused["remote.connect"].startswith("De klant heeft nog geen toestemming gegeven")
    assert "geen sessie" in refused["remote.run"]
    assert "nog geen ticket" in refused["ticket.close"]
    assert report["ticket"] is None


def test_a_script_naming_an_unknown_article_fails_before_the_call(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("exercise: printer-offline-angry-nl\nsteps:\n  - answer: {}\n  - kb.open: KB-4242\n",
                      encoding="utf-8")  # fmt: skip
    with pytest.raises(StepError) as caught:
        run_script(load_script(script))
    assert str(caught.value).startswith("step 2: unknown knowledge-base article 'KB-4242'")


def test_replay_command_exits_2_on_an_unknown_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli.main import main

    script = tmp_path / "bad.yaml"
    script.write_text("exercise: printer-offline-angry-nl\nsteps:\n  - remote.run: rm -rf /\n", encoding="utf-8")
    assert main(["replay", str(script)]) == 2
    err = capsys.readouterr().err
    assert "step 1" in err and "unknown command" in err and "Traceback" not in err
