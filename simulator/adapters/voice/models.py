"""The speech-model manager: which vosk models exist, where they go, fetching, importing, verifying.

Models live in ``EERSTELIJN_MODELS`` (default ``$XDG_DATA_HOME/eerstelijn/models``, i.e.
``~/.local/share/eerstelijn/models``), one folder per language: ``<dir>/nl/vosk-model-small-nl-0.22/``.
``fetch`` downloads the pinned archive (``simulator/voice/data/vosk-models.yaml``), checks its size
and SHA-256 before unpacking anything, and unpacks next to the destination before one rename, so a
half-finished download never looks like a model. Without internet it fails with one line, and the
application carries on in text mode. ``import`` takes a zip or folder copied from another machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.content.yamlfile import read_yaml, validate
from simulator.voice.ports import VoiceError, VoiceUnavailable

CATALOGUE = Path(__file__).resolve().parents[2] / "voice" / "data" / "vosk-models.yaml"
CHUNK = 1 << 16
#: Files every vosk model needs, in the order ``verify`` reports them.
REQUIRED_FILES = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/phones/word_boundary.int")
#: A model decodes with either a full graph or a lookahead graph plus grammar.
GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))
IVECTOR_FILES = ("final.dubm", "final.ie", "final.mat", "global_cmvn.stats", "online_cmvn.conf", "splice.conf")
#: Folders of the model directory that hold other engines' models, not a language's vosk models.
ENGINE_FOLDERS = ("whisper", "piper")


class ModelEntry(BaseModel):
    """One downloadable model, pinned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    url: str = Field(pattern=r"^https?://")
    size: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    licence: str = ""


