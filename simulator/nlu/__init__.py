"""Understanding what a trainee says: intents with scores, question topics, slots and jargon (nl/fr/en).

Call ``Understander.default().understand(text, lang)``; see ``simulator/nlu/data`` for the corpus and
lexicons the rules and classifiers are built from.
"""

from simulator.nlu.catalogue import INTENTS, LANGUAGES, TOPICS, VIOLATIONS
from simulator.nlu.understander import Understander, Understanding

__all__ = ["INTENTS", "LANGUAGES", "TOPICS", "VIOLATIONS", "Understander", "Understanding"]
