"""What the voice routes need to know about a call: its language, the caller's voice, the persona's patience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort
from flask_login import current_user

from simulator.adapters.db.models import CallSession, SessionStatus
from simulator.adapters.voice import caller_profile
from simulator.conversation.events import EventType
from simulator.scripts.runner import CallRunner
from simulator.voice.ports import VoiceProfile
from webapp.babel_marks import _
from webapp.calls import service
from webapp.db import get_session
from webapp.errors import ApiError
from webapp.security import visible_session_or_404


@dataclass(frozen=True)
class CallVoice:
    """The voice facts of one call."""

    lang: str
    profile: VoiceProfile
    silence_timeout_s: float


def _voice_view(_call: CallSession, runner: CallRunner) -> dict[str, Any]:
    call = runner.call
    profile = caller_profile(runner.persona.id, call.params.voice, call.lang, call.caller.gender)
    return {"voice": CallVoice(call.lang, profile, float(call.params.silence_timeout_s))}


def call_voice(call: CallSession) -> CallVoice:
    """Return the call's language, caller voice and silence timeout (from its runner)."""
    found: CallVoice = service.inspect(call, _voice_view)["voice"]
    return found


def visible_call(session_id: int) -> CallSession:
    """Return a call the current user may see, else stop with 404."""
    return visible_session_or_404(get_session().get(CallSession, session_id))


def own_running_call(session_id: int) -> CallSession:
    """Return the current user's own call that is still running (403 for others, 409 once ended)."""
    call = visible_call(session_id)
    if call.trainee_id != current_user.id:
        abort(403, description=_("Alleen de cursist die dit gesprek voert, kan erin spreken."))
    if call.status is SessionStatus.ENDED:
        raise ApiError(_("Dit gesprek is al afgerond."), field="session_id", status=409)
    return call


def customer_line(call: CallSession, event_i: int) -> dict[str, Any]:
    """Return the data of event ``event_i`` if it is a line the caller spoke, else stop with 404."""
    events = list(call.events)
    if not 0 <= event_i < len(events) or events[event_i].get("type") != EventType.CUSTOMER_LINE:
        raise ApiError(_("Gebeurtenis %(i)s is geen zin van de beller.", i=event_i), field="event_i", status=404)
    data: dict[str, Any] = events[event_i]["data"]
    return data
