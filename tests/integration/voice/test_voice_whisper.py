"""Speech in through our faster-whisper adapter, on the real base model (joined from PyPI) and espeak-ng speech."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simulator.voice.audio import AudioError, PcmAudio
from simulator.voice.ports import VoiceUnavailable
from simulator.voice.quality import word_error_rate

Say = Callable[..., PcmAudio]
LINES = [
    "My printer on the second floor has not printed anything since this morning.",
    "I cannot log in to my email, it says my password is wrong.",
    "Could you please reset my password, I have a meeting in ten minutes.",
]


def recognise(recognizer: Any, audio: PcmAudio, chunk_s: float = 0.25) -> Any:
    """Feed the audio in browser-sized chunks and return the final result."""
    stream = recognizer.open_stream(audio.sample_rate)
    step = int(audio.sample_rate * chunk_s) * 2
    for i in range(0, len(audio.pcm), step):
        assert stream.accept(audio.pcm[i : i + step]) is None  # whisper answers at the end only
    return stream.finish()


def test_english_helpdesk_lines_are_recognised_with_a_low_word_error_rate(whisper_en: Any, say_espeak: Say) -> None:
    pairs = [(line, recognise(whisper_en, say_espeak(line)).text) for line in LINES]
    assert word_error_rate(pairs) <= 0.15, pairs


def test_words_carry_timestamps_on_the_original_timeline_after_vad_trimming(whisper_en: Any, say_espeak: Say) -> None:
    audio = say_espeak("Hello, this is the service desk.")
    padded = PcmAudio(b"\x00\x00" * (3 * audio.sample_rate) + audio.pcm, audio.sample_rate)
    final = recognise(whisper_en, padded)
    assert "hello" in final.text.lower() and "service" in final.text.lower()
    assert final.words[0].word == "Hello"  # words come without punctuation
    assert final.words and final.words[0].start >= 2.5  # the 3 s of silence were trimmed, not shifted away
    assert final.words[-1].end <= padded.duration_s + 0.1


def test_the_language_is_forced_per_call(whisper_base: Path, say_espeak: Say) -> None:
    from simulator.adapters.voice.whisper_engine import WhisperRecognizer

    audio = say_espeak("Goedemorgen, mijn computer start niet meer op.", voice="nl")
    dutch = recognise(WhisperRecognizer(whisper_base, "nl"), audio).text.lower()
    assert "computer" in dutch and ("goedemorgen" in dutch or "mijn" in dutch), dutch


def test_silence_gives_an_empty_result_not_an_invented_sentence(whisper_en: Any) -> None:
    assert recognise(whisper_en, PcmAudio(b"\x00\x00" * 16000 * 3, 16000)).text == ""
    assert recognise(whisper_en, PcmAudio(b"", 16000)).text == ""


def test_clipped_audio_is_still_recognised(whisper_en: Any, say_espeak: Say) -> None:
    import numpy as np

    audio = say_espeak(LINES[0])
    loud = np.clip(np.frombuffer(audio.pcm, dtype="<i2").astype(np.int32) * 8, -32768, 32767).astype("<i2")
    final = recognise(whisper_en, PcmAudio(loud.tobytes(), audio.sample_rate))
    assert word_error_rate([(LINES[0], final.text)]) <= 0.3, final.text


def test_a_monologue_past_sixty_seconds_and_a_wrong_rate_are_refused_clearly(whisper_en: Any) -> None:
    stream = whisper_en.open_stream(16000)
    with pytest.raises(AudioError, match="60 s"):
        for _ in range(61):
            stream.accept(b"\x00\x00" * 16000)
    with pytest.raises(AudioError, match="12345 Hz"):
        whisper_en.open_stream(12345)


def test_an_altered_model_file_is_named_when_the_model_loads(whisper_base: Path, tmp_path: Path) -> None:
    from simulator.adapters.voice.whisper_engine import WhisperRecognizer

    copy = tmp_path / "faster-whisper-base"
    shutil.copytree(whisper_base, copy)
    config = copy / "config.json"
    data = bytearray(config.read_bytes())
    data[10] ^= 1
    config.write_bytes(bytes(data))
    with pytest.raises(VoiceUnavailable, match=r"config\.json: sha256 klopt niet"):
        WhisperRecognizer(copy, "en")
