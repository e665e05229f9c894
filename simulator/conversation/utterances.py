"""What a trainee's utterance means to the caller, beyond its intents: is it a question, how many
separate things does it ask the caller to do, does it tell the caller why the line goes quiet."""

from __future__ import annotations

from typing import Any

from simulator.nlu import Understanding

#: What a venting caller still answers before going on with their story.
ANSWERED_WHILE_VENTING = frozenset({"ask_caller_identity", "verify_identity", "ask_for_password", "ask_remote_consent"})
#: Intents that tell the caller why it goes quiet ("een momentje, ik maak een ticket aan").
ANNOUNCING_INTENTS = frozenset({"announce_hold", "explain_steps"})
QUESTION_INTENTS = frozenset({"open_question", "closed_question", "ask_caller_identity", "verify_identity"})


#: What a clause in a list of steps may do besides nothing: instruct, with or without jargon.
STEP_ACTS = frozenset({"instruct_step", "technical_jargon"})


def is_question(u: Understanding) -> bool:
    """A hidden fact is only told in answer to a question, not when a topic is merely mentioned."""
    return "?" in u.text or bool(QUESTION_INTENTS & set(u.intents))


def count_instructions(u: Understanding) -> int:
    """Count the separate things the caller is told to do in one utterance (novices follow one).

    Every sentence or clause that instructs counts: 'open de mail, klik op de link, typ de code over'
    is three steps however it is punctuated.
    """
    if not u.has("instruct_step"):
        return 0
    steps, listing = 0, False
    for segment in u.segments:
        if "instruct_step" in segment.intents:
            steps, listing = steps + 1, True
        elif listing and not set(segment.intents) - STEP_ACTS:
            steps += 1  # in the same sentence as an instruction, 'dan de drivers updaten' is one more step
        if segment.text.rstrip().endswith((".", "!", "?")):
            listing = False
    return max(1, steps)


def heard(u: Understanding) -> dict[str, Any]:
    """Return what the event log keeps of an understood line: acts, scores, topics, slots, jargon, clauses."""
    return {
        "intents": list(u.intents),
        "scores": {k: round(v, 3) for k, v in u.scores.items()},
        "topics": list(u.topics),
        "slots": dict(u.slots),
        "jargon": list(u.jargon),
        "segments": [{"text": seg.text, "intents": list(seg.intents)} for seg in u.segments],
        **({"foreign": u.foreign} if u.foreign else {}),
    }
