"""Tickets and customer history of web calls live in the database (SQLite and PostgreSQL): saved once
per call even when another worker replays the call, listed for their trainee only and for the
cohort's instructors, the CRM directory loaded back by a replay; shift SLA clocks on the wall clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from simulator.adapters.db.models import ApiToken, CallSession, Role, User
from simulator.adapters.db.models.crm import PersonRecord
from simulator.adapters.db.models.tickets import TicketHistoryRecord, TicketRecord
from simulator.service.runners import RunnerCache
from webapp import create_app
from webapp.calls.present import queue
from webapp.calls.runners import new_runner
from webapp.calls.service import calls
from webapp.calls.world import history_scope, save_tickets, scope_of
from webapp.db import database

PRINTER = "printer-offline-angry-nl"
TICKET = {"summary": "Printer offline", "category": "printer", "impact": "low", "urgency": "high"}


@pytest.fixture
def app(lane_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app on a fresh migrated database of each lane, with its own runner cache (one 'worker')."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": lane_database_url})
    yield app
    database(app).engine.dispose()


def api_client(app: Flask, db: Session, user: User) -> FlaskClient:
    """Return a client authenticated with ``user``'s bearer token."""
    token, secret = ApiToken.issue(db.merge(user), label="tests")
    db.add(token)
    db.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def start(api: FlaskClient, exercise: str = PRINTER, seed: int = 7) -> int:
    """Start a call through the API and return its id."""
    response = api.post("/api/v1/sessions", json={"exercise": exercise, "seed": seed})
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def step(api: FlaskClient, call_id: int, name: str, args: Any = None, **extra: Any) -> dict[str, Any]:
    """Perform one step that must succeed and return the answer."""
    response = api.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args, **extra})
    assert response.status_code == 200, (name, response.get_json())
    answer: dict[str, Any] = response.get_json()
    return answer


def acted(answer: dict[str, Any], kind: str) -> dict[str, Any]:
    """Return the data of the step's event of this type."""
    found: dict[str, Any] = next(e["data"] for e in answer["events"] if e["type"] == kind)
    return found


def stored_tickets(db: Session, call_id: int) -> list[TicketRecord]:
    """Return the tickets stored under a call's scope."""
    db.expire_all()
    return list(db.scalars(select(TicketRecord).where(TicketRecord.scope == scope_of(call_id))))


def history_of(db: Session, ticket: TicketRecord) -> list[tuple[str, str]]:
    """Return a stored ticket's audit lines as (kind, author)."""
    rows = db.scalars(select(TicketHistoryRecord).where(TicketHistoryRecord.ticket_id == ticket.id))
    return [(h.kind, h.author) for h in rows]


@pytest.fixture
def trainee(make_user) -> User:
    return make_user(role=Role.TRAINEE, display_name="Sam Cursist")


