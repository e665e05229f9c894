"""One phone call between a trainee and a scripted caller, on a simulated clock.

The call owns the only random source, the clock and the event log, so the same exercise, seed and
trainee input always give the same caller, the same lines and the same timings. World actions
(tickets, knowledge base, remote tools) are performed elsewhere and reported here as signals.
"""

from __future__ import annotations

import random
from typing import Any, Literal

from simulator.conversation.caller import make_caller
from simulator.conversation.caller_model import CallerModel, TurnFacts
from simulator.conversation.clock import SimClock
from simulator.conversation.events import Event, EventLog, EventType
from simulator.conversation.exercise import Exercise, Mode
from simulator.conversation.lines import speaking_time
from simulator.conversation.machine import scenario_machine
from simulator.conversation.mood import apply_persona
from simulator.conversation.outcome import Outcome
from simulator.conversation.payloads import EndData
from simulator.conversation.persona import Persona
from simulator.conversation.reply import Reply, Voice
from simulator.conversation.responder import Responder
from simulator.conversation.turns import Floor
from simulator.conversation.utterances import ANNOUNCING_INTENTS, count_instructions, heard
from simulator.nlu import Understander, Understanding

Phase = Literal["ringing", "talking", "on_hold", "ended"]
SECONDS_PER_WORD = 0.4
MAX_UTTERANCE_CHARS = 2000
RING_GIVE_UP_FACTOR = 4
#: A line of this many words or fewer that does nothing ("mm-hm", "ok, ga door") is a listening cue.
LISTENING_CUE_WORDS = 3


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
        self.lang = exercise.language
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
        self.understander = understander or Understander.default()
        self.clock = SimClock()
        self.log = EventLog()
        self.responder = Responder(exercise, self.model, self.voice, self.log)
        self.phase: Phase = "ringing"
        self.visited: set[str] = {self.model.state}
        self.ended_by: str | None = None
        self.answered_at: float | None = None
        self.opened = False
        self.floor = Floor()
        self._continued: dict[str, int] = {}
        self._last_intents: tuple[str, ...] = ()
        self._pending = Reply()  # a reaction waiting for the caller's first line (e.g. answered late)
        self.log.append(0.0, EventType.RING, caller=self.caller.full_name)

    # --- the trainee's actions -----------------------------------------------------------------
    def wait(self, seconds: float) -> list[Event]:
        """Let time pass while nobody speaks."""
        start = len(self.log)
        if self.phase == "ended":
            return [self._refuse("wait", "Het gesprek is al beëindigd.")]
        self._catch_up()
        self.log.append(self.clock.now, EventType.WAIT, step="wait", seconds=seconds)
        self.clock.advance(seconds)
        if self.phase == "ringing":
            self._check_ringing()
        elif self.phase == "talking":
            self._check_silence()
        self._check_time_limit()
        return self._since(start)

    def answer(self) -> list[Event]:
        """Pick up the phone; the ringing time is the caller's waiting time."""
        if self.phase != "ringing":
            reason = "Het gesprek is al beëindigd." if self.phase == "ended" else "De telefoon is al opgenomen."
            return [self._refuse("answer", reason)]
        start = len(self.log)
        self.answered_at = self.clock.now
        self.phase = "talking"
        self.log.append(self.clock.now, EventType.ANSWER, step="answer", wait_s=self.answered_at)
        self.floor.heard(self.clock.now)
        self._pending = self._judge(TurnFacts(answer_wait=self.answered_at), speak=False)
        return self._since(start)

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
        refused = self._refusal_for_talk("say")
        if refused:
            return [refused]
        start = len(self.log)
        text = " ".join(text.split())[:MAX_UTTERANCE_CHARS]
        interrupted = self._start_turn(interrupt)
        understanding = self.understander.understand(text, self.lang)
        spoken = duration if duration is not None else round(max(0.4, SECONDS_PER_WORD * len(text.split())), 2)
        recognised: dict[str, Any] = {"asr_text": asr_text, "corrected": corrected} if asr_text is not None else {}
        self.log.append(
            self.clock.now,
            EventType.UTTERANCE,
            step="say",
            speaker="trainee",
            text=text,
            **heard(understanding),
            interrupt=interrupted,
            duration=spoken,
            **recognised,
        )
        self.clock.advance(spoken)
        self.floor.heard(self.clock.now)
        self._respond(understanding, interrupted)
        self._last_intents = understanding.intents
        self._check_time_limit()
        return self._since(start)

    def hold(self, seconds: float) -> list[Event]:
        """Put the caller on hold for a while, then come back."""
        refused = self._refusal_for_talk("hold")
        if refused:
            return [refused]
        start = len(self.log)
        self._catch_up()
        announced = "announce_hold" in self._last_intents
        self.phase = "on_hold"
        self.log.append(self.clock.now, EventType.HOLD, step="hold", seconds=seconds, announced=announced)
        self.clock.advance(seconds)
        self.phase = "talking"
        self.log.append(self.clock.now, EventType.RESUME, seconds=seconds)
        self.floor.heard(self.clock.now)
        self._judge(TurnFacts(hold_seconds=seconds, hold_announced=announced), speak=True)
        self._check_time_limit()
        return self._since(start)

    def end_call(self) -> list[Event]:
        """The trainee hangs up."""
        if self.phase == "ended":
            return [self._refuse("end_call", "Het gesprek is al beëindigd.")]
        start = len(self.log)
        self._catch_up()
        self._finish("trainee", step="end_call")
        return self._since(start)

    def signal(self, name: str, cause: int | None = None) -> list[Event]:
        """Tell the caller about something that happened in the world (a fix, a shared article…)."""
        if self.phase == "ended":
            return []
        self._catch_up()
        start = len(self.log)
        self.model.signals.add(name)
        reply = Reply()
        self._advance_scenario(reply, (name,), cause=cause)
        self._speak(reply)
        return self._since(start)

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
            line = f"{self.voice.response('again') or ''} {line}".strip()
        self.voice.said.add(line)
        reply.add(kind, line, by="world")
        self._speak(reply)
        self._check_time_limit()
        return self._since(start)

    def tool_time(self, seconds: float) -> None:
        """Let the time a tool action takes pass on the clock (the caller may talk meanwhile)."""
        self._catch_up()
        self.clock.advance(seconds)
        if self.phase == "talking":
            self._check_silence()

    def refuse(self, step: str, reason: str, **data: Any) -> Event:
        """Record a step the world refused, as it would be for a person clicking."""
        return self._refuse(step, reason, **data)

    # --- state ---------------------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """Whether the call is over."""
        return self.phase == "ended"

    def outcome(self) -> Outcome:
        """Return how the call went so far."""
        return Outcome(
            ended_by=self.ended_by,
            resolved=bool(self.visited & set(self.exercise.good_endings)),
            customer_mood=self.model.mood,
            duration_s=self.clock.now,
            wait_before_answer_s=self.answered_at,
        )

    def close(self) -> None:
        """End the call if it is open (the trainee hung up) and release the machine."""
        if not self.ended:
            self.end_call()
        self.machine.detach(self.model)

    # --- internals -----------------------------------------------------------------------------
    def _since(self, start: int) -> list[Event]:
        return [self.log[i] for i in range(start, len(self.log))]

    def _refuse(self, step: str, reason: str, **data: Any) -> Event:
        return self.log.report(self.clock.now, step, {"step": step, "refused": True, "reason": reason, **data})

    def _refusal_for_talk(self, step: str) -> Event | None:
        if self.phase == "ended":
            return self._refuse(step, "Het gesprek is al beëindigd.")
        if self.phase == "ringing":
            return self._refuse(step, "De telefoon is nog niet opgenomen.")
        return None

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
        announced = bool(ANNOUNCING_INTENTS & set(self._last_intents))
        tolerance = self.params.hold_tolerance_s if announced else self.params.silence_timeout_s
        quiet = self.floor.new_silence(self.clock.now, tolerance)
        if quiet is not None:
            self._judge(TurnFacts(silence=quiet), speak=True)

    def _check_time_limit(self) -> None:
        if self.phase != "ended" and self.clock.now >= self.exercise.norms.time_limit_s:
            self._finish("timeout", reason="tijdslimiet bereikt")

    def _judge(self, turn: TurnFacts, *, speak: bool, reply: Reply | None = None) -> Reply:
        """Apply the persona's effects and rules to what just happened."""
        model = self.model
        before = model.mood
        reply = reply or Reply()
        causes = apply_persona(model, self.persona, turn, reply, self.voice)
        if model.mood != before:
            self.log.append(self.clock.now, EventType.MOOD, mood=model.mood, delta=model.mood - before, causes=causes)
        if model.mood <= self.params.hangup_below and self.phase != "ended":
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
        instructions = count_instructions(u)
        turn = TurnFacts(
            intents=u.intents,
            topics=u.topics,
            jargon=u.jargon,
            instructions=instructions,
            interrupted=interrupted,
            words=len(u.text.split()),
        )
        reply = Reply()
        if not self.opened:
            self.opened = True
            reply, self._pending = self._pending, Reply()
            self._judge(turn, speak=False, reply=reply)
            if self.ended:
                return
            state = self.exercise.state(model.state)
            reply.add("scenario", self.voice.line(state.lines), state=state.name)
            self.responder.told_by_state(state, self.clock.now)
            self._note_vent(state.venting, reply)
            self._speak(reply, venting=state.venting, acts=u.intents)
            return
        self._judge(turn, speak=False, reply=reply)
        if self.ended:
            return
        state = self.exercise.state(model.state)
        still_venting = state.venting and not model.heard_out()
        self.responder.answer(u, reply, still_venting=still_venting, now=self.clock.now)
        # An overwhelmed caller does not follow the instructions: they cannot move the story on.
        followed = tuple(i for i in u.intents if i != "instruct_step" or not model.too_many_steps())
        moved = self._advance_scenario(reply, followed)
        venting = False
        answered = any(kind in ("answer", "reveal") for kind, _ in reply.parts)
        lost = not [i for i in u.intents if i != "technical_jargon"] and len(u.text.split()) > LISTENING_CUE_WORDS
        if not moved and not still_venting and lost:
            self.responder.fill_gap(u, reply, self.exercise.state(model.state))  # a person asks what was meant
        elif not moved and (still_venting or not answered):
            state = self.exercise.state(model.state)
            done = self._continued.get(state.name, 0)
            if done < len(state.continues):
                self._continued[state.name] = done + 1
                reply.add("scenario", self.voice.line([state.continues[done]]), state=state.name, by="continues")
                venting = state.venting
                self._note_vent(venting, reply)
            elif not reply.parts:
                self.responder.fill_gap(u, reply, state)
        self._speak(reply, venting=venting, acts=u.intents)

    def _note_vent(self, venting: bool, reply: Reply) -> None:
        if venting and reply.parts:
            self.model.vented += 1

    def _advance_scenario(self, reply: Reply, triggers: tuple[str, ...], cause: int | None = None) -> bool:
        for trigger in triggers:
            source = self.model.state
            if self.machine.fire(self.model, trigger):
                dest = self.model.state
                self.visited.add(dest)
                self.log.append(
                    self.clock.now, EventType.STATE_CHANGE, source=source, dest=dest, trigger=trigger, cause=cause
                )
                state = self.exercise.state(dest)
                reply.add("scenario", self.voice.line(state.lines), transition=f"{source}>{dest}", trigger=trigger)
                self.responder.told_by_state(state, self.clock.now)
                return True
        return False

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
        if self.phase == "ended":
            return
        if ended_by != "trainee":
            self._catch_up()
        data: EndData = {"ended_by": ended_by}
        if step:
            data["step"] = step
        if reason:
            data["reason"] = reason
        self.phase = "ended"
        self.ended_by = ended_by
        self.log.append(self.clock.now, EventType.END, **data)
