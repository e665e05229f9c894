"""Speech out with the real engines: espeak-ng subprocesses, pyttsx3 on its worker, the WAV cache."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from simulator.adapters.voice import make_synthesizer
from simulator.adapters.voice.cache import CachedSynthesizer
from simulator.conversation.loader import load_persona
from simulator.voice.audio import validate_wav
from simulator.voice.ports import VoiceError, VoiceProfile
from simulator.voice.profiles import voice_profile

LINE = "Goeiemorgen, mijn printer op de tweede verdieping drukt al sinds vanochtend helemaal niets meer af."


def persona_voice(persona_id: str, lang: str = "nl", gender: str = "male") -> VoiceProfile:
    """Return the voice of a shipped persona."""
    return voice_profile(persona_id, load_persona(persona_id).params.voice, lang, gender)  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=["espeak", "pyttsx3"])
def engine(request: pytest.FixtureRequest, espeak_program: str) -> Any:
    """Return each synthesizer, uncached."""
    if request.param == "pyttsx3":
        pytest.importorskip("pyttsx3", reason="pyttsx3 is not installed (pip install pyttsx3==2.99)")
    synth = make_synthesizer(request.param, cache=False)
    yield synth
    if hasattr(synth, "close"):
        synth.close()


def test_a_line_becomes_a_valid_wav_whose_length_matches_the_speech(engine: Any) -> None:
    result = engine.synthesize(LINE, persona_voice("novice"))
    audio = validate_wav(result.wav_bytes)
    assert result.sample_rate == audio.sample_rate == 22050
    assert result.duration_s == pytest.approx(audio.duration_s, abs=0.01)
    assert 3.0 < result.duration_s < 12.0  # 15 words at 130 wpm is about 7 s


def test_the_angry_caller_says_the_same_line_faster_than_the_novice(espeak_program: str) -> None:
    # espeak only: pyttsx3 applies the rate nondeterministically (see simulator/adapters/voice/pyttsx3_engine.py)
    engine = make_synthesizer("espeak", cache=False)
    angry = engine.synthesize(LINE, persona_voice("angry")).duration_s
    novice = engine.synthesize(LINE, persona_voice("novice")).duration_s
    assert angry < novice * 0.8


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_language_and_gender_speaks(engine: Any, lang: str) -> None:
    male = engine.synthesize("Bonjour, hello, goeiedag.", persona_voice("sysadmin", lang, "male"))
    female = engine.synthesize("Bonjour, hello, goeiedag.", persona_voice("sysadmin", lang, "female"))
    assert male.wav_bytes != female.wav_bytes


def test_an_unknown_voice_is_an_error_not_a_silent_fallback(engine: Any) -> None:
    with pytest.raises(VoiceError):
        engine.synthesize("hallo", VoiceProfile("xx", "xx"))


def test_nothing_is_printed_to_the_terminal(engine: Any, capfd: pytest.CaptureFixture[str]) -> None:
    engine.synthesize("Hallo, is daar de helpdesk?", persona_voice("novice"))
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_thirty_trainees_at_once_all_get_their_line_without_a_hang(engine: Any) -> None:
    jobs = [(f"Lijn {n}: mijn scherm blijft zwart na de update.", persona_voice("angry")) for n in range(30)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=30) as pool:
        futures = [pool.submit(engine.synthesize, text, voice) for text, voice in jobs]
        results = [f.result(timeout=60) for f in futures]
    assert time.monotonic() - started < 60
    assert all(validate_wav(r.wav_bytes).duration_s > 1.0 for r in results)
    assert len({r.wav_bytes for r in results}) == 30


def test_the_cache_serves_a_repeated_line_from_disk(espeak_program: str, cache_folder: Path) -> None:
    synth = make_synthesizer("espeak")
    first = synth.synthesize(LINE, persona_voice("angry"))
    second = synth.synthesize(LINE, persona_voice("angry"))
    assert not first.cached and second.cached
    assert second.wav_bytes == first.wav_bytes
    assert len(list(cache_folder.rglob("*.wav"))) == 1
    other = synth.synthesize(LINE, persona_voice("novice"))
    assert not other.cached


def test_a_damaged_cache_file_is_synthesised_again(espeak_program: str, cache_folder: Path) -> None:
    synth = make_synthesizer("espeak")
    assert isinstance(synth, CachedSynthesizer)
    good = synth.synthesize(LINE, persona_voice("angry"))
    synth.path_for(LINE, persona_voice("angry")).write_bytes(b"garbage")
    again = synth.synthesize(LINE, persona_voice("angry"))
    assert not again.cached and again.wav_bytes == good.wav_bytes


def test_engines_do_not_share_cache_entries(espeak_program: str, cache_folder: Path) -> None:
    pytest.importorskip("pyttsx3")
    espeak = make_synthesizer("espeak")
    pyttsx3 = make_synthesizer("pyttsx3")
    assert isinstance(espeak, CachedSynthesizer) and isinstance(pyttsx3, CachedSynthesizer)
    assert espeak.path_for(LINE, persona_voice("angry")) != pyttsx3.path_for(LINE, persona_voice("angry"))