def test_a_ticket_is_saved_once_per_call_even_when_another_worker_replays_it(
    app: Flask, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = api_client(app, db, trainee)
    call_id = start(api)
    step(api, call_id, "answer")
    step(api, call_id, "ticket.create", TICKET)
    [ticket] = stored_tickets(db, call_id)
    assert (ticket.number, ticket.priority, ticket.status) == (f"INC-{call_id * 1000 + 1:06d}", "P3", "new")
    assert history_of(db, ticket) == [("created", "Sam Cursist")]

    calls(app).runners = RunnerCache(new_runner)  # the next step lands on another worker
    step(api, call_id, "ticket.note", {"text": "Spooler hangt"})
    step(api, call_id, "ticket.assign", {"group": "workplace"})
    [ticket] = stored_tickets(db, call_id)
    kinds = [k for k, _ in history_of(db, ticket)]
    assert kinds == ["created", "note", "status", "assign"]  # the replayed create was not stored again
    assert ticket.group == "workplace" and ticket.status == "in_progress"

    with app.app_context(), database(app).sessions() as session:  # a third replay saving again changes nothing
        call = session.get(CallSession, call_id)
        assert call is not None and save_tickets(call, calls(app).runners.rebuild(call)) == 1
    assert [k for k, _ in history_of(db, stored_tickets(db, call_id)[0])] == kinds
    assert api.post(f"/api/v1/sessions/{call_id}/end").status_code == 200
    [ticket] = stored_tickets(db, call_id)
    assert len(history_of(db, ticket)) == 4 and ticket.time_spent_s > 0


def test_a_refused_ticket_step_stores_nothing(app: Flask, db: Session, trainee: User) -> None:
    api = api_client(app, db, trainee)
    call_id = start(api)
    step(api, call_id, "answer")
    answer = step(api, call_id, "ticket.close", {})
    assert answer["events"][-1]["data"]["refused"] is True
    assert stored_tickets(db, call_id) == []


@pytest.fixture
def two_trainees(app: Flask, db: Session, make_user, make_cohort) -> dict[str, Any]:
    """Two trainees in two cohorts, each with a ticket from a call, and each cohort's instructor."""
    people: dict[str, Any] = {}
    for name, summary in (("anna", "Printer van Anna offline"), ("bert", "Printer van Bert offline")):
        trainee = make_user(role=Role.TRAINEE, display_name=name.title())
        instructor = make_user(role=Role.INSTRUCTOR)
        make_cohort(instructors=[instructor], trainees=[trainee])
        api = api_client(app, db, trainee)
        call_id = start(api)
        step(api, call_id, "answer")
        step(api, call_id, "ticket.create", TICKET | {"summary": summary})
        people[name] = {"trainee": trainee, "instructor": instructor, "call": call_id}
    return people


def page(app: Flask, user: User, path: str) -> tuple[int, str]:
    """Return the status and text of a page as ``user`` sees it."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)


def test_a_trainee_sees_only_their_own_tickets(app: Flask, two_trainees: dict[str, Any]) -> None:
    status, text = page(app, two_trainees["anna"]["trainee"], "/oefenen/tickets")
    assert status == 200
    number = f"INC-{two_trainees['anna']['call'] * 1000 + 1:06d}"
    assert "Printer van Anna offline" in text and number in text and "P3" in text
    assert "Printer van Bert offline" not in text
    assert "nieuw" in text and "loopt" in text  # status and SLA state


def test_every_call_numbers_its_tickets_apart(app: Flask, db: Session, trainee: User) -> None:
    api = api_client(app, db, trainee)
    numbers = []
    for summary in ("Printer offline (maandag)", "Printer offline (dinsdag)"):
        call_id = start(api)
        step(api, call_id, "answer")
        created = step(api, call_id, "ticket.create", TICKET | {"summary": summary})
        numbers.append(acted(created, "ticket.create")["ticket"])
    assert numbers[0] != numbers[1]
    status, text = page(app, trainee, "/oefenen/tickets")
    assert status == 200 and all(text.count(number) == 1 for number in numbers), numbers  # "Mijn tickets"


def test_looking_up_an_earlier_ticket_keeps_the_calls_own_ticket_free(app: Flask, db: Session, trainee: User) -> None:
    api = api_client(app, db, trainee)
    call_id = start(api, "slow-laptop-complaint-angry-en")
    step(api, call_id, "answer")
    people = db.scalars(select(PersonRecord).where(PersonRecord.scope == scope_of(call_id)))
    caller = next(p for p in people if p.is_caller)
    card = acted(step(api, call_id, "crm.lookup", {"query": caller.last_name}), "crm.lookup")["matches"][0]
    earlier = {t["number"] for t in card["tickets"]}
    assert len(earlier) == 2, card  # the caller's two earlier tickets are on the customer card
    looked_up = step(api, call_id, "crm.lookup", {"query": max(earlier)})
    assert acted(looked_up, "crm.lookup")["ticket"]["number"] == max(earlier)  # shown…
    assert looked_up["state"]["ticket"] is None  # …but not the call's ticket: the form still creates one
    created = acted(step(api, call_id, "ticket.create", TICKET | {"category": "hardware"}), "ticket.create")
    assert not created.get("refused") and created["ticket"] not in earlier
    assigned = acted(step(api, call_id, "ticket.assign", {"group": "workplace"}), "ticket.assign")
    assert not assigned.get("refused") and assigned["ticket"] == created["ticket"]


def test_an_instructor_sees_their_cohorts_tickets_only(app: Flask, two_trainees: dict[str, Any]) -> None:
    status, text = page(app, two_trainees["anna"]["instructor"], "/instructeur/tickets")
    assert status == 200 and "Printer van Anna offline" in text and "Anna" in text
    assert "Printer van Bert offline" not in text
    other_cohort = two_trainees["bert"]["instructor"]
    assert page(app, other_cohort, "/instructeur/tickets")[1].count("Printer van Anna") == 0


def test_the_directory_is_stored_at_the_start_and_a_replay_reads_it_back(
    app: Flask, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = api_client(app, db, trainee)
    call_id = start(api, "slow-laptop-complaint-angry-en")
    people = list(db.scalars(select(PersonRecord).where(PersonRecord.scope == scope_of(call_id))))
    caller = next(p for p in people if p.is_caller)
    earlier = list(db.scalars(select(TicketRecord).where(TicketRecord.scope == history_scope(call_id))))
    assert len(people) >= 2 and len(earlier) == 2  # the slow-laptop caller has two earlier tickets
    step(api, call_id, "answer")
    first = step(api, call_id, "crm.lookup", {"query": caller.last_name})["events"][-1]["data"]
    assert first["count"] == 1 and len(first["matches"][0]["tickets"]) == 2

    # an instructor corrects the caller's phone number in the stored directory
    db.execute(update(PersonRecord).where(PersonRecord.id == caller.id).values(phone="+32 9 123 45 67"))
    db.commit()
    calls(app).runners = RunnerCache(new_runner)  # another worker replays the call
    again = step(api, call_id, "crm.lookup", {"query": caller.last_name})["events"][-1]["data"]
    card = again["matches"][0]
    assert card["phone"] == "+32 9 123 45 67"  # read from the database, not re-seeded
    assert [t["number"] for t in card["tickets"]] == [t["number"] for t in first["matches"][0]["tickets"]]
    assert {k: v for k, v in card.items() if k != "phone"} == {
        k: v for k, v in first["matches"][0].items() if k != "phone"
    }


def test_shift_sla_clocks_tick_on_the_wall_clock(app: Flask, db: Session, trainee: User) -> None:
    api = api_client(app, db, trainee)
    call_id = start(api, "shift-morning-queue-nl")
    first = step(api, call_id, "answer")
    types = [e["type"] for e in first["events"]]
    assert "sla.warning" in types and "sla.breach" not in types  # the P1 is at 12 of its 15 minutes
    # four real minutes pass while the trainee reads the queue
    call = db.get(CallSession, call_id, populate_existing=True)
    assert call is not None
    call.last_activity_at -= timedelta(minutes=4)
    db.commit()
    answer = step(api, call_id, "wait", {"seconds": 0}, live=True)
    breach = next(e for e in answer["events"] if e["type"] == "sla.breach")
    assert breach["data"]["target"] == "response" and breach["data"]["priority"] == "P1"
    assert api.post(f"/api/v1/sessions/{call_id}/end").status_code == 200
    report = api.get(f"/api/v1/sessions/{call_id}/report").get_json()
    assert any(e["type"] == "sla.breach" for e in report["events"])
    status, text = page(app, trainee, f"/oefenen/gesprek/{call_id}/verslag")
    assert status == 200 and f"SLA overschreden voor {breach['data']['ticket']}" in text  # in the shift's timeline
    with app.app_context(), database(app).sessions() as session:
        stored = session.get(CallSession, call_id)
        assert stored is not None
        row = next(r for r in queue(calls(app).runners.rebuild(stored)) if r["number"] == breach["data"]["ticket"])
        assert row["sla"]["breached"] is True and "response: sla.breach" in row["sla"]["alerts"]
    # the shift report marks that ticket as breached, although its resolution target is still ahead
    shift = text.split('id="shift-titel"', 1)[1]
    ticket_row = shift.split(breach["data"]["ticket"], 1)[1].split("</tr>", 1)[0]
    assert "SLA overschreden" in ticket_row
