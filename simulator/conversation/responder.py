"""What the caller answers to one trainee line, like a person with a memory and manners would.

The order mirrors a person: first the answer to what was asked (identity details, consent, the
ticket number…), then the facts the question is about, and when none of that applies, a short
answer that fits the line — "hoe bedoelt ge?" to a line the caller did not understand, "dat weet ik
niet" to a question they cannot answer, an acknowledgement to an explanation — before, last of all,
the state's own idle line. Every line is fresh (:class:`~simulator.conversation.reply.Voice` never
repeats one), and each part says why it was chosen, for ``replay --explain`` and the review page.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.conversation.caller_model import CallerModel
from simulator.conversation.events import EventLog, EventType
from simulator.conversation.exercise import Exercise, FactSpec, StateSpec
from simulator.conversation.identity import details_asked
from simulator.conversation.lines import fill
from simulator.conversation.reply import ANSWERED_INTENTS, Reply, Voice, facts_asked
from simulator.conversation.utterances import ANSWERED_WHILE_VENTING, is_question
from simulator.nlu import Understanding

IDENTITY_INTENTS = frozenset({"ask_caller_identity", "verify_identity"})
#: Acts answered before a question in the same line: a restatement is confirmed, an instruction or a
#: proposal is gone along with ("you can open it and try?" is a step, not a question to not know).
FIRST_ANSWERED = ("paraphrase", "instruct_step", "propose_solution")
DIAGNOSTIC_QUESTIONS = frozenset({"open_question", "closed_question"})
#: A question that asks the caller to act or to judge the result is not a question about the facts.
NOT_ASKING = frozenset({"instruct_step", "check_satisfaction", "ask_remote_consent", "propose_solution", "paraphrase"})
#: Acts a caller acknowledges rather than ignores when nothing else in the line needs an answer.
ACKNOWLEDGED = ("explain_steps", "explain_risk", "refuse_request", "empathy", "apology", "thank")
#: The topic whose facts a caller describes when asked an open question about nothing in particular.
DESCRIBE_TOPIC = "symptoms"
#: Answers that depend on what the caller remembers: a goodbye before anything is solved is not answered
#: with a goodbye, and a ticket already passed to a team does not make the caller ask which team.
CLOSING_UNRESOLVED = "closing_unresolved"
ESCALATION_KNOWN = "escalation_known"


def asks_about_facts(u: Understanding) -> bool:
    """Whether a clause of the line asks the caller something, not to do something or to judge a result.

    "I restarted the print program; can you try printing again?" asks for an action: answering it with
    "I already switched the printer off and on" is a non-sequitur (and, after the fix, a contradiction).
    """
    if not is_question(u):
        return False
    asking = [s for s in u.segments if set(s.intents) & DIAGNOSTIC_QUESTIONS or s.text.rstrip().endswith("?")]
    return not asking or any(not set(s.intents) & NOT_ASKING for s in asking)


@dataclass
class Responder:
    """Builds the answer part of a caller turn; the call owns the model, the voice and the log."""

    exercise: Exercise
    model: CallerModel
    voice: Voice
    log: EventLog

    def answer(self, u: Understanding, reply: Reply, *, still_venting: bool, now: float) -> None:
        """Add the answers to what the line asked for, and the facts its question is about."""
        identity = self._identity_by_detail()
        for intent in ANSWERED_INTENTS:
            if not u.has(intent) or (still_venting and intent not in ANSWERED_WHILE_VENTING):
                continue
            if intent in IDENTITY_INTENTS and identity:
                continue
            key = self._remembering(intent)
            reply.add("answer", self.voice.response(key), response=key)
            if intent == "ask_remote_consent":
                self.model.grant_consent()
                self.log.append(now, EventType.CONSENT, given=True)
        if identity and (IDENTITY_INTENTS & set(u.intents) or is_question(u)):
            self._tell_identity(u, reply, now)
        if asks_about_facts(u) and not still_venting:
            for fact in self._facts_for(u):
                self.reveal(fact, reply, now, why="question")
            if not reply.parts and set(u.intents) & DIAGNOSTIC_QUESTIONS and not set(u.intents) & NOT_ASKING:
                self._retell(u, reply)

    def reveal(self, fact: FactSpec, reply: Reply, now: float, *, why: str) -> None:
        """Tell a fact (once) and log it."""
        if fact.id in self.model.revealed:
            return
        self.model.revealed.add(fact.id)
        self.log.append(now, EventType.FACT_REVEALED, fact=fact.id, essential=fact.essential)
        reply.add("reveal", self.voice.line(fact.says), fact=fact.id, by=why)

    def told_by_state(self, state: StateSpec, now: float) -> None:
        """Count the facts a state's own lines convey as told (the caller said them unasked); from a state
        that ``speaks`` another language the caller's own words are in that language."""
        self.voice.lang = state.speaks or self.voice.lang
        for fact_id in state.tells:
            if fact_id not in self.model.revealed:
                self.model.revealed.add(fact_id)
                fact = next(f for f in self.exercise.facts if f.id == fact_id)
                self.log.append(now, EventType.FACT_REVEALED, fact=fact_id, essential=fact.essential, volunteered=True)

    def fill_gap(self, u: Understanding, reply: Reply, state: StateSpec) -> None:
        """Answer a line nothing else answered: clarify, confirm, go along, don't know, or acknowledge."""
        acts = [i for i in u.intents if i != "technical_jargon"]
        if not acts and not u.jargon:
            reply.add("clarify", self.voice.response("clarify"), response="clarify")
        for act in FIRST_ANSWERED:
            if not reply.parts and act in acts and self.voice.has("responses", act):
                reply.add("answer", self.voice.response(act), response=act)
        if not reply.parts and set(acts) & DIAGNOSTIC_QUESTIONS and not set(acts) & NOT_ASKING:
            reply.add("answer", self.voice.response("dont_know"), response="dont_know")
        for act in ACKNOWLEDGED:
            if not reply.parts and act in acts and self.voice.has("responses", act):
                reply.add("answer", self.voice.response(act), response=act)
        if not reply.parts:
            reply.add("idle", self.voice.line(state.idle), state=state.name)
        if not reply.parts:
            reply.add("answer", self.voice.response("ack"), response="ack")

    def _remembering(self, intent: str) -> str:
        """Return the response key for an intent given what the caller knows of the call so far."""
        variant = intent
        if intent == "closing" and self.model.state not in self.exercise.good_endings:
            variant = CLOSING_UNRESOLVED
        elif intent == "announce_escalation" and self.model.escalated():
            variant = ESCALATION_KNOWN
        authored_here = variant in self.exercise.responses or intent not in self.exercise.responses
        return variant if variant != intent and authored_here and self.voice.has("responses", variant) else intent

    def _identity_by_detail(self) -> bool:
        """Whether the persona answers identity questions detail by detail (the exercise may override)."""
        overridden = IDENTITY_INTENTS & set(self.exercise.responses)
        return not overridden and self.voice.has("responses", "identity_full_name")

    def _tell_identity(self, u: Understanding, reply: Reply, now: float) -> None:
        told = self.model.identity_told
        asked = details_asked(u.intents, u.topics)
        for detail in asked:
            if detail in told:
                again = self.voice.response("again") or ""
                line = fill(self.voice.first("responses", f"identity_{detail}"), self.voice.fields)
                reply.add("answer", f"{again} {line}".strip(), response="again", detail=detail)
            else:
                reply.add("answer", self.voice.response(f"identity_{detail}"), response=f"identity_{detail}")
                told.add(detail)
        if asked:
            self.log.append(now, EventType.IDENTITY_TOLD, details=asked, asked=True)

    def _retell(self, u: Understanding, reply: Reply) -> None:
        """Asked again about something already told: say so, with the fact, in a line not said before."""
        for fact in facts_asked(self.exercise, self.model, u.topics, u.text, told=True):
            if fact.id in self.model.retold:
                continue
            self.model.retold.add(fact.id)
            again = self.voice.response("again") or ""
            told = fill(fact.says[0], self.voice.fields)
            reply.add("reveal", f"{again} {told}".strip(), fact=fact.id, by="asked_again")
            return

    def _facts_for(self, u: Understanding) -> list[FactSpec]:
        asked = facts_asked(self.exercise, self.model, u.topics, u.text)
        if asked or not u.has("open_question"):
            return asked
        described = [f for f in self.exercise.facts if DESCRIBE_TOPIC in f.topics and f.id not in self.model.revealed]
        return described[:1]
