"""The admin's recogniser per language, stored in ``<models dir>/engines.yaml``, and what is installed here.

``eerstelijn models use LANG SETTING`` writes the file; ``EERSTELIJN_ASR`` (``nl=whisper-base,en=vosk``)
overrides it for one process. :func:`current_choice` asks :func:`simulator.voice.choice.choose`.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import yaml

from simulator.adapters.voice import models, whisper_models
from simulator.voice.choice import Available, Choice, choose, parse_setting
from simulator.voice.ports import VoiceError

FILE = "engines.yaml"
LANGUAGES = ("nl", "fr", "en")


def settings_file(folder: Path | None = None) -> Path:
    """Return the file that holds the admin's choices."""
    return (folder or models.models_dir()) / FILE


def settings(folder: Path | None = None) -> dict[str, str]:
    """Return language → setting: the file, then ``EERSTELIJN_ASR`` on top."""
    found: dict[str, str] = {}
    path = settings_file(folder)
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise VoiceError(f"{path}: onleesbaar ({exc})") from None
        engines = data.get("engines", {}) if isinstance(data, dict) else {}
        found.update({str(k): str(v) for k, v in (engines or {}).items()})
    for item in os.environ.get("EERSTELIJN_ASR", "").split(","):
        lang, _, value = item.partition("=")
        if lang.strip() and value.strip():
            found[lang.strip()] = value.strip()
    return found


def save_setting(lang: str, value: str, folder: Path | None = None) -> Path:
    """Store the admin's setting for ``lang`` (checked first)."""
    try:
        parse_setting(value)
    except ValueError:
        raise VoiceError(f"onbekende keuze '{value}' (auto, vosk, whisper, whisper-tiny|base|small)") from None
    path = settings_file(folder)
    current = {k: v for k, v in settings(folder).items() if k in LANGUAGES}
    current[lang] = value.strip().lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"version": 1, "engines": dict(sorted(current.items()))}
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return path


def available(folder: Path | None = None) -> Available:
    """Return what is installed here."""
    vosk_langs = frozenset(m.lang for m in models.installed_models(folder) if not m.missing)
    sizes = tuple(m.size for m in whisper_models.installed(folder) if not m.problems)
    return Available(
        vosk_languages=vosk_langs,
        whisper_sizes=sizes,
        vosk_library=importlib.util.find_spec("vosk") is not None,
        whisper_library=importlib.util.find_spec("faster_whisper") is not None,
    )


def current_choice(lang: str, folder: Path | None = None) -> Choice:
    """Return the recogniser ``lang`` uses here."""
    return choose(lang, settings(folder), available(folder))


#: What each reason code means, for the command line and the console.
REASONS = {
    "unknown_setting": "onbekende keuze in engines.yaml",
    "no_vosk_model": "geen vosk-model (eerstelijn models fetch {lang})",
    "no_vosk": "vosk is niet geïnstalleerd (pip install 'eerstelijn[voice]')",
    "no_whisper": "faster-whisper is niet geïnstalleerd (pip install 'eerstelijn[whisper]')",
    "no_whisper_model": "geen whisper-model (eerstelijn models fetch whisper-base)",
    "no_model": "geen model; installeer er een met: eerstelijn models fetch whisper-base (alle talen) "
    "of eerstelijn models fetch {lang} (vosk)",
}


def reason_text(choice: Choice) -> str:
    """Return why ``choice`` has no engine, in words."""
    return REASONS.get(choice.reason, choice.reason).format(lang=choice.lang)
