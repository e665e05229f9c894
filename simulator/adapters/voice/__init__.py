"""Voice engines behind the ports of ``simulator.voice``: espeak-ng, pyttsx3, vosk, and the model manager.

Every engine library is imported lazily, inside the adapter that needs it, so the rest of the
application starts (and runs in text mode) where none of them is installed.
"""

from __future__ import annotations

from pathlib import Path

from simulator.voice.ports import SpeechRecognizer, SpeechSynthesizer

ENGINES = ("espeak", "pyttsx3")


def make_synthesizer(
    engine: str = "espeak", *, cache: bool = True, cache_folder: Path | None = None
) -> SpeechSynthesizer:
    """Return the synthesizer for ``engine`` (espeak-ng subprocess by default), behind the WAV cache."""
    inner: SpeechSynthesizer
    if engine == "espeak":
        from simulator.adapters.voice.espeak import EspeakSynthesizer

        inner = EspeakSynthesizer()
    elif engine == "pyttsx3":
        from simulator.adapters.voice.pyttsx3_engine import Pyttsx3Synthesizer

        inner = Pyttsx3Synthesizer()
    else:
        raise ValueError(f"onbekende TTS-motor {engine!r} (kies uit {', '.join(ENGINES)})")
    if not cache:
        return inner
    from simulator.adapters.voice.cache import CachedSynthesizer

    return CachedSynthesizer(inner, cache_folder)


def make_recognizer(lang: str | None = None, model_path: Path | None = None) -> SpeechRecognizer:
    """Return a vosk recognizer for an explicit model folder, or for the installed model of ``lang``."""
    from simulator.adapters.voice.models import require_model
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    path = model_path if model_path is not None else require_model(lang or "")
    return VoskRecognizer(path)
