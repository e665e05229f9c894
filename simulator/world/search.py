"""Ranked full-text search in Dutch, French and English: BM25 over folded, lightly stemmed tokens.

Small and fast enough for thousands of articles in memory (an inverted index, no dependencies),
and the same ranking in the core, the web app and both database lanes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    "de het een en of van in op te is dat die voor met niet aan er ik u je mijn uw zijn bij naar om ook als "
    "le la les un une des et ou du de au aux en est pas pour par sur dans que qui ne se mon ma mes votre "
    "the a an and or of in on to is that for with not it my your be at by from as this are was".split()
)
_SUFFIXES = ("ingen", "ing", "tjes", "jes", "ies", "es", "en", "er", "ed", "s", "e", "x")


def fold(text: str) -> str:
    """Lower-case and strip accents so 'connexion' matches 'Connéxion'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.lower()


def stem(word: str) -> str:
    """Strip up to two common plural/verb endings (nl/fr/en: printers → printer → print); stems keep four letters."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            return word
    return word


def tokens(text: str) -> list[str]:
    """Return the searchable tokens of a text."""
    return [stem(t) for t in _TOKEN.findall(fold(text)) if t not in STOPWORDS]


@dataclass(frozen=True)
class Hit:
    """One search result."""

    key: str
    score: float


class Bm25Index:
    """An inverted index ranked with Okapi BM25 (k1 = 1.2, b = 0.75)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, dict[str, int]] = defaultdict(dict)
        self.lengths: dict[str, int] = {}
        self.total = 0

    def add(self, key: str, text: str) -> None:
        """Index one document (re-adding a key replaces it)."""
        if key in self.lengths:
            self.remove(key)
        counts = Counter(tokens(text))
        for term, n in counts.items():
            self.postings[term][key] = n
        self.lengths[key] = sum(counts.values())
        self.total += self.lengths[key]

    def copy(self) -> Bm25Index:
        """Return an independent copy (to extend with more documents without touching this one)."""
        twin = Bm25Index(self.k1, self.b)
        for term, docs in self.postings.items():
            twin.postings[term] = dict(docs)
        twin.lengths = dict(self.lengths)
        twin.total = self.total
        return twin

    def remove(self, key: str) -> None:
        """Forget one document."""
        self.total -= self.lengths.pop(key, 0)
        for docs in self.postings.values():
            docs.pop(key, None)

    def search(self, query: str, limit: int = 10, allowed: set[str] | None = None) -> list[Hit]:
        """Return the best matches for a query, best first (ties by key, for determinism)."""
        n = len(self.lengths)
        if not n:
            return []
        avg = self.total / n or 1.0
        scores: dict[str, float] = defaultdict(float)
        for term in set(tokens(query)):
            docs = self.postings.get(term)
            if not docs:
                continue
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for key, tf in docs.items():
                if allowed is not None and key not in allowed:
                    continue
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[key] / avg)
                scores[key] += idf * tf * (self.k1 + 1) / norm
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Hit(k, round(s, 4)) for k, s in ranked[:limit]]
