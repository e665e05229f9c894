"""Audio checks: what a trainee's browser or a command line may hand the recogniser."""

from __future__ import annotations

import struct

import pytest

from simulator.voice.audio import AudioError, PcmGuard, pcm_to_wav, read_wav, validate_wav


def make_wav(seconds: float = 1.0, rate: int = 16000, channels: int = 1, width: int = 2, encoding: int = 1) -> bytes:
    """Build a WAV of silence with any header fields."""
    pcm = b"\x01\x00" * int(seconds * rate) * channels if width == 2 else b"\x80" * int(seconds * rate) * channels
    block = channels * width
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(pcm), b"WAVE", b"fmt ", 16, encoding, channels, rate,
        rate * block, block, width * 8, b"data", len(pcm),
    )  # fmt: skip
    return header + pcm


def test_a_16k_mono_wav_passes_with_its_duration() -> None:
    audio = validate_wav(make_wav(2.5), expected_rate=16000)
    assert audio.sample_rate == 16000
    assert audio.duration_s == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("data", "kwargs", "message"),
    [
        (b"", {}, "leeg bestand"),
        (b"hello world, not audio at all", {}, "geen WAV-bestand"),
        (make_wav(width=1), {}, "8-bit audio"),
        (make_wav(channels=2), {}, "2 kanalen"),
        (make_wav(encoding=3), {}, "geen PCM-audio"),
        (make_wav(rate=22050), {"expected_rate": 16000}, "22050 Hz; verwacht 16000 Hz"),
        (make_wav(rate=12345), {}, "12345 Hz wordt niet ondersteund"),
        (make_wav(61), {}, "te lang"),
        (make_wav(0), {}, "geen geluid"),
        (make_wav(10), {"max_bytes": 1000}, "te groot"),
        (make_wav()[:30], {}, "beschadigde WAV-kop"),
        (make_wav(1.0)[:-1000], {}, "afgebroken WAV-bestand"),
    ],
    ids=["empty", "not-wav", "8-bit", "stereo", "float", "wrong-rate", "odd-rate", "too-long", "no-samples",
         "too-big", "truncated-header", "truncated-data"],
)  # fmt: skip
def test_unusable_audio_is_refused_with_the_reason(data: bytes, kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(AudioError, match=message):
        validate_wav(data, source="upload.wav", **kwargs)


def test_the_open_ended_header_of_a_streaming_writer_is_read_as_what_arrived() -> None:
    real = make_wav(0.5, rate=22050)
    streamed = real[:4] + struct.pack("<I", 0x7FFFF024) + real[8:40] + struct.pack("<I", 0x7FFFF000) + real[44:]
    audio = read_wav(streamed)
    assert audio.pcm == real[44:]
    assert audio.duration_s == pytest.approx(0.5)


def test_pcm_to_wav_round_trips() -> None:
    pcm = bytes(range(200))
    assert read_wav(pcm_to_wav(pcm, 16000)).pcm == pcm


def test_a_stream_refuses_half_samples_and_an_utterance_over_the_limit() -> None:
    guard = PcmGuard(16000, max_seconds=1.0)
    guard.check(b"\x00" * 16000)
    assert guard.seconds == pytest.approx(0.5)
    with pytest.raises(AudioError, match="oneven"):
        guard.check(b"\x00" * 3)
    with pytest.raises(AudioError, match="langer dan 1 s"):
        guard.check(b"\x00" * 16002)


def test_a_stream_at_an_unsupported_rate_is_refused() -> None:
    with pytest.raises(AudioError, match="7000 Hz"):
        PcmGuard(7000)
