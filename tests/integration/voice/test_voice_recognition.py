"""Speech in through our vosk adapter, with a real model (Korean, from PyPI) and espeak-ng as the speaker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simulator.voice.audio import AudioError, PcmAudio
from simulator.voice.ports import Final, Partial, VoiceError, VoiceUnavailable
from simulator.voice.turns import TurnTracker

WORDS = ["안녕하세요", "감사합니다", "컴퓨터", "프린터", "비밀번호", "네트워크"]
CHUNK_S = 0.1

Speak = Callable[[str], PcmAudio]


def feed(stream: Any, pcm: bytes, rate: int) -> list[tuple[float, Partial | Final]]:
    """Feed PCM in 100 ms chunks as a browser would; return each result with the audio time it came at."""
    step = int(rate * CHUNK_S) * 2
    results = []
    for i in range(0, len(pcm), step):
        result = stream.accept(pcm[i : i + step])
        if result is not None:
            results.append((round((i + step) / 2 / rate, 3), result))
    return results


def silence(seconds: float, rate: int) -> bytes:
    """Return ``seconds`` of digital silence."""
    return b"\x00\x00" * int(seconds * rate)


def test_grammar_mode_recognises_the_spoken_words_exactly_with_timestamps(ko_recognizer: Any, speak: Speak) -> None:
    audio = speak("안녕하세요 컴퓨터")
    stream = ko_recognizer.open_stream(audio.sample_rate, WORDS, closed=True)
    feed(stream, audio.pcm, audio.sample_rate)
    final = stream.finish()
    assert final.text == "안녕하세요 컴퓨터"
    assert [w.word for w in final.words] == ["안녕하세요", "컴퓨터"]
    first, second = final.words
    assert 0.0 <= first.start < first.end <= second.start < second.end <= audio.duration_s + 0.05
    assert all(0.0 < w.conf <= 1.0 for w in final.words)


def test_partial_results_arrive_while_the_trainee_is_still_speaking(ko_recognizer: Any, speak: Speak) -> None:
    audio = speak("비밀번호 네트워크 감사합니다")
    stream = ko_recognizer.open_stream(audio.sample_rate, WORDS, closed=True)
    results = feed(stream, audio.pcm, audio.sample_rate)
    partials = [(t, r) for t, r in results if isinstance(r, Partial)]
    assert partials and partials[0][0] < audio.duration_s / 2
    texts = [r.text for _, r in partials]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))  # only changes are reported
    assert stream.finish().text == "비밀번호 네트워크 감사합니다"


def test_a_pause_ends_the_utterance_and_the_next_one_continues_the_timeline(ko_recognizer: Any, speak: Speak) -> None:
    one, two = speak("안녕하세요"), speak("감사합니다")
    rate = one.sample_rate
    stream = ko_recognizer.open_stream(rate, WORDS, closed=True)
    results = feed(stream, one.pcm + silence(1.5, rate) + two.pcm + silence(0.3, rate), rate)
    finals = [r for _, r in results if isinstance(r, Final)]
    last = stream.finish()
    assert [f.text for f in finals] == ["안녕하세요"]
    assert last.text == "감사합니다"
    assert last.start is not None and finals[0].end is not None and last.start > finals[0].end + 1.0


def test_silence_gives_an_empty_final_and_unknown_speech_is_left_out(ko_recognizer: Any, speak: Speak) -> None:
    stream = ko_recognizer.open_stream(16000, WORDS, closed=True)
    feed(stream, silence(1.0, 16000), 16000)
    assert stream.finish() == Final("")
    audio = speak("안녕하세요")
    other = ko_recognizer.open_stream(audio.sample_rate, ["감사합니다"], closed=True)
    feed(other, audio.pcm, audio.sample_rate)
    assert "[unk]" not in other.finish().text


def test_free_decoding_hears_something_and_names_exercise_words_the_model_lacks(
    ko_recognizer: Any, speak: Speak
) -> None:
    audio = speak("안녕하세요 컴퓨터")
    stream = ko_recognizer.open_stream(audio.sample_rate, ["컴퓨터", "eerstelijn"])
    assert stream.unknown_words == ["eerstelijn"]
    feed(stream, audio.pcm, audio.sample_rate)
    assert stream.finish().words


def test_barge_in_the_first_partial_during_the_callers_line_is_an_interruption(
    ko_recognizer: Any, speak: Speak
) -> None:
    trainee = speak("비밀번호 컴퓨터")
    rate = trainee.sample_rate
    tracker = TurnTracker(silence_timeout_s=12)
    tracker.customer_started(at=0.0, duration_s=4.0, line_index=5)  # the caller's 4-second line
    trainee_starts = 1.0  # the trainee begins talking one second into it
    stream = ko_recognizer.open_stream(rate, WORDS, closed=True)
    results = feed(stream, trainee.pcm, rate)
    first_partial_at = next(t for t, r in results if isinstance(r, Partial))
    decision = tracker.trainee_started(trainee_starts + first_partial_at)
    assert decision.interrupt and decision.stop_customer_audio
    assert tracker.interruptions == [5]
    duration = tracker.trainee_finished(trainee_starts + trainee.duration_s)
    assert duration == pytest.approx(trainee.duration_s - first_partial_at, abs=0.01)


def test_speaking_after_the_caller_finished_is_not_an_interruption(ko_recognizer: Any, speak: Speak) -> None:
    trainee = speak("감사합니다")
    tracker = TurnTracker(silence_timeout_s=12)
    tracker.customer_started(at=0.0, duration_s=2.0)
    stream = ko_recognizer.open_stream(trainee.sample_rate, WORDS, closed=True)
    first_partial_at = next(t for t, r in feed(stream, trainee.pcm, trainee.sample_rate) if isinstance(r, Partial))
    decision = tracker.trainee_started(2.5 + first_partial_at)
    assert not decision.interrupt
    assert decision.gap_s == pytest.approx(0.5 + first_partial_at)


def test_a_finished_stream_refuses_more_audio(ko_recognizer: Any) -> None:
    stream = ko_recognizer.open_stream(16000)
    stream.finish()
    with pytest.raises(VoiceError, match="afgesloten"):
        stream.accept(silence(0.1, 16000))


@pytest.mark.parametrize(("rate", "chunk", "message"), [(7000, b"", "7000 Hz"), (16000, b"\x00" * 3, "oneven")])
def test_bad_stream_audio_is_refused(ko_recognizer: Any, rate: int, chunk: bytes, message: str) -> None:
    with pytest.raises(AudioError, match=message):
        ko_recognizer.open_stream(rate).accept(chunk)


def test_an_incomplete_model_folder_is_refused_naming_what_is_missing(ko_model_path: Path, tmp_path: Path) -> None:
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_bytes((ko_model_path / "am" / "final.mdl").read_bytes()[:100])
    with pytest.raises(VoiceUnavailable, match="conf/mfcc.conf"):
        VoskRecognizer(tmp_path)


@pytest.fixture(scope="session")
def speak(speak_korean: Speak) -> Speak:
    """Shorter name for the Korean speaker."""
    return speak_korean
