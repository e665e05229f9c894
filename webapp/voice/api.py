"""``/api/v1/sessions/<id>/…``: voice status, the caller's lines as WAV, hold music, silence, recordings."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from simulator.adapters.db.models import CallSession, SessionStatus
from simulator.voice.hold_music import hold_music_wav
from simulator.voice.ports import VoiceError, VoiceUnavailable
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.errors import ApiError
from webapp.voice import bp, engines, recording
from webapp.voice.calls import call_voice, customer_line, own_running_call, visible_call
from webapp.voice.streams import call_key, streams


def speech_notice(lang: str) -> str:
    """Return the console's notice when speech recognition cannot run here."""
    return _(
        "Spraakherkenning niet beschikbaar: installeer een model met `eerstelijn models fetch %(lang)s`", lang=lang
    )


def voice_console(call: CallSession) -> dict[str, Any]:
    """Return what the console's voice block needs: availability, notice, timeouts, recording policy."""
    voice = call_voice(call)
    recognizer, _reason = engines.recognizer_for(voice.lang)
    policy = recording.policy_for(get_session(), call)
    return {
        "session": call.id,
        "lang": voice.lang,
        "speech": recognizer is not None,
        "notice": None if recognizer is not None else speech_notice(voice.lang),
        "tts": engines.synthesizer() is not None,
        "silence_timeout_s": voice.silence_timeout_s,
        "recording": policy.enabled,
        "retention_days": policy.retention_days if policy.enabled else None,
        "urls": {
            "speech": url_for("voice.speech", session_id=call.id, utterance_id="UTT"),
            "line": url_for("voice.line_audio", session_id=call.id, event_i=0),
            "hold": url_for("voice.hold_music"),
            "silence": url_for("voice.silence", session_id=call.id),
            "recording_delete": url_for("voice.delete_recording", session_id=call.id),
        },
    }


@bp.app_template_global("voice_console")
def voice_console_global(call: CallSession) -> dict[str, Any]:
    """Template helper: the voice block's settings for ``call``."""
    return voice_console(call)


@bp.get("/api/v1/sessions/<int:session_id>/voice")
@login_required
def status(session_id: int) -> ResponseReturnValue:
    """Tell the console whether it can speak and listen in this call, and what is recorded."""
    return jsonify(voice_console(visible_call(session_id)))


@bp.get("/api/v1/sessions/<int:session_id>/lines/<int:event_i>/audio")
@login_required
def line_audio(session_id: int, event_i: int) -> ResponseReturnValue:
    """Return the WAV of the caller's line ``event_i`` in the caller's voice (cached by content hash)."""
    call = visible_call(session_id)
    text = str(customer_line(call, event_i).get("text", ""))
    synthesizer = engines.synthesizer()
    if synthesizer is None:
        raise ApiError(_("Spraakweergave niet beschikbaar: installeer espeak-ng."), field="tts", status=503)
    voice = call_voice(call)
    try:
        spoken = synthesizer.synthesize(text, voice.profile)
    except VoiceError as exc:
        raise ApiError(str(exc), field="tts", status=503) from None
    from flask_login import current_user

    if call.trainee_id == current_user.id and call.status is not SessionStatus.ENDED:
        store = streams().turns
        try:
            with store.turns(call_key(call), voice.silence_timeout_s) as turns:
                turns.tracker.customer_started(store.now(), spoken.duration_s, event_i)
        except VoiceUnavailable as exc:  # the line still plays; only its timing is not noted
            current_app.logger.warning("turn-taking not noted for call %s: %s", call.id, exc)
    headers = {"X-Duration": f"{spoken.duration_s:.3f}", "Cache-Control": "private, max-age=3600"}
    return Response(spoken.wav_bytes, mimetype="audio/wav", headers=headers)


@bp.get("/api/v1/voice/hold-music")
@login_required
def hold_music() -> ResponseReturnValue:
    """Return the looping hold music (generated, licence-free)."""
    return Response(hold_music_wav(), mimetype="audio/wav", headers={"Cache-Control": "public, max-age=86400"})


@bp.post("/api/v1/sessions/<int:session_id>/silence")
@login_required
def silence(session_id: int) -> ResponseReturnValue:
    """Say whether the line has been quiet past the persona's timeout (then the console sends ``wait``)."""
    call = own_running_call(session_id)
    voice = call_voice(call)
    store = streams().turns
    try:
        with store.turns(call_key(call), voice.silence_timeout_s) as turns:
            now, tracker = store.now(), turns.tracker
            answer = {
                "due": tracker.silence_due(now),
                "check_in_s": tracker.seconds_until_silence_prompt(now),
                "dead_air_s": tracker.dead_air_s,
            }
    except VoiceUnavailable as exc:
        raise ApiError(str(exc), field="speech", status=503) from None
    return jsonify(answer)


@bp.get("/api/v1/sessions/<int:session_id>/recording")
@login_required
def recording_info(session_id: int) -> ResponseReturnValue:
    """Return the call's recording (audio URL and aligned words), or null when nothing was recorded."""
    call = visible_call(session_id)
    found = recording_view(call)
    return jsonify({"recording": found})


def recording_view(call: CallSession) -> dict[str, Any] | None:
    """Return the call's recording for pages and the API, or None."""
    rows = recording.rows_of(get_session(), call.id)
    joined = recording.call_recording(recording.folder(), rows)
    if joined is None:
        return None
    return {
        "url": url_for("voice.recording_audio", session_id=call.id),
        "delete_url": url_for("voice.delete_recording", session_id=call.id),
        "page_delete_url": url_for("voice.delete_recording_page", session_id=call.id),
        "duration_s": joined.duration_s,
        "utterances": len(rows),
        "words": [{"word": w.word, "start": w.start, "end": w.end, "event": w.utterance} for w in joined.words],
    }


@bp.app_template_global("voice_recording")
def voice_recording_global(call: CallSession) -> dict[str, Any] | None:
    """Template helper: the call's recording for the review page, or None."""
    return recording_view(call)


@bp.get("/api/v1/sessions/<int:session_id>/recording.wav")
@login_required
def recording_audio(session_id: int) -> ResponseReturnValue:
    """Return the call's recorded utterances as one WAV."""
    call = visible_call(session_id)
    joined = recording.call_recording(recording.folder(), recording.rows_of(get_session(), call.id))
    if joined is None:
        raise ApiError(_("Van dit gesprek is geen opname."), field="session_id", status=404)
    return Response(joined.wav, mimetype="audio/wav", headers={"Cache-Control": "private, no-store"})


@bp.post("/api/v1/sessions/<int:session_id>/recording/delete")
@login_required
def delete_recording(session_id: int) -> ResponseReturnValue:
    """Delete every recording of the call (the trainee's own, or a call the instructor may see)."""
    call = visible_call(session_id)
    deleted = recording.delete_call_recordings(get_session(), recording.folder(), call.id)
    return jsonify({"deleted": deleted})


def json_body() -> dict[str, Any]:
    """Return the request's JSON object or stop with 400."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(_('Stuur een JSON-object, bijvoorbeeld {"event": 12}.'), field="body")
    return body
