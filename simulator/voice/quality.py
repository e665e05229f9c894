"""Recognition quality: word error rate between what was said and what the recogniser heard."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[\w']+", re.UNICODE)


def normalise(text: str) -> list[str]:
    """Return the words of ``text`` in lower case, without punctuation, for scoring."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """Return (substitutions + deletions + insertions, reference word count)."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def word_error_rate(pairs: list[tuple[str, str]]) -> float:
    """Return the corpus WER over (reference, hypothesis) pairs (errors / reference words)."""
    errors = words = 0
    for reference, hypothesis in pairs:
        e, n = word_errors(reference, hypothesis)
        errors, words = errors + e, words + n
    return errors / words if words else 0.0
