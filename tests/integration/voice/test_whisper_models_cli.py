"""The model manager for faster-whisper and the per-language engine choice, through the real command line."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve_folder


def cli(*args: str, models: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``eerstelijn`` in a child process with its own model folder."""
    environ = {**os.environ, "EERSTELIJN_MODELS": str(models), **env}
    environ.pop("EERSTELIJN_ASR", None)
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, env=environ)


@pytest.fixture
def mirror(whisper_base: Path) -> Iterator[str]:
    """Serve the joined base model over HTTP on localhost, standing in for the model hub."""
    with serve_folder(whisper_base) as url:
        yield url


def test_fetch_downloads_the_pinned_files_and_checks_every_hash(mirror: str, tmp_path: Path) -> None:
    done = cli("models", "fetch", "whisper-base", "--url", mirror, models=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "whisper" / "faster-whisper-base" / "model.bin").stat().st_size == 145217532
    again = cli("models", "fetch", "whisper-base", "--url", mirror, models=tmp_path)
    assert again.stdout.startswith("Al aanwezig")


def test_a_mirror_serving_other_bytes_installs_nothing(whisper_base: Path, tmp_path: Path, mirror: str) -> None:
    done = cli("models", "fetch", "whisper-tiny", "--url", mirror, models=tmp_path)  # base files, tiny's pins
    assert done.returncode == 1
    assert "klopt niet met de vastgelegde versie" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "whisper" / "faster-whisper-tiny").exists()


def test_fetch_offline_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = cli("models", "fetch", "whisper-small", "--url", f"http://127.0.0.1:{port}", models=tmp_path)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "geen verbinding" in done.stderr


def test_import_verify_and_an_altered_file(whisper_base: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    done = cli("models", "import", str(whisper_base), models=models)
    assert done.returncode == 0, done.stderr
    assert "whisper-base" in done.stdout
    installed = models / "whisper" / "faster-whisper-base"
    assert cli("models", "verify", models=models).stdout.strip().endswith("in orde")
    vocabulary = installed / "vocabulary.txt"
    data = bytearray(vocabulary.read_bytes())
    data[-2] ^= 1
    vocabulary.write_bytes(bytes(data))
    checked = cli("models", "verify", models=models)
    assert checked.returncode == 1
    assert "vocabulary.txt: sha256 klopt niet" in checked.stdout
    refused = cli("models", "import", str(installed), models=tmp_path / "other")
    assert refused.returncode == 1 and "vocabulary.txt" in refused.stderr


def test_import_refuses_a_model_that_is_not_pinned(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"not a model")
    done = cli("models", "import", str(folder), models=tmp_path / "models")
    assert done.returncode == 1 and "geen van de vastgelegde modellen" in done.stderr


def test_list_shows_per_language_which_engine_is_used_and_the_admin_chooses(whisper_root: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(whisper_root / "whisper", models / "whisper")
    listed = cli("models", "list", models=models).stdout
    assert "whisper-base" in listed and "MIT" in listed
    for lang in ("nl", "fr", "en"):
        assert f"  {lang}: herkenning whisper-base (keuze: auto)" in listed
    chosen = cli("models", "use", "nl", "vosk", models=models)
    assert chosen.returncode == 0 and "nog geen" in chosen.stdout
    listed = cli("models", "list", models=models).stdout
    assert "  nl: herkenning geen — geen vosk-model (eerstelijn models fetch nl) (keuze: vosk)" in listed
    assert "  fr: herkenning whisper-base (keuze: auto)" in listed
    bad = cli("models", "use", "nl", "whisper-huge", models=models)
    assert bad.returncode == 1 and "onbekende keuze" in bad.stderr


def test_transcribe_uses_the_engine_chosen_for_the_language(
    whisper_root: Path, say_espeak: object, tmp_path: Path
) -> None:
    from simulator.voice.audio import pcm_to_wav

    audio = say_espeak("Please restart the computer and try again.")  # type: ignore[operator]
    wav = tmp_path / "line.wav"
    wav.write_bytes(pcm_to_wav(audio.pcm, audio.sample_rate))
    done = cli("voice", "transcribe", str(wav), "--lang", "en", models=whisper_root)
    assert done.returncode == 0, done.stderr
    assert "restart the computer" in done.stdout.lower()
