"""Piper voices: which are pinned, where they go (``<models dir>/piper/NAME/``), fetch, import and verify.

A voice is ``NAME.onnx`` plus ``NAME.onnx.json`` and, when the source has one, its ``MODEL_CARD``. Pinned
voices are checked against the catalogue; a voice imported from a folder that the catalogue does not
know gets its hashes recorded in ``pins.json`` at import, so a later change is still noticed.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.adapters.voice.models import ModelError, models_dir
from simulator.adapters.voice.pinned import PinnedFile, copy_files, download_files, sha256_file, verify_folder
from simulator.content.yamlfile import read_yaml, validate
from simulator.voice.ports import Gender

CATALOGUE = Path(__file__).resolve().parents[2] / "voice" / "data" / "piper-voices.yaml"
FOLDER = "piper"
PINS = "pins.json"
CARD = "MODEL_CARD"
HUB = "https://huggingface.co"
NAME = re.compile(r"^[a-z]{2,3}_[A-Z]{2}-[A-Za-z0-9_]+-(x_low|low|medium|high)$")


class PiperEntry(BaseModel):
    """One pinned Piper voice."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str
    revision: str
    path: str
    lang: str
    gender: Gender
    licence: str
    files: dict[str, PinnedFile]


class PiperCatalogue(BaseModel):
    """The pinned voices by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    voices: dict[str, PiperEntry]


class Pins(BaseModel):
    """The hashes recorded when a voice was imported."""

    files: dict[str, PinnedFile] = Field(default_factory=dict)


@dataclass(frozen=True)
class InstalledVoice:
    """A voice folder: its name, language, licence (from the model card) and what is wrong with it."""

    name: str
    path: Path
    lang: str
    licence: str
    problems: tuple[str, ...]

    @property
    def onnx(self) -> Path:
        """Return the voice model file."""
        return self.path / f"{self.name}.onnx"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, PiperEntry]:
    """Return the pinned voices by name."""
    return dict(validate(read_yaml(CATALOGUE), PiperCatalogue).voices)


def piper_dir(folder: Path | None = None) -> Path:
    """Return where Piper voices are installed."""
    return (folder or models_dir()) / FOLDER


def pins_of(path: Path) -> dict[str, PinnedFile]:
    """Return the pinned files of a voice folder: the catalogue's, else those recorded at import."""
    if path.name in catalogue():
        return dict(catalogue()[path.name].files)
    try:
        return Pins.model_validate_json((path / PINS).read_text(encoding="utf-8")).files
    except (OSError, ValidationError):
        return {}


def problems_of(path: Path, *, hashes: bool = True) -> list[str]:
    """Return what is wrong with a voice folder, or []."""
    pins = pins_of(path)
    if not pins:
        return [f"{PINS} ontbreekt of is onleesbaar: importeer de stem opnieuw"]
    return verify_folder(path, pins, hashes=hashes)


def licence_of(path: Path) -> str:
    """Return the licence named on the voice's model card (or the catalogue's), else 'onbekend'."""
    if path.name in catalogue():
        return catalogue()[path.name].licence
    try:
        card = (path / CARD).read_text(encoding="utf-8")
    except OSError:
        return "onbekend (geen MODEL_CARD)"
    found = re.findall(r"(?im)^\s*\*?\s*licen[cs]e:\s*(.+?)\s*$", card)
    return ", ".join(dict.fromkeys(found)) or "onbekend (MODEL_CARD noemt geen licentie)"


def _language(path: Path, name: str) -> str:
    try:
        config = json.loads((path / f"{name}.onnx.json").read_text(encoding="utf-8"))
        code = str(config.get("language", {}).get("code", ""))
    except (OSError, ValueError, AttributeError):
        code = ""
    return (code or name).split("_")[0].split("-")[0]


def installed(folder: Path | None = None) -> dict[str, InstalledVoice]:
    """Return the installed voices by name (sizes checked; ``verify`` also hashes)."""
    root = piper_dir(folder)
    found = {}
    if root.is_dir():
        for path in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            problems = tuple(problems_of(path, hashes=False))
            found[path.name] = InstalledVoice(path.name, path, _language(path, path.name), licence_of(path), problems)
    return found


def usable(folder: Path | None = None) -> dict[str, InstalledVoice]:
    """Return the complete installed voices by name."""
    return {name: v for name, v in installed(folder).items() if not v.problems}


def fetch(
    name: str,
    *,
    base_url: str | None = None,
    folder: Path | None = None,
    timeout_s: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, bool]:
    """Install a pinned voice; return (path, downloaded) — nothing is downloaded when present."""
    try:
        pinned = catalogue()[name]
    except KeyError:
        raise ModelError(
            f"onbekende Piper-stem '{name}' (vastgelegd: {', '.join(catalogue())}); "
            "een andere stem installeer je met: eerstelijn models import MAP"
        ) from None
    dest = piper_dir(folder) / name
    if not verify_folder(dest, pinned.files):
        return dest, False
    url = base_url or f"{HUB}/{pinned.repo}/resolve/{pinned.revision}/{pinned.path}"
    return download_files(url, pinned.files, dest, timeout_s=timeout_s, progress=progress), True


def import_voice(source: Path, folder: Path | None = None) -> list[Path]:
    """Install every voice (``X.onnx`` + ``X.onnx.json``) found in ``source``; return where they went."""
    models = sorted(source.glob("*.onnx"))
    if not models:
        raise ModelError(f"{source}: geen .onnx-bestand; een Piper-stem is NAAM.onnx met NAAM.onnx.json")
    placed = []
    for onnx in models:
        name = onnx.stem
        if not NAME.match(name):
            raise ModelError(f"{onnx.name}: geen Piper-stemnaam (taal_LAND-naam-kwaliteit, bv. nl_BE-nathalie-medium)")
        if not (source / f"{name}.onnx.json").is_file():
            raise ModelError(f"{source}: {name}.onnx.json ontbreekt naast {onnx.name}")
        dest = piper_dir(folder) / name
        if name in catalogue():
            placed.append(copy_files(source, catalogue()[name].files, dest))
            continue
        files = [f"{name}.onnx", f"{name}.onnx.json"]
        pins = {f: PinnedFile(size=(source / f).stat().st_size, sha256=sha256_file(source / f)) for f in files}
        path = copy_files(source, pins, dest)
        (path / PINS).write_text(Pins(files=pins).model_dump_json(indent=1), encoding="utf-8")
        placed.append(path)
    for path in placed:
        card = source / CARD
        if card.is_file() and len(models) == 1:
            shutil.copyfile(card, path / CARD)
    return placed
