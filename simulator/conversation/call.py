"""One phone call between a trainee and a scripted caller, on a simulated clock.

The call owns the only random source, the clock and the event log, so the same exercise, seed and
trainee input always give the same caller, the same lines and the same timings. World actions
(tickets, knowledge base, remote tools) are performed elsewhere and reported here as signals.
"""

from __future__ import annotations

import random
from typing import Any

from simulator.conversation.caller import make_caller
from simulator.conversation.caller_model import CallerModel, TurnFacts
from simulator.conversation.clock import SimClock
from simulator.conversation.dialogue_state import DialogueState
from simulator.conversation.events import Event, EventLog, EventType
from simulator.conversation.exercise import Exercise, Mode
from simulator.conversation.languages import Listening
from simulator.conversation.lines import speaking_time
from simulator.conversation.machine import scenario_machine
from simulator.conversation.mood import apply_persona
from simulator.conversation.outcome import Outcome
from simulator.conversation.payloads import EndData
from simulator.conversation.persona import Persona
from simulator.conversation.phase import CallPhase, Phase
from simulator.conversation.reply import Reply, Voice, facts_asked
from simulator.conversation.responder import Responder
from simulator.conversation.story import Story
from simulator.conversation.turns import Floor
from simulator.conversation.utterances import ANNOUNCING_INTENTS, count_instructions, heard, is_question
from simulator.nlu import Understander, Understanding

SECONDS_PER_WORD = 0.4
MAX_UTTERANCE_CHARS = 2000
RING_GIVE_UP_FACTOR = 4
#: A line of this many words or fewer that does nothing ("mm-hm", "ok, ga door") is a listening cue.
LISTENING_CUE_WORDS = 3
#: A line this short that the caller does not follow, while they have more of their story to tell, is
#: taken as "go on" ("mm, vertel maar, ik luister") rather than asked about.
STORY_CUE_WORDS = 8


