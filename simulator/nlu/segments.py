"""Split a trainee line into the parts that can each do one act.

A trainee often does two things in one breath ("Ah, da's vervelend. Mag ik uw naam?") or tells a
series of steps as one sentence ("ga naar Bestand, dan Opties, vink die invoegtoepassing uit"). A
classifier trained on whole lines hears the loudest act only, so every sentence and clause is also
understood on its own. The split is on punctuation and on the words that chain steps; very short
pieces ("zeg", "ok") are joined to their neighbour so a clause keeps enough words to mean something.
"""

from __future__ import annotations

import re

#: Sentence ends, semicolons, colons followed by a space, dashes between words, new lines.
_SENTENCE = re.compile(r"(?<=[.?!…])\s+|[;\n]+\s*|:\s+|\s[-–—]\s")
#: Commas, and the words that chain one step or act to the next.
_CLAUSE = re.compile(
    r",\s*"
    r"|\s+(?=(?:en|and|et) (?:dan|daarna|vervolgens|then|after that|puis|ensuite|apres|après)\b)"
    r"|(?<!\ben)(?<!\band)(?<!\bet)\s+(?=(?:daarna|vervolgens|then|after that|puis|ensuite)\b)",
    re.IGNORECASE,
)
#: A piece with fewer words than this is joined to the one before it (or after it, when first).
MIN_WORDS = 2
#: A line is never cut into more pieces than this (a 10 kB paste stays cheap to understand).
MAX_SEGMENTS = 12


def split(text: str) -> list[str]:
    """Return the sentences and clauses of a cleaned line, in order; a one-piece line gives ``[text]``."""
    pieces: list[str] = []
    for sentence in _SENTENCE.split(text):
        if not sentence or not sentence.strip():
            continue
        clauses = [c.strip() for c in _CLAUSE.split(sentence) if c and c.strip()]
        pieces.extend(_join_short(clauses))
    pieces = [p for p in pieces if any(ch.isalnum() for ch in p)]
    if len(pieces) > MAX_SEGMENTS:
        pieces = pieces[: MAX_SEGMENTS - 1] + [" ".join(pieces[MAX_SEGMENTS - 1 :])]
    return pieces or ([text] if text.strip() else [])


def _join_short(clauses: list[str]) -> list[str]:
    """Join clauses of one word to a neighbour: 'Ja, dat klopt' stays one piece, 'Klik, dan OK' too."""
    joined: list[str] = []
    for clause in clauses:
        if joined and (_words(clause) < MIN_WORDS or _words(joined[-1]) < MIN_WORDS):
            joined[-1] = f"{joined[-1]}, {clause}"
        else:
            joined.append(clause)
    return joined


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))
