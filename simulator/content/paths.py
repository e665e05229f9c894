"""Where the shipped content lives, in a checkout and in an installed wheel.

In a checkout the data folders sit beside the package (``exercises/``, ``rubrics/``); a wheel
carries them inside the package as ``simulator/_data/…`` so ``pip install .`` finds them too.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def content_root(name: str) -> Path:
    """Return the folder of one kind of shipped content (``exercises`` or ``rubrics``)."""
    override = os.environ.get(f"EERSTELIJN_{name.upper()}")
    if override:
        return Path(override)
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def exercises_dir() -> Path:
    """Return the folder holding the exercise YAML files."""
    return content_root("exercises")


def rubrics_dir() -> Path:
    """Return the folder holding the qualifications and rubrics."""
    return content_root("rubrics")
