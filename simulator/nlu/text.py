"""Normalise free text from a trainee so rules and the classifier see one clean, bounded form."""

from __future__ import annotations

import re
import unicodedata

#: Longer input is cut before matching: a spoken turn is never this long, and it bounds the cost.
MAX_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'})


def clean(text: object) -> str:
    """Return the text as a single-spaced string without control characters, cut to MAX_CHARS."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[: MAX_CHARS * 2]
    text = _CONTROL.sub(" ", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()[:MAX_CHARS]


def fold(text: str) -> str:
    """Return lowercase text without accents, so 'Déjà' and 'deja' match the same lexicon entry."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
