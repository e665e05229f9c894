"""Choosing the caller's voice: persona × language × caller gender → a :class:`VoiceProfile`.

The persona file sets speed, pitch and an espeak-ng variant (``params.voice``); this module adds the
language voice (espeak-ng has no Flemish voice, so Dutch callers use ``nl``; French callers are
Belgian, ``fr-be``), swaps the variant to the caller's gender, and gives each persona its melody:
the angry caller speaks with a wide pitch range, the sysadmin nearly flat.
"""

from __future__ import annotations

from typing import Protocol

from simulator.voice.ports import Gender, VoiceError, VoiceProfile

#: The espeak-ng voice per exercise language.
ESPEAK_VOICES: dict[str, str] = {"nl": "nl", "fr": "fr-be", "en": "en"}
#: Every espeak-ng voice this project relies on (checked at start-up by the adapters).
REQUIRED_VOICES: tuple[str, ...] = ("nl", "fr-be", "fr", "en", "en-us")
MALE_VARIANTS: tuple[str, ...] = ("m1", "m2", "m3", "m4", "m5", "m6", "m7")
FEMALE_VARIANTS: tuple[str, ...] = ("f1", "f2", "f3", "f4", "f5")
#: Pitch range (0 monotone, 50 normal, 100 wide) per persona; unknown personas speak normally.
PERSONA_PITCH_RANGE: dict[str, int] = {"angry": 85, "novice": 60, "sysadmin": 10}


class VoiceSettings(Protocol):
    """The persona's ``params.voice`` (``simulator.conversation.persona.VoiceSpec`` fits)."""

    @property
    def rate(self) -> int: ...

    @property
    def pitch(self) -> int: ...

    @property
    def variant(self) -> str: ...


def variant_for_gender(variant: str, gender: Gender) -> str:
    """Return ``variant`` when it suits the caller's gender, else its counterpart of the same number."""
    own, other = (FEMALE_VARIANTS, MALE_VARIANTS) if gender == "female" else (MALE_VARIANTS, FEMALE_VARIANTS)
    if variant in own:
        return variant
    if variant in other:
        number = int(variant[1:])
        return own[(number - 1) % len(own)]
    return own[0] if not variant else variant


def voice_profile(persona_id: str, settings: VoiceSettings, lang: str, gender: Gender) -> VoiceProfile:
    """Return the voice of a caller played by ``persona_id`` in ``lang``."""
    try:
        voice = ESPEAK_VOICES[lang]
    except KeyError:
        raise VoiceError(f"geen stem voor taal {lang!r} (kies uit {', '.join(ESPEAK_VOICES)})") from None
    return VoiceProfile(
        lang=lang,
        voice=voice,
        variant=variant_for_gender(settings.variant, gender),
        rate=settings.rate,
        pitch=settings.pitch,
        pitch_range=PERSONA_PITCH_RANGE.get(persona_id, 50),
        gender=gender,
    )


def default_gender(settings: VoiceSettings) -> Gender:
    """Return the gender the persona's own variant suggests (male when it does not say)."""
    return "female" if settings.variant in FEMALE_VARIANTS else "male"
