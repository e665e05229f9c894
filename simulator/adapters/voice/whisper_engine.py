"""Speech in through faster-whisper: one multilingual model per process, one utterance per stream.

Whisper does not stream: a stream collects the trainee's PCM (checked by a :class:`PcmGuard`, so at most
one 60 s utterance) and recognises it on ``finish()``. Every call forces the language of the exercise
(no language detection, which confuses Flemish with German on short lines), trims silence with the
model's VAD (``vad_filter``), runs int8 on a bounded number of threads, and keeps faster-whisper's
temperature fallback: without it, a hard line can loop on one phrase. ``condition_on_previous_text`` is
off, since an utterance is one short turn. Audio at any supported rate is resampled to 16 kHz.
The model's files are checked against their pinned SHA-256 once when it loads, so an altered file is
reported by name instead of producing nonsense.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.adapters.voice import whisper_models
from simulator.voice.audio import RECOGNIZER_RATE, PcmGuard, check_rate
from simulator.voice.ports import Final, Partial, VoiceError, VoiceUnavailable, Word

#: Temperatures tried in turn when a decoding looks like a loop or is too unsure. faster-whisper's default
#: has six steps; three keep the rescue from loops while bounding the worst case to three decodings.
TEMPERATURES = (0.0, 0.4, 0.8)
#: At most this many tokens per second of audio (plus a few): a looping decoder stops early.
TOKENS_PER_SECOND = 6
PUNCTUATION = ".,!?;:\"'“”‘’()¿¡…"
_models: dict[tuple[Path, int], Any] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class WhisperSettings:
    """How the model runs: threads, beam, VAD; defaults suit one utterance on a small server."""

    cpu_threads: int = 2
    beam_size: int = 1
    vad_filter: bool = True
    min_silence_ms: int = 500
    temperatures: tuple[float, ...] = TEMPERATURES

    @classmethod
    def from_env(cls) -> WhisperSettings:
        """Return the settings with ``EERSTELIJN_ASR_THREADS`` applied (default 2, at most the cores)."""
        cores = os.cpu_count() or 1
        threads = int(os.environ.get("EERSTELIJN_ASR_THREADS", "2") or 2)
        return cls(cpu_threads=max(1, min(threads, cores)))


def _faster_whisper() -> Any:
    try:
        import faster_whisper  # type: ignore[import-untyped]
    except ImportError:
        raise VoiceUnavailable(
            "spraakherkenning met whisper is niet geïnstalleerd: pip install 'eerstelijn[whisper]'"
        ) from None
    return faster_whisper


def load_model(path: Path, cpu_threads: int) -> Any:
    """Load a model folder once per process (checked against its pins first) and share it between streams."""
    key = (path.resolve(), cpu_threads)
    with _lock:
        if key not in _models:
            size, problems = whisper_models.verify(key[0])
            if problems:
                raise VoiceUnavailable(f"whisper-model {path} is beschadigd: {'; '.join(problems)}")
            module = _faster_whisper()
            try:
                _models[key] = module.WhisperModel(
                    str(key[0]), device="cpu", compute_type="int8", cpu_threads=cpu_threads, local_files_only=True
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise VoiceUnavailable(f"whisper-model {path} ({size}) laadt niet: {exc}") from None
        return _models[key]


class WhisperRecognizer:
    """A faster-whisper model for one language; ``open_stream`` gives each trainee utterance its buffer."""

    engine = "whisper"

    def __init__(self, model_path: Path, lang: str, settings: WhisperSettings | None = None) -> None:
        self.model_path = Path(model_path)
        self.lang = lang
        self.settings = settings or WhisperSettings.from_env()
        self.model = load_model(self.model_path, self.settings.cpu_threads)

    def open_stream(
        self, sample_rate: int = RECOGNIZER_RATE, phrases: Sequence[str] = (), *, closed: bool = False
    ) -> WhisperStream:
        """Open a stream; ``phrases`` become a hint (hotwords); whisper cannot restrict itself to a list."""
        check_rate(sample_rate, "stream")
        return WhisperStream(self, sample_rate, tuple(phrases))

    def transcribe(self, pcm: bytes, sample_rate: int, phrases: Sequence[str] = ()) -> Final:
        """Recognise one whole utterance of 16-bit mono PCM."""
        import numpy as np

        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        if sample_rate != RECOGNIZER_RATE and samples.size:
            n = max(1, round(samples.size * RECOGNIZER_RATE / sample_rate))
            samples = np.interp(np.linspace(0, samples.size - 1, n), np.arange(samples.size), samples)
            samples = samples.astype(np.float32)
        if samples.size < RECOGNIZER_RATE // 10:
            return Final("")
        s = self.settings
        try:
            segments, _info = self.model.transcribe(
                samples,
                language=self.lang,
                beam_size=s.beam_size,
                temperature=list(s.temperatures),
                vad_filter=s.vad_filter,
                vad_parameters={"min_silence_duration_ms": s.min_silence_ms},
                condition_on_previous_text=False,
                word_timestamps=True,
                max_new_tokens=min(440, 10 + int(TOKENS_PER_SECOND * samples.size / RECOGNIZER_RATE)),
                hotwords=" ".join(phrases) or None,
            )
            words, texts = [], []
            for segment in segments:
                texts.append(segment.text.strip())
                for w in segment.words or ():
                    token = str(w.word).strip().strip(PUNCTUATION)
                    words.append(
                        Word(token, round(float(w.start), 3), round(float(w.end), 3), round(float(w.probability), 3))
                    )
        except (RuntimeError, ValueError) as exc:
            raise VoiceError(f"whisper kon de beurt niet herkennen: {exc}") from None
        return Final(" ".join(t for t in texts if t), tuple(w for w in words if w.word))


class WhisperStream:
    """One utterance: PCM is collected, recognised at ``finish``."""

    def __init__(self, recognizer: WhisperRecognizer, sample_rate: int, phrases: tuple[str, ...]) -> None:
        self._recognizer = recognizer
        self.sample_rate = sample_rate
        self._phrases = phrases
        self._guard = PcmGuard(sample_rate)
        self._pcm = bytearray()
        self._closed = False

    def accept(self, pcm: bytes) -> Partial | Final | None:
        """Collect a chunk (whisper gives no partial results)."""
        if self._closed:
            raise VoiceError("deze herkenningsstroom is al afgesloten")
        self._pcm += self._guard.check(pcm)
        return None

    def finish(self) -> Final:
        """Recognise everything collected and close the stream."""
        if self._closed:
            raise VoiceError("deze herkenningsstroom is al afgesloten")
        self._closed = True
        return self._recognizer.transcribe(bytes(self._pcm), self.sample_rate, self._phrases)
