"""The persisted models, one module per concern; importing this package registers every table.

A new concern (tickets, knowledge base, CRM…) adds its module here and an Alembic revision
chained on the current head.
"""

from simulator.adapters.db.models.accounts import ApiToken, LoginThrottle, Role, User
from simulator.adapters.db.models.assignments import Assignment
from simulator.adapters.db.models.call_sessions import CallSession
from simulator.adapters.db.models.cohorts import Cohort
from simulator.adapters.db.models.crm import AssetRecord, PersonRecord
from simulator.adapters.db.models.kb import KbArticleRecord, KbRevisionRecord
from simulator.adapters.db.models.overrides import ResultSignOff, Verdict, VerdictOverride
from simulator.adapters.db.models.recordings import DbRecordingStore, RecordingRecord
from simulator.adapters.db.models.tickets import TicketHistoryRecord, TicketRecord
from simulator.service.ports import Mode, SessionStatus

__all__ = [
    "ApiToken",
    "AssetRecord",
    "Assignment",
    "CallSession",
    "DbRecordingStore",
    "Cohort",
    "KbArticleRecord",
    "KbRevisionRecord",
    "LoginThrottle",
    "Mode",
    "PersonRecord",
    "RecordingRecord",
    "ResultSignOff",
    "Role",
    "SessionStatus",
    "TicketHistoryRecord",
    "TicketRecord",
    "User",
    "Verdict",
    "VerdictOverride",
]
