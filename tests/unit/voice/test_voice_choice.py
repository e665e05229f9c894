"""Which recogniser a language gets: the admin's setting first, else vosk for partials, else whisper."""

from __future__ import annotations

import pytest

from simulator.voice.choice import Available, choose, parse_setting

BOTH = Available(vosk_languages=frozenset({"nl"}), whisper_sizes=("base", "tiny"))


@pytest.mark.parametrize(
    ("lang", "setting", "label", "reason"),
    [
        ("nl", "auto", "vosk", ""),
        ("fr", "auto", "whisper-base", ""),
        ("nl", "whisper", "whisper-base", ""),
        ("nl", "whisper-tiny", "whisper-tiny", ""),
        ("nl", "whisper-small", "-", "no_whisper_model"),
        ("fr", "vosk", "-", "no_vosk_model"),
        ("en", "whisper-huge", "-", "unknown_setting"),
    ],
)
def test_the_setting_decides_and_a_missing_engine_is_reported_not_replaced(lang, setting, label, reason) -> None:
    choice = choose(lang, {lang: setting}, BOTH)
    assert (choice.label, choice.reason) == (label, reason)


def test_without_the_whisper_library_auto_falls_back_to_nothing_with_a_reason() -> None:
    choice = choose("fr", {}, Available(whisper_sizes=("base",), whisper_library=False))
    assert choice.engine is None and choice.reason == "no_model"
    assert choose("fr", {"fr": "whisper"}, Available(whisper_library=False)).reason == "no_whisper"
    assert choose("fr", {}, Available()).reason == "no_model"


def test_settings_are_parsed_case_insensitively() -> None:
    assert parse_setting(" Whisper-Small ") == ("whisper", "small")
    with pytest.raises(ValueError):
        parse_setting("kaldi")
