"""Natural caller voices: persona × language × gender → the Piper voice to use, or none (espeak-ng then).

The mapping is data (``data/caller-voices.yaml``, overridable by the admin); this module only decides,
given which voices are installed, so the same caller always gets the same voice on the same machine.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from simulator.content.yamlfile import read_yaml, validate
from simulator.voice.ports import Gender, VoiceProfile

SHIPPED = Path(__file__).resolve().parent / "data" / "caller-voices.yaml"
#: The espeak-ng speed that Piper's own pace corresponds to (length scale 1.0).
PIPER_BASE_RATE = 160

ByGender = dict[Gender, list[str]]


class VoiceMap(BaseModel):
    """Preferred Piper voices per language and gender, and per persona."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    voices: dict[str, ByGender]
    personas: dict[str, dict[str, ByGender]] = {}

    def merged(self, other: VoiceMap) -> VoiceMap:
        """Return this map with ``other``'s lists taking precedence per language, gender and persona."""
        voices = {lang: {**self.voices.get(lang, {}), **by} for lang, by in other.voices.items()}
        personas = {**self.personas, **other.personas}
        return VoiceMap(version=1, voices={**self.voices, **voices}, personas=personas)


@lru_cache(maxsize=8)
def load_map(path: Path = SHIPPED) -> VoiceMap:
    """Return the voice map in ``path`` (validated, with file:line on errors)."""
    return validate(read_yaml(path), VoiceMap)


def voice_map(admin_file: Path | None = None) -> VoiceMap:
    """Return the shipped map, with the admin's file on top when it exists."""
    shipped = load_map()
    if admin_file is not None and admin_file.is_file():
        return shipped.merged(load_map(admin_file))
    return shipped


def choose_neural(persona_id: str, lang: str, gender: Gender, installed: Collection[str], mapping: VoiceMap) -> str:
    """Return the first installed Piper voice for the caller, or '' for espeak-ng."""
    own = mapping.personas.get(persona_id, {}).get(lang, {}).get(gender, [])
    general = mapping.voices.get(lang, {}).get(gender, [])
    return next((name for name in [*own, *general] if name in installed), "")


def with_neural(profile: VoiceProfile, persona_id: str, installed: Collection[str], mapping: VoiceMap) -> VoiceProfile:
    """Return ``profile`` with its Piper voice set (or left empty)."""
    return replace(profile, neural=choose_neural(persona_id, profile.lang, profile.gender, installed, mapping))


def length_scale(rate: int) -> float:
    """Return Piper's length scale for an espeak-ng speed in words per minute (faster speech → shorter)."""
    return round(min(2.0, max(0.5, PIPER_BASE_RATE / max(rate, 1))), 3)