class Call:
    """A running call; every public method is one thing the trainee does and returns its events."""

    def __init__(
        self,
        exercise: Exercise,
        persona: Persona,
        *,
        seed: int = 0,
        mode: Mode = "practice",
        understander: Understander | None = None,
    ) -> None:
        self.exercise = exercise
        self.persona = persona
        self.seed = seed
        self.mode: Mode = mode
        self.lang = exercise.language  # the caller's mother tongue: name, wording; see ``listening`` for the trainee's
        self.rng = random.Random(f"call:{exercise.id}:{seed}")
        spec = exercise.caller
        self.caller = make_caller(
            self.lang, seed, gender=spec.gender, department=spec.department, organisation=spec.organisation
        )
        self.params = persona.with_overrides(exercise.persona_overrides)
        essential = frozenset(f.id for f in exercise.facts if f.essential)
        self.model = CallerModel(self.params, essential_facts=essential)
        self.machine = scenario_machine(exercise)
        self.machine.attach(self.model)
        self.voice = Voice(exercise, persona, self.lang, self.rng, self.caller.fields())
        self.listening = Listening(exercise.languages(), understander or Understander.default())
        self.clock = SimClock()
        self.log = EventLog()
        self.responder = Responder(exercise, self.model, self.voice, self.log)
        self.call_phase = CallPhase()
        self.dialogue = DialogueState(visited={self.model.state})
        self.story = Story(
            exercise, self.machine, self.model, self.voice, self.responder, self.dialogue, self.log, self.clock
        )
        self.ended_by: str | None = None
        self.answered_at: float | None = None
        self.floor = Floor()
        self.log.append(0.0, EventType.RING, caller=self.caller.full_name)

    # --- the trainee's actions -----------------------------------------------------------------
    def wait(self, seconds: float) -> list[Event]:
        """Let time pass while nobody speaks."""
        if refused := self._refusal("wait"):
            return [refused]
        start = len(self.log)
        self._catch_up()
        self.log.append(self.clock.now, EventType.WAIT, step="wait", seconds=seconds)
        self.clock.advance(seconds)
        if self.phase == "ringing":
            self._check_ringing()
        elif self.phase == "talking":
            self._check_silence()
        self._check_time_limit()
        return self.events_since(start)

    def answer(self) -> list[Event]:
        """Pick up the phone; the ringing time is the caller's waiting time."""
        if refused := self._refusal("answer"):
            return [refused]
        start = len(self.log)
        self.answered_at = self.clock.now
        self.call_phase.move("pick_up")
        self.log.append(self.clock.now, EventType.ANSWER, step="answer", wait_s=self.answered_at)
        self.floor.heard(self.clock.now)
        self.dialogue.pending = self._judge(TurnFacts(answer_wait=self.answered_at), speak=False)
        return self.events_since(start)

    def say(
        self,
        text: str,
        *,
        interrupt: bool = False,
        duration: float | None = None,
        asr_text: str | None = None,
        corrected: bool = False,
    ) -> list[Event]:
        """The trainee says something; the caller reacts and answers (``asr_text``: what speech recognition heard)."""
        if refused := self._refusal("say"):
            return [refused]
        start = len(self.log)
        text = " ".join(text.split())[:MAX_UTTERANCE_CHARS]
        interrupted = self._start_turn(interrupt)
        understanding = self.listening.understand(text)
        spoken = duration if duration is not None else round(max(0.4, SECONDS_PER_WORD * len(text.split())), 2)
        asr = {"asr_text": asr_text, "corrected": corrected} if asr_text is not None else {}
        heard_line = heard(understanding) | {"interrupt": interrupted, "duration": spoken} | asr
        self.log.append(self.clock.now, EventType.UTTERANCE, step="say", speaker="trainee", text=text, **heard_line)
        self.clock.advance(spoken)
        self.floor.heard(self.clock.now)
        self._respond(understanding, interrupted)
        self.dialogue.last_intents = understanding.intents
        self._check_time_limit()
        return self.events_since(start)

    def hold(self, seconds: float) -> list[Event]:
        """Put the caller on hold for a while, then come back."""
        if refused := self._refusal("hold"):
            return [refused]
        start = len(self.log)
        self._catch_up()
        announced = "announce_hold" in self.dialogue.last_intents
        self.call_phase.move("put_on_hold")
        self.log.append(self.clock.now, EventType.HOLD, step="hold", seconds=seconds, announced=announced)
        self.clock.advance(seconds)
        self.call_phase.move("take_back")
        self.log.append(self.clock.now, EventType.RESUME, seconds=seconds)
        self.floor.heard(self.clock.now)
        self._judge(TurnFacts(hold_seconds=seconds, hold_announced=announced), speak=True)
        self._check_time_limit()
        return self.events_since(start)

    def end_call(self) -> list[Event]:
        """The trainee hangs up."""
        if refused := self._refusal("end_call"):
            return [refused]
        start = len(self.log)
        self._catch_up()
        self._finish("trainee", step="end_call")
        return self.events_since(start)

    def signal(self, name: str, cause: int | None = None) -> list[Event]:
        """Tell the caller about something that happened in the world (a fix, a shared article…)."""
        if self.ended:
            return []
        self._catch_up()
        start = len(self.log)
        self.model.signals.add(name)
        reply = Reply()
        self.story.advance(reply, (name,), cause=cause)
        self._speak(reply)
        return self.events_since(start)

    def tell(self, text: str, *, kind: str = "readback", after: float = 0.0) -> list[Event]:
        """Let the caller say a line given from outside (what they read on their own screen), after
        ``after`` seconds of doing it — their own busy time, so it is not the trainee's silence."""
        if self.phase != "talking" or not text.strip():
            return []
        self._catch_up()
        start = len(self.log)
        self.clock.advance(max(0.0, after))
        reply = Reply()
        line = text.strip()
        if line in self.voice.said:  # read back again: a person says so rather than repeat it word for word
            line = f"{self.voice.response('again') or self.voice.first('responses', 'again')} {line}".strip()
        if line not in self.voice.said:  # said that way already too: nothing new to tell
            self.voice.said.add(line)
            reply.add(kind, line, by="world")
        self._speak(reply)
        self._check_time_limit()
        return self.events_since(start)

    def tool_time(self, seconds: float) -> None:
        """Let the time a tool action takes pass on the clock (the caller may talk meanwhile)."""
        self._catch_up()
        self.clock.advance(seconds)
        if self.phase == "talking":
            self._check_silence()

    def refuse(self, step: str, reason: str, **data: Any) -> Event:
        """Record a step the world refused, as it would be for a person clicking."""
        return self.log.report(self.clock.now, step, {"step": step, "refused": True, "reason": reason, **data})

    @property
    def phase(self) -> Phase:
        """Return the call's phase: ringing, talking, on_hold or ended."""
        return self.call_phase.name

    @property
    def ended(self) -> bool:
        """Whether the call is over."""
        return self.call_phase.ended

    def resolved(self) -> bool:
        """Whether the story has reached one of the exercise's good endings."""
        return bool(self.dialogue.visited & set(self.exercise.good_endings))

    def outcome(self) -> Outcome:
        """Return how the call went so far."""
        return Outcome(
            ended_by=self.ended_by,
            resolved=self.resolved(),
            customer_mood=self.model.mood,
            duration_s=self.clock.now,
            wait_before_answer_s=self.answered_at,
        )

    def close(self) -> list[Event]:
        """End the call if it is open (the trainee hung up), release the machines; return the events left."""
        events = [] if self.ended else self.end_call()
        self.release()
        return events

    def release(self) -> None:
        """Detach this call from the shared machines without ending it (a cache let go of a replayed copy)."""
        self.machine.detach(self.model)
        self.call_phase.release()

    # --- the log, for whoever drives the call --------------------------------------------------
    def mark(self) -> int:
        """Return the position the next event will take (for :meth:`events_since`)."""
        return len(self.log)

    def events_since(self, start: int) -> list[Event]:
        """Return the events logged from a mark on."""
        return [self.log[i] for i in range(start, len(self.log))]

    def note(self, type_: EventType | str, **data: Any) -> Event:
        """Record something the world did during the call (a tool step, a guided test, a timer), now."""
        return self.log.report(self.clock.now, type_, data)

    # --- internals -----------------------------------------------------------------------------
    def _refusal(self, step: str) -> Event | None:
        reason = self.call_phase.refusal(step)
        return self.refuse(step, reason) if reason else None

    def _catch_up(self) -> None:
        self.floor.catch_up(self.clock)

    def _start_turn(self, interrupt: bool) -> bool:
        """Place the trainee's turn on the clock; True when it cuts the caller off."""
        cut_off = self.floor.cut(self.clock) if interrupt else None
        if cut_off:
            index, cut = cut_off
            if self.log[index].data.get("venting"):
                self.model.vented = max(0, self.model.vented - 1)
            self.log.append(self.clock.now, EventType.INTERRUPTION, line=index, cut_at=cut)
            return True
        self._catch_up()
        self._check_silence()
        return False

    def _check_ringing(self) -> None:
        if self.clock.now >= self.params.answer_tolerance_s * RING_GIVE_UP_FACTOR:
            self._finish("customer", reason="niemand nam op")

    def _check_silence(self) -> None:
        announced = bool(ANNOUNCING_INTENTS & set(self.dialogue.last_intents))
        tolerance = self.params.hold_tolerance_s if announced else self.params.silence_timeout_s
        quiet = self.floor.new_silence(self.clock.now, tolerance)
        if quiet is not None:
            self._judge(TurnFacts(silence=quiet), speak=True)

    def _check_time_limit(self) -> None:
        if not self.ended and self.clock.now >= self.exercise.norms.time_limit_s:
            self._finish("timeout", reason="tijdslimiet bereikt")

    def _judge(self, turn: TurnFacts, *, speak: bool, reply: Reply | None = None) -> Reply:
        """Apply the persona's effects and rules to what just happened."""
        model = self.model
        before = model.mood
        reply = reply or Reply()
        causes = apply_persona(model, self.persona, turn, reply, self.voice)
        if model.mood != before:
            self.log.append(self.clock.now, EventType.MOOD, mood=model.mood, delta=model.mood - before, causes=causes)
        if model.mood <= self.params.hangup_below and not self.ended:
            reply.add("hangup", self.voice.response("hangup"), response="hangup")
            self._speak(reply)
            self._finish("customer", reason="klant haakte in")
        elif speak:
            self._speak(reply)
        return reply

    def _respond(self, u: Understanding, interrupted: bool) -> None:
        model = self.model
        model.seen.update(u.intents)
        model.seen.update(f"topic:{t}" for t in u.topics)
        turn = TurnFacts(
            intents=u.intents,
            topics=u.topics,
            jargon=u.jargon,
            instructions=count_instructions(u),
            interrupted=interrupted,
            words=len(u.text.split()),
            question=is_question(u),
        )
        if not self.dialogue.opened:
            self._open(u, turn)
        else:
            self._take_turn(u, turn)

    def _open(self, u: Understanding, turn: TurnFacts) -> None:
        """The caller's first words after the trainee's: how they feel, then their story."""
        self.dialogue.opened = True
        reply = self.dialogue.take_pending()
        self._judge(turn, speak=False, reply=reply)
        if not self.ended:
            state = self.story.open(reply)
            self._speak(reply, venting=state.venting, acts=u.intents)

    def _take_turn(self, u: Understanding, turn: TurnFacts) -> None:
        """Answer a trainee line: react, answer what was asked, move the story on, or go on with it."""
        model, story = self.model, self.story
        reply = Reply()
        self._judge(turn, speak=False, reply=reply)
        if self.ended:
            return
        still_venting = story.stage.venting and not model.heard_out()
        self.responder.answer(u, reply, still_venting=still_venting, now=self.clock.now)
        if u.has("paraphrase"):  # what the trainee summed up and the caller confirmed is known to both
            model.confirmed.update(f.id for f in facts_asked(self.exercise, model, u.topics, u.text))
        # An overwhelmed caller does not follow the instructions: they cannot move the story on.
        followed = tuple(i for i in u.intents if i != "instruct_step" or not model.too_many_steps())
        moved = story.advance(reply, followed)
        venting: bool | None = False
        answered = any(kind in ("answer", "reveal") for kind, _ in reply.parts)
        words = len(u.text.split())
        lost = not [i for i in u.intents if i != "technical_jargon"] and words > LISTENING_CUE_WORDS
        if lost and words <= STORY_CUE_WORDS and "?" not in u.text and not u.foreign and story.more_to_tell():
            lost = False  # "mm, vertel maar, ik luister": a caller with more to tell goes on with their story
        if not moved and not still_venting and lost and not answered:
            self.responder.fill_gap(u, reply, story.stage)  # what was meant, unless answered from the facts
        elif not moved and (still_venting or not answered):
            venting = story.go_on(reply)
            if venting is None and not reply.parts:
                self.responder.fill_gap(u, reply, story.stage)
        self._speak(reply, venting=bool(venting), acts=u.intents)

    def _speak(self, reply: Reply, venting: bool = False, acts: tuple[str, ...] = ()) -> None:
        if not reply.parts:
            return
        text = reply.text
        explained: dict[str, Any] = {"why": reply.why}
        if acts:
            explained["acts"] = list(acts)
        duration = speaking_time(text, self.params.words_per_second)
        event = self.log.append(
            self.clock.now,
            EventType.CUSTOMER_LINE,
            speaker="customer",
            text=text,
            kind=reply.kind,
            state=self.model.state,
            mood=self.model.mood,
            duration=duration,
            venting=venting,
            **explained,
        )
        self.floor.spoke(self.clock.now, duration, event.i)

    def _finish(self, ended_by: str, *, step: str | None = None, reason: str | None = None) -> None:
        if self.ended:
            return
        if ended_by != "trainee":
            self._catch_up()
        data: EndData = {"ended_by": ended_by}
        if step:
            data["step"] = step
        if reason:
            data["reason"] = reason
        self.call_phase.move("hang_up")
        self.ended_by = ended_by
        self.log.append(self.clock.now, EventType.END, **data)
