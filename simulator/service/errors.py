"""What can go wrong with a call beyond a bad step: codes and parameters, worded at the edge.

A step that is not valid as written is a :class:`~simulator.scripts.steps.StepError`; these are the
call's own refusals. Each carries a ``code`` (its sentence in the interface's catalogue), the
``field`` of the request it concerns and the ``params`` that sentence needs.
"""

from __future__ import annotations


class CallError(Exception):
    """A refusal of the calls service, named by ``code``."""

    def __init__(self, code: str, *, field: str | None = None, **params: int | str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


class CallNotFound(CallError):
    """There is no call with that id."""

    def __init__(self) -> None:
        super().__init__("call_not_found", field="session_id")


class CallConflict(CallError):
    """The call changed, is busy or is over: the client should reload it and try again.

    Codes: ``busy`` (another step of this call is under way), ``ended``, ``changed`` (the version the
    client sent is old), ``overtaken`` (another step committed first).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code, field="version")


class AttemptsUsed(CallError):
    """The trainee has started this assignment as often as it allows (``used``), or is starting it twice at once."""

    def __init__(self, code: str = "attempts_used", **params: int | str) -> None:
        super().__init__(code, field="assignment", **params)
