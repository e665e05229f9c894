"""The statistical intent model (placeholder until the classifier lands)."""

from __future__ import annotations

from pathlib import Path


def load_or_train(lang: str, data: Path | None = None) -> None:
    """Return no model yet: rules alone decide."""
    return None
