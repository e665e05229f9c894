"""The telephone-line sound for the caller: band-limited, 8 kHz μ-law, a little noise, always the same."""

from __future__ import annotations

import numpy as np

from simulator.adapters.voice.telephone import LINE_RATE, mu_law_round_trip, telephone


def tone(freq: float, rate: int = 22050, seconds: float = 1.0, level: float = 0.5) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq * t) * level * 32767).astype("<i2").tobytes()


def rms(pcm: bytes) -> float:
    return float(np.sqrt(np.mean((np.frombuffer(pcm, dtype="<i2") / 32768.0) ** 2)))


def test_speech_band_passes_and_what_a_phone_cannot_carry_is_removed() -> None:
    voice, rate = telephone(tone(1000), 22050)
    assert rate == LINE_RATE and len(voice) == 2 * LINE_RATE
    assert rms(voice) > 0.3
    assert rms(telephone(tone(100), 22050)[0]) < 0.02  # mains hum / deep bass gone
    assert rms(telephone(tone(6000), 22050)[0]) < 0.02  # sibilant highs gone


def test_the_effect_is_deterministic_and_silence_gets_a_little_line_noise() -> None:
    assert telephone(tone(800), 22050) == telephone(tone(800), 22050)
    hiss = rms(telephone(b"\x00\x00" * 22050, 22050)[0])
    assert 0.0005 < hiss < 0.01


def test_mu_law_keeps_quiet_sounds_finer_than_loud_ones() -> None:
    x = np.array([0.001, 0.01, 0.5, 0.9])
    error = np.abs(mu_law_round_trip(x) - x)
    assert error[0] < error[2] and np.all(error / x < 0.1)
