"""A caller guided through tests on their own PC hears the instruction, does it and reads the result back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.conversation.call import Call
from simulator.conversation.events import Event
from simulator.scripts.runner import CallRunner

OPENING = ["Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?"]


def make_runner(exercise_id: str = "no-internet-homeworker-novice-nl", seed: int = 8, *lines: str) -> CallRunner:
    """Start a call of a shipped exercise, answered, with these trainee lines said."""
    runner = CallRunner(exercise_id, seed=seed)
    runner.perform("wait", 5)
    runner.perform("answer")
    for line in lines:
        runner.perform("say", line)
    return runner


def said(runner: CallRunner, text: str) -> list[Event]:
    """Say a line and return the events it left."""
    return runner.perform("say", text)


def of(events: list[Event], type_: str, **data: Any) -> list[Event]:
    """Return the events of a type whose data has these values."""
    return [e for e in events if e.type == type_ and all(e.data.get(k) == v for k, v in data.items())]


def test_tell_speaks_a_readback_after_the_callers_own_busy_time(make_call: Callable[..., Call]) -> None:
    call = make_call("no-internet-homeworker-novice-nl", seed=8)
    call.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.")
    before = call.clock.now
    events = call.tell("Het lampje is rood.", after=90)
    line = of(events, "customer_line", kind="readback")
    assert [e.data["text"] for e in line] == ["Het lampje is rood."]
    assert line[0].t >= before + 90
    assert of(events, "mood") == [], "the caller's own busy time is no silence of the trainee"
    call.end_call()
    assert call.tell("Nog iets.") == [], "an ended call says nothing more"


def test_the_homeworker_guided_through_lights_and_ipconfig_reads_them_back() -> None:
    runner = make_runner("no-internet-homeworker-novice-nl", 8, *OPENING)
    lights = said(runner, "Ga eens kijken naar de lampjes op het kastje in de gang.")
    guided = of(lights, "guided", step="router_lights")
    assert guided and guided[0].data["command"] == "router.lights"
    readback = of(lights, "customer_line", kind="readback")
    assert readback and "rood" in readback[0].data["text"]
    assert guided[0].i < readback[0].i, "the caller first does it, then reads it back"
    assert guided[0].data["utterance"] == of(lights, "utterance")[0].i
    ipconfig = said(runner, "Typ in het zwarte venster het woord ipconfig en lees voor wat er staat.")
    text = of(ipconfig, "customer_line", kind="readback")[0].data["text"]
    assert "honderd tweeënnegentig punt honderd achtenzestig" in text and "192.168.1.34" not in text


def test_a_sysadmin_reads_the_exact_output() -> None:
    runner = make_runner("vpn-drops-sysadmin-en", 11, "Good morning, Acme service desk, Sam speaking.")
    events = said(runner, "Run rasdial and read me the status line.")
    guided = of(events, "guided", step="vpn_status")
    assert guided and guided[0].data["reading"] == "exact"
    assert "ConnectionStatus      : Disconnected" in guided[0].data["output"]
    text = of(events, "customer_line", kind="readback")[0].data["text"]
    assert text == "rasdial says Disconnected on vpn.acme.example, last error 809. Same as I told you."


def test_a_novice_given_a_list_of_steps_only_tries_the_first() -> None:
    runner = make_runner("no-internet-homeworker-novice-nl", 8, *OPENING)
    events = said(runner, "Open cmd. Typ ipconfig. Dan ping 8.8.8.8. En herstart uw router.")
    assert of(events, "guided") == [], "'open cmd' is not a test she can read back"
    assert "too_many_steps" in of(events, "mood")[0].data["causes"]


def test_a_step_before_the_identity_check_is_refused_and_logged() -> None:
    runner = make_runner("password-reset-novice-nl", 3, *OPENING)
    events = said(runner, "Ga op uw gsm naar de selfservicepagina en kies een nieuw wachtwoord.")
    refused = of(events, "guided", refused=True)
    assert refused and refused[0].data["step"] == "selfservice_reset"
    assert "identiteit" in refused[0].data["reason"]
    assert of(events, "customer_line", kind="answer")[-1].data["text"].startswith("Euh… moet ge niet eerst")
    assert not runner.world.fixed  # type: ignore[union-attr]


def test_a_guided_repair_is_heard_as_fixed() -> None:
    runner = make_runner(
        "excel-crash-novice-en",
        9,
        "Good morning, Acme service desk, you're speaking with Sam. How can I help?",
        "Which program is it exactly?",
        "What happens exactly when you open it?",
        "Did anything change recently, did you install anything new?",
        "Hold down the Ctrl key while you click Excel, and keep holding it until a box appears.",
    )
    events = said(runner, "Now untick InvoiceLink in the list of add-ins.")
    guided = of(events, "guided", step="disable_addin")
    assert guided and guided[0].data["repaired"] is True
    change = [e for e in of(events, "state_change") if e.data["trigger"] == "fixed"]
    assert change and change[0].data["cause"] == guided[0].i
    assert runner.call.model.state == "fixed"


@pytest.mark.parametrize("seed", [8, 21])
def test_same_seed_same_readback(seed: int) -> None:
    def readbacks() -> list[str]:
        runner = make_runner("no-internet-homeworker-novice-nl", seed, *OPENING)
        said(runner, "Typ in het zwarte venster het woord ipconfig en lees voor wat er staat.")
        said(runner, "Typ nog eens ipconfig, alstublieft.")
        return [e.data["text"] for e in runner.events if e.type == "customer_line" and e.data["kind"] == "readback"]

    first = readbacks()
    assert len(first) == 2 and first == readbacks()
