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
    """The parts of one caller turn and what they revealed."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    facts: list[FactSpec] = field(default_factory=list)

    def add(self, kind: str, text: str | None) -> None:
        """Append a part unless it is empty or repeats the previous one."""
        if text and (not self.parts or self.parts[-1][1] != text):
            self.parts.append((kind, text))

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

    def _variants(self, section: str, key: str) -> list[str]:
        own: Mapping[str, LinesByLang | list[str]] = getattr(self.exercise, section)
        if key in own:
            value = own[key]
            return list(value) if isinstance(value, list) else list(value.get(self.lang, []))
        persona_lines: Mapping[str, LinesByLang] = getattr(self.persona, section)
        return list(persona_lines.get(key, {}).get(self.lang, []))

    def response(self, key: str) -> str | None:
        """Return a filled-in response line for an intent or special key."""
        line = pick(self.rng, self._variants("responses", key))
        return fill(line, self.fields) if line else None

    def reaction(self, key: str) -> str | None:
        """Return a filled-in reaction line."""
        line = pick(self.rng, self._variants("reactions", key))
        return fill(line, self.fields) if line else None

    def line(self, variants: list[str]) -> str | None:
        """Return one filled-in variant of a scenario line."""
        line = pick(self.rng, variants)
        return fill(line, self.fields) if line else None


def facts_asked(exercise: Exercise, model: CallerModel, topics: tuple[str, ...], text: str) -> list[FactSpec]:
    """Return the facts not yet told whose topics or keywords the trainee just asked about."""
    folded = text.casefold()
    asked = []
    for fact in exercise.facts:
        if fact.id in model.revealed:
            continue
        if set(fact.topics) & set(topics) or any(k.casefold() in folded for k in fact.keywords):
            asked.append(fact)
    return asked
