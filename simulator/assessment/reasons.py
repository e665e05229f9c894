"""The world's reasons for refusing a step, in the reader's language.

The helpdesk world words its refusals in Dutch (``simulator/world``). A French or English page
shows them translated sentence by sentence from ``reasons.yaml``; values the world filled in (a
ticket number, a status) are carried over, statuses translated. A reason with a sentence the
catalogue does not know gives None, so the page can say something general instead of mixing
languages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from simulator.assessment.explain import Entry
from simulator.content.yamlfile import read_yaml, validate

REASONS_FILE = Path(__file__).with_name("reasons.yaml")
SLOT = re.compile(r"\{([a-z])\}")


class Catalogue(BaseModel):
    """The world's Dutch sentences with their translations, and the fragments found in their slots."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    sentences: tuple[Entry, ...]
    fragments: tuple[Entry, ...]


@lru_cache(maxsize=1)
def _catalogue() -> tuple[list[tuple[re.Pattern[str], Entry]], dict[str, Entry]]:
    """Return the sentences as patterns (longest first) and the fragments by their Dutch text."""
    reasons = validate(read_yaml(REASONS_FILE), Catalogue)
    patterns = []
    for entry in sorted(reasons.sentences, key=lambda e: -len(e.nl)):
        parts = SLOT.split(entry.nl)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        patterns.append((re.compile(regex), entry))
    return patterns, {f.nl: f for f in reasons.fragments}


def translate_reason(text: str, lang: str) -> str | None:
    """Return the world's Dutch reason in ``lang``; None when a sentence of it is not in the catalogue."""
    if lang == "nl" or not text:
        return text
    patterns, fragments = _catalogue()
    out: list[str] = []
    rest = text.strip()
    while rest:
        found = _first_sentence(rest, patterns)
        if found is None:
            return None
        (match, entry), end = found
        values = {k: getattr(fragments[v], lang) if v in fragments else v for k, v in match.groupdict().items()}
        out.append(_fill(str(getattr(entry, lang)), values))
        rest = rest[end:].lstrip()
    return " ".join(out)


def _fill(template: str, values: dict[str, str]) -> str:
    """Return the template with the values put in its slots."""
    return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _first_sentence(
    text: str, patterns: list[tuple[re.Pattern[str], Entry]]
) -> tuple[tuple[re.Match[str], Entry], int] | None:
    """Return the catalogue sentence ``text`` starts with (its match and entry) and where it ends."""
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", text)] or [len(text)]
    for end in ends:
        for pattern, entry in patterns:
            match = pattern.fullmatch(text, 0, end)
            if match:
                return (match, entry), end
    return None
