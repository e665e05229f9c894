"""Rewrite colloquial and spoken forms to the written ones, the same way in training and in use.

Trainees type as they speak: Flemish 'da's', 'efkes', 'ne keer', 'wa', French 'j'vais', 't'as',
English 'gonna', 'u', 'pls'. The lexicon of each language lists these rewrites as data
(``normalise:``); applying them to the corpus before training and to every line before it is
understood lets one rule or n-gram serve both registers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from simulator.nlu.schema import Lexicon
from simulator.nlu.spelling import Speller

_LITERAL = re.compile(r"[a-z]{5,}")


@dataclass(frozen=True)
class Normaliser:
    """The rewrites of one language, compiled, with an optional speller applied first."""

    rules: tuple[tuple[re.Pattern[str], str], ...] = ()
    speller: Speller | None = None

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, vocabulary: Iterable[str] = ()) -> Normaliser:
        """Compile a lexicon's rewrites; index the lexicon's own words as typo targets.

        Only the words rules look for are targets, and only where the corpus uses them as words too
        (a pattern's letters can be a fragment: 'verlo(ren|of)'); every other corpus word is known and
        left alone, so a valid word is never 'corrected' into another one.
        """
        rules = tuple((re.compile(rule.pattern), rule.replace) for rule in lexicon.normalise)
        known = set(vocabulary)
        if not known and not lexicon.intents:
            return cls(rules, None)
        targets = [w for w in lexicon_words(lexicon) if not known or w in known]
        targets += [w for term in lexicon.jargon for w in _LITERAL.findall(term.lower())]
        return cls(rules, Speller.build([], targets, known))

    def rewrite(self, folded: str) -> str:
        """Apply the rewrites only (what training sees)."""
        for pattern, replace in self.rules:
            folded = pattern.sub(replace, folded)
        return folded

    def __call__(self, folded: str) -> str:
        """Correct typos against the vocabulary, then apply the rewrites."""
        if self.speller is not None:
            folded = self.speller.correct(folded)
        return self.rewrite(folded)


def lexicon_words(lexicon: Lexicon) -> list[str]:
    """Return the plain words of five letters or more that the lexicon's patterns and jargon name."""
    words: list[str] = []
    for patterns in (*lexicon.intents.values(), *lexicon.topics.values()):
        for pattern in patterns:
            words.extend(_LITERAL.findall(pattern))
    for term in lexicon.jargon:
        words.extend(_LITERAL.findall(term.lower()))
    for rule in lexicon.normalise:
        words.extend(_LITERAL.findall(rule.replace))
    return words
