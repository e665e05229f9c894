"""What a trainee's utterance means to the caller, beyond its intents: is it a question, how many
separate things does it ask the caller to do, does it tell the caller why the line goes quiet."""

from __future__ import annotations

import re

from simulator.nlu import Understander, Understanding

#: What a venting caller still answers before going on with their story.
ANSWERED_WHILE_VENTING = frozenset({"ask_caller_identity", "verify_identity", "ask_for_password", "ask_remote_consent"})
#: Intents that tell the caller why it goes quiet ("een momentje, ik maak een ticket aan").
ANNOUNCING_INTENTS = frozenset({"announce_hold", "explain_steps"})
QUESTION_INTENTS = frozenset({"open_question", "closed_question", "ask_caller_identity", "verify_identity"})
_STEP_SPLIT = re.compile(r"[.!?;\n]+|\b(?:en dan|daarna|vervolgens|and then|then|puis|ensuite|et après)\b", re.I)


def is_question(u: Understanding) -> bool:
    """A hidden fact is only told in answer to a question, not when a topic is merely mentioned."""
    return "?" in u.text or bool(QUESTION_INTENTS & set(u.intents))


def count_instructions(u: Understanding, understander: Understander, lang: str) -> int:
    """Count the separate things the caller is told to do in one utterance (novices follow one)."""
    if not u.has("instruct_step"):
        return 0
    parts = [p.strip() for p in _STEP_SPLIT.split(u.text) if p and p.strip()]
    if len(parts) <= 1:
        return 1
    return max(1, sum(1 for p in parts if understander.understand(p, lang).has("instruct_step")))
