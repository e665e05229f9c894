"""Cache fitted intent models on disk so a call starts in milliseconds instead of retraining.

Fitting all three languages takes a few seconds; a cached model loads in well under that. The key
hashes the corpus file, this package's model code and the scikit-learn and numpy versions, so any
change retrains. The cache holds plain arrays (``.npz``), never pickles, and a broken or unwritable
cache only costs a retrain.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from simulator.nlu.model import Analyzer, FeatureBlock, IntentClassifier

FORMAT = "1"


def cache_dir() -> Path:
    """Return the folder for cached models (``EERSTELIJN_CACHE`` overrides ``~/.cache/eerstelijn``)."""
    override = os.environ.get("EERSTELIJN_CACHE")
    if override:
        return Path(override) / "nlu"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eerstelijn" / "nlu"


def key_for(corpus: Sequence[Path], rewrites: bytes = b"") -> str:
    """Return a hash of everything the fitted model depends on (the corpus, the rewrites, the code)."""
    import sklearn

    digest = hashlib.sha256(FORMAT.encode())
    digest.update(sklearn.__version__.encode() + np.__version__.encode())
    for path in corpus:
        digest.update(path.read_bytes())
    digest.update(rewrites)
    digest.update((Path(__file__).parent / "model.py").read_bytes())
    return digest.hexdigest()[:24]


def _path(lang: str, key: str) -> Path:
    return cache_dir() / f"intents-{lang}-{key}.npz"


def load(lang: str, key: str, analyzers: Sequence[Analyzer]) -> IntentClassifier | None:
    """Return the cached model for this key, or None when there is none or it cannot be read."""
    path = _path(lang, key)
    try:
        with np.load(path, allow_pickle=False) as data:
            labels = tuple(str(x) for x in data["labels"])
            blocks = tuple(
                FeatureBlock(
                    analyzer=analyzer,
                    vocabulary={str(t): i for i, t in enumerate(data[f"vocab{n}"])},
                    idf=data[f"idf{n}"],
                    weights=data[f"weights{n}"],
                )
                for n, analyzer in enumerate(analyzers)
            )
            return IntentClassifier(labels=labels, blocks=blocks, bias=data["bias"])
    except (OSError, KeyError, ValueError):
        return None


def save(lang: str, key: str, model: IntentClassifier) -> None:
    """Write the model atomically; failing to write is not an error (the next start retrains)."""
    arrays: dict[str, np.ndarray] = {"labels": np.array(model.labels), "bias": model.bias}
    for n, block in enumerate(model.blocks):
        terms = sorted(block.vocabulary, key=block.vocabulary.__getitem__)
        arrays[f"vocab{n}"] = np.array(terms)
        arrays[f"idf{n}"] = block.idf
        arrays[f"weights{n}"] = block.weights
    target = _path(lang, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as tmp:
            np.savez(tmp, allow_pickle=False, **arrays)
        os.replace(tmp.name, target)
    except OSError:
        return
