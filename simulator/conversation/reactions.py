"""Which acts of the trainee a caller has no designed reaction to, state by state (validation warnings).

The caller always answers something (:mod:`simulator.conversation.responder` clarifies, says it does
not know or acknowledges), but an author should decide how each persona in each state meets each act:
a transition, a response line, a mood effect, a behaviour rule, or an explicit ``ignore``. A missing
decision is a warning with the state's line, not an error: the exercise still runs.
"""

from __future__ import annotations

from simulator.content.errors import Problem
from simulator.content.yamlfile import LoadedYaml
from simulator.conversation.exercise import Exercise
from simulator.conversation.persona import Persona

#: The acts a persona rule reacts to, by the predicate it names.
RULE_ACTS: dict[str, frozenset[str]] = {
    "blamed": frozenset({"blame_or_rude"}),
    "password_asked": frozenset({"ask_for_password"}),
    "jargon_used": frozenset({"technical_jargon"}),
    "peer_talk": frozenset({"technical_jargon"}),
    "solution_before_heard": frozenset({"instruct_step", "propose_solution", "explain_steps"}),
    "too_many_steps": frozenset({"instruct_step"}),
    "empathy_shown": frozenset({"empathy"}),
    "paraphrased": frozenset({"paraphrase"}),
}


def missing_reactions(doc: LoadedYaml, exercise: Exercise, persona: Persona, acts: tuple[str, ...]) -> list[Problem]:
    """Return one warning per state that meets some acts with no transition, line, effect, rule or ignore."""
    shared = set(persona.responses) | set(exercise.responses) | {k for k, v in persona.effects.items() if v}
    shared |= set(persona.ignore)
    if "dont_know" in persona.responses:  # a question is met by the facts it asks about, or "I don't know"
        shared |= {"open_question", "closed_question"}
    for rule in persona.rules:
        shared |= RULE_ACTS.get(rule.when, frozenset())
    warnings = []
    for i, state in enumerate(exercise.states):
        moves = {t.trigger for t in exercise.transitions if state.name in t.sources() or "*" in t.sources()}
        missing = [a for a in acts if a not in shared | moves | set(state.ignore)]
        if missing:
            warnings.append(
                doc.problem(
                    ["states", i, "name"],
                    f"no reaction decided in state '{state.name}' to: {', '.join(missing)} "
                    "(add a transition, a response, an effect or list them under ignore)",
                )
            )
    return warnings
