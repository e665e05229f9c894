"""Which Piper voice a caller gets: persona list first, then language × gender, else espeak-ng ('')."""

from __future__ import annotations

from simulator.voice.neural import VoiceMap, choose_neural, length_scale, load_map

MAP = VoiceMap(
    version=1,
    voices={"nl": {"female": ["nl_BE-nathalie-medium", "nl_BE-nathalie-x_low"], "male": ["nl_BE-rdh-medium"]}},
    personas={"angry": {"nl": {"female": ["nl_NL-custom-medium"]}}},
)


def test_the_first_installed_voice_in_order_of_preference_wins() -> None:
    assert choose_neural("novice", "nl", "female", {"nl_BE-nathalie-x_low"}, MAP) == "nl_BE-nathalie-x_low"
    assert choose_neural("novice", "nl", "female", {"nl_BE-nathalie-x_low", "nl_BE-nathalie-medium"}, MAP) == (
        "nl_BE-nathalie-medium"
    )


def test_a_persona_list_comes_before_the_language_list_and_nothing_installed_means_espeak() -> None:
    installed = {"nl_NL-custom-medium", "nl_BE-nathalie-medium"}
    assert choose_neural("angry", "nl", "female", installed, MAP) == "nl_NL-custom-medium"
    assert choose_neural("angry", "nl", "male", installed, MAP) == ""
    assert choose_neural("novice", "fr", "female", installed, MAP) == ""


def test_an_admin_map_overrides_per_language_and_gender_only() -> None:
    admin = VoiceMap(version=1, voices={"nl": {"male": ["nl_NL-other-medium"]}})
    merged = load_map().merged(admin)
    assert merged.voices["nl"]["male"] == ["nl_NL-other-medium"]
    assert merged.voices["nl"]["female"][0] == "nl_BE-nathalie-medium"  # kept from the shipped map


def test_the_persona_speed_becomes_a_bounded_length_scale() -> None:
    assert length_scale(160) == 1.0
    assert length_scale(200) == 0.8
    assert length_scale(10) == 2.0 and length_scale(1000) == 0.5
