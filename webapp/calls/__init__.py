"""Call sessions of the web app: start a call, perform its steps, end it and keep its report.

The engine is deterministic, so a call is stored as its steps (``CallSession.steps``) and rebuilt
by replaying them wherever it is not in this process's small cache of live runners
(:mod:`webapp.calls.runners`). :mod:`webapp.calls.service` is the one place that changes a call;
:mod:`webapp.calls.present` shapes what the console and the API show of it.
"""

from webapp.calls.service import CallConflict, end_session, perform_step, start_session

__all__ = ["CallConflict", "end_session", "perform_step", "start_session"]
