"""Where the caller's story goes: the exercise's stages, moved on by the trainee's acts and the world.

The call decides *whether* the story moves (what the trainee did, what the caller understood); the
story says *where* and in which words: the stage's opening line, its follow-up lines one by one, and
the line of the stage a move leads to. Every move is logged with its trigger and cause, so an author
sees why the caller said what they said.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.conversation.caller_model import CallerModel
from simulator.conversation.clock import SimClock
from simulator.conversation.dialogue_state import DialogueState
from simulator.conversation.events import EventLog, EventType
from simulator.conversation.exercise import Exercise, StateSpec
from simulator.conversation.machine import ScenarioMachine
from simulator.conversation.reply import Reply, Voice
from simulator.conversation.responder import Responder


@dataclass
class Story:
    """The scenario of one call, told by its caller; the call owns every part handed in."""

    exercise: Exercise
    machine: ScenarioMachine
    model: CallerModel
    voice: Voice
    responder: Responder
    dialogue: DialogueState
    log: EventLog
    clock: SimClock

    @property
    def stage(self) -> StateSpec:
        """Return the stage the story is at."""
        return self.exercise.state(self.model.state)

    def open(self, reply: Reply) -> StateSpec:
        """Add the caller's opening line (the first stage's) to the reply."""
        state = self.stage
        reply.add("scenario", self.voice.line(state.lines), state=state.name)
        self.responder.told_by_state(state, self.clock.now)
        self.note_vent(state.venting, reply)
        return state

    def advance(self, reply: Reply, triggers: tuple[str, ...], cause: int | None = None) -> bool:
        """Fire the first trigger the scenario takes, add the new stage's line; True when it moved."""
        for trigger in triggers:
            source = self.model.state
            if self.machine.fire(self.model, trigger):
                dest = self.model.state
                self.dialogue.visited.add(dest)
                self.log.append(
                    self.clock.now, EventType.STATE_CHANGE, source=source, dest=dest, trigger=trigger, cause=cause
                )
                state = self.exercise.state(dest)
                reply.add("scenario", self.voice.line(state.lines), transition=f"{source}>{dest}", trigger=trigger)
                self.responder.told_by_state(state, self.clock.now)
                return True
        return False

    def more_to_tell(self) -> bool:
        """Whether the stage still has follow-up lines the caller has not said."""
        state = self.stage
        return self.dialogue.continued.get(state.name, 0) < len(state.continues)

    def go_on(self, reply: Reply) -> bool | None:
        """Add the stage's next follow-up line; return whether it vents (None: nothing left to tell)."""
        state = self.stage
        index = self.dialogue.next_continuation(state.name, len(state.continues))
        if index is None:
            return None
        reply.add("scenario", self.voice.line([state.continues[index]]), state=state.name, by="continues")
        self.note_vent(state.venting, reply)
        return state.venting

    def note_vent(self, venting: bool, reply: Reply) -> None:
        """Count a venting line said: the caller gets closer to having said what they needed to."""
        if venting and reply.parts:
            self.model.vented += 1
