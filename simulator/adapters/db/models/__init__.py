"""The persisted models, one module per concern; importing this package registers every table.

A new concern (tickets, knowledge base, CRM…) adds its module here and an Alembic revision
chained on the current head.
"""

from simulator.adapters.db.models.accounts import ApiToken, LoginFailure, Role, User
from simulator.adapters.db.models.assignments import Assignment
from simulator.adapters.db.models.call_sessions import CallSession, Mode, SessionStatus
from simulator.adapters.db.models.cohorts import Cohort
from simulator.adapters.db.models.overrides import Verdict, VerdictOverride

__all__ = [
    "ApiToken",
    "Assignment",
    "CallSession",
    "Cohort",
    "LoginFailure",
    "Mode",
    "Role",
    "SessionStatus",
    "User",
    "Verdict",
    "VerdictOverride",
]
