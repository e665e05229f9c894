"""Which language the trainee is heard in, for a caller who speaks more than one.

Most calls have one language: a line in another one is noticed by its small words and read as not
understood (the caller asks what was meant). A bilingual caller (``also_speaks`` in the exercise)
understands the trainee in any of the call's languages: each line is read in the call's language its
small words point to (ties keep the language the trainee was last heard in), so a short Dutch question
after a switch ("Mag ik uw personeelsnummer?") is not read as French. Which language the caller itself
speaks is the scenario's choice (a state's ``speaks``).
"""

from __future__ import annotations

import functools
import re

from simulator.conversation.persona import Lang
from simulator.nlu import Understander, Understanding
from simulator.nlu.catalogue import LANGUAGES
from simulator.nlu.files import load_lexicon
from simulator.nlu.text import clean, fold

_WORDS = re.compile(r"\w+")


@functools.cache
def small_words() -> dict[str, frozenset[str]]:
    """Return each language's small words that no other language shares (the shipped lexicons, read once)."""
    lists = {code: set(load_lexicon(code).function_words) for code in LANGUAGES}
    return {
        code: frozenset(w for w in words if not any(w in lists[o] for o in lists if o != code))
        for code, words in lists.items()
    }


class Listening:
    """The languages a call accepts and the one the trainee was last heard in."""

    def __init__(self, languages: tuple[Lang, ...], understander: Understander) -> None:
        self.languages = languages
        self.current: Lang = languages[0]
        self.understander = understander

    def understand(self, text: str) -> Understanding:
        """Understand a trainee line in the language it is in, when the call accepts that language."""
        if len(self.languages) > 1:
            self.current = self._language_of(text)
        understanding = self.understander.understand(text, self.current)
        other = understanding.foreign
        if other is not None and other in self.languages:
            self.current = next(lang for lang in self.languages if lang == other)
            understanding = self.understander.understand(text, self.current)
        return understanding

    def _language_of(self, text: str) -> Lang:
        """Return the accepted language with most small words in the line; the current one on a tie."""
        words = _WORDS.findall(fold(clean(text)))
        marks = small_words()
        hits = {lang: sum(1 for w in words if w in marks.get(lang, ())) for lang in self.languages}
        best = max(self.languages, key=lambda lang: (hits[lang], lang == self.current))
        return best if hits[best] > hits[self.current] else self.current
