"""The caller's voice as a telephone line carries it: 300–3400 Hz, 8 kHz, μ-law, a little line noise.

Optional (``VOICE_TELEPHONE`` in the web app, ``voice say --telephone``): it makes a call sound like a
call, and it is the sound trainees will hear at work. Deterministic: the noise is seeded from the audio
itself, so the same line always sounds the same (and caches). numpy only.
"""

from __future__ import annotations

import hashlib

import numpy as np

from simulator.voice.audio import pcm_to_wav, read_wav
from simulator.voice.ports import SpeechSynthesizer, Synthesis, VoiceProfile

LINE_RATE = 8000
LOW_HZ, HIGH_HZ = 300.0, 3400.0
MU = 255.0
#: Line hiss level relative to full scale (about −50 dBFS).
NOISE_LEVEL = 0.003


def band_limit(samples: np.ndarray, rate: int, low: float = LOW_HZ, high: float = HIGH_HZ) -> np.ndarray:
    """Return ``samples`` with everything outside ``low``–``high`` Hz removed (FFT mask with soft edges)."""
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(samples.size, 1.0 / rate)
    edge = 50.0
    gain = np.clip((freqs - (low - edge)) / edge, 0, 1) * np.clip(((high + edge) - freqs) / edge, 0, 1)
    limited: np.ndarray = np.fft.irfft(spectrum * gain, n=samples.size)
    return limited


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Return ``samples`` at ``target`` Hz (linear interpolation; band-limit first when going down)."""
    if rate == target or samples.size == 0:
        return samples
    n = max(1, round(samples.size * target / rate))
    resampled: np.ndarray = np.interp(np.linspace(0, samples.size - 1, n), np.arange(samples.size), samples)
    return resampled


def mu_law_round_trip(samples: np.ndarray) -> np.ndarray:
    """Return ``samples`` (−1…1) after 8-bit μ-law encoding and decoding, as a G.711 line does."""
    x = np.clip(samples, -1.0, 1.0)
    encoded = np.sign(x) * np.log1p(MU * np.abs(x)) / np.log1p(MU)
    quantised = np.round((encoded + 1) * 127.5) / 127.5 - 1
    decoded: np.ndarray = np.sign(quantised) * np.expm1(np.abs(quantised) * np.log1p(MU)) / MU
    return decoded


def telephone(pcm: bytes, rate: int) -> tuple[bytes, int]:
    """Return (PCM, 8000) of 16-bit mono ``pcm`` as heard over a telephone line."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    line = resample(band_limit(samples, rate), rate, LINE_RATE)
    seed = int.from_bytes(hashlib.sha256(pcm).digest()[:8], "little")
    line = line + np.random.default_rng(seed).normal(0.0, NOISE_LEVEL, line.size)
    line = mu_law_round_trip(line)
    return (np.clip(line, -1, 1) * 32767).astype("<i2").tobytes(), LINE_RATE


class TelephoneSynthesizer:
    """Any synthesizer, heard through a telephone line."""

    def __init__(self, inner: SpeechSynthesizer) -> None:
        self.inner = inner

    @property
    def engine_id(self) -> str:
        """Return the inner engine's id with the line effect (so the cache keeps both apart)."""
        return f"{self.inner.engine_id}+telephone1"

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Return the line as the trainee hears it on the phone."""
        spoken = self.inner.synthesize(text, voice)
        audio = read_wav(spoken.wav_bytes, "tts")
        pcm, rate = telephone(audio.pcm, audio.sample_rate)
        return Synthesis(pcm_to_wav(pcm, rate), round(len(pcm) / 2 / rate, 3), rate)
