"""Audio in and out of the voice ports: 16-bit mono PCM, WAV files, and the checks on what users send.

Everything a trainee's browser or a command line hands us goes through :func:`validate_wav` or a
:class:`PcmGuard` first, so a wrong format, an empty file or an hour-long upload becomes a clear
message (a 4xx in the web app, exit code 2 on the command line) and never reaches an engine.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from simulator.voice.ports import VoiceError

MAX_UTTERANCE_S = 60.0
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
RECOGNIZER_RATE = 16000
ALLOWED_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
#: A data size from here up (or 0) is a streaming writer's "until the end" (espeak-ng writes 0x7FFFF000).
OPEN_ENDED_SIZE = 0x7F000000


class AudioError(VoiceError, ValueError):
    """Audio that cannot be used, with the reason in words a trainee or instructor understands."""


@dataclass(frozen=True)
class PcmAudio:
    """Raw samples with their format."""

    pcm: bytes
    sample_rate: int
    channels: int = 1
    sample_width: int = 2

    @property
    def duration_s(self) -> float:
        """Return the length in seconds."""
        return pcm_duration(len(self.pcm), self.sample_rate, self.channels, self.sample_width)


def pcm_duration(n_bytes: int, sample_rate: int, channels: int = 1, sample_width: int = 2) -> float:
    """Return how many seconds ``n_bytes`` of PCM last."""
    return n_bytes / float(sample_rate * channels * sample_width)


def pcm_to_wav(pcm: bytes, sample_rate: int, channels: int = 1, sample_width: int = 2) -> bytes:
    """Wrap PCM samples in a canonical 44-byte WAV header."""
    block = channels * sample_width
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm),
        b"WAVE",
        b"fmt ",
        16,
        1,
        channels,
        sample_rate,
        sample_rate * block,
        block,
        sample_width * 8,
        b"data",
        len(pcm),
    )
    return header + pcm


def read_wav(data: bytes, source: str = "audio") -> PcmAudio:
    """Parse a PCM WAV, tolerating the open-ended sizes streaming writers (espeak-ng --stdout) put in."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioError(f"{source}: geen WAV-bestand (RIFF/WAVE-kop ontbreekt)")
    pos, fmt = 12, None
    while pos + 8 <= len(data):
        chunk_id, size = struct.unpack("<4sI", data[pos : pos + 8])
        body = pos + 8
        if chunk_id == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise AudioError(f"{source}: beschadigde WAV-kop (fmt)")
            fmt = struct.unpack("<HHIIHH", data[body : body + 16])
        elif chunk_id == b"data":
            if fmt is None:
                raise AudioError(f"{source}: beschadigde WAV-kop (data vóór fmt)")
            encoding, channels, rate, _, _, bits = fmt
            if encoding != 1:
                raise AudioError(f"{source}: geen PCM-audio (WAV-codering {encoding}); verwacht 16-bit PCM")
            available = len(data) - body
            if 0 < size < OPEN_ENDED_SIZE and size > available:
                announced = f"de kop kondigt {size} bytes audio aan, er kwamen er {available}"
                raise AudioError(f"{source}: afgebroken WAV-bestand ({announced})")
            pcm = data[body : min(len(data), body + size)]
            width = bits // 8
            usable = len(pcm) - len(pcm) % max(1, width * channels)
            return PcmAudio(pcm[:usable], rate, channels, width)
        pos = body + size + (size & 1)
    raise AudioError(f"{source}: geen audiogegevens (data-blok ontbreekt)")


def validate_wav(
    data: bytes,
    *,
    source: str = "audio",
    expected_rate: int | None = None,
    max_seconds: float = MAX_UTTERANCE_S,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> PcmAudio:
    """Return the audio if it is a usable 16-bit mono PCM WAV, else raise :class:`AudioError`."""
    if not data:
        raise AudioError(f"{source}: leeg bestand")
    if len(data) > max_bytes:
        raise AudioError(f"{source}: te groot ({len(data) // 1024} kB; maximum {max_bytes // 1024} kB)")
    audio = read_wav(data, source)
    if audio.sample_width != 2:
        raise AudioError(f"{source}: {audio.sample_width * 8}-bit audio; verwacht 16-bit PCM")
    if audio.channels != 1:
        raise AudioError(f"{source}: {audio.channels} kanalen; verwacht mono")
    check_rate(audio.sample_rate, source)
    if expected_rate is not None and audio.sample_rate != expected_rate:
        raise AudioError(f"{source}: {audio.sample_rate} Hz; verwacht {expected_rate} Hz")
    if not audio.pcm:
        raise AudioError(f"{source}: geen geluid (0 samples)")
    if audio.duration_s > max_seconds:
        raise AudioError(f"{source}: {audio.duration_s:.1f} s is te lang (maximum {max_seconds:.0f} s per beurt)")
    return audio


def check_rate(sample_rate: int, source: str = "audio") -> int:
    """Return ``sample_rate`` if recognisers accept it, else raise :class:`AudioError`."""
    if sample_rate not in ALLOWED_RATES:
        allowed = ", ".join(str(r) for r in ALLOWED_RATES)
        raise AudioError(f"{source}: samplefrequentie {sample_rate} Hz wordt niet ondersteund ({allowed})")
    return sample_rate


class PcmGuard:
    """Check a live PCM stream chunk by chunk: whole samples, at most one utterance's length in all."""

    def __init__(self, sample_rate: int = RECOGNIZER_RATE, max_seconds: float = MAX_UTTERANCE_S) -> None:
        self.sample_rate = check_rate(sample_rate, "stream")
        self.max_bytes = int(max_seconds * sample_rate) * 2
        self.max_seconds = max_seconds
        self.received = 0

    def check(self, chunk: bytes) -> bytes:
        """Return the chunk if it may be fed to the recogniser, else raise :class:`AudioError`."""
        if len(chunk) % 2:
            raise AudioError("stream: stuk met een oneven aantal bytes; verwacht 16-bit PCM")
        self.received += len(chunk)
        if self.received > self.max_bytes:
            raise AudioError(f"stream: beurt langer dan {self.max_seconds:.0f} s")
        return chunk

    @property
    def seconds(self) -> float:
        """Return how much audio the stream has carried so far."""
        return pcm_duration(self.received, self.sample_rate)
