"""Drive one call step by step: conversation steps go to the call, the rest to the helpdesk world.

Used by ``eerstelijn replay``, by the terminal player and by the web console, so a click in the
browser and a line in a script are the same thing and leave the same events.
"""

from __future__ import annotations

from typing import Any

from simulator.conversation.authored import ExerciseSource
from simulator.conversation.call import Call
from simulator.conversation.events import Event, EventType
from simulator.conversation.exercise import Mode
from simulator.conversation.forms import pick_form, with_form
from simulator.conversation.loader import load_exercise, load_persona
from simulator.conversation.record import CallRecord
from simulator.nlu import Understander
from simulator.scripts.steps import (
    CONVERSATION_STEPS,
    MAX_CALL_STEPS,
    HoldArgs,
    SayArgs,
    StepError,
    WaitArgs,
    _Args,
    parse_step,
)
from simulator.world import make_world
from simulator.world.guided import clauses
from simulator.world.port import REFERENCE_CHECKS, ActionContext, World, WorldFactory


class CallRunner:
    """One call plus its world, driven by session-script steps."""

    def __init__(
        self,
        exercise_id: str,
        *,
        seed: int = 0,
        mode: Mode = "practice",
        understander: Understander | None = None,
        world_factory: WorldFactory | None = None,
        exercises: ExerciseSource | None = None,
        form: str | None = None,
    ) -> None:
        base = exercises.load(exercise_id) if exercises is not None else load_exercise(exercise_id)
        #: the parallel form this call plays: ``form`` if given (an assignment's, a script's), else the seed's
        self.form = pick_form(base, seed, form)
        self.exercise = with_form(base, self.form)
        self.persona = load_persona(self.exercise.persona)
        self.call = Call(self.exercise, self.persona, seed=seed, mode=mode, understander=understander)
        factory = world_factory or make_world
        self.world: World | None = factory(self.exercise, self.call.caller, seed)
        self.steps: list[tuple[str, Any]] = []

    @property
    def events(self) -> list[Event]:
        """Return the call's event log so far."""
        return self.call.events_since(0)

    def check(self, name: str, raw: Any, where: str = "step") -> _Args:
        """Validate a step and its references to the exercise's world without performing it."""
        args = parse_step(name, raw, where)
        for check in REFERENCE_CHECKS:
            problem = check(self.exercise, name, args)
            if problem:
                raise StepError(where, problem.message, code=problem.code, field=problem.field, params=problem.params)
        return args

    def perform(self, name: str, raw: Any = None, where: str | None = None) -> list[Event]:
        """Perform one step (validated first) and return the events it left."""
        where = where or f"step {len(self.steps) + 1}"
        if len(self.steps) >= MAX_CALL_STEPS:
            raise StepError(where, f"a call takes at most {MAX_CALL_STEPS} steps; end this one")
        args = self.check(name, raw, where)
        self.steps.append((name, args.model_dump(exclude_defaults=True)))
        start = self.call.mark()
        if name in CONVERSATION_STEPS:
            self._converse(name, args)
        else:
            self._act(name, args)
        self._tick()
        return self.call.events_since(start)

    def _converse(self, name: str, args: _Args) -> None:
        call = self.call
        if name == "wait" and isinstance(args, WaitArgs):
            call.wait(args.seconds)
        elif name == "answer":
            call.answer()
        elif name == "say" and isinstance(args, SayArgs):
            start = call.mark()
            call.say(
                args.text,
                interrupt=args.interrupt,
                duration=args.duration,
                asr_text=args.asr_text,
                corrected=args.corrected,
            )
            self._guide(start)
        elif name == "hold" and isinstance(args, HoldArgs):
            call.hold(args.seconds)
        elif name == "end_call":
            call.end_call()

    def _context(self) -> ActionContext:
        call = self.call
        return ActionContext(
            now=call.clock.now,
            consent_given=call.model.consent_given(),
            identity_verified=call.model.identity_verified(),
            caller=call.caller,
            call_active=not call.ended and call.phase != "ringing",
        )

    def _guide(self, since: int) -> None:
        """Without a remote session, let the caller do the test just instructed and read the result back."""
        call = self.call
        said = next((e for e in call.events_since(since) if e.type == EventType.UTTERANCE), None)
        if self.world is None or said is None or call.phase != "talking":
            return
        reading = "exact" if call.params.likes_jargon else "plain"
        intents = tuple(said.data.get("intents", ()))
        text = str(said.data["text"])
        limit = call.params.max_instructions_per_turn
        if limit <= 1 or call.model.turn.instructions > limit:  # one step at a time, or overwhelmed: the first
            text = self._first_instruction(text)
        result = self.world.guide(text, intents, self._context(), reading=reading)
        if result is None:
            return
        data = {"utterance": said.i} | result.data
        if not result.ok:
            call.note(EventType.GUIDED, refused=True, reason=result.reason or "Geweigerd.", **data)
            call.tell(str(data.get("readback", "")), kind="answer")
            return
        event = call.note(EventType.GUIDED, **data)
        call.tell(str(data.get("readback", "")), kind="readback", after=result.seconds)
        for signal in result.signals:
            call.signal(signal, cause=event.i)

    def _first_instruction(self, text: str) -> str:
        """Return the first part of the utterance that tells the caller to do something."""
        call = self.call
        parts = clauses(text)
        heard = call.listening.current
        return next((p for p in parts if call.listening.understander.understand(p, heard).has("instruct_step")), text)

    def _act(self, name: str, args: _Args) -> None:
        call = self.call
        payload = args.model_dump(exclude_none=True)
        if self.world is None:
            call.refuse(name, "De helpdeskomgeving (tickets, kennisbank, hulp op afstand) is niet beschikbaar.")
            return
        ctx = self._context()
        result = self.world.perform(name, payload, ctx)
        call.tool_time(0.0)
        if not result.ok:
            call.refuse(name, result.reason or "Geweigerd.", **result.data)
            return
        event = call.note(name, step=name, **result.data)
        call.tool_time(result.seconds)
        for signal in result.signals:
            call.signal(signal, cause=event.i)

    def _tick(self) -> None:
        if self.world is None:
            return
        for type_, data in self.world.tick(self.call.clock.now):
            self.call.note(type_, **data)

    def finish(self) -> CallRecord:
        """End the call if it is still open (as if the trainee hung up) and return its record."""
        if self.call.close():  # the call was still open: the world sees the hang-up
            self._tick()
        return self.record()

    def record(self) -> CallRecord:
        """Return the call as it stands, for the assessment and reports."""
        call = self.call
        return CallRecord(
            exercise=self.exercise,
            persona=self.persona,
            params=call.params,
            caller=call.caller,
            seed=call.seed,
            mode=call.mode,
            events=tuple(call.events_since(0)),
            outcome=call.outcome(),
            ticket=self.world.ticket_summary() if self.world else None,
            world=self.world.snapshot() if self.world else {},
        )

    def snapshot(self) -> dict[str, Any]:
        """Return what a console shows about the call right now."""
        call = self.call
        return {
            "phase": call.phase,
            "state": call.model.state,
            "mood": call.model.mood,
            "clock": call.clock.now,
            "consent_given": call.model.consent_given(),
            "identity_verified": call.model.identity_verified(),
            "facts_revealed": sorted(call.model.revealed),
            "ended": call.ended,
            "ticket": self.world.ticket_summary() if self.world else None,
        }
