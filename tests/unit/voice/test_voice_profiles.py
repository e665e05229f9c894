"""Caller voices: persona × language × gender, from the shipped personas."""

from __future__ import annotations

import pytest

from simulator.conversation.loader import load_persona
from simulator.voice.ports import VoiceError
from simulator.voice.profiles import default_gender, variant_for_gender, voice_profile


def profile(persona_id: str, lang: str = "nl", gender: str | None = None):  # type: ignore[no-untyped-def]
    persona = load_persona(persona_id)
    settings = persona.params.voice
    return voice_profile(persona_id, settings, lang, gender or default_gender(settings))  # type: ignore[arg-type]


def test_the_angry_caller_speaks_faster_and_higher_than_the_novice() -> None:
    angry, novice = profile("angry"), profile("novice")
    assert angry.rate > novice.rate
    assert angry.pitch > novice.pitch


def test_the_sysadmin_is_flat_and_the_angry_caller_is_not() -> None:
    assert profile("sysadmin").pitch_range < 20 < profile("angry").pitch_range


@pytest.mark.parametrize(("lang", "voice"), [("nl", "nl"), ("fr", "fr-be"), ("en", "en")])
def test_each_language_has_its_espeak_voice(lang: str, voice: str) -> None:
    assert profile("novice", lang).voice == voice


@pytest.mark.parametrize("persona_id", ["angry", "novice", "sysadmin"])
@pytest.mark.parametrize("gender", ["female", "male"])
def test_the_variant_follows_the_callers_gender(persona_id: str, gender: str) -> None:
    variant = profile(persona_id, "nl", gender).variant
    assert variant[0] == gender[0]


def test_a_female_caller_of_a_male_persona_gets_a_different_voice_than_the_male_one() -> None:
    assert profile("angry", gender="female").espeak_name != profile("angry", gender="male").espeak_name


def test_variants_keep_their_number_when_the_gender_changes() -> None:
    assert variant_for_gender("m3", "female") == "f3"
    assert variant_for_gender("m7", "female") == "f2"
    assert variant_for_gender("f2", "female") == "f2"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(VoiceError, match="de"):
        profile("novice", "de")
