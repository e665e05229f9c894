"""The greeting and the closing against the company's script: the words may be the trainee's own.

A trainee gives their name in many natural forms ("Sam à l'appareil", "Alex speaking", "Wout, good
afternoon") or reads the company's greeting out verbatim; the forms are data
(``simulator/assessment/data/phrases.yaml``) and the company's script is read from the scenario book.
The closing follows the book's script too: an offer of further help before the goodbye.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from simulator.assessment.context import CallView
from simulator.assessment.detectors._base import met, not_met, partly
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.assessment.scenario import company_name, procedures_of
from simulator.content.yamlfile import read_yaml
from simulator.conversation.events import Event, EventType

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PHRASES_FILE = "phrases.yaml"
NAME = r"(?P<name>[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'-]+)"
#: The closing is judged on the trainee's last lines.
CLOSING_LINES = 3
#: The parts of the greeting (terms of the explanation catalogue, listed as missing).
GREETING_PARTS = ("greeting", "company_name", "own_name")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """Return the phrase lists of ``data/phrases.yaml`` (read once)."""
    return dict(read_yaml(DATA_DIR / PHRASES_FILE).data)


def script_form(script: str) -> str:
    """Return how the company's greeting script names the agent, as an own-name form ("this is {name}")."""
    if "{agent}" not in script:
        return ""
    head, tail = script.split("{agent}", 1)
    before = re.split(r"[,.!?]", head)[-1].strip()
    after = re.split(r"[,.!?]", tail)[0].strip()
    return (re.escape(before) + " " if before else "") + "{name}" + (" " + re.escape(after) if after else "")


@lru_cache(maxsize=16)
def _own_name_patterns(lang: str, script: str) -> tuple[re.Pattern[str], ...]:
    forms = [*phrases()["own_name"].get(lang, ()), script_form(script)]
    return tuple(re.compile(r"(?i:\b" + f.replace("{name}", ")" + NAME + "(?i:") + r")(?=\W|$)") for f in forms if f)


def gives_own_name(text: str, lang: str, company: str, script: str = "") -> bool:
    """Return whether ``text`` carries the trainee's own name in a natural form (or the company script)."""
    stop = {w.lower() for w in phrases()["greeting_words"].get(lang, ())} | {company.lower()}
    for pattern in _own_name_patterns(lang, script):
        for match in pattern.finditer(text):
            if match.group("name").lower() not in stop:
                return True
    for chunk in re.split(r"[,.!?;:]", text):  # a name said on its own: "Wout, good afternoon"
        word = chunk.strip()
        if re.fullmatch(NAME, word) and word.lower() not in stop:
            return True
    return False


def _greeting_parts(view: CallView, first: Event) -> dict[str, bool]:
    company = company_name(view)
    text, slots = first.data["text"], first.data.get("slots", {})
    lang = view.exercise.language
    script = procedures_of(view).greeting.get(lang, "")
    return {
        "greeting": "greeting" in first.data.get("intents", ()) or _is_script(text, script, company),
        "company_name": bool(slots.get("company")) or company.lower() in text.lower(),
        "own_name": bool(slots.get("own_name")) or gives_own_name(text, lang, company, script),
    }


def _is_script(text: str, script: str, company: str) -> bool:
    head = script.split("{agent}")[0].lower().replace("{company}", company.lower())
    return bool(head) and text.lower().startswith(head[:12])


@detector("greets_and_closes")
def greets_and_closes(view: CallView, aspect: str) -> Finding:
    """Judge the greeting (company and own name) and the closing (further help, goodbye) against the script."""
    answers = view.of(EventType.ANSWER)
    if not view.utterances:
        due = answers[0] if answers else view.last()
        return not_met("call.trainee_silent", view.due(due))
    first = view.utterances[0]
    parts = _greeting_parts(view, first)
    ended_by_caller = view.last().data.get("ended_by") == "customer"
    tail = view.utterances[-CLOSING_LINES:]
    lang = view.exercise.language
    closings = [e for e in tail if "closing" in e.data.get("intents", ()) or says(e, "goodbye", lang)]
    offers = [e for e in tail if "check_satisfaction" in e.data.get("intents", ()) or says(e, "further_help", lang)]
    if not ended_by_caller:
        parts["closing"] = bool(closings)
        parts["further_help"] = bool(offers)
    missing = [name for name, ok in parts.items() if not ok]
    opening = view.cite(first, "greeting") if "greeting" in first.data.get("intents", ()) else view.due(first)
    shown = sorted({e.i: e for e in closings[-1:] + offers[-1:]}.values(), key=_i)
    evidence = [opening] + [
        view.cite(e, "closing", "check_satisfaction")
        for e in shown
        if {"closing", "check_satisfaction"} & set(e.data.get("intents", ()))
    ]
    if not ended_by_caller and not closings and not offers:
        evidence.append(view.absence())
    if not missing:
        return met("greeting.script_followed", *evidence)
    greeting_missing = [name for name in missing if name in GREETING_PARTS]
    company = company_name(view)
    if len(missing) >= 3 or len(greeting_missing) >= 2:
        return not_met("greeting.script_not_followed", *evidence, missing=missing, company=company)
    return partly("greeting.incomplete", *evidence, missing=missing, company=company)


def says(line: Event, kind: str, lang: str) -> bool:
    """Return whether a trainee line says one of the ``kind`` phrases of ``phrases.yaml`` (whole words)."""
    return bool(_phrase_pattern(kind, lang).search(line.data["text"]))


@lru_cache(maxsize=16)
def _phrase_pattern(kind: str, lang: str) -> re.Pattern[str]:
    forms = sorted(phrases().get(kind, {}).get(lang, ()), key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.I)


def _i(event: Event) -> int:
    return event.i
