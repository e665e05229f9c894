"""``POST /api/v1/sessions/<id>/speech/<utterance>``: the trainee's speech, chunk by chunk, to text.

The browser sends 16 kHz 16-bit mono PCM (``Content-Type: audio/L16; rate=16000; channels=1``) in
small chunks while the trainee talks; each answer carries the partial transcript. A POST with
``?final=1`` (which may carry the last chunk) ends the utterance and answers the final text with word
timestamps, whether it cut the caller off, and its duration — what the console's ``say`` step needs.
A whole WAV file (``audio/wav``) is accepted too and checked with ``validate_wav``. Bad audio answers
4xx with the reason in Dutch; an utterance nobody finishes is swept away after a timeout.
"""

from __future__ import annotations

import re
import time
from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from simulator.adapters.voice.asr_queue import RemoteRecognizer, RemoteStream
from simulator.conversation.events import EventType
from simulator.voice.audio import RECOGNIZER_RATE, AudioError, PcmGuard, validate_wav
from simulator.voice.ports import Final, Partial, VoiceError, VoiceUnavailable
from simulator.voice.turns import utterance_duration
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.errors import ApiError
from webapp.voice import bp, engines, recording
from webapp.voice.api import json_body, speech_notice
from webapp.voice.calls import call_voice, own_running_call
from webapp.voice.streams import Utterance, call_key, decode, streams

SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: One chunk's largest size: 4 s of audio (the console sends about 0.25 s at a time).
MAX_CHUNK_BYTES = 4 * RECOGNIZER_RATE * 2
#: A whole WAV sent at once may hold a full utterance.
MAX_WAV_BYTES = 2 * 1024 * 1024
LOCK_WAIT_S = 30.0


@bp.post("/api/v1/sessions/<int:session_id>/speech/<utterance_id>")
@login_required
def speech(session_id: int, utterance_id: str) -> ResponseReturnValue:
    """Feed one chunk of the utterance; answer the partial text, or the final result with ``?final=1``."""
    call = own_running_call(session_id)
    if not SAFE_ID.match(utterance_id):
        raise ApiError(_("Ongeldige beurt-id: gebruik letters, cijfers, - en _ (hoogstens 64)."), field="utterance_id")
    utterances = streams().utterances
    utterances.timeout_s = float(current_app.config.get("VOICE_STREAM_TIMEOUT_S", 20.0))
    utterances.sweep()
    final = request.args.get("final", "") in ("1", "true")
    pcm = _pcm_from_request()
    utterance = utterances.get(call.id, utterance_id) or _resume(call, utterance_id)
    if utterance is None:
        if final and not pcm:
            raise ApiError(_("Geen geluid ontvangen: deze beurt bevat geen audio."), field="audio")
        utterance = _open(call, utterance_id)
    if not utterance.lock.acquire(timeout=LOCK_WAIT_S):
        raise ApiError(
            _("Deze beurt wordt nog verwerkt; stuur de stukken na elkaar."), field="utterance_id", status=409
        )
    try:
        return jsonify(_feed(call, utterance, pcm, final))
    finally:
        utterance.lock.release()


@bp.post("/api/v1/sessions/<int:session_id>/speech/<utterance_id>/discard")
@login_required
def discard(session_id: int, utterance_id: str) -> ResponseReturnValue:
    """Drop an utterance the trainee cancelled (its audio is not kept)."""
    call = own_running_call(session_id)
    utterances = streams().utterances
    found = utterances.get(call.id, utterance_id) or _resume(call, utterance_id)
    if found is not None:
        utterances.close(found)
        if isinstance(found.stream, RemoteStream):  # so no other web worker picks it up again
            try:
                found.stream.discard()
            except VoiceUnavailable as exc:
                raise ApiError(str(exc), field="speech", status=503) from None
    return jsonify({"discarded": found is not None})


@bp.post("/api/v1/sessions/<int:session_id>/speech/<utterance_id>/attach")
@login_required
def attach(session_id: int, utterance_id: str) -> ResponseReturnValue:
    """Link the utterance's recording (if one was kept) to the ``utterance`` event it became."""
    call = own_running_call(session_id)
    event = json_body().get("event")
    events = list(call.events)
    if not isinstance(event, int) or not 0 <= event < len(events) or events[event].get("type") != EventType.UTTERANCE:
        raise ApiError(_("Geef de index van een uitspraak van de cursist (event)."), field="event", status=422)
    return jsonify({"recorded": recording.attach(get_session(), call, utterance_id, event)})


