"""Guided tests: matching an instruction to a step, the caller's readback, refusals and repairs."""

from __future__ import annotations

from typing import Any

import pytest
from world_builders import build_world, make_ctx

from simulator.world import HelpdeskWorld
from simulator.world.guided import check_guided, clauses, fill, match
from simulator.world.spoken import number_words, spoken, vague

INSTRUCT = ("instruct_step",)


@pytest.fixture
def homeworker() -> HelpdeskWorld:
    """The homeworker without internet: guided steps for lights, Wi-Fi, cable, restart and ipconfig."""
    return build_world("no-internet-homeworker-novice-nl", seed=8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trek de stekker van het kastje uit en steek hem terug in.", "router_restart"),
        ("Typ in het zwarte venster het woord IPCONFIG en lees voor.", "ipconfig"),
        ("Steek eens een netwerkkabel van het kastje in uw laptop.", "cable"),
        ("Klik eens rechtsonder op het waaiertje.", "wifi_status"),
        ("Herstarten we eerst het kastje, daarna typt u ipconfig.", "router_restart"),
        ("Typ ipconfig nadat u de stekker uittrok.", "ipconfig"),
        ("Zet uw laptop even uit.", None),
    ],
)
def test_an_instruction_matches_the_step_it_mentions_first(
    homeworker: HelpdeskWorld, text: str, expected: str | None
) -> None:
    step = match(homeworker.spec.guided, text)
    assert (step.id if step else None) == expected


def test_clauses_split_a_run_on_instruction() -> None:
    assert clauses("Open cmd, typ ipconfig. Dan ping de router en dan herstart") == [
        "Open cmd",
        "typ ipconfig",
        "Dan ping de router",
        "herstart",
    ]


@pytest.mark.parametrize(
    ("n", "lang", "words"),
    [
        (192, "nl", "honderd tweeënnegentig"),
        (168, "nl", "honderd achtenzestig"),
        (254, "nl", "tweehonderd vierenvijftig"),
        (1, "nl", "één"),
        (71, "fr", "soixante et onze"),
        (80, "fr", "quatre-vingts"),
        (192, "fr", "cent quatre-vingt-douze"),
        (168, "en", "one hundred and sixty-eight"),
    ],
)
def test_numbers_are_said_in_the_callers_language(n: int, lang: str, words: str) -> None:
    assert number_words(n, lang) == words


def test_a_novice_says_an_address_approximately_but_recognisably() -> None:
    assert spoken("169.254.3.7", "nl").startswith("honderd negenenzestig punt tweehonderd vierenvijftig punt")
    said = vague("192.168.1.34", "nl")
    assert said == "honderd tweeënnegentig punt honderd achtenzestig punt één punt iets"
    assert "34" not in said and "vierendertig" not in said


def test_plain_and_exact_readbacks_fill_the_device_facts(homeworker: HelpdeskWorld) -> None:
    step = next(s for s in homeworker.spec.guided if s.id == "ipconfig")
    plain = homeworker.guide("Typ ipconfig in het zwarte venster.", INSTRUCT, make_ctx(), "plain")
    exact = build_world("no-internet-homeworker-novice-nl", seed=8).guide(
        "Run ipconfig.", INSTRUCT, make_ctx(), "exact"
    )
    assert plain is not None and exact is not None and plain.ok and exact.ok
    assert "192.168.1.34" not in plain.data["readback"], "a novice does not read the address exactly"
    assert "honderd tweeënnegentig punt honderd achtenzestig" in plain.data["readback"]
    assert exact.data["readback"] == "IPv4 192.168.1.34, subnetmasker 255.255.255.0, standaardgateway 192.168.1.1."
    assert "IPv4 Address. . ." in plain.data["output"], "the event keeps the real command output"
    assert step.command == plain.data["command"] == "ipconfig"


def test_router_lights_are_read_in_the_callers_words(homeworker: HelpdeskWorld) -> None:
    result = homeworker.guide("Trek de stekker van het kastje uit.", INSTRUCT, make_ctx())
    assert result is not None and result.ok
    assert "rood" in result.data["readback"] and "internet red" in result.data["output"]
    assert result.seconds == 90 and result.signals == (), "a restart does not fix a provider outage"
    assert homeworker.device.router.restarts == 1


