"""Reports a person can read: after a real call, no internal identifier reaches a page or an export.

The identifiers are collected from the code (event types, step names, state names and triggers of
every exercise, intents, topics, slots, fact ids, the caller's rule names, resolver groups) and
looked for in what a trainee or instructor reads: the trainee's report, the instructor's review, the
HTML and CSV exports, in Dutch, French and English. The trainee's report also shows the instructor's
verdict (marked as theirs, with the reason), strengths, points to improve and the model answer.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from simulator.adapters.db.models import CallSession, Role, User
from tests.e2e.web.conftest import csrf_token, login_as

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
LANGS = ("nl", "fr", "en")
REASON = "De beller gaf zelf haar gegevens; dat telt niet."
#: What the engine's own Dutch descriptions of events start with (``assessment/context.describe``).
DUTCH_MARKERS = ("tot het einde van het gesprek", "opgenomen na", "einde gesprek", "feit ontdekt", "geweigerd:")


@lru_cache(maxsize=1)
def internal_identifiers() -> frozenset[str]:
    """Return every name the engine uses internally that a person should never read."""
    from simulator.conversation.caller_model import CALLBACKS, CONDITIONS, SIGNALS
    from simulator.conversation.loader import list_exercises
    from simulator.nlu.catalogue import INTENTS, TOPICS
    from simulator.nlu.files import load_lexicon
    from simulator.scripts.steps import STEPS
    from simulator.world import load_content
    from simulator.world.actions import ACTIONS
    from simulator.world.pc.hands import HANDS_ON

    found: set[str] = set(ACTIONS) | set(STEPS) | set(INTENTS) | set(TOPICS) | CONDITIONS | SIGNALS | CALLBACKS
    found |= set(event_types())
    for lang in LANGS:
        found |= {rule.slot for rule in load_lexicon(lang).slots}
    for exercise in list_exercises():
        found |= {s.name for s in exercise.states} | {t.trigger for t in exercise.transitions}
        found |= {f.id for f in exercise.facts}
    content = load_content()
    found |= set(content.groups) | set(HANDS_ON)
    return frozenset(found)


@lru_cache(maxsize=1)
def event_types() -> frozenset[str]:
    """Return the event types the engine logs, from its source (``log.append(t, "type"…)``, ``refuse``)."""
    root = Path(__file__).resolve().parents[3] / "simulator"
    pattern = re.compile(r"""\.(?:append|emit)\(\s*[\w.()]+,\s*["']([a-z_.]+)["']""")
    found = {m.group(1) for path in root.rglob("*.py") for m in pattern.finditer(path.read_text(encoding="utf-8"))}
    return frozenset(found | {"utterance", "customer_line", "state_change", "fact_revealed", "mood", "end", "ring"})


def event_identifiers(events: list[dict[str, Any]]) -> frozenset[str]:
    """Return the names a call's own events carry for authors and the assessment, never for a reader.

    Each caller line says why each part was said (``why``: rules, responses, facts, transitions) and
    which acts of the trainee it answered (``acts``); ``identity_told`` names the identity details given.
    """
    found: set[str] = set()
    for event in events:
        data = event.get("data") or {}
        for why in data.get("why", []):
            found |= {str(value) for value in why.values()}
        found |= {str(act) for act in data.get("acts", [])}
        found |= {str(detail) for detail in data.get("details", [])}
    return frozenset(found)


def technical(identifier: str) -> bool:
    """Return whether a name can only be an identifier (snake_case, dotted, a transition), never a plain word."""
    return "_" in identifier or "." in identifier or ">" in identifier


def leaks(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """Return the internal identifiers (the engine's and ``extra``) and raw engine notation found in ``text``."""
    ids = internal_identifiers() | extra
    found = []
    for ident in sorted(i for i in ids if technical(i)):
        if re.search(rf"(?<![\w.\-/#]){re.escape(ident)}(?![\w\-]|\.\w)", text):
            found.append(ident)
    plain = {i for i in ids if not technical(i)}
    for left, right in re.findall(r"(\w+)\s*(?:→|->)\s*(\w+)", text):
        if left in plain or right in plain:
            found.append(f"{left} → {right}")
    found += re.findall(r"\b[a-z_]+=\S+", text)  # key=value notation (group=first_line)
    found += re.findall(r"\([+-]\d+:[^)]*\)", text)  # a mood change with its cause codes
    return found


class _Visible(HTMLParser):
    """Collect the text a browser shows (and titles it shows on hover), leaving scripts and styles out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [v for k, v in attrs if k in ("title", "aria-label", "placeholder") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    """Return the visible text of an HTML page, one piece per line."""
    parser = _Visible()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def script_steps(name: str) -> list[tuple[str, Any]]:
    """Return a shipped session script's steps as (name, args)."""
    script = yaml.safe_load((SCRIPTS / name).read_text(encoding="utf-8"))
    return [next(iter(step.items())) for step in script["steps"]]


WALKED = ("printer-offline-angry-nl-weak", "no-internet-homeworker-novice-nl-strong", "phishing-click-novice-fr-weak")


@pytest.fixture(params=[WALKED[0]])
def called(request, client: FlaskClient, db: Session, make_user, make_cohort) -> dict[str, Any]:
    """A trainee's real call through the console API (a reference script), overridden by their instructor."""
    script = yaml.safe_load((SCRIPTS / f"{request.param}.yaml").read_text(encoding="utf-8"))
    trainee = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    make_cohort(instructors=[instructor], trainees=[trainee])
    login_as(client, trainee)
    token = csrf_token(client, "/oefenen/")
    headers = {"X-CSRFToken": token}
    body = {"exercise": script["exercise"], "seed": script.get("seed", 0)}
    started = client.post("/api/v1/sessions", json=body, headers=headers)
    assert started.status_code == 201, started.get_json()
    call_id = started.get_json()["id"]
    for name, args in script_steps(f"{request.param}.yaml"):
        client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": name, "args": args}, headers=headers)
    assert client.post(f"/api/v1/sessions/{call_id}/end", headers=headers).status_code in (200, 409)
    call = db.get(CallSession, call_id, populate_existing=True)
    assert call is not None and call.report
    judged = next(a for c in call.report["assessment"]["competencies"] for a in c["activities"] if a.get("detector"))
    login_as(client, instructor)
    page = f"/instructeur/sessies/{call_id}"
    data = {"activity_id": judged["id"], "verdict": "not_met" if judged["verdict"] != "not_met" else "partly"}
    data |= {"level": "", "reason": REASON, "csrf_token": csrf_token(client, page)}
    assert client.post(f"{page}/oordelen", data=data).status_code == 302
    events = list(call.events)
    return {"call": call_id, "trainee": trainee, "instructor": instructor, "activity": judged["id"], "events": events}


def as_language(db: Session, user: User, lang: str) -> None:
    """Set the account's interface language."""
    db.get(User, user.id).locale = lang  # type: ignore[union-attr]
    db.commit()


@pytest.mark.parametrize("called", WALKED, indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_no_internal_identifier_reaches_a_report_the_review_or_an_export(client, db, called, lang) -> None:
    call_id = called["call"]
    as_language(db, called["trainee"], lang)
    as_language(db, called["instructor"], lang)
    read: dict[str, str] = {}
    login_as(client, called["trainee"])
    read["trainee report"] = visible(client.get(f"/oefenen/gesprek/{call_id}/verslag").get_data(as_text=True))
    login_as(client, called["instructor"])
    read["instructor review"] = visible(client.get(f"/instructeur/sessies/{call_id}").get_data(as_text=True))
    read["HTML export"] = visible(client.get(f"/instructeur/sessies/{call_id}/export/html").get_data(as_text=True))
    for fmt, delimiter in (("csv", ","), ("csv-semicolon", ";")):
        body = client.get(f"/instructeur/sessies/{call_id}/export/{fmt}").data.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body), delimiter=delimiter))
        assert rows, fmt
        read[f"{fmt} export"] = "\n".join(f"{r['activity_text']}\n{r['explanation']}" for r in rows)
    events = called["events"]
    lines = [e["data"] for e in events if e["type"] == "customer_line"]
    assert lines and all(line.get("why") for line in lines)  # the explained lines the check looks for
    assert any(line.get("acts") for line in lines)
    found = {where: leaks(text, event_identifiers(events)) for where, text in read.items()}
    assert not any(found.values()), found
    assert all(len(text) > 200 for text in read.values())
    if lang != "nl":  # evidence and explanations follow the interface language, not the engine's Dutch
        dutch = {where: [m for m in DUTCH_MARKERS if m in text.lower()] for where, text in read.items()}
        assert not any(dutch.values()), dutch
        explained = read["csv export"].splitlines()[1::2]
        assert not [e for e in explained if re.search(r"\b(?:[Uu] (?:vroeg|nam|gaf|bleef|gebruikte)|niet|werd)\b", e)]


def test_the_leak_check_finds_what_the_issue_reported() -> None:
    for raw in (
        "remote.connect",
        "Scenario: venting → acknowledged (empathy).",
        "feit ontdekt: error_message",
        "ticket.assign group=first_line",
        "stemming 79 (+17: empathy, paraphrase)",
    ):
        assert leaks(raw), raw
    assert not leaks("Overname van PC-0042 gestart. Stemming 62 → 80. Klant opgezocht: “Janssens”")


def test_the_trainee_report_shows_the_instructors_verdict_points_and_the_model_answer(client, db, called) -> None:
    login_as(client, called["trainee"])
    page = client.get(f"/oefenen/gesprek/{called['call']}/verslag").get_data(as_text=True)
    assert "Oordeel van je instructeur" in page and REASON in page
    for heading in ("Sterke punten", "Werkpunten", "Zo pakt een sterke medewerker het aan"):
        assert heading in page
    assert "Neem op" in page or '<ol class="model-answer">' in page  # the exercise's expected handling
    as_language(db, called["trainee"], "en")
    english = client.get(f"/oefenen/gesprek/{called['call']}/verslag").get_data(as_text=True)
    assert "judgement" in english and "Points to improve" in english


def test_the_trainee_downloads_their_report_as_pdf_with_the_instructors_verdict(client, called) -> None:
    pytest.importorskip("weasyprint")
    login_as(client, called["trainee"])
    response = client.get(f"/oefenen/gesprek/{called['call']}/verslag.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    login_as(client, called["instructor"])
    html = client.get(f"/instructeur/sessies/{called['call']}/export/html").get_data(as_text=True)
    assert "Oordeel van je instructeur" in html and REASON in html  # the PDF is rendered from this HTML


def test_the_portfolio_shows_the_level_the_instructor_decided_and_why(client, called) -> None:
    login_as(client, called["trainee"])
    page = client.get("/oefenen/zelfstudie/portfolio").get_data(as_text=True)
    assert "Oordeel van je instructeur" in page and REASON in page


def test_the_api_report_carries_the_assessment_in_force(client, called) -> None:
    login_as(client, called["trainee"])
    report = client.get(f"/api/v1/sessions/{called['call']}/report").get_json()
    judged = {a["id"]: a for c in report["assessment_in_force"]["competencies"] for a in c["activities"]}
    assert judged[called["activity"]]["override"]["reason"] == REASON
    assert report["assessment_in_force"]["provisional"] is False  # a practice call decides nothing


@pytest.mark.parametrize(("lang", "expected"), [("nl", "pc overnemen"), ("en", "connect first")])
def test_a_refused_step_in_the_console_reads_in_words(client, db, make_user, lang, expected) -> None:
    trainee = make_user(role=Role.TRAINEE, locale=lang)
    login_as(client, trainee)
    headers = {"X-CSRFToken": csrf_token(client, "/oefenen/")}
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl", "seed": 7}, headers=headers)
    call_id = call.get_json()["id"]
    client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "answer", "args": {}}, headers=headers)
    client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "remote.connect", "args": {}}, headers=headers)
    shown = client.post(
        f"/api/v1/sessions/{call_id}/steps", json={"step": "remote.run", "args": "ipconfig"}, headers=headers
    )
    refused = [e for e in shown.get_json()["events"] if e["data"].get("refused")]
    assert refused and expected in refused[0]["data"]["reason_text"] and not leaks(refused[0]["data"]["reason_text"])


