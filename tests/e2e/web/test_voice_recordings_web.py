# ruff: noqa: F811  (the fixtures come from test_voice_speech and are parameters here)
"""Trainee recordings through the web app: kept only where the cohort records, played on the review page, deleted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import Cohort, RecordingRecord, Role, User
from simulator.voice.audio import read_wav
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.test_voice_speech import bearer_client, korean, speak_in_chunks, voice_app  # noqa: F401  (fixtures below)  # noqa: F401
from webapp.db import database


def cohort_with(app: Flask, trainee: User, instructor: User | None = None, **fields: object) -> None:
    """Put ``trainee`` (and an instructor) in a new cohort with the given recording settings."""
    with database(app).sessions() as db:
        members = {"trainees": [db.get(User, trainee.id)]}
        if instructor is not None:
            members["instructors"] = [db.get(User, instructor.id)]
        db.add(Cohort(name=f"Groep {trainee.id}", **fields, **members))
        db.commit()


def spoken_call(app: Flask, client: FlaskClient, korean, text: str) -> tuple[int, dict]:  # noqa: F811
    """Start and answer a call, speak ``text`` and send it as the say step; return the call id and the final."""
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl", "seed": 7}).get_json()
    client.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"})
    _partials, final = speak_in_chunks(client, call["id"], "t1", korean(text))
    args = {"text": "Goeiemorgen, helpdesk, met Sam.", "asr_text": final["text"], "corrected": True}
    answer = client.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "say", "args": args}).get_json()
    event = next(e["i"] for e in answer["events"] if e["type"] == "utterance")
    attached = client.post(f"/api/v1/sessions/{call['id']}/speech/t1/attach", json={"event": event})
    assert attached.status_code == 200
    return call["id"], {**final, "attached": attached.get_json()["recorded"], "event": event}


def stored(app: Flask) -> list[RecordingRecord]:
    """Return every recording row."""
    with database(app).sessions() as db:
        return list(db.query(RecordingRecord))


def test_nothing_is_kept_when_the_cohort_does_not_record(voice_app, korean, tmp_path) -> None:  # noqa: F811
    client, trainee = bearer_client(voice_app)
    cohort_with(voice_app, trainee, record_audio=False)
    _call_id, final = spoken_call(voice_app, client, korean, "안녕하세요 컴퓨터")
    assert final["text"] == "안녕하세요 컴퓨터" and final["recorded"] is False and final["attached"] is False
    assert stored(voice_app) == [] and not list((tmp_path / "recordings").rglob("*.wav"))


def test_a_recording_cohort_keeps_the_audio_and_the_review_page_plays_it_with_the_words(
    voice_app, korean, tmp_path
) -> None:  # noqa: E501,F811
    client, trainee = bearer_client(voice_app)
    _other, instructor = bearer_client(voice_app, Role.INSTRUCTOR)
    cohort_with(voice_app, trainee, instructor, record_audio=True, audio_retention_days=7)
    call_id, final = spoken_call(voice_app, client, korean, "비밀번호 네트워크")
    assert final["recorded"] is True and final["attached"] is True
    [row] = stored(voice_app)
    assert row.event_index == final["event"] and row.text == "비밀번호 네트워크"
    file = tmp_path / "recordings" / row.path
    assert file.stat().st_mode & 0o777 == 0o600  # only the server's account may read what a trainee said
    assert read_wav(file.read_bytes()).duration_s == pytest.approx(row.duration_s, abs=0.01) and row.duration_s > 1
    info = client.get(f"/api/v1/sessions/{call_id}/recording").get_json()["recording"]
    assert [w["word"] for w in info["words"]] == ["비밀번호", "네트워크"] and info["words"][0][
        "event"
    ] == row.event_index
    wav = client.get(info["url"])
    assert wav.status_code == 200 and read_wav(wav.data).duration_s == pytest.approx(info["duration_s"], abs=0.01)
    client.post(f"/api/v1/sessions/{call_id}/end")
    page = login_as(voice_app.test_client(), instructor).get(f"/instructeur/sessies/{call_id}").get_data(as_text=True)
    assert f'src="{info["url"]}"' in page and 'data-start="' in page and "비밀번호</a>" in page


def test_the_instructor_deletes_the_recording_with_the_button(voice_app, korean, tmp_path) -> None:  # noqa: F811
    client, trainee = bearer_client(voice_app)
    _other, instructor = bearer_client(voice_app, Role.INSTRUCTOR)
    cohort_with(voice_app, trainee, instructor, record_audio=True)
    call_id, _final = spoken_call(voice_app, client, korean, "프린터")
    browser = login_as(voice_app.test_client(), instructor)
    review = f"/instructeur/sessies/{call_id}"
    answer = browser.post(
        f"/opnames/{call_id}/verwijderen", data={"csrf_token": csrf_token(browser, review), "next": review}
    )
    assert answer.status_code == 302 and answer.location.endswith(review)
    assert stored(voice_app) == [] and not list((tmp_path / "recordings").rglob("*.wav"))
    assert "Van dit gesprek is geen opname" in browser.get(review).get_data(as_text=True)


def test_the_trainee_deletes_their_recording_and_another_trainee_cannot(voice_app, korean) -> None:  # noqa: F811
    client, trainee = bearer_client(voice_app)
    cohort_with(voice_app, trainee, record_audio=True)
    call_id, _final = spoken_call(voice_app, client, korean, "감사합니다")
    stranger, _user = bearer_client(voice_app)
    assert stranger.post(f"/api/v1/sessions/{call_id}/recording/delete").status_code == 404
    assert len(stored(voice_app)) == 1
    answer = client.post(f"/api/v1/sessions/{call_id}/recording/delete")
    assert answer.status_code == 200 and answer.get_json() == {"deleted": 1}
    assert stored(voice_app) == [] and client.get(f"/api/v1/sessions/{call_id}/recording.wav").status_code == 404


def test_the_console_says_what_is_recorded_and_that_nothing_leaves_the_machine(voice_app) -> None:  # noqa: F811
    client, trainee = bearer_client(voice_app)
    cohort_with(voice_app, trainee, record_audio=True, audio_retention_days=14)
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl"}).get_json()
    page = login_as(voice_app.test_client(), trainee).get(f"/oefenen/gesprek/{call['id']}").get_data(as_text=True)
    assert "bewaart opnames van je stem 14 dagen" in page and "er gaat niets naar een andere dienst" in page
    assert 'id="voice-mic"' in page and "voice.js" in page


def test_dead_air_is_in_the_report_of_a_voice_call(voice_app, korean) -> None:  # noqa: F811
    client, _trainee = bearer_client(voice_app)
    call_id, _final = spoken_call(voice_app, client, korean, "컴퓨터")
    time.sleep(1.3)  # the trainee leaves the line quiet before speaking again
    speak_in_chunks(client, call_id, "t2", korean("프린터"))
    client.post(f"/api/v1/sessions/{call_id}/end")
    report = client.get(f"/api/v1/sessions/{call_id}/report").get_json()
    assert 1.3 <= report["outcome"]["dead_air_s"] < 5


def test_a_typed_call_has_no_dead_air_figure(voice_app) -> None:  # noqa: F811
    client, _trainee = bearer_client(voice_app)
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl"}).get_json()
    client.post(f"/api/v1/sessions/{call['id']}/end")
    assert "dead_air_s" not in client.get(f"/api/v1/sessions/{call['id']}/report").get_json()["outcome"]


def test_the_recording_folder_is_under_the_instance_folder_by_default(app: Flask) -> None:
    from webapp.voice import recording

    with app.app_context():
        assert recording.folder() == Path(app.instance_path) / "recordings"
