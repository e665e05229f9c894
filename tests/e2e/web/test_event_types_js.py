"""The console's scripts name event types through the module generated from ``EventType``.

A script that spells ``EventType.CUSTOMR_LINE`` would get ``undefined`` and quietly never draw the
caller's line; these tests make that a failure, and keep the generated module in step with the enum.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.conversation.events import EventType
from webapp.event_names import JS_PATH, event_module

JS = Path(JS_PATH).parent
SCRIPTS = sorted(p for p in JS.rglob("*.js") if p != JS_PATH)
USE = re.compile(r"\bEventType\.([A-Za-z_][A-Za-z0-9_]*)")
TYPE_LITERAL = re.compile(r"""\.type\s*[!=]==?\s*["']""")


def test_the_generated_module_matches_the_enum() -> None:
    assert JS_PATH.read_text(encoding="utf-8") == event_module(), "run: python -m webapp.event_names"


def test_the_module_names_every_type_once() -> None:
    text = JS_PATH.read_text(encoding="utf-8")
    assert re.findall(r'^  ([A-Z_]+): "([^"]+)",$', text, re.M) == [(t.name, t.value) for t in EventType]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(JS)))
def test_scripts_name_only_types_that_exist(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    unknown = sorted(set(USE.findall(text)) - set(EventType.__members__))
    assert unknown == [], f"{script.name} names event types that do not exist: {unknown}"
    if USE.search(text):
        assert "event-types.js" in text, f"{script.name} uses EventType without importing it"
    assert not TYPE_LITERAL.search(text), f"{script.name} compares an event type with a string literal"


def test_the_scan_catches_a_misspelt_name() -> None:
    misspelt = "if (e.type === EventType.CUSTOMR_LINE) { play(e); }"
    assert set(USE.findall(misspelt)) - set(EventType.__members__) == {"CUSTOMR_LINE"}
    assert TYPE_LITERAL.search('if (e.type === "customer_line") {}')
