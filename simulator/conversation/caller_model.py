"""The caller's mind during a call: mood, what they have told, what they noticed.

This is the *model* of the ``transitions`` state machine. Its public predicates are the only
conditions and rule triggers that YAML may name (:data:`CONDITIONS`); its callbacks are listed in
:data:`CALLBACKS`. Keeping behaviour here and content in YAML is what lets an instructor write a
new exercise without new Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.conversation.persona import PersonaParams

SOLUTION_INTENTS = frozenset({"instruct_step", "propose_solution", "explain_steps"})
#: More words than this in one trainee turn is a monologue the caller loses track of.
LONG_MONOLOGUE_WORDS = 70
#: How far below calm an outcome that harms the caller leaves them (the ``sour`` callback).
SOUR_MARGIN = 10
BASIC_TOPICS = frozenset({"restart_tried", "tried_already", "connection_type"})

#: Predicates an exercise or persona may name in ``conditions``, ``unless`` or ``when``.
CONDITIONS: frozenset[str] = frozenset(
    {
        "heard_out",
        "calm",
        "upset",
        "identity_verified",
        "consent_given",
        "fixed",
        "facts_known",
        "ticket_created",
        "escalated",
        "kb_shared",
        "problem_linked",
        "risk_explained",
        "request_refused",
        "empathy_shown",
        "paraphrased",
        "interrupted",
        "solution_before_heard",
        "jargon_used",
        "too_many_steps",
        "basics_repeated",
        "blamed",
        "password_asked",
        "peer_talk",
        "on_hold_unannounced",
        "on_hold_too_long",
        "answered_late",
        "silent_too_long",
        "long_monologue",
    }
)

#: ``told_<fact id>`` in a transition's conditions holds once the caller has told that fact (asked, or
#: said unasked in a line that ``tells`` it): the one condition an exercise parameterises by its own data.
TOLD_PREFIX = "told_"

#: World signals that may trigger transitions, besides the trainee's intents.
SIGNALS: frozenset[str] = frozenset(
    {"fixed", "ticket_created", "escalated", "kb_shared", "problem_linked", "remote_connected", "resolved"}
)

#: Callbacks an exercise may name in a transition's ``after``.
CALLBACKS: frozenset[str] = frozenset({"settle", "sour", "grant_consent", "confirm_identity"})


@dataclass
class TurnFacts:
    """What happened in the turn being judged; reset before each trainee action."""

    intents: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()
    instructions: int = 0
    interrupted: bool = False
    hold_seconds: float = 0.0
    hold_announced: bool = False
    answer_wait: float = 0.0
    silence: float = 0.0
    words: int = 0
    question: bool = False


@dataclass
class CallerModel:
    """Mood and memory of one caller in one call; the state machine sets ``state``."""

    params: PersonaParams
    essential_facts: frozenset[str] = frozenset()
    mood: int = 50
    state: str = ""
    vented: int = 0
    revealed: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    asked_topics: set[str] = field(default_factory=set)
    rules_fired: set[str] = field(default_factory=set)
    identity_told: set[str] = field(default_factory=set)
    retold: set[str] = field(default_factory=set)
    #: Facts the trainee put into words in a summary the caller confirmed: known, though never told.
    confirmed: set[str] = field(default_factory=set)
    consented: bool = False
    turn: TurnFacts = field(default_factory=TurnFacts)

    def __post_init__(self) -> None:
        self.mood = self.params.mood

    # --- state of mind -------------------------------------------------------------------------
    def heard_out(self) -> bool:
        """The caller has said what they needed to say."""
        return self.vented >= self.params.vent_turns

    def calm(self) -> bool:
        """The caller is calm enough to cooperate."""
        return self.mood >= self.params.calm_at

    def upset(self) -> bool:
        """The caller is not calm."""
        return not self.calm()

    def identity_verified(self) -> bool:
        """The trainee checked the caller's identity per procedure."""
        return "verify_identity" in self.seen

    def consent_given(self) -> bool:
        """The caller agreed to a remote session."""
        return self.consented

    def facts_known(self) -> bool:
        """Every essential fact has been told to the trainee, or named by them and confirmed."""
        return self.essential_facts <= self.revealed | self.confirmed

    def fixed(self) -> bool:
        """The fault on the caller's side has been repaired."""
        return "fixed" in self.signals

    def ticket_created(self) -> bool:
        """A ticket exists for this call."""
        return "ticket_created" in self.signals

    def escalated(self) -> bool:
        """The ticket went to another group."""
        return "escalated" in self.signals

    def kb_shared(self) -> bool:
        """The trainee sent the caller a knowledge-base article."""
        return "kb_shared" in self.signals

    def problem_linked(self) -> bool:
        """The ticket was linked to a known problem."""
        return "problem_linked" in self.signals

    def risk_explained(self) -> bool:
        """The trainee explained the security risk."""
        return "explain_risk" in self.seen

    def request_refused(self) -> bool:
        """The trainee refused an improper request."""
        return "refuse_request" in self.seen

    def empathy_shown(self) -> bool:
        """The trainee has shown empathy at least once."""
        return "empathy" in self.seen

    def paraphrased(self) -> bool:
        """The trainee has restated the problem at least once."""
        return "paraphrase" in self.seen

    # --- this turn -----------------------------------------------------------------------------
    def interrupted(self) -> bool:
        """The trainee cut in while the caller was talking."""
        return self.turn.interrupted

    def solution_before_heard(self) -> bool:
        """The trainee offered a fix before the caller felt heard."""
        return not self.heard_out() and bool(SOLUTION_INTENTS & set(self.turn.intents))

    def jargon_used(self) -> bool:
        """The trainee used technical terms in this turn."""
        return bool(self.turn.jargon) or "technical_jargon" in self.turn.intents

    def too_many_steps(self) -> bool:
        """The trainee gave more instructions at once than this caller can follow."""
        # Counted per clause, one action often takes two ('unplug it, wait, plug it back in'): one clause of slack.
        return self.turn.instructions > self.params.max_instructions_per_turn + 1

    def basics_repeated(self) -> bool:
        """The trainee asks about basics an experienced caller has done (they say so up front).

        Only a question counts: "you've done the basics already, so I'll skip them" is good practice.
        """
        return self.turn.question and bool(BASIC_TOPICS & set(self.turn.topics))

    def blamed(self) -> bool:
        """The trainee blamed or was rude to the caller."""
        return "blame_or_rude" in self.turn.intents

    def password_asked(self) -> bool:
        """The trainee asked for the caller's password."""
        return "ask_for_password" in self.turn.intents

    def peer_talk(self) -> bool:
        """The trainee speaks technically to a caller who likes that."""
        return self.params.likes_jargon and self.jargon_used()

    def on_hold_unannounced(self) -> bool:
        """The caller was put on hold without being told."""
        return self.turn.hold_seconds > 0 and not self.turn.hold_announced

    def on_hold_too_long(self) -> bool:
        """The caller waited on hold longer than they tolerate."""
        return self.turn.hold_seconds > self.params.hold_tolerance_s

    def answered_late(self) -> bool:
        """The phone rang longer than this caller tolerates."""
        return self.turn.answer_wait > self.params.answer_tolerance_s

    def silent_too_long(self) -> bool:
        """Nobody spoke for longer than this caller tolerates."""
        return self.turn.silence >= self.params.silence_timeout_s

    def long_monologue(self) -> bool:
        """The trainee talked far longer in one go than a caller listens to."""
        return self.turn.words > LONG_MONOLOGUE_WORDS

    # --- callbacks -----------------------------------------------------------------------------
    def settle(self) -> None:
        """Bring the caller's mood up to calm (a callback after a good move)."""
        self.mood = max(self.mood, self.params.calm_at)

    def sour(self) -> None:
        """Bring the caller's mood below calm (a callback after an outcome that harms them, e.g. data lost)."""
        self.mood = min(self.mood, self.params.calm_at - SOUR_MARGIN)

    def grant_consent(self) -> None:
        """Record that the caller agreed to a remote session."""
        self.consented = True

    def confirm_identity(self) -> None:
        """Record identity confirmed outside the usual question (a callback)."""
        self.seen.add("verify_identity")

    def __getattr__(self, name: str) -> object:
        """Answer ``told_<fact>`` conditions for the state machine (other unknown names stay errors)."""
        if name.startswith(TOLD_PREFIX):
            fact = name.removeprefix(TOLD_PREFIX)
            return lambda *_args, **_kwargs: fact in self.__dict__.get("revealed", ())
        raise AttributeError(name)

    def check(self, name: str) -> bool:
        """Evaluate a named predicate (used for persona rules)."""
        if name not in CONDITIONS:
            raise KeyError(name)
        return bool(getattr(self, name)())
