"""Compose what the caller says back: reactions, answers, revealed facts and scenario lines.

A reply is built from parts in a fixed order so that the caller sounds like one person: first how
they feel about what just happened, then the answer to the question, then where the story goes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.conversation.caller_model import CallerModel
from simulator.conversation.exercise import Exercise, FactSpec
from simulator.conversation.lines import fill, pick
from simulator.conversation.persona import Lang, LinesByLang, Persona

#: Intents the caller answers from the persona's responses, in this order.
ANSWERED_INTENTS = (
    "greeting",
    "ask_caller_identity",
    "verify_identity",
    "ask_for_password",
    "ask_remote_consent",
    "announce_hold",
    "give_ticket_number",
    "refer_to_kb",
    "announce_escalation",
    "check_satisfaction",
    "closing",
)


@dataclass
class Reply:
    """The parts of one caller turn, with why each part was said (for authors and instructors)."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    why: list[dict[str, str]] = field(default_factory=list)

    def add(self, kind: str, text: str | None, **why: str) -> None:
        """Append a part unless it is empty or already in this reply; ``why`` names the rule or move."""
        if text and all(text != said for _, said in self.parts):
            self.parts.append((kind, text))
            self.why.append({"part": kind, **why})

    @property
    def text(self) -> str:
        """Return the whole reply as one line."""
        return " ".join(text for _, text in self.parts)

    @property
    def kind(self) -> str:
        """Return the most telling kind of the parts (for the log)."""
        kinds = [k for k, _ in self.parts]
        for preferred in ("hangup", "reveal", "scenario", "reaction"):
            if preferred in kinds:
                return preferred
        return kinds[0] if kinds else "silence"


class Voice:
    """Picks the caller's words: exercise overrides first, then the persona, in the call's language."""

    def __init__(
        self, exercise: Exercise, persona: Persona, lang: Lang, rng: random.Random, fields: Mapping[str, str]
    ) -> None:
        self.exercise = exercise
        self.persona = persona
        self.lang = lang
        self.rng = rng
        self.fields = fields
        #: Every line this caller has said or is about to say: a person does not repeat a line verbatim.
        self.said: set[str] = set()

    def _variants(self, section: str, key: str) -> list[str]:
        own: Mapping[str, LinesByLang | list[str]] = getattr(self.exercise, section)
        if key in own:
            value = own[key]
            return list(value) if isinstance(value, list) else list(value.get(self.lang, []))
        persona_lines: Mapping[str, LinesByLang] = getattr(self.persona, section)
        return list(persona_lines.get(key, {}).get(self.lang, []))

    def has(self, section: str, key: str) -> bool:
        """Return whether the exercise or the persona has lines for the key in this language."""
        return bool(self._variants(section, key))

    def first(self, section: str, key: str) -> str:
        """Return the first unfilled variant for the key ('' when none): for saying again what was said."""
        variants = self._variants(section, key)
        return variants[0] if variants else ""

    def response(self, key: str) -> str | None:
        """Return a fresh filled-in response line for an intent or special key (None: all said)."""
        return self._fresh(self._variants("responses", key))

    def reaction(self, key: str) -> str | None:
        """Return a fresh filled-in reaction line."""
        return self._fresh(self._variants("reactions", key))

    def line(self, variants: list[str]) -> str | None:
        """Return one fresh filled-in variant of a scenario line."""
        return self._fresh(variants)

    def _fresh(self, variants: list[str]) -> str | None:
        """Pick a variant this caller has not said yet (seeded), remember it; None when all were said."""
        filled = [fill(v, self.fields) for v in variants]
        unused = [v for v in dict.fromkeys(filled) if v not in self.said]
        line = pick(self.rng, unused)
        if line:
            self.said.add(line)
        return line


def facts_asked(
    exercise: Exercise, model: CallerModel, topics: tuple[str, ...], text: str, *, told: bool = False
) -> list[FactSpec]:
    """Return the facts not yet told (``told``: the ones already told) whose topics or keywords were asked."""
    folded = text.casefold()
    by_topic, by_keyword = [], []
    for fact in exercise.facts:
        if (fact.id in model.revealed) != told:
            continue
        if set(fact.topics) & set(topics):
            by_topic.append(fact)
        elif not told and any(k.casefold() in folded for k in fact.keywords):
            by_keyword.append(fact)  # a keyword may answer a new question, never make the caller repeat
    return by_topic + by_keyword
