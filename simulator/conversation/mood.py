"""How the persona's effects and rules move a caller's mood after something the trainee did."""

from __future__ import annotations

from simulator.conversation.caller_model import CallerModel, TurnFacts
from simulator.conversation.persona import Persona
from simulator.conversation.reply import Reply, Voice


def apply_persona(model: CallerModel, persona: Persona, turn: TurnFacts, reply: Reply, voice: Voice) -> list[str]:
    """Apply intent effects and behaviour rules to the caller; add reactions to ``reply``; return the causes."""
    model.turn = turn
    causes: list[str] = []
    for intent in turn.intents:
        delta = persona.effects.get(intent, 0)
        if delta:
            model.mood += delta
            causes.append(intent)
    for rule in persona.rules:
        if rule.once and rule.when in model.rules_fired:
            continue
        if model.check(rule.when):
            model.rules_fired.add(rule.when)
            model.mood += rule.mood
            causes.append(rule.when)
            if rule.react:
                reply.add("reaction", voice.reaction(rule.react), rule=rule.when)
    model.mood = max(0, min(100, model.mood))
    return causes
