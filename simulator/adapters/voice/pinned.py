"""Folders of pinned files (faster-whisper models, Piper voices): check, download and import them whole.

A model here is a folder of a few named files, each pinned by size and SHA-256. ``verify_folder`` names
every missing, truncated or altered file; ``download_files`` fetches each file into a hidden staging
folder next to the destination and renames the folder only when every file matched, so a broken or
half-finished download never looks like a model; ``copy_files`` does the same from a local folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from simulator.adapters.voice.models import CHUNK, ModelError, _download


class PinnedFile(BaseModel):
    """One file of a model: its size and SHA-256."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    size: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK * 16):
            digest.update(block)
    return digest.hexdigest()


def verify_folder(path: Path, files: Mapping[str, PinnedFile], *, hashes: bool = True) -> list[str]:
    """Return what is wrong with the folder (``model.bin: ontbreekt``), or [] when every file matches."""
    if not path.is_dir():
        return [f"{path}: geen map"]
    problems = []
    for name, pin in files.items():
        file = path / name
        if not file.is_file():
            problems.append(f"{name}: ontbreekt")
        elif file.stat().st_size != pin.size:
            problems.append(f"{name}: {file.stat().st_size} bytes, verwacht {pin.size} (onvolledig of gewijzigd)")
        elif hashes and sha256_file(file) != pin.sha256:
            problems.append(f"{name}: sha256 klopt niet met de vastgelegde versie (gewijzigd bestand)")
    return problems


def download_files(
    base_url: str,
    files: Mapping[str, PinnedFile],
    dest: Path,
    *,
    timeout_s: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Download every file from ``base_url/NAME`` into ``dest``, each checked before the folder appears."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}-"))
    try:
        for name, pin in files.items():
            url = f"{base_url.rstrip('/')}/{name}"
            with (staging / name).open("wb") as out:
                size, digest = _download(url, out, timeout_s, pin.size, progress)
            if size != pin.size or digest != pin.sha256:
                raise ModelError(
                    f"download van {url} klopt niet met de vastgelegde versie "
                    f"({size} bytes, sha256 {digest[:12]}…; verwacht {pin.size} bytes, {pin.sha256[:12]}…)"
                )
        return _place(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def copy_files(source: Path, files: Mapping[str, PinnedFile], dest: Path) -> Path:
    """Copy the pinned files from ``source`` into ``dest`` after checking every one of them."""
    problems = verify_folder(source, files)
    if problems:
        raise ModelError(f"{source}: " + "; ".join(problems))
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}-"))
    try:
        for name in files:
            shutil.copyfile(source / name, staging / name)
        return _place(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _place(staging: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    os.replace(staging, dest)
    return dest
