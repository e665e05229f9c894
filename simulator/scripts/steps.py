"""The steps a session script may contain, with the arguments each takes (the replay contract).

Each step is ``{name: arguments}``. Arguments are validated here so that a script with an unknown
key or a missing field is refused before the call starts, naming the step's number.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Level = Literal["low", "medium", "high"]

#: Longest texts a step may carry. A call stores every step and event, so these bound its size: a
#: spoken line is a few sentences, a ticket text a few paragraphs; ids and names are short.
SPOKEN_CHARS = 2_000
TEXT_CHARS = 5_000
LINE_CHARS = 200
NAME_CHARS = 100
COMMAND_CHARS = 500
#: Most steps one call takes (a real call takes a few dozen); with the lengths above, a stored call stays small.
MAX_CALL_STEPS = 500


def _ticket_number() -> Any:
    """Return the optional ``ticket`` key of a ticket step: act on that ticket (of the queue), not the current one."""
    return Field(None, pattern=r"^INC-\d{6}$")


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoArgs(_Args):
    """A step that takes no arguments (``{}``)."""


class SayArgs(_Args):
    text: str = Field(min_length=1, max_length=SPOKEN_CHARS)
    interrupt: bool = False
    duration: float | None = Field(None, gt=0, le=600)
    asr_text: str | None = Field(None, max_length=SPOKEN_CHARS)  # what the recogniser heard, when spoken
    corrected: bool = False  # the trainee corrected the recognised line before sending it


class WaitArgs(_Args):
    seconds: float = Field(ge=0, le=3600)


class HoldArgs(_Args):
    seconds: float = Field(gt=0, le=3600)


class CrmLookupArgs(_Args):
    query: str = Field(min_length=1, max_length=LINE_CHARS)


class TicketCreateArgs(_Args):
    summary: str = Field(min_length=1, max_length=LINE_CHARS)
    description: str = Field("", max_length=TEXT_CHARS)
    category: str = Field(max_length=NAME_CHARS)
    subcategory: str | None = Field(None, max_length=NAME_CHARS)
    impact: Level
    urgency: Level


class TicketUpdateArgs(_Args):
    summary: str | None = Field(None, min_length=1, max_length=LINE_CHARS)
    description: str | None = Field(None, max_length=TEXT_CHARS)
    category: str | None = Field(None, max_length=NAME_CHARS)
    subcategory: str | None = Field(None, max_length=NAME_CHARS)
    impact: Level | None = None
    urgency: Level | None = None
    status: Literal["in_progress", "waiting_on_customer"] | None = None
    reply: str | None = Field(None, max_length=TEXT_CHARS, description="a customer-visible reply")
    ticket: str | None = _ticket_number()


class TicketNoteArgs(_Args):
    text: str = Field(min_length=1, max_length=TEXT_CHARS)
    ticket: str | None = _ticket_number()


class TicketAssignArgs(_Args):
    group: str = Field(max_length=NAME_CHARS)
    assignee: str | None = Field(None, max_length=NAME_CHARS)
    ticket: str | None = _ticket_number()


class TicketLinkArgs(_Args):
    problem: str = Field(pattern=r"^PRB-\d{4}$")
    ticket: str | None = _ticket_number()


class TicketResolveArgs(_Args):
    resolution: str = Field(min_length=1, max_length=TEXT_CHARS)
    ticket: str | None = _ticket_number()


class TicketCloseArgs(_Args):
    ticket: str | None = _ticket_number()


class TicketOpenArgs(_Args):
    ticket: str = Field(pattern=r"^INC-\d{6}$")


class TicketPrioritiseArgs(_Args):
    impact: Level
    urgency: Level
    ticket: str | None = _ticket_number()


class KbQueryArgs(_Args):
    query: str = Field(min_length=1, max_length=LINE_CHARS)


class KbIdArgs(_Args):
    article: str = Field(pattern=r"^KB-\d{4}$")


class KbProposeArgs(_Args):
    title: str = Field(min_length=3, max_length=LINE_CHARS)
    symptoms: str = Field(min_length=1, max_length=TEXT_CHARS)
    cause: str = Field("", max_length=TEXT_CHARS)
    solution: str = Field(min_length=1, max_length=TEXT_CHARS)
    audience: Literal["end_user", "support"] = "end_user"


class RemoteRunArgs(_Args):
    command: str = Field(min_length=1, max_length=COMMAND_CHARS)


#: Every step of the contract: name → (argument model, the field a bare scalar fills).
STEPS: dict[str, tuple[type[_Args], str | None]] = {
    "wait": (WaitArgs, "seconds"),
    "answer": (NoArgs, None),
    "say": (SayArgs, "text"),
    "hold": (HoldArgs, "seconds"),
    "end_call": (NoArgs, None),
    "crm.lookup": (CrmLookupArgs, "query"),
    "ticket.create": (TicketCreateArgs, None),
    "ticket.update": (TicketUpdateArgs, None),
    "ticket.note": (TicketNoteArgs, "text"),
    "ticket.assign": (TicketAssignArgs, "group"),
    "ticket.link_problem": (TicketLinkArgs, "problem"),
    "ticket.resolve": (TicketResolveArgs, "resolution"),
    "ticket.close": (TicketCloseArgs, None),
    "ticket.open": (TicketOpenArgs, "ticket"),
    "ticket.prioritise": (TicketPrioritiseArgs, None),
    "kb.search": (KbQueryArgs, "query"),
    "kb.open": (KbIdArgs, "article"),
    "kb.share": (KbIdArgs, "article"),
    "kb.propose": (KbProposeArgs, None),
    "remote.connect": (NoArgs, None),
    "remote.run": (RemoteRunArgs, "command"),
    "remote.disconnect": (NoArgs, None),
}

CONVERSATION_STEPS = frozenset({"wait", "answer", "say", "hold", "end_call"})


class StepError(ValueError):
    """A step that is not valid as written; ``where`` names the step for a person.

    ``message`` is for script authors; ``code``, ``field`` and ``params`` let an interface say it in
    its own language (``unknown_command``, ``missing``, ``invalid_value``…); ``step`` (its name) and
    ``number`` (1-based, in its call or script) let it point at the step without reading ``where``.
    """

    def __init__(
        self,
        where: str,
        message: str,
        *,
        code: str = "invalid",
        field: str | None = None,
        params: dict[str, str] | None = None,
        step: str | None = None,
        number: int | None = None,
    ) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.code = code
        self.field = field
        self.params = params or {}
        self.step = step
        self.number = number


def parse_step(name: str, raw: Any, where: str, number: int | None = None) -> _Args:
    """Validate one step's arguments; a bare scalar fills the step's main field."""
    if name not in STEPS:
        known = ", ".join(sorted(STEPS))
        raise StepError(
            where,
            f"unknown step '{name}'; known steps: {known}",
            code="unknown_step",
            field="step",
            step=name,
            number=number,
        )
    model, main = STEPS[name]
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        if main is None:
            raise StepError(
                where,
                f"'{name}' takes a mapping of arguments, e.g. {{}}",
                code="not_a_mapping",
                step=name,
                number=number,
            )
        raw = {main: raw}
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in err["loc"]) or name
        kind = err["type"]
        if kind == "missing":
            message, code = f"'{name}' is missing required key '{field}'", "missing"
        elif kind == "extra_forbidden":
            message, code = f"'{name}' has unknown key '{field}'", "unknown_key"
        else:
            empty = err.get("input") in ("", None)  # an empty form field is a missing one to its author
            message, code = f"'{name}' field '{field}': {err['msg']}", "missing" if empty else "invalid_value"
        raise StepError(where, message, code=code, field=field, step=name, number=number) from None
