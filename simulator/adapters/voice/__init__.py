"""Voice engines behind the ports of ``simulator.voice``: espeak-ng, pyttsx3, Piper, vosk, faster-whisper, models.

Every engine library is imported lazily, inside the adapter that needs it, so the rest of the
application starts (and runs in text mode) where none of them is installed.
"""

from __future__ import annotations

from pathlib import Path

from simulator.voice.ports import Gender, SpeechRecognizer, SpeechSynthesizer, VoiceProfile
from simulator.voice.profiles import VoiceSettings

ENGINES = ("auto", "espeak", "piper", "pyttsx3")


def make_synthesizer(
    engine: str = "espeak", *, cache: bool = True, cache_folder: Path | None = None, telephone: bool = False
) -> SpeechSynthesizer:
    """Return the synthesizer for ``engine`` behind the WAV cache, optionally heard through a telephone line.

    ``auto`` is Piper for every caller it has an installed voice for and espeak-ng for the rest;
    ``piper`` is the same but fails when Piper is not installed; ``espeak`` and ``pyttsx3`` never use Piper.
    """
    inner: SpeechSynthesizer
    if engine in ("auto", "piper", "espeak"):
        from simulator.adapters.voice.espeak import EspeakSynthesizer

        inner = EspeakSynthesizer()
        if engine != "espeak":
            from simulator.adapters.voice.piper_engine import CallerSynthesizer, PiperSynthesizer
            from simulator.voice.ports import VoiceUnavailable

            try:
                piper: PiperSynthesizer | None = PiperSynthesizer()
            except VoiceUnavailable:
                if engine == "piper":
                    raise
                piper = None
            inner = CallerSynthesizer(inner, piper)
    elif engine == "pyttsx3":
        from simulator.adapters.voice.pyttsx3_engine import Pyttsx3Synthesizer

        inner = Pyttsx3Synthesizer()
    else:
        raise ValueError(f"onbekende TTS-motor {engine!r} (kies uit {', '.join(ENGINES)})")
    if telephone:
        from simulator.adapters.voice.telephone import TelephoneSynthesizer

        inner = TelephoneSynthesizer(inner)
    if not cache:
        return inner
    from simulator.adapters.voice.cache import CachedSynthesizer

    return CachedSynthesizer(inner, cache_folder)


def caller_profile(persona_id: str, settings: VoiceSettings, lang: str, gender: Gender) -> VoiceProfile:
    """Return the caller's voice: espeak-ng settings from the persona, plus the installed Piper voice that fits."""
    from simulator.adapters.voice import piper_voices
    from simulator.adapters.voice.models import models_dir
    from simulator.voice.neural import voice_map, with_neural
    from simulator.voice.profiles import voice_profile

    profile = voice_profile(persona_id, settings, lang, gender)
    mapping = voice_map(models_dir() / "caller-voices.yaml")
    return with_neural(profile, persona_id, frozenset(piper_voices.usable()), mapping)


def make_recognizer(lang: str | None = None, model_path: Path | None = None) -> SpeechRecognizer:
    """Return the recogniser for an explicit vosk model folder, or the one the admin chose for ``lang``."""
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    if model_path is not None:
        return VoskRecognizer(model_path)
    from simulator.adapters.voice.asr_choice import current_choice, reason_text
    from simulator.voice.ports import VoiceUnavailable

    choice = current_choice(lang or "")
    if choice.engine is None:
        raise VoiceUnavailable(f"geen spraakherkenning voor '{lang}': {reason_text(choice)}")
    return make_engine(choice.engine, lang or "", choice.model)


def make_engine(engine: str, lang: str, model: str = "") -> SpeechRecognizer:
    """Return the installed recogniser of ``engine`` for ``lang`` (``model``: a whisper size)."""
    if engine == "whisper":
        from simulator.adapters.voice.whisper_engine import WhisperRecognizer
        from simulator.adapters.voice.whisper_models import require_model as require_whisper

        return WhisperRecognizer(require_whisper(model or None), lang)
    from simulator.adapters.voice.models import require_model
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    return VoskRecognizer(require_model(lang))
