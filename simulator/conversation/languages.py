"""Which language the trainee is heard in, for a caller who speaks more than one.

Most calls have one language: a line in another one is noticed by its small words and read as not
understood (the caller asks what was meant). A bilingual caller (``also_speaks`` in the exercise)
understands the trainee in any of the call's languages: a line clearly in one of them is read in it,
and the next lines are read in that language first, so short answers after a switch are understood
too. Which language the caller itself speaks is the scenario's choice (a state's ``speaks``).
"""

from __future__ import annotations

from simulator.conversation.persona import Lang
from simulator.nlu import Understander, Understanding


class Listening:
    """The languages a call accepts and the one the trainee was last heard in."""

    def __init__(self, languages: tuple[Lang, ...], understander: Understander) -> None:
        self.languages = languages
        self.current: Lang = languages[0]
        self.understander = understander

    def understand(self, text: str) -> Understanding:
        """Understand a trainee line in the language it is in, when the call accepts that language."""
        understanding = self.understander.understand(text, self.current)
        other = understanding.foreign
        if other is not None and other in self.languages:
            self.current = next(lang for lang in self.languages if lang == other)
            understanding = self.understander.understand(text, self.current)
        return understanding