class Catalogue(BaseModel):
    """The pinned models, by language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    models: dict[str, ModelEntry]


class OfflineError(VoiceUnavailable):
    """The model server cannot be reached (no internet here)."""


class ModelError(VoiceError):
    """A download or a model folder is not what it should be."""


@dataclass(frozen=True)
class InstalledModel:
    """A model folder found in the model directory."""

    lang: str
    name: str
    path: Path
    missing: tuple[str, ...]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, ModelEntry]:
    """Return the pinned models by language."""
    return dict(validate(read_yaml(CATALOGUE), Catalogue).models)


def models_dir() -> Path:
    """Return the folder speech models are installed in."""
    override = os.environ.get("EERSTELIJN_MODELS")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return Path(base) / "eerstelijn" / "models"


def missing_files(path: Path) -> list[str]:
    """Return what a vosk model folder lacks (empty files count as missing); [] when complete."""
    if not path.is_dir():
        return [f"{path} (geen map)"]

    def ok(rel: str) -> bool:
        file = path / rel
        return file.is_file() and file.stat().st_size > 0

    missing = [rel for rel in REQUIRED_FILES if not ok(rel)]
    if not any(all(ok(rel) for rel in graph) for graph in GRAPHS):
        missing.append("graph/HCLG.fst of graph/HCLr.fst + graph/Gr.fst")
    if (path / "ivector").is_dir():
        missing += [f"ivector/{name}" for name in IVECTOR_FILES if not ok(f"ivector/{name}")]
    return missing


def installed_models(folder: Path | None = None) -> list[InstalledModel]:
    """Return every model folder under the model directory, complete or not."""
    root = folder or models_dir()
    found = []
    languages = (
        p for p in root.glob("*") if p.is_dir() and not p.name.startswith(".") and p.name not in ENGINE_FOLDERS
    )
    for lang_dir in sorted(languages):
        for model in sorted(p for p in lang_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            found.append(InstalledModel(lang_dir.name, model.name, model, tuple(missing_files(model))))
    return found


def model_path(lang: str, folder: Path | None = None) -> Path | None:
    """Return the complete model for ``lang`` (the pinned one first), or None."""
    usable = [m for m in installed_models(folder) if m.lang == lang and not m.missing]
    pinned = catalogue().get(lang)
    usable.sort(key=lambda m: (pinned is None or m.name != pinned.name, m.name))
    return usable[0].path if usable else None


def require_model(lang: str) -> Path:
    """Return the model for ``lang`` or raise, naming the command that installs it."""
    path = model_path(lang)
    if path is None:
        raise VoiceUnavailable(f"geen spraakmodel voor '{lang}'; installeer het met: eerstelijn models fetch {lang}")
    return path


def fetch(
    lang: str,
    *,
    url: str | None = None,
    entry: ModelEntry | None = None,
    folder: Path | None = None,
    timeout_s: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, bool]:
    """Install the pinned model for ``lang``; return (path, downloaded) — no download when present."""
    entry = entry or catalogue().get(lang)
    if entry is None:
        raise ModelError(f"geen model bekend voor taal '{lang}' (kies uit {', '.join(catalogue())})")
    root = folder or models_dir()
    dest = root / lang / entry.name
    if dest.is_dir() and not missing_files(dest):
        return dest, False
    source = url or entry.url
    root.mkdir(parents=True, exist_ok=True)
    handle, part = tempfile.mkstemp(dir=root, prefix=f".{entry.name}-", suffix=".zip.part")
    try:
        with os.fdopen(handle, "wb") as out:
            size, digest = _download(source, out, timeout_s, entry.size, progress)
        if size != entry.size or digest != entry.sha256:
            raise ModelError(
                f"download van {source} klopt niet met de vastgelegde versie "
                f"({size} bytes, sha256 {digest[:12]}…; verwacht {entry.size} bytes, {entry.sha256[:12]}…)"
            )
        return _install_zip(Path(part), root / lang, entry.name), True
    finally:
        Path(part).unlink(missing_ok=True)


def _download(
    url: str, out: object, timeout_s: float, expected: int, progress: Callable[[int, int], None] | None
) -> tuple[int, str]:
    if not url.startswith(("https://", "http://")):
        raise ModelError(f"alleen http(s)-adressen kunnen gedownload worden: {url}")
    digest, size = hashlib.sha256(), 0
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 - scheme checked above
            while block := response.read(CHUNK):
                digest.update(block)
                out.write(block)  # type: ignore[attr-defined]
                size += len(block)
                if size > expected * 2:
                    raise ModelError(f"{url} levert veel meer dan de verwachte {expected} bytes; afgebroken")
                if progress:
                    progress(size, expected)
    except urllib.error.HTTPError as exc:
        raise ModelError(f"{url}: de server antwoordde {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OfflineError(
            f"geen verbinding met {url} ({reason}); zonder internet: haal het model (zip of map) op een andere "
            "machine en gebruik 'eerstelijn models import ZIP_OF_MAP'"
        ) from None
    return size, digest.hexdigest()


def import_model(source: Path, lang: str, folder: Path | None = None) -> Path:
    """Install a model from a zip or a folder; return where it now lives."""
    target = (folder or models_dir()) / lang
    if source.is_file():
        if not zipfile.is_zipfile(source):
            raise ModelError(f"{source} is geen zip-bestand en geen map")
        return _install_zip(source, target, None)
    if not source.is_dir():
        raise ModelError(f"{source} bestaat niet")
    root = _model_root(source)
    missing = missing_files(root)
    if missing:
        raise ModelError(f"{root} is geen volledig vosk-model: {', '.join(missing)} ontbreekt")
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target, prefix=".import-"))
    try:
        shutil.copytree(root, staging / "model")
        return _place(staging / "model", target / root.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _install_zip(archive: Path, target: Path, name: str | None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target, prefix=".unpack-"))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                for member in zf.namelist():
                    resolved = (staging / member).resolve()
                    if not resolved.is_relative_to(staging.resolve()):
                        raise ModelError(f"{archive}: onveilig pad in het archief: {member}")
                zf.extractall(staging)
        except zipfile.BadZipFile as exc:
            raise ModelError(f"{archive}: beschadigd zip-bestand ({exc})") from None
        root = _model_root(staging)
        missing = missing_files(root)
        if missing:
            raise ModelError(f"{archive} bevat geen volledig vosk-model: {', '.join(missing)} ontbreekt")
        return _place(root, target / (name or (root.name if root != staging else archive.stem)))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _model_root(folder: Path) -> Path:
    """Return the folder holding ``am/`` and ``conf/`` (archives wrap the model in one top folder)."""
    if (folder / "am").is_dir() or (folder / "conf").is_dir():
        return folder
    children = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(("__MACOSX", "."))]
    return children[0] if len(children) == 1 else folder


def _place(model: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    model.rename(dest)
    return dest
