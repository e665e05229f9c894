"""The two voice ports: speech out (synthesizer) and speech in (streaming recognizer).

Engines (espeak-ng, pyttsx3, vosk) live in ``simulator.adapters.voice``; the core and the web console
only see these shapes. A recognizer stream is fed raw 16-bit little-endian mono PCM in chunks of any
size (a WebSocket frame, a file block) and answers with a partial hypothesis, a final result at the
end of an utterance, or nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Gender = Literal["female", "male"]


class VoiceError(Exception):
    """A voice engine cannot do what was asked; the message says what and what to do."""


class VoiceUnavailable(VoiceError):
    """The engine or model is not installed here (the app falls back to text)."""


@dataclass(frozen=True)
class VoiceProfile:
    """How one caller sounds: an espeak-ng voice with variant, speed, pitch and pitch range."""

    lang: str
    voice: str
    variant: str = ""
    rate: int = 160
    pitch: int = 50
    pitch_range: int = 50
    gender: Gender = "male"
    #: The Piper voice that speaks this caller, or '' for espeak-ng (see ``simulator.voice.neural``).
    neural: str = ""

    @property
    def espeak_name(self) -> str:
        """Return the name espeak-ng selects the voice by (``nl+m3``)."""
        return f"{self.voice}+{self.variant}" if self.variant else self.voice

    def key(self) -> str:
        """Return a stable text form for cache keys."""
        base = f"{self.espeak_name}|r{self.rate}|p{self.pitch}|R{self.pitch_range}"
        return f"{base}|n{self.neural}" if self.neural else base


@dataclass(frozen=True)
class Synthesis:
    """A synthesised line: a complete WAV file and its length in seconds."""

    wav_bytes: bytes
    duration_s: float
    sample_rate: int
    cached: bool = False


class SpeechSynthesizer(Protocol):
    """Turn a line of text into speech in a given voice."""

    @property
    def engine_id(self) -> str:
        """Name and version of the engine, part of every cache key."""
        ...

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Return the WAV of ``text`` spoken by ``voice``."""
        ...


@dataclass(frozen=True)
class Word:
    """One recognised word with its place in the utterance (seconds from the stream's start)."""

    word: str
    start: float
    end: float
    conf: float = 1.0


@dataclass(frozen=True)
class Partial:
    """The recogniser's current guess while the trainee is still speaking."""

    text: str


@dataclass(frozen=True)
class Final:
    """A finished utterance: its text and word timings (empty text when only silence was heard)."""

    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)

    @property
    def start(self) -> float | None:
        """Return when the first word began, or None for silence."""
        return self.words[0].start if self.words else None

    @property
    def end(self) -> float | None:
        """Return when the last word ended, or None for silence."""
        return self.words[-1].end if self.words else None


class RecognitionStream(Protocol):
    """One utterance stream: feed PCM chunks, read partial and final results."""

    sample_rate: int

    def accept(self, pcm: bytes) -> Partial | Final | None:
        """Feed a chunk; return a new partial, a final at an end of utterance, or None."""
        ...

    def finish(self) -> Final:
        """Flush the stream and return the last utterance (the stream cannot be fed after this)."""
        ...


class SpeechRecognizer(Protocol):
    """A loaded recognition model that opens independent streams (one per trainee)."""

    def open_stream(
        self, sample_rate: int = 16000, phrases: Sequence[str] = (), *, closed: bool = False
    ) -> RecognitionStream:
        """Open a stream; ``phrases`` are exercise words, and with ``closed`` the only words allowed."""
        ...
