"""Which recogniser serves a language: the admin's choice, or the best one installed.

The admin sets an engine per language (``eerstelijn models use nl whisper-base``): ``vosk`` (streaming
partial results, needs that language's vosk model), ``whisper`` or ``whisper-SIZE`` (one multilingual
model, recognises at the end of the utterance), or ``auto``. Auto takes vosk where its model is installed
(partials let the caller be interrupted), else whisper. A choice that cannot run here is reported with a
reason code, never silently replaced: the admin asked for that engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Engine = Literal["vosk", "whisper"]
ENGINES: tuple[Engine, ...] = ("vosk", "whisper")
WHISPER_SIZES = ("tiny", "base", "small")


@dataclass(frozen=True)
class Available:
    """What is installed here: vosk models per language, whisper sizes, and which engine libraries import."""

    vosk_languages: frozenset[str] = frozenset()
    whisper_sizes: tuple[str, ...] = ()
    vosk_library: bool = True
    whisper_library: bool = True


@dataclass(frozen=True)
class Choice:
    """The recogniser of one language: engine and model (a whisper size, or '' for vosk), or why there is none."""

    lang: str
    engine: Engine | None
    model: str = ""
    configured: bool = False
    reason: str = ""

    @property
    def label(self) -> str:
        """Return ``whisper-base``, ``vosk`` or ``-``."""
        if self.engine is None:
            return "-"
        return f"{self.engine}-{self.model}" if self.model else self.engine


def parse_setting(value: str) -> tuple[str, str]:
    """Split ``whisper-small`` into ('whisper', 'small'); raise ValueError for an unknown setting."""
    value = value.strip().lower()
    if value in ("auto", "vosk", "whisper"):
        return value, ""
    engine, _, size = value.partition("-")
    if engine == "whisper" and size in WHISPER_SIZES:
        return engine, size
    raise ValueError(value)


def choose(lang: str, settings: Mapping[str, str], available: Available) -> Choice:
    """Return the recogniser for ``lang`` under the admin's ``settings`` (language → setting)."""
    raw = settings.get(lang, "auto")
    try:
        engine, size = parse_setting(raw)
    except ValueError:
        return Choice(lang, None, configured=True, reason="unknown_setting")
    configured = engine != "auto"
    if engine in ("auto", "vosk") and lang in available.vosk_languages and available.vosk_library:
        return Choice(lang, "vosk", configured=configured)
    if engine == "vosk":
        return Choice(lang, None, configured=True, reason="no_vosk_model" if available.vosk_library else "no_vosk")
    if not available.whisper_library:
        return Choice(lang, None, configured=configured, reason="no_whisper" if configured else "no_model")
    sizes = [size] if size else ["base", "small", "tiny"]
    found = next((s for s in sizes if s in available.whisper_sizes), None)
    if found is None:
        return Choice(lang, None, configured=configured, reason="no_whisper_model" if configured else "no_model")
    return Choice(lang, "whisper", found, configured=configured)
