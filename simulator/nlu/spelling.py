"""Correct small typos against the words the understanding layer knows, before rules and models see them.

'servicedsk', 'wachtwoort' or 'redémarer' miss every rule and most n-grams of a classifier trained on
clean text. A word that is not known and is one edit (a letter added, dropped, changed or two letters
swapped) from a known word is read as that word; the most frequent known word wins, then the
alphabetically first, so the correction is the same on every machine. Short words are left alone:
at four letters or fewer, one edit too often makes another real word. The first letter is never
changed: typos there are rare, and a letter put before a word often makes another real one
('appeler' is not a typo of 'rappeler').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Words shorter than this are never corrected (at five letters one edit too often makes another word:
#: 'weken' is not a typo of 'weten').
MIN_LENGTH = 6
_WORD = re.compile(r"[a-z]+")


#: Endings that make another form of the same word: 'changez' is 'changer' inflected, not misspelt.
_ENDINGS = ("ent", "ing", "ez", "er", "es", "en", "ed", "e", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Return whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(frozen=True)
class Speller:
    """A vocabulary with its single-deletion index (the symmetric-delete method)."""

    frequency: dict[str, int]
    index: dict[str, tuple[str, ...]]
    known: frozenset[str] = frozenset()

    @classmethod
    def build(cls, texts: Iterable[str], extra_words: Iterable[str] = (), known: Iterable[str] = ()) -> Speller:
        """Index the words of the (folded) texts and the extra words as correction targets.

        ``known`` words are real words that are never corrected although they are no target (the
        rest of the corpus vocabulary: correcting towards it would turn valid words into others).
        """
        frequency: Counter[str] = Counter()
        for text in texts:
            frequency.update(_WORD.findall(text))
        for word in extra_words:
            frequency[word] += 1
        index: dict[str, set[str]] = {}
        for word in frequency:
            if len(word) >= MIN_LENGTH - 1:
                for variant in _deletes(word) | {word}:
                    index.setdefault(variant, set()).add(word)
        return cls(dict(frequency), {k: tuple(sorted(v)) for k, v in index.items()}, frozenset(known))

    def knows(self, word: str) -> bool:
        """Return whether the word is a target or a known word."""
        return word in self.frequency or word in self.known

    def suggest(self, word: str) -> str | None:
        """Return the known word one edit away that is most frequent, or None."""
        if len(word) < MIN_LENGTH or self.knows(word):
            return None
        candidates: set[str] = set()
        for variant in _deletes(word) | {word}:
            candidates.update(self.index.get(variant, ()))
        stem = _stem(word)
        good = [
            c
            for c in candidates
            if len(c) >= MIN_LENGTH and c[0] == word[0] and _one_edit(word, c) and _stem(c) != stem
        ]
        if not good:
            return None
        return min(good, key=lambda c: (-self.frequency[c], c))

    def correct(self, folded: str) -> str:
        """Return the folded text with every correctable word replaced."""
        return _WORD.sub(lambda m: self.suggest(m.group(0)) or m.group(0), folded)
