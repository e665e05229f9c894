"""The model manager and the voice command line, end to end (no internet here: a closed local port stands in)."""

from __future__ import annotations

import hashlib
import http.server
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.adapters.voice import models
from simulator.adapters.voice.models import ModelEntry, ModelError, OfflineError

FILES = [
    "am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/phones/word_boundary.int", "graph/HCLr.fst",
    "graph/Gr.fst", *(f"ivector/{name}" for name in models.IVECTOR_FILES),
]  # fmt: skip


def cli(*args: str, env_models: Path) -> subprocess.CompletedProcess[str]:
    """Run ``eerstelijn`` in a child process with its own model folder."""
    import os

    env = {**os.environ, "EERSTELIJN_MODELS": str(env_models)}
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, env=env)


def make_model_dir(root: Path, skip: tuple[str, ...] = ()) -> Path:
    """Build a folder shaped like a vosk model (tiny files; the shape is what verify checks)."""
    for rel in FILES:
        if rel not in skip:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(b"x" * 16)
    return root


def make_model_zip(tmp: Path, name: str = "vosk-model-small-nl-0.22") -> Path:
    """Zip a model folder the way alphacephei ships them (one top folder)."""
    src = make_model_dir(tmp / "src" / name)
    archive = tmp / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in src.rglob("*"):
            zf.write(file, file.relative_to(src.parent))
    return archive


@pytest.fixture
def closed_port() -> int:
    """Return a local port nothing listens on (what a machine without internet sees, fast)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def http_folder(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve a folder over HTTP on localhost, as a mirror of the model server."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()


def entry_for(archive: Path, url: str) -> ModelEntry:
    """Pin an archive the way the catalogue pins the official ones."""
    data = archive.read_bytes()
    return ModelEntry(name=archive.stem, url=url, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def test_the_catalogue_pins_the_official_small_models() -> None:
    pinned = models.catalogue()
    assert {k: v.name for k, v in pinned.items()} == {
        "nl": "vosk-model-small-nl-0.22", "fr": "vosk-model-small-fr-0.22", "en": "vosk-model-small-en-us-0.15",
    }  # fmt: skip
    assert all(e.url == f"https://alphacephei.com/vosk/models/{e.name}.zip" for e in pinned.values())


def test_fetch_without_internet_fails_in_one_line_without_a_traceback(tmp_path: Path, closed_port: int) -> None:
    done = cli("models", "fetch", "nl", "--url", f"http://127.0.0.1:{closed_port}/m.zip", env_models=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "geen verbinding" in done.stderr and "models import" in done.stderr
    assert not list(tmp_path.rglob("*.part"))


def test_fetch_checks_the_hash_unpacks_and_is_a_no_op_the_second_time(
    tmp_path: Path, http_folder: tuple[str, Path]
) -> None:
    base, www = http_folder
    archive = make_model_zip(www)
    entry = entry_for(archive, f"{base}/{archive.name}")
    path, downloaded = models.fetch("nl", entry=entry, folder=tmp_path / "models")
    assert downloaded and path == tmp_path / "models" / "nl" / "vosk-model-small-nl-0.22"
    assert models.missing_files(path) == []
    archive.unlink()  # a second fetch must not even ask the server
    assert models.fetch("nl", entry=entry, folder=tmp_path / "models") == (path, False)
    assert models.model_path("nl", tmp_path / "models") == path


def test_a_download_with_the_wrong_hash_installs_nothing(tmp_path: Path, http_folder: tuple[str, Path]) -> None:
    base, www = http_folder
    archive = make_model_zip(www)
    entry = entry_for(archive, f"{base}/{archive.name}").model_copy(update={"sha256": "0" * 64})
    with pytest.raises(ModelError, match="klopt niet"):
        models.fetch("nl", entry=entry, folder=tmp_path / "models")
    assert models.installed_models(tmp_path / "models") == []


def test_fetch_through_the_offline_path_raises_offline_error(tmp_path: Path, closed_port: int) -> None:
    with pytest.raises(OfflineError):
        models.fetch("fr", url=f"http://127.0.0.1:{closed_port}/x.zip", folder=tmp_path)


def test_import_takes_a_zip_or_a_folder(tmp_path: Path) -> None:
    archive = make_model_zip(tmp_path)
    done = cli("models", "import", str(archive), env_models=tmp_path / "models")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "models" / "nl" / "vosk-model-small-nl-0.22" / "am" / "final.mdl").is_file()
    folder = make_model_dir(tmp_path / "my-english-model")
    done = cli("models", "import", str(folder), "--lang", "en", env_models=tmp_path / "models")
    assert done.returncode == 0, done.stderr
    assert cli("models", "verify", env_models=tmp_path / "models").returncode == 0


def test_import_refuses_a_zip_that_escapes_its_folder(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../outside.txt", "x")
    with pytest.raises(ModelError, match="onveilig pad"):
        models.import_model(archive, "nl", tmp_path / "models")
    assert not (tmp_path / "outside.txt").exists()


def test_verify_names_what_is_missing(tmp_path: Path) -> None:
    broken = make_model_dir(tmp_path / "broken", skip=("conf/mfcc.conf", "graph/Gr.fst"))
    (broken / "am" / "final.mdl").write_bytes(b"")
    done = cli("models", "verify", str(broken), env_models=tmp_path)
    assert done.returncode == 1
    for name in ("am/final.mdl", "conf/mfcc.conf", "graph/HCLr.fst + graph/Gr.fst"):
        assert name in done.stdout


def test_the_packaged_korean_model_verifies(ko_model_path: Path, tmp_path: Path) -> None:
    done = cli("models", "verify", str(ko_model_path), env_models=tmp_path)
    assert done.returncode == 0 and "in orde" in done.stdout


def test_transcribe_without_a_model_names_the_fetch_command(tmp_path: Path, espeak_program: str) -> None:
    wav = tmp_path / "a.wav"
    wav.write_bytes(subprocess.run([espeak_program, "-v", "nl", "--stdout", "hallo"], capture_output=True).stdout)
    done = cli("voice", "transcribe", str(wav), "--lang", "nl", env_models=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "eerstelijn models fetch nl" in done.stderr


def test_transcribe_json_with_a_model_path(tmp_path: Path, ko_model_path: Path, espeak_program: str) -> None:
    import json

    wav = tmp_path / "ko.wav"
    wav.write_bytes(
        subprocess.run([espeak_program, "-v", "ko", "--stdout", "안녕하세요 컴퓨터"], capture_output=True).stdout
    )
    done = cli(
        "voice", "transcribe", str(wav), "--model", str(ko_model_path), "--phrases", "안녕하세요,컴퓨터,감사합니다",
        "--json", env_models=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["text"] == "안녕하세요 컴퓨터"
    assert [w["word"] for w in body["utterances"][0]["words"]] == ["안녕하세요", "컴퓨터"]
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "leeg bestand"), (b"RIFF....WAVEjunk", "data-blok ontbreekt"), (b"just text", "geen WAV-bestand")],
)
def test_transcribe_refuses_bad_audio_with_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    done = cli("voice", "transcribe", str(bad), "--lang", "nl", env_models=tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_say_writes_the_personas_voice_to_a_wav(tmp_path: Path, espeak_program: str) -> None:
    from simulator.voice.audio import validate_wav

    out = tmp_path / "out.wav"
    done = cli("voice", "say", "--lang", "nl", "--persona", "angry", "--gender", "female", "Allee, wat is dat hier?",
               "-o", str(out), env_models=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "nl+f3" in done.stdout
    assert validate_wav(out.read_bytes()).duration_s > 0.5
