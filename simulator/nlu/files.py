"""Load the NLU corpus and lexicon files shipped in ``simulator/nlu/data``."""

from __future__ import annotations

import os
from pathlib import Path

from simulator.content.yamlfile import read_yaml, validate
from simulator.nlu.schema import ChallengeSet, Corpus, Lexicon


def data_dir() -> Path:
    """Return the folder with the corpus and lexicon files (``EERSTELIJN_NLU_DATA`` overrides it)."""
    override = os.environ.get("EERSTELIJN_NLU_DATA")
    return Path(override) if override else Path(__file__).resolve().parent / "data"


def corpus_files(lang: str, folder: Path | None = None) -> list[Path]:
    """Return ``corpus-<lang>.yaml`` and its companions ``corpus-<lang>-*.yaml`` (e.g. free-form lines)."""
    base = folder or data_dir()
    return [base / f"corpus-{lang}.yaml", *sorted(base.glob(f"corpus-{lang}-*.yaml"))]


def load_corpus(lang: str, folder: Path | None = None, *, companions: bool = True) -> Corpus:
    """Read and validate a language's corpus files as one corpus (the main file first; ``companions=False``:
    the main file only); problems are raised as a located ContentError."""
    paths = corpus_files(lang, folder)
    corpora = [validate(read_yaml(path), Corpus) for path in (paths if companions else paths[:1])]
    first = corpora[0]
    return first.model_copy(update={"groups": [g for c in corpora for g in c.groups]})


def load_lexicon(lang: str, folder: Path | None = None) -> Lexicon:
    """Read and validate ``lexicon-<lang>.yaml``; problems are raised as a located ContentError."""
    return validate(read_yaml((folder or data_dir()) / f"lexicon-{lang}.yaml"), Lexicon)


def load_challenge(lang: str, folder: Path | None = None) -> ChallengeSet:
    """Read and validate ``challenge-<lang>.yaml``, the sentences kept out of training and tuning."""
    return validate(read_yaml((folder or data_dir()) / f"challenge-{lang}.yaml"), ChallengeSet)
