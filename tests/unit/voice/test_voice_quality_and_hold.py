"""Word error rate and the generated hold music."""

from __future__ import annotations

from array import array

import pytest

from simulator.voice.audio import read_wav, validate_wav
from simulator.voice.hold_music import hold_music_wav
from simulator.voice.quality import word_error_rate, word_errors


@pytest.mark.parametrize(
    ("reference", "hypothesis", "errors"),
    [
        ("de printer werkt niet", "de printer werkt niet", 0),
        ("De printer werkt niet!", "de printer werkt niet", 0),
        ("de printer werkt niet", "de printer werkt", 1),
        ("de printer werkt niet", "de printer werkt nog niet", 1),
        ("de printer werkt niet", "een printer werkte niet", 2),
        ("de printer werkt niet", "", 4),
    ],
)
def test_word_errors_count_substitutions_deletions_and_insertions(reference: str, hypothesis: str, errors: int) -> None:
    assert word_errors(reference, hypothesis) == (errors, 4)


def test_word_error_rate_is_over_all_reference_words() -> None:
    assert word_error_rate([("a b c d", "a b c d"), ("e f", "e x")]) == pytest.approx(1 / 6)


def test_hold_music_is_a_valid_non_silent_wav_of_the_asked_length() -> None:
    audio = validate_wav(hold_music_wav(4.0), expected_rate=16000)
    assert audio.duration_s == pytest.approx(4.0)
    samples = array("h", audio.pcm)
    assert 3000 < max(abs(s) for s in samples) < 32767  # clearly audible, never clipping


def test_hold_music_is_the_same_every_time() -> None:
    hold_music_wav.cache_clear()
    first = hold_music_wav(2.0)
    hold_music_wav.cache_clear()
    assert read_wav(hold_music_wav(2.0)).pcm == read_wav(first).pcm
