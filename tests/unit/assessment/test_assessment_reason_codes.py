"""Detectors return a code with parameters; the words come from the nl/fr/en catalogue at the edge.

The modules a verdict passes through in the core hold no Dutch sentence, every code a detector can
return has an entry in all three languages, and a finding over a real call carries only codes and
values, rendered in the reader's language.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from simulator.assessment import Verdict
from simulator.assessment.context import CallView
from simulator.assessment.detectors import all_detectors
from simulator.assessment.explain import catalogue, render_reason, render_reasons
from simulator.assessment.report import session_report

ASSESSMENT = Path(__file__).resolve().parents[3] / "simulator" / "assessment"
#: Where a verdict and its evidence are made in the core: the detectors and what they are built from.
VERDICT_MODULES = sorted(
    [*(ASSESSMENT / "detectors").glob("*.py")]
    + [ASSESSMENT / name for name in ("context.py", "scoring.py", "model.py", "scenario.py")]
)
#: Small Dutch words: a string with two of them among three or more words reads as a Dutch sentence.
DUTCH_WORDS = frozenset(
    "de het een niet u uw van en geen maar voor naar met klant op te dat er om werd is was ontbrak wachtte".split()
)
CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
FINDING_MAKERS = ("met", "partly", "not_met", "unobserved")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            found.add(id(body[0].value))
    return found


def dutch_sentences(path: Path) -> list[str]:
    """Return the string literals of a module (not its docstrings) that read as Dutch sentences."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            words = re.findall(r"[a-zà-ÿ]+", node.value.lower())
            if len(words) >= 3 and sum(w in DUTCH_WORDS for w in words) >= 2:
                out.append(f"{path.name}:{node.lineno} {node.value!r}")
    return out


def returned_codes() -> dict[str, str]:
    """Return every code a detector module passes to met/partly/not_met/unobserved (code → where)."""
    codes = {}
    for path in (ASSESSMENT / "detectors").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in FINDING_MAKERS and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    codes[arg.value] = f"{path.name}:{node.lineno}"
                elif isinstance(arg, ast.Name):  # a code chosen just before (code = "a.b" if … else "a.c")
                    continue
                else:
                    codes[ast.unparse(arg)] = f"{path.name}:{node.lineno} (not a literal code)"
    return codes


def test_the_tests_dutch_detector_would_see_an_old_style_explanation(tmp_path):
    old = tmp_path / "old.py"
    old.write_text('def f():\n    return met("U hebt de klacht niet in eigen woorden herhaald.")\n', encoding="utf-8")
    assert dutch_sentences(old)


@pytest.mark.parametrize("path", VERDICT_MODULES, ids=lambda p: p.name)
def test_no_dutch_sentence_where_verdicts_are_made(path):
    assert not dutch_sentences(path), "return a code with parameters and word it in explanations.yaml"


def test_every_returned_code_is_a_code_with_an_entry_in_three_languages():
    codes = returned_codes()
    assert len(codes) > 100, "the scan found the detectors' codes"
    not_codes = {c: where for c, where in codes.items() if not CODE.match(c)}
    assert not not_codes, f"detectors must return a code, not a sentence: {not_codes}"
    missing = sorted(set(codes) - set(catalogue().codes))
    assert not missing, f"add these codes to simulator/assessment/explanations.yaml: {missing}"
    for code in codes:
        entry = catalogue().codes[code]
        texts = {lang: entry.text(lang) for lang in ("nl", "fr", "en")}
        assert all(texts.values()) and len(set(texts.values())) > 1, (code, texts)
        slots = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in texts.items()}
        assert slots["nl"] == slots["fr"] == slots["en"], (code, slots)


def test_terms_have_the_same_slots_in_three_languages():
    for term, entry in catalogue().terms.items():
        slots = [{f for _, f, _, _ in string.Formatter().parse(entry.text(lang)) if f} for lang in ("nl", "fr", "en")]
        assert slots[0] == slots[1] == slots[2], term


def test_a_partial_identity_check_is_a_code_rendered_in_each_language(make_record, ev):
    record = make_record(
        [
            ev.say("Goeiemorgen, servicedesk Acme, met Sam."),
            ev.say("Mag ik uw naam en personeelsnummer?", "ask_caller_identity", "verify_identity"),
            ev.say("Ik zet uw wachtwoord terug.", "explain_steps"),
            ev.act("remote.run", step="remote.run", command="Unlock-ADAccount -Identity jdoe"),
        ]
    )
    found = all_detectors()["identity_and_password"](CallView(record), "security")
    assert found.verdict is Verdict.PARTLY
    assert found.codes == ("identity.partial_before_change",)
    shown = {lang: render_reason(found.codes[0], {}, lang) for lang in ("nl", "fr", "en")}
    assert "controlevraag" in shown["nl"] and "question" in shown["en"] and "question" in shown["fr"]


def test_missing_facts_are_named_in_the_readers_language_not_as_codes():
    reason = {"code": "inquiry.half", "params": {"found": 2, "total": 3, "missing": ["since_when"]}}
    assert render_reasons({"reasons": [reason]}, "en") == "You found 2 of the 3 essential facts; missing: since when."
    assert "depuis quand" in render_reasons({"reasons": [reason]}, "fr")
    assert "sinds wanneer" in render_reasons({"reasons": [reason]}, "nl")


def test_a_term_with_its_own_values_is_worded_in_the_readers_language():
    wrong = [{"term": "field_expected", "field": "urgency", "got": "low", "expected": "high"}]
    reason = {"code": "priority.partly_misjudged", "params": {"wrong": wrong}}
    assert render_reasons({"reasons": [reason]}, "en") == "Priority partly misjudged: urgency low (expected high)."
    assert (
        render_reasons({"reasons": [reason]}, "nl")
        == "Prioriteit deels verkeerd ingeschat: urgentie laag (verwacht hoog)."
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Accueil ou clôture incomplets ; il manquait : votre nom, nom de l'entreprise (Acme)."),
        ("en", "Greeting or closing incomplete; missing: own name, company name (Acme)."),
        ("nl", "Begroeting of afsluiting onvolledig; ontbrak: eigen naam, bedrijfsnaam (Acme)."),
    ],
)
def test_the_session_report_renders_reasons_in_the_interface_language(lang, expected):
    reason = {"code": "greeting.incomplete", "params": {"missing": ["own_name", "company_name"], "company": "Acme"}}
    activity = {"id": "5.1", "verdict": "partly", "evidence": [], "detector": "greets_and_closes", "reasons": [reason]}
    report = {
        "exercise": "gone",
        "mode": "exam",
        "assessment": {"competencies": [{"id": "5", "activities": [activity]}]},
    }
    assert session_report(report, lang)["competencies"][0]["activities"][0]["explanation"] == expected


def test_a_report_saved_before_reasons_were_codes_keeps_its_sentence():
    activity = {"id": "14.1", "verdict": "not_met", "evidence": [], "explanation": "U maakte geen ticket aan."}
    assert render_reasons(activity, "en") == "U maakte geen ticket aan."
