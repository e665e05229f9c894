"""Voice for calls: the speech ports, caller voices, audio checks, turn-taking and recordings policy.

Engines live in ``simulator.adapters.voice``; this package imports none of them.
"""

from simulator.voice.audio import AudioError, PcmAudio, PcmGuard, pcm_to_wav, read_wav, validate_wav
from simulator.voice.ports import (
    Final,
    Partial,
    RecognitionStream,
    SpeechRecognizer,
    SpeechSynthesizer,
    Synthesis,
    VoiceError,
    VoiceProfile,
    VoiceUnavailable,
    Word,
)
from simulator.voice.profiles import voice_profile

__all__ = [
    "AudioError",
    "Final",
    "Partial",
    "PcmAudio",
    "PcmGuard",
    "RecognitionStream",
    "SpeechRecognizer",
    "SpeechSynthesizer",
    "Synthesis",
    "VoiceError",
    "VoiceProfile",
    "VoiceUnavailable",
    "Word",
    "pcm_to_wav",
    "read_wav",
    "validate_wav",
    "voice_profile",
]