IDENTITY_SENTENCE = {
    "nl": "De beller geeft de gevraagde gegevens: naam.",
    "fr": "L'appelant donne les informations demandées : nom.",
    "en": "The caller gives the details asked for: name.",
}


@pytest.mark.parametrize("called", [WALKED[1]], indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_the_caller_telling_who_they_are_reads_as_a_sentence_in_the_timeline(client, db, called, lang) -> None:
    assert [e for e in called["events"] if e["type"] == "identity_told"]  # the homeworker gives her name when asked
    as_language(db, called["instructor"], lang)
    login_as(client, called["instructor"])
    review = visible(client.get(f"/instructeur/sessies/{called['call']}").get_data(as_text=True))
    assert IDENTITY_SENTENCE[lang] in review.replace("&#39;", "'")
    assert "full_name" not in review and "identity_told" not in review


def test_a_fact_the_caller_tells_unasked_is_described_as_such(app) -> None:
    from webapp.instructor.event_labels import describe

    with app.test_request_context():
        told = describe(
            "fact_revealed", {"fact": "error_message", "volunteered": True, "fact_text": "Hij zegt 'offline'."}
        )
        asked = describe("fact_revealed", {"fact": "error_message", "fact_text": "Hij zegt 'offline'."})
    assert told == "De beller vertelt uit zichzelf: “Hij zegt 'offline'.”" and told != asked