def _pcm_from_request() -> bytes:
    length = request.content_length or 0
    kind = request.mimetype
    if kind in ("audio/wav", "audio/x-wav", "audio/wave"):
        if length > MAX_WAV_BYTES:
            raise ApiError(
                _("Audio te groot (maximum %(kb)s kB).", kb=MAX_WAV_BYTES // 1024), field="audio", status=413
            )
        try:
            return validate_wav(request.get_data(cache=False), source="audio", expected_rate=RECOGNIZER_RATE).pcm
        except AudioError as exc:
            raise ApiError(str(exc), field="audio") from None
    if kind not in ("audio/l16", "application/octet-stream"):
        raise ApiError(
            _("Stuur 16-bit PCM mono op 16 kHz (Content-Type: audio/L16; rate=16000; channels=1) of een WAV-bestand."),
            field="audio",
            status=415,
        )
    params = request.mimetype_params
    if params.get("rate", str(RECOGNIZER_RATE)) != str(RECOGNIZER_RATE):
        raise ApiError(_("Samplefrequentie %(rate)s Hz: verwacht 16000 Hz.", rate=params.get("rate")), field="audio")
    if params.get("channels", "1") != "1":
        raise ApiError(_("%(n)s kanalen: verwacht mono.", n=params.get("channels")), field="audio")
    if length > MAX_CHUNK_BYTES:
        raise ApiError(
            _("Stuk audio te groot (maximum %(kb)s kB per stuk).", kb=MAX_CHUNK_BYTES // 1024),
            field="audio",
            status=413,
        )
    data = request.get_data(cache=False)
    if len(data) % 2:
        raise ApiError(_("Oneven aantal bytes: verwacht 16-bit PCM."), field="audio")
    return data


def _open(call: Any, utterance_id: str) -> Utterance:
    voice = call_voice(call)
    recognizer, _reason = engines.recognizer_for(voice.lang)
    if recognizer is None:
        raise ApiError(speech_notice(voice.lang), field="speech", status=503)
    grammar = engines.grammar_for(voice.lang)
    try:
        if isinstance(recognizer, RemoteRecognizer):
            stream: Any = recognizer.open_keyed(_key(call, utterance_id), RECOGNIZER_RATE, grammar)
        else:
            stream = recognizer.open_stream(RECOGNIZER_RATE, grammar, closed=bool(grammar))
    except VoiceError as exc:
        raise ApiError(str(exc), field="speech", status=503) from None
    keep = recording.policy_for(get_session(), call).enabled
    utterance = Utterance(call.id, utterance_id, stream, PcmGuard(RECOGNIZER_RATE), keep, time.monotonic())
    streams().utterances.open(utterance)
    try:
        with streams().turns.turns(call_key(call), voice.silence_timeout_s) as turns:
            turns.start_utterance(utterance_id)
    except VoiceUnavailable as exc:
        streams().utterances.close(utterance)
        raise ApiError(str(exc), field="speech", status=503) from None
    return utterance


def _key(call: Any, utterance_id: str) -> str:
    return f"call{call_key(call)}:{utterance_id}"


def _resume(call: Any, utterance_id: str) -> Utterance | None:
    """Pick up an utterance another web worker started (queue mode: its audio and state are in Redis)."""
    voice = call_voice(call)
    recognizer, _reason = engines.recognizer_for(voice.lang)
    if not isinstance(recognizer, RemoteRecognizer):
        return None
    try:
        stream = recognizer.resume(_key(call, utterance_id))
    except VoiceUnavailable as exc:
        raise ApiError(str(exc), field="speech", status=503) from None
    if stream is None:
        return None
    keep = recording.policy_for(get_session(), call).enabled
    utterance = Utterance(call.id, utterance_id, stream, stream.guard, keep, time.monotonic())
    streams().utterances.open(utterance)
    return utterance


def _feed(call: Any, utterance: Utterance, pcm: bytes, final: bool) -> dict[str, Any]:
    utterances, store = streams().utterances, streams().turns
    utterance.last_seen = time.monotonic()
    try:
        now = store.now()
    except VoiceUnavailable as exc:
        utterances.close(utterance)
        raise ApiError(str(exc), field="speech", status=503) from None
    if utterance.guard.received + len(pcm) > utterance.guard.max_bytes:
        utterances.close(utterance)
        message = _(
            "Beurt te lang (maximum %(s)s s); spreek korter en probeer opnieuw.", s=int(utterance.guard.max_seconds)
        )
        raise ApiError(message, field="audio", status=413)
    try:
        utterance.guard.check(pcm)
        result = decode(lambda: utterance.stream.accept(pcm)) if pcm else None
    except VoiceUnavailable as exc:  # Redis went away mid-stream: say so; typing the answer still works
        utterances.close(utterance)
        raise ApiError(str(exc), field="speech", status=503) from None
    except (AudioError, VoiceError) as exc:
        utterances.close(utterance)
        raise ApiError(str(exc), field="audio") from None
    if utterance.keep_audio:
        utterance.audio += pcm
    if isinstance(result, Final):
        utterance.finals.append(result)
        utterance.partial = ""
    elif isinstance(result, Partial):
        utterance.partial = result.text
    # The trainee started speaking at the first partial text; a queued stream has no partials, but the
    # console only streams once its voice detector hears speech, so there the first audio counts.
    speaking = bool(utterance.heard()) or (isinstance(utterance.stream, RemoteStream) and utterance.guard.received > 0)
    try:
        with store.turns(call_key(call)) as turns:
            turns.start_utterance(utterance.utterance_id)
            decision = turns.decide(utterance.utterance_id, now) if speaking else turns.decision
    except VoiceUnavailable as exc:
        utterances.close(utterance)
        raise ApiError(str(exc), field="speech", status=503) from None
    answer: dict[str, Any] = {
        "utterance": utterance.utterance_id,
        "partial": utterance.heard(),
        "seconds": round(utterance.guard.seconds, 3),
        "interrupt": bool(decision and decision.interrupt),
        "stop_customer_audio": bool(decision and decision.stop_customer_audio),
        "final": False,
    }
    if final:
        answer.update(_finish(call, utterance, now))
    return answer


def _finish(call: Any, utterance: Utterance, now: float) -> dict[str, Any]:
    streams().utterances.close(utterance)
    remote_audio = b""
    if utterance.keep_audio and isinstance(utterance.stream, RemoteStream):
        try:
            remote_audio = utterance.stream.audio()
        except VoiceUnavailable as exc:
            raise ApiError(str(exc), field="speech", status=503) from None
    try:
        last = decode(utterance.stream.finish)
    except VoiceUnavailable as exc:  # no worker answered in time, or Redis is gone: the trainee repeats or types
        raise ApiError(str(exc), field="speech", status=503) from None
    except VoiceError as exc:
        raise ApiError(str(exc), field="audio") from None
    whole = utterance.combined(last)
    try:
        with streams().turns.turns(call_key(call)) as turns:
            decision, spoken = turns.finish_utterance(utterance.utterance_id, now)
            dead_air_s = turns.tracker.dead_air_s
    except VoiceUnavailable as exc:
        raise ApiError(str(exc), field="speech", status=503) from None
    duration = spoken if spoken is not None else utterance_duration(whole) or 0.0
    recorded = False
    audio = bytes(utterance.audio)
    if utterance.keep_audio and isinstance(utterance.stream, RemoteStream):
        audio = remote_audio  # every chunk, whichever web worker received it
    if utterance.keep_audio and whole.text and audio:
        recording.store(get_session(), recording.folder(), call, utterance.utterance_id, audio, whole)
        recorded = True
    return {
        "final": True,
        "text": whole.text,
        "partial": whole.text,
        "words": [{"word": w.word, "start": w.start, "end": w.end, "conf": round(w.conf, 3)} for w in whole.words],
        "duration": round(duration, 3) if duration else None,
        "gap_s": decision.gap_s if decision else None,
        "dead_air_s": dead_air_s,
        "recorded": recorded,
    }
