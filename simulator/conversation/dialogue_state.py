"""What has been said and done in a call so far, beyond the caller's mind (:class:`CallerModel`).

The call keeps here what it needs to take the next turn like a person would: whether the caller has
said their opening line, how many of a stage's follow-up lines they have said, the trainee's last acts
(a hold announced in the previous line is a hold announced), a reaction waiting for the caller's first
line, and every stage the story went through (a good ending reached stays reached).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.conversation.reply import Reply


@dataclass
class DialogueState:
    """The call's memory of the conversation itself; one per call."""

    visited: set[str] = field(default_factory=set)
    opened: bool = False
    continued: dict[str, int] = field(default_factory=dict)
    last_intents: tuple[str, ...] = ()
    #: A reaction waiting for the caller's first line (e.g. to being answered late).
    pending: Reply = field(default_factory=Reply)

    def next_continuation(self, state: str, available: int) -> int | None:
        """Return the index of the stage's next follow-up line and count it said (None: all said)."""
        done = self.continued.get(state, 0)
        if done >= available:
            return None
        self.continued[state] = done + 1
        return done

    def take_pending(self) -> Reply:
        """Return the waiting reaction and forget it."""
        reply, self.pending = self.pending, Reply()
        return reply
