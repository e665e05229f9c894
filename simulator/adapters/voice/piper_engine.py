"""Speech out through Piper (neural voices), with espeak-ng for every caller Piper has no voice for.

Piper runs in-process on onnxruntime: a voice loads once (about 60 MB) and speaks a 15-word line in
a few hundred ms on one core. Its phonemiser is espeak-ng's library with one global state, so lines are
synthesised one at a time per process (a lock); espeak-ng, one process per line, has no such limit.
:class:`CallerSynthesizer` is what the application uses: a profile whose ``neural`` names an installed
voice is spoken by Piper at the persona's pace, any other by espeak-ng; when Piper fails on a line it
falls back to espeak-ng, so the caller always speaks.
"""

from __future__ import annotations

import threading
import wave
from importlib.metadata import PackageNotFoundError, version
from io import BytesIO
from pathlib import Path
from typing import Any

from simulator.adapters.voice import piper_voices
from simulator.voice.audio import pcm_to_wav
from simulator.voice.neural import length_scale
from simulator.voice.ports import SpeechSynthesizer, Synthesis, VoiceError, VoiceProfile, VoiceUnavailable

MAX_TEXT_CHARS = 2000


def _piper() -> Any:
    try:
        import piper
    except ImportError:
        raise VoiceUnavailable("Piper is niet geïnstalleerd: pip install 'eerstelijn[piper]'") from None
    return piper


class PiperSynthesizer:
    """Speak with the installed Piper voices (loaded on first use, one line at a time)."""

    def __init__(self, folder: Path | None = None) -> None:
        _piper()
        self.folder = folder
        self._voices: dict[str, Any] = {}
        self._lock = threading.Lock()
        try:
            self._engine_id = f"piper-tts/{version('piper-tts')}"
        except PackageNotFoundError:  # pragma: no cover - installed from source
            self._engine_id = "piper-tts/unknown"

    @property
    def engine_id(self) -> str:
        """Return the engine name and version."""
        return self._engine_id

    def available(self) -> frozenset[str]:
        """Return the names of the complete voices installed here."""
        return frozenset(piper_voices.usable(self.folder))

    def _voice(self, name: str) -> Any:
        if name not in self._voices:
            found = piper_voices.usable(self.folder).get(name)
            if found is None:
                raise VoiceUnavailable(f"Piper-stem {name} is niet (volledig) geïnstalleerd")
            problems = piper_voices.problems_of(found.path)
            if problems:
                raise VoiceUnavailable(f"Piper-stem {name} is beschadigd: {'; '.join(problems)}")
            try:
                self._voices[name] = _piper().PiperVoice.load(str(found.onnx))
            except Exception as exc:  # onnxruntime raises its own exception types for a damaged model
                raise VoiceUnavailable(f"Piper-stem {name} laadt niet: {exc}") from None
        return self._voices[name]

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Return the WAV of ``text`` in the profile's Piper voice."""
        if not voice.neural:
            raise VoiceError("dit stemprofiel heeft geen Piper-stem")
        if not text.strip():
            raise VoiceError("lege tekst: niets om uit te spreken")
        if len(text) > MAX_TEXT_CHARS:
            raise VoiceError(f"tekst te lang om uit te spreken ({len(text)} tekens, maximum {MAX_TEXT_CHARS})")
        config = _piper().SynthesisConfig(length_scale=length_scale(voice.rate))
        buffer = BytesIO()
        with self._lock:
            model = self._voice(voice.neural)
            try:
                with wave.open(buffer, "wb") as out:
                    model.synthesize_wav(" ".join(text.split()), out, syn_config=config)
            except Exception as exc:  # phonemiser or onnxruntime failure on this line
                raise VoiceError(f"Piper ({voice.neural}): {exc}") from None
        buffer.seek(0)
        with wave.open(buffer, "rb") as spoken:
            rate, pcm = spoken.getframerate(), spoken.readframes(spoken.getnframes())
        return Synthesis(pcm_to_wav(pcm, rate), round(len(pcm) / 2 / rate, 3), rate)


class CallerSynthesizer:
    """Piper for the callers it has a voice for, espeak-ng for the rest and whenever Piper fails."""

    def __init__(self, espeak: SpeechSynthesizer, piper: PiperSynthesizer | None) -> None:
        self.espeak = espeak
        self.piper = piper

    @property
    def engine_id(self) -> str:
        """Return both engines' ids (part of every cache key)."""
        return f"{self.espeak.engine_id}+{self.piper.engine_id}" if self.piper else self.espeak.engine_id

    def available(self) -> frozenset[str]:
        """Return the Piper voices installed here (none without Piper)."""
        return self.piper.available() if self.piper else frozenset()

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Speak with Piper when the profile names a voice, else (or on failure) with espeak-ng."""
        if voice.neural and self.piper is not None:
            try:
                return self.piper.synthesize(text, voice)
            except VoiceError:
                pass  # espeak-ng speaks the line instead (and says so itself if the text is the problem)
        return self.espeak.synthesize(text, voice)