def test_nothing_is_guided_without_an_instruction_or_during_a_remote_session(homeworker: HelpdeskWorld) -> None:
    assert homeworker.guide("Typt u ipconfig?", ("closed_question",), make_ctx()) is None
    homeworker.session = True
    assert homeworker.guide("Typ ipconfig.", INSTRUCT, make_ctx()) is None


def test_a_step_that_needs_identity_is_refused_before_the_check() -> None:
    world = build_world("password-reset-novice-nl", seed=3)
    text = "Ga op uw gsm naar de selfservicepagina en kies een nieuw wachtwoord."
    refused = world.guide(text, INSTRUCT, make_ctx(identity_verified=False))
    assert refused is not None and not refused.ok
    assert "identiteit" in (refused.reason or "")
    assert refused.data["readback"].startswith("Euh… moet ge niet eerst weten wie ik ben?")
    assert world.device.account_locked and not world.fixed
    done = world.guide(text, INSTRUCT, make_ctx(identity_verified=True))
    assert done is not None and done.ok and done.signals == ("fixed",)
    assert not world.device.account_locked and world.fixed


def test_a_step_that_needs_an_earlier_one_is_refused_then_repairs_after_it() -> None:
    world = build_world("excel-crash-novice-en", seed=9)
    untick = "Now untick InvoiceLink in the list of add-ins."
    first = world.guide(untick, INSTRUCT, make_ctx())
    assert first is not None and not first.ok and "safe_mode" in (first.reason or "")
    assert first.data["readback"] == "I can't get to that… Excel closes before I can click on anything."
    safe = world.guide("Hold down the Ctrl key while you click Excel.", INSTRUCT, make_ctx())
    assert safe is not None and safe.ok and "Safe Mode" in safe.data["readback"] and not safe.signals
    fixed = world.guide(untick, INSTRUCT, make_ctx())
    assert fixed is not None and fixed.ok and fixed.signals == ("fixed",) and fixed.data["repaired"] is True
    assert "InvoiceLink" in fixed.data["readback"]
    assert world.snapshot()["guided"] == {
        "offered": ["safe_mode", "disable_addin"],
        "done": ["safe_mode", "disable_addin"],
    }


def test_the_same_seed_gives_the_same_readback() -> None:
    texts = ["Typ ipconfig.", "Typ nog eens ipconfig.", "En nog een keer ipconfig, alstublieft."]

    def run(seed: int) -> list[str]:
        world = build_world("no-internet-homeworker-novice-nl", seed=seed)
        return [r.data["readback"] for t in texts if (r := world.guide(t, INSTRUCT, make_ctx())) is not None]

    assert run(8) == run(8)
    assert len(set(run(8))) == 2, "the novice reads the screen in more than one way"


def test_fill_translates_words_and_spells_numbers() -> None:
    assert fill(
        "{internet_light:word} en {gateway:spoken}", {"internet_light": "red", "gateway": "10.0.0.1"}, "nl"
    ) == ("rood en tien punt nul punt nul punt één")


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        ({"id": "a", "asks": ["x"], "command": "reboot.router"}, "unknown hands-on action or command"),
        ({"id": "a", "asks": ["x"], "needs": ["later"]}, "neither 'identity' nor an earlier guided step"),
        ({"id": "a", "asks": ["x"], "reads": {"plain": ["{colour}"]}}, "unknown fact '{colour}'"),
        ({"id": "a", "asks": ["x"], "reads": {"plain": ["{ipv4:loud}"]}}, "unknown filter ':loud'"),
    ],
)
def test_a_world_file_with_a_bad_guided_step_is_refused(step: dict[str, Any], problem: str) -> None:
    found = check_guided([step])
    assert found and problem in found[0][1]


def test_the_shipped_guided_steps_are_valid() -> None:
    for exercise in ("no-internet-homeworker-novice-nl", "new-employee-setup-novice-nl", "excel-crash-novice-en"):
        world = build_world(exercise)
        assert world.spec.guided
        assert check_guided([s.model_dump() for s in world.spec.guided]) == []
