"""The Piper part of ``eerstelijn models``: list, fetch, import and verify caller voices."""

from __future__ import annotations

from pathlib import Path

from simulator.adapters.voice import piper_voices
from simulator.adapters.voice.models import models_dir
from simulator.voice.neural import choose_neural, voice_map
from simulator.voice.ports import Gender

GENDERS: tuple[tuple[Gender, str], ...] = (("female", "vrouw"), ("male", "man"))


def list_voices() -> None:
    """Print the pinned and installed Piper voices with their licence."""
    print("Piper-stemmen (natuurlijke stem van de beller):")
    here = piper_voices.installed()
    for name, entry in piper_voices.catalogue().items():
        state = "niet geïnstalleerd" if name not in here else _state(here[name])
        print(f"  piper-{name:24} {entry.lang}/{entry.gender:6} {state}; licentie: {entry.licence}")
    for name, voice in here.items():
        if name not in piper_voices.catalogue():
            print(f"  piper-{name:24} {voice.lang:9} geïmporteerd, {_state(voice)}; licentie: {voice.licence}")


def _state(voice: piper_voices.InstalledVoice) -> str:
    return "volledig" if not voice.problems else "onvolledig"


def voice_summary(lang: str) -> str:
    """Return who speaks callers of ``lang`` here: the Piper voice per gender, else espeak-ng."""
    installed = frozenset(piper_voices.usable())
    mapping = voice_map(models_dir() / "caller-voices.yaml")
    parts = []
    for gender, word in GENDERS:
        name = choose_neural("", lang, gender, installed, mapping)
        parts.append(f"{word}: {'Piper ' + name if name else 'espeak-ng'}")
    return ", ".join(parts)


def fetch_voice(name: str, url: str | None, timeout_s: float) -> tuple[Path, bool]:
    """Download a pinned voice."""
    return piper_voices.fetch(name, base_url=url, timeout_s=timeout_s)


def import_voice(source: Path) -> int:
    """Install the voices in a folder and show each one's licence."""
    for path in piper_voices.import_voice(source):
        print(f"Geïnstalleerd (piper-{path.name}): {path}; licentie: {piper_voices.licence_of(path)}")
    return 0


def voice_problems(path: Path) -> list[str]:
    """Return what is wrong with one voice folder."""
    return piper_voices.problems_of(path)


def all_voice_problems() -> list[tuple[str, list[str]]]:
    """Return (folder, problems) for every installed voice, hashes included."""
    return [(str(v.path), piper_voices.problems_of(v.path)) for v in piper_voices.installed().values()]
