"""Precise, hand-written rules from a lexicon: intent patterns, question topics, jargon and slots.

Rules catch what must never be missed (a password request, a ticket number) and what a classifier
cannot learn from a few hundred examples (which of 40 topics a question is about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.nlu.schema import Lexicon
from simulator.nlu.text import fold

#: The score a matching intent rule gives; rules are written to be precise.
RULE_SCORE = 0.97


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class RuleBook:
    """A lexicon compiled once for fast matching."""

    intents: tuple[tuple[str, re.Pattern[str]], ...]
    unless: dict[str, re.Pattern[str]]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    jargon: re.Pattern[str] | None
    slots: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def compile(cls, lexicon: Lexicon) -> RuleBook:
        """Compile every pattern of a lexicon into one regex per intent, topic and slot rule."""
        terms = sorted({fold(t).strip() for t in lexicon.jargon if t.strip()}, key=len, reverse=True)
        jargon = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)") if terms else None
        return cls(
            intents=tuple((name, _union(p)) for name, p in lexicon.intents.items() if p),
            unless={name: _union(p) for name, p in lexicon.unless.items() if p},
            topics=tuple((name, _union(p)) for name, p in lexicon.topics.items() if p),
            jargon=jargon,
            slots=tuple((rule.slot, re.compile(rule.pattern)) for rule in lexicon.slots),
        )

    def match_intents(self, folded: str) -> dict[str, float]:
        """Return the intents whose patterns match the folded text."""
        found = {}
        for name, rx in self.intents:
            if rx.search(folded):
                veto = self.unless.get(name)
                if veto is None or not veto.search(folded):
                    found[name] = RULE_SCORE
        return found

    def vetoed(self, name: str, folded: str) -> bool:
        """Return whether the text holds what rules out a rule match for the intent (its ``unless``)."""
        veto = self.unless.get(name)
        return veto is not None and veto.search(folded) is not None

    def match_topics(self, folded: str) -> tuple[str, ...]:
        """Return the topics asked about, in the order they appear in the text."""
        found = []
        for name, rx in self.topics:
            m = rx.search(folded)
            if m:
                found.append((m.start(), name))
        return tuple(name for _, name in sorted(found))

    def match_jargon(self, folded: str) -> tuple[str, ...]:
        """Return the distinct technical terms used, in order of appearance."""
        if self.jargon is None:
            return ()
        return tuple(dict.fromkeys(m.group(1) for m in self.jargon.finditer(folded)))

    def match_slots(self, text: str) -> dict[str, str]:
        """Return slot values found in the text with its case kept; the first rule per slot wins."""
        slots: dict[str, str] = {}
        for slot, rx in self.slots:
            if slot in slots:
                continue
            m = rx.search(text)
            if m and m.group("value"):
                slots[slot] = m.group("value").strip(" .,;:!?")
        return slots
