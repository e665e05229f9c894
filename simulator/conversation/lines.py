"""Choosing and filling in the caller's lines.

Variants keep a call from sounding canned; the choice comes from the call's seeded random source,
so the same seed and inputs give the same words.
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence

_FORMATTER = string.Formatter()


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(template: str) -> set[str]:
    """Return the ``{names}`` a line template uses."""
    try:
        return {name for _, name, _, _ in _FORMATTER.parse(template) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def fill(template: str, fields: Mapping[str, str]) -> str:
    """Fill a template with the caller's fields, leaving unknown names visible."""
    try:
        return template.format_map(_KeepUnknown(fields))
    except (ValueError, IndexError):
        return template


def pick(rng: random.Random, variants: Sequence[str]) -> str | None:
    """Pick one variant, or None if there are none."""
    if not variants:
        return None
    return variants[rng.randrange(len(variants))]


def speaking_time(text: str, words_per_second: float) -> float:
    """Return how long a line takes to say at the persona's rate (at least half a second)."""
    words = len(text.split())
    return round(max(0.5, words / words_per_second), 2)
