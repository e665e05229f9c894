"""The calls service: start a call, perform its steps, end it and keep its report, whatever stores it.

A call is stored as its steps and rebuilt by replaying them (the engine is deterministic). The
service takes what it stores calls in (:class:`~simulator.service.ports.CallStore`, a unit of work)
and what it tells the helpdesk world (:class:`~simulator.service.ports.Desk`) as parameters, and
raises domain errors (:mod:`simulator.service.errors`); the web app maps those to HTTP in one place.
"""

from simulator.service.calls import CallService, StepOutcome
from simulator.service.errors import AttemptsUsed, CallConflict, CallError, CallNotFound
from simulator.service.ports import CallStore, Desk, Mode, SessionStatus, StoredCall
from simulator.service.runners import Busy, RunnerCache

__all__ = [
    "AttemptsUsed",
    "Busy",
    "CallConflict",
    "CallError",
    "CallNotFound",
    "CallService",
    "CallStore",
    "Desk",
    "Mode",
    "RunnerCache",
    "SessionStatus",
    "StepOutcome",
    "StoredCall",
]
