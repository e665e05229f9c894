"""Every shipped exercise validates and plays: a strong trainee reaches a good ending, a weak one does not.

Each exercise has two session scripts in ``tests/scripts``: ``<id>-strong.yaml`` (what an experienced
supporter does) and ``<id>-weak.yaml`` (the typical mistakes). They are replayed through the real
understanding layer, caller simulation and helpdesk world, exactly as ``eerstelijn replay`` does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from simulator.conversation.loader import exercise_paths, load_exercise, load_persona, read_exercise
from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
EXERCISE_IDS = [path.stem for path in exercise_paths()]


def script_path(exercise_id: str, kind: str) -> Path:
    """Return the path of an exercise's strong or weak script."""
    return SCRIPTS / f"{exercise_id}-{kind}.yaml"


def replay(exercise_id: str, kind: str) -> dict[str, Any]:
    """Replay one of the exercise's scripts and return the report."""
    return run_script(load_script(script_path(exercise_id, kind)))


@cache
def cached_replay(exercise_id: str, kind: str) -> dict[str, Any]:
    """Replay a script once per test session (the reports are deterministic, see the test below)."""
    return replay(exercise_id, kind)


def calm_at(exercise_id: str) -> int:
    """Return the mood from which this exercise's caller counts as calm."""
    exercise = load_exercise(exercise_id)
    return load_persona(exercise.persona).with_overrides(exercise.persona_overrides).calm_at


def visited(report: dict[str, Any]) -> list[str]:
    """Return the scenario states the call moved through, in order."""
    return [e["data"]["dest"] for e in report["events"] if e["type"] == "state_change"]


def test_the_shipped_exercises_include_the_first_twelve_and_the_course_additions() -> None:
    assert len(EXERCISE_IDS) >= 20
    for exercise_id in (
        "printer-offline-angry-nl",
        "scan-to-mail-angry-nl",
        "servicedesk-complaint-angry-nl",
        "mfa-new-phone-elderly-nl",
        "account-expired-chatty-nl",
        "file-restore-chatty-nl",
        "callback-open-ticket-angry-nl",
        "bitlocker-recovery-novice-nl",
        "wifi-home-elderly-nl",
    ):
        assert exercise_id in EXERCISE_IDS


FIRST_TWELVE = {
    "printer-offline-angry-nl", "password-reset-novice-nl", "vpn-drops-sysadmin-en", "phishing-click-novice-fr",
    "new-employee-setup-novice-nl", "no-internet-homeworker-novice-nl", "mailbox-full-sysadmin-nl",
    "manager-data-request-angry-nl", "excel-crash-novice-en", "shift-morning-queue-nl",
    "software-request-sysadmin-fr", "slow-laptop-complaint-angry-en",
}  # fmt: skip


def test_the_first_twelve_exercises_are_still_shipped_among_the_new_ones() -> None:
    assert FIRST_TWELVE <= set(EXERCISE_IDS)
    assert len(EXERCISE_IDS) > len(FIRST_TWELVE)


@pytest.mark.parametrize("path", exercise_paths(), ids=lambda p: p.stem)
def test_shipped_exercise_validates(path: Path) -> None:
    exercise = read_exercise(path)
    assert exercise.id == path.stem
    assert set(exercise.good_endings) <= {state.name for state in exercise.states}


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_exercise_has_a_strong_and_a_weak_script(exercise_id: str) -> None:
    for kind in ("strong", "weak"):
        script = load_script(script_path(exercise_id, kind))
        assert script.exercise == exercise_id


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_strong_script_reaches_a_good_ending_with_a_calm_caller(exercise_id: str) -> None:
    report = cached_replay(exercise_id, "strong")
    outcome = report["outcome"]
    good = set(load_exercise(exercise_id).good_endings)
    assert outcome["resolved"] is True, f"states visited: {visited(report)}"
    assert good & set(visited(report))
    assert outcome["ended_by"] == "trainee", "a strong trainee closes the call, the caller does not hang up"
    assert outcome["customer_mood"] >= calm_at(exercise_id)
    assert report["ticket"] is not None, "a strong trainee registers the call in a ticket"
    refused = [e["data"]["step"] for e in report["events"] if e["data"].get("refused")]
    assert refused == [], "every step of the strong script is one the world accepts"


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_weak_script_ends_badly_in_a_way_a_person_notices(exercise_id: str) -> None:
    strong = cached_replay(exercise_id, "strong")["outcome"]
    report = cached_replay(exercise_id, "weak")
    weak = report["outcome"]
    assert weak["resolved"] is False, f"states visited: {visited(report)}"
    assert weak["customer_mood"] < strong["customer_mood"]
    hung_up = weak["ended_by"] == "customer"
    no_ticket = report["ticket"] is None
    upset = weak["customer_mood"] < calm_at(exercise_id)
    assert hung_up or no_ticket or upset


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_replaying_a_script_twice_gives_identical_reports(exercise_id: str) -> None:
    first = replay(exercise_id, "strong")
    second = replay(exercise_id, "strong")
    assert first == second


@pytest.mark.parametrize(
    ("exercise_id", "bad_state"),
    [
        ("password-reset-novice-nl", "doubtful"),
        ("phishing-click-novice-fr", "ashamed"),
        ("manager-data-request-angry-nl", "complied"),
        ("shift-morning-queue-nl", "wrong_order"),
        ("out-of-office-elderly-fr", "wary"),
        ("laptop-reset-sysadmin-en", "data_lost"),
        ("phishing-sms-elderly-en", "alarmed"),
        ("new-phone-vip-nl", "password_given"),
        ("vpn-home-novice-fr", "wary"),
    ],
)
def test_weak_script_shows_the_scenario_going_wrong(exercise_id: str, bad_state: str) -> None:
    report = cached_replay(exercise_id, "weak")
    assert bad_state in visited(report)
    assert bad_state not in visited(cached_replay(exercise_id, "strong"))


@pytest.mark.parametrize(
    ("exercise_id", "fact"),
    [
        ("slow-laptop-complaint-angry-en", "earlier_tickets"),
        ("software-request-sysadmin-fr", "manager_approval"),
        ("no-internet-homeworker-novice-nl", "router_lights"),
        ("phishing-click-novice-fr", "mfa_approved"),
        ("laptop-reset-sysadmin-en", "local_data"),
        ("phishing-sms-elderly-en", "nothing_typed"),
    ],
)
def test_strong_script_uncovers_the_essential_hidden_fact(exercise_id: str, fact: str) -> None:
    report = cached_replay(exercise_id, "strong")
    revealed = {e["data"]["fact"] for e in report["events"] if e["type"] == "fact_revealed"}
    assert fact in revealed
