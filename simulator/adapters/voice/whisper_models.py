"""The faster-whisper models: which exist (pinned), where they go, fetching, importing and verifying them.

One multilingual model serves every language. Models live in ``<models dir>/whisper/faster-whisper-SIZE/``
(the model directory of ``eerstelijn models``). ``fetch`` downloads the four files of the pinned revision
from the model's Hugging Face repository; ``import_model`` takes a folder copied from elsewhere and finds
out which pinned model it is from its ``model.bin``; both refuse any file whose size or SHA-256 differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.adapters.voice.models import ModelError, models_dir
from simulator.adapters.voice.pinned import PinnedFile, copy_files, download_files, sha256_file, verify_folder
from simulator.content.yamlfile import read_yaml, validate
from simulator.voice.ports import VoiceUnavailable

CATALOGUE = Path(__file__).resolve().parents[2] / "voice" / "data" / "whisper-models.yaml"
FOLDER = "whisper"
HUB = "https://huggingface.co"
#: The size used when the admin names the engine but not the model.
DEFAULT_SIZE = "base"


class WhisperEntry(BaseModel):
    """One pinned faster-whisper model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    revision: str = Field(pattern=r"^[0-9a-f]{40}$")
    licence: str
    files: dict[str, PinnedFile]

    @property
    def size_bytes(self) -> int:
        """Return the size of all files together."""
        return sum(f.size for f in self.files.values())


class WhisperCatalogue(BaseModel):
    """The pinned models by size (tiny, base, small)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    models: dict[str, WhisperEntry]


@dataclass(frozen=True)
class InstalledWhisper:
    """A faster-whisper model folder and what is wrong with it (sizes only; ``verify`` hashes)."""

    size: str
    path: Path
    problems: tuple[str, ...]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, WhisperEntry]:
    """Return the pinned models by size."""
    return dict(validate(read_yaml(CATALOGUE), WhisperCatalogue).models)


def folder_name(size: str) -> str:
    """Return the folder a model of ``size`` is installed in."""
    return f"faster-whisper-{size}"


def whisper_dir(folder: Path | None = None) -> Path:
    """Return where faster-whisper models are installed."""
    return (folder or models_dir()) / FOLDER


def entry(size: str) -> WhisperEntry:
    """Return the pinned model of ``size`` or raise naming the known sizes."""
    try:
        return catalogue()[size]
    except KeyError:
        raise ModelError(f"onbekend whisper-model '{size}' (kies uit {', '.join(catalogue())})") from None


def installed(folder: Path | None = None) -> list[InstalledWhisper]:
    """Return every installed faster-whisper model, complete or not (file sizes checked, not hashes)."""
    root = whisper_dir(folder)
    found = []
    for size, pinned in catalogue().items():
        path = root / folder_name(size)
        if path.is_dir():
            found.append(InstalledWhisper(size, path, tuple(verify_folder(path, pinned.files, hashes=False))))
    return found


def model_path(size: str | None = None, folder: Path | None = None) -> Path | None:
    """Return the complete model of ``size`` (default: the smallest installed of base, small, tiny), or None."""
    usable = {m.size: m.path for m in installed(folder) if not m.problems}
    order = [size] if size else [DEFAULT_SIZE, "small", "tiny"]
    return next((usable[s] for s in order if s in usable), None)


def require_model(size: str | None = None) -> Path:
    """Return the installed model or raise, naming the command that installs it."""
    path = model_path(size)
    if path is None:
        wanted = size or DEFAULT_SIZE
        raise VoiceUnavailable(
            f"geen whisper-model '{wanted}' geïnstalleerd; installeer het met: eerstelijn models fetch whisper-{wanted}"
        )
    return path


def verify(path: Path) -> tuple[str | None, list[str]]:
    """Return (size, problems) for a model folder: which pinned model it is and what differs from it."""
    model_bin = path / "model.bin"
    size = None
    if model_bin.is_file():
        length = model_bin.stat().st_size
        size = next((s for s, e in catalogue().items() if e.files["model.bin"].size == length), None)
    if size is None:
        size = next((s for s in catalogue() if path.name == folder_name(s)), None)
    if size is None:
        return None, [f"{path}: geen bekend faster-whisper-model (model.bin ontbreekt of heeft een onbekende grootte)"]
    return size, verify_folder(path, catalogue()[size].files)


def fetch(
    size: str,
    *,
    base_url: str | None = None,
    folder: Path | None = None,
    timeout_s: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, bool]:
    """Install the pinned model of ``size``; return (path, downloaded) — nothing is downloaded when present."""
    pinned = entry(size)
    dest = whisper_dir(folder) / folder_name(size)
    if not verify_folder(dest, pinned.files):
        return dest, False
    url = base_url or f"{HUB}/{pinned.repo}/resolve/{pinned.revision}"
    return download_files(url, pinned.files, dest, timeout_s=timeout_s, progress=progress), True


def import_model(source: Path, folder: Path | None = None) -> tuple[str, Path]:
    """Install a model folder copied from elsewhere; return (size, where it now lives)."""
    if not source.is_dir():
        raise ModelError(f"{source} is geen map met een faster-whisper-model")
    model_bin = source / "model.bin"
    if not model_bin.is_file():
        raise ModelError(f"{source}: model.bin ontbreekt; dit is geen faster-whisper-model")
    digest = sha256_file(model_bin)
    size = next((s for s, e in catalogue().items() if e.files["model.bin"].sha256 == digest), None)
    if size is None:
        raise ModelError(
            f"{source}/model.bin is geen van de vastgelegde modellen ({', '.join(catalogue())}); "
            "een gewijzigd of onbekend model wordt niet geïnstalleerd"
        )
    return size, copy_files(source, catalogue()[size].files, whisper_dir(folder) / folder_name(size))
