"""A WAV cache in front of any synthesizer, keyed by the content hash of text, voice and engine.

The same caller line in the same voice is spoken in every session of a class; after the first time
it is one file read. Files are written to a temporary name and renamed, so thirty trainees asking for
the same line at once never see half a file. The folder is ``EERSTELIJN_CACHE`` when set, else
``~/.cache/eerstelijn/tts`` (``XDG_CACHE_HOME`` respected).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from simulator.voice.audio import AudioError, read_wav
from simulator.voice.ports import SpeechSynthesizer, Synthesis, VoiceProfile


def cache_dir() -> Path:
    """Return the folder the synthesised WAV files are kept in."""
    override = os.environ.get("EERSTELIJN_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "eerstelijn" / "tts"


def cache_key(text: str, voice: VoiceProfile, engine_id: str) -> str:
    """Return the content hash that names a line's WAV file."""
    normalised = " ".join(text.split())
    return hashlib.sha256(f"{engine_id}\n{voice.key()}\n{normalised}".encode()).hexdigest()


class CachedSynthesizer:
    """Serve lines from the cache and synthesise (then store) only what is new."""

    def __init__(self, inner: SpeechSynthesizer, folder: Path | None = None) -> None:
        self.inner = inner
        self.folder = folder or cache_dir()

    @property
    def engine_id(self) -> str:
        """Return the wrapped engine's id."""
        return self.inner.engine_id

    def path_for(self, text: str, voice: VoiceProfile) -> Path:
        """Return where the line's WAV is (or would be) cached."""
        key = cache_key(text, voice, self.inner.engine_id)
        return self.folder / key[:2] / f"{key}.wav"

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Return the cached WAV if present, else synthesise and cache it."""
        path = self.path_for(text, voice)
        try:
            data = path.read_bytes()
            audio = read_wav(data, str(path))
            return Synthesis(data, round(audio.duration_s, 3), audio.sample_rate, cached=True)
        except (OSError, AudioError):
            pass  # not cached yet, or a damaged file: synthesise again and overwrite it
        result = self.inner.synthesize(text, voice)
        self._store(path, result.wav_bytes)
        return result

    def _store(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full cache must not stop the call; the line is simply not cached
