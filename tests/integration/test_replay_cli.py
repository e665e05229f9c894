"""``eerstelijn replay``, ``play`` and ``report`` as a trainee or instructor runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
STRONG = SCRIPTS / "printer-offline-angry-nl-strong.yaml"
WEAK = SCRIPTS / "printer-offline-angry-nl-weak.yaml"


def replay_json(capsys, script: Path) -> dict:
    assert main(["replay", str(script), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_report_has_the_contract_shape(capsys):
    report = replay_json(capsys, STRONG)
    assert set(report) >= {
        "exercise",
        "seed",
        "mode",
        "qualification",
        "transcript",
        "events",
        "outcome",
        "ticket",
        "assessment",
    }
    assert report["exercise"] == "printer-offline-angry-nl" and report["seed"] == 7 and report["mode"] == "practice"
    assert report["qualification"] == "bkd-2023"
    assert set(report["outcome"]) == {"ended_by", "resolved", "customer_mood", "duration_s", "wait_before_answer_s"}
    assert report["outcome"]["wait_before_answer_s"] == 4.0
    first = report["transcript"][0]
    assert first["speaker"] == "trainee" and first["t"] == 4.0 and "greeting" in first["intents"]
    assert [e["i"] for e in report["events"]] == list(range(len(report["events"])))
    assert report["events"][0]["type"] == "ring" and report["events"][0]["t"] == 0.0


def test_every_step_leaves_an_event_naming_it(capsys):
    from simulator.scripts.script import load_script

    report = replay_json(capsys, STRONG)
    steps = [s.name for s in load_script(STRONG).steps]
    named = [e["data"]["step"] for e in report["events"] if "step" in e["data"]]
    assert named == steps


def test_replay_is_deterministic(capsys):
    assert replay_json(capsys, WEAK) == replay_json(capsys, WEAK)


def test_weak_handling_makes_the_angry_caller_hang_up(capsys):
    report = replay_json(capsys, WEAK)
    assert report["outcome"]["ended_by"] == "customer"
    assert report["outcome"]["resolved"] is False
    assert any(e["type"] == "interruption" for e in report["events"])


def test_a_call_left_open_ends_as_if_the_trainee_hung_up(capsys, tmp_path):
    script = tmp_path / "open.yaml"
    script.write_text("exercise: printer-offline-angry-nl\nsteps:\n  - answer: {}\n  - say: Goeiemorgen\n")
    report = replay_json(capsys, script)
    assert report["outcome"]["ended_by"] == "trainee"
    assert report["events"][-1]["type"] == "end"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("exercise: no-such-exercise\nsteps: []\n", "unknown exercise 'no-such-exercise'"),
        ("exercise: printer-offline-angry-nl\nsteps:\n  - answer: {}\n  - shout: hi\n", "step 2: unknown step 'shout'"),
        ("exercise: printer-offline-angry-nl\nsteps: [\n", "invalid YAML"),
    ],
)
def test_a_broken_script_exits_2_without_traceback(capsys, tmp_path, body, expected):
    script = tmp_path / "broken.yaml"
    script.write_text(body)
    assert main(["replay", str(script)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_non_utf8_script_is_refused(capsys, tmp_path):
    script = tmp_path / "latin1.yaml"
    script.write_bytes(b"exercise: caf\xe9\n")
    assert main(["replay", str(script)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def installed_command() -> list[str]:
    exe = shutil.which("eerstelijn") or str(Path(sys.executable).with_name("eerstelijn"))
    return [exe] if Path(exe).exists() else [sys.executable, "-m", "simulator"]


def test_play_in_the_terminal_saves_the_session_for_report(tmp_path):
    env = {**os.environ, "EERSTELIJN_DATA": str(tmp_path)}
    typed = "\nGoeiemorgen, servicedesk Acme, u spreekt met Sam.\nMm, ik luister.\n/end\n"
    played = subprocess.run(
        [*installed_command(), "play", "printer-offline-angry-nl", "--seed", "7"],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert played.returncode == 0, played.stderr
    assert "Klant: " in played.stdout and "stemming" in played.stdout
    (saved,) = (tmp_path / "sessions").glob("*.json")
    shown = subprocess.run(
        [*installed_command(), "report", str(saved)], capture_output=True, text=True, env=env, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    assert "Goeiemorgen, servicedesk Acme" in shown.stdout


def test_help_lists_the_commands():
    shown = subprocess.run([*installed_command(), "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0
    for command in ("play", "replay", "exercises", "qualification", "report"):
        assert command in shown.stdout


def test_play_speaks_the_chosen_language_of_the_terminal(tmp_path):
    env = {**os.environ, "EERSTELIJN_DATA": str(tmp_path)}
    played = subprocess.run(
        [*installed_command(), "play", "printer-offline-angry-nl", "--lang", "fr"],
        input="\nBonjour\n/end\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert played.returncode == 0, played.stderr
    assert "Le téléphone sonne" in played.stdout and "Client: " in played.stdout
    assert "Session enregistrée dans" in played.stdout


def test_ctrl_c_ends_the_call_cleanly_and_keeps_the_log(tmp_path):
    import signal
    import time

    env = {**os.environ, "EERSTELIJN_DATA": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*installed_command(), "play", "printer-offline-angry-nl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write("\nGoeiemorgen, servicedesk Acme, u spreekt met Sam.\n")
    proc.stdin.flush()
    assert proc.stdout is not None
    deadline = time.monotonic() + 90
    heard = ""
    while "Klant:" not in heard and time.monotonic() < deadline:
        heard = proc.stdout.readline()
    assert "Klant:" in heard, "the caller never answered"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    (saved,) = (tmp_path / "sessions").glob("*.json")
    body = json.loads(saved.read_text())
    said = [e for e in body["report"]["events"] if e["type"] == "utterance"]
    assert said and said[0]["data"]["text"].startswith("Goeiemorgen")


def test_cli_xapi_export_uses_the_sessions_own_start_and_learner(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("EERSTELIJN_DATA", str(tmp_path))
    monkeypatch.delenv("EERSTELIJN_XAPI_BASE", raising=False)
    report = tmp_path / "report.json"
    report.write_text(json.dumps(replay_json(capsys, STRONG)), encoding="utf-8")
    assert main(["report", str(report), "--format", "xapi"]) == 2  # no base URL: say so, no traceback
    assert "EERSTELIJN_XAPI_BASE" in capsys.readouterr().err
    monkeypatch.setenv("EERSTELIJN_XAPI_BASE", "https://leren.school.be/eerstelijn")
    exports = []
    for _ in range(2):
        assert main(["report", str(report), "--format", "xapi"]) == 0
        exports.append(json.loads(capsys.readouterr().out))
    first, second = exports
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert first[0]["actor"]["account"]["name"] != "anonymous" and "name" not in first[0]["actor"]
    assert first[0]["actor"]["account"]["homePage"] == "https://leren.school.be/eerstelijn"
