"""Detector explanations in the interface language: the Dutch sentence matched against a catalogue.

Detectors write their explanation in Dutch (the language of the BKD) and reports store it so; a
report shown in French or English translates it here, sentence by sentence, through
``explanations.yaml``. Values a detector filled in (``{a}``) are carried over, and the short Dutch
phrases listed in them are translated as fragments. Text the catalogue does not know stays Dutch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from simulator.content.yamlfile import read_yaml, validate

CATALOGUE_FILE = Path(__file__).with_name("explanations.yaml")
SLOT = re.compile(r"\{([a-z])\}")


class Entry(BaseModel):
    """One sentence in Dutch, French and English (shared with the world's refusal reasons)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str
    fr: str
    en: str


class Catalogue(BaseModel):
    """A three-language catalogue: whole sentences, and fragments found inside their slots."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    sentences: tuple[Entry, ...]
    fragments: tuple[Entry, ...]


@dataclass(frozen=True)
class _Template:
    """A Dutch sentence with slots, compiled, and its translations."""

    pattern: re.Pattern[str]
    entry: Entry

    def fill(self, lang: str, values: dict[str, str]) -> str:
        """Return the translation in ``lang`` with the slot values put back."""
        text = str(getattr(self.entry, lang))
        return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _compile(entry: Entry) -> _Template:
    parts = SLOT.split(entry.nl)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return _Template(re.compile(regex), entry)


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[_Template, ...], tuple[_Template, ...]]:
    """Return the compiled sentences (longest first, so the most specific wins) and fragments."""
    catalogue = validate(read_yaml(CATALOGUE_FILE), Catalogue)
    sentences = sorted((_compile(e) for e in catalogue.sentences), key=lambda t: -len(t.entry.nl))
    return tuple(sentences), tuple(_compile(e) for e in catalogue.fragments)


def known_sentences() -> list[str]:
    """Return the Dutch sentence templates the catalogue translates (for the completeness test)."""
    return [t.entry.nl for t in _templates()[0]]


def translate_explanation(text: str, lang: str) -> str:
    """Return a detector's Dutch explanation in ``lang`` (nl, fr, en); unknown sentences stay Dutch."""
    if lang not in ("fr", "en") or not text:
        return text
    sentences, _ = _templates()
    out: list[str] = []
    rest = text.strip()
    while rest:
        found = _match_sentence(sentences, rest, lang)
        if found is None:  # keep this sentence in Dutch and go on with the next
            used = _sentence_ends(rest)[0]
            translated = rest[:used]
        else:
            translated, used = found
        out.append(translated)
        rest = rest[used:].lstrip()
    return " ".join(out)


def _match_sentence(sentences: tuple[_Template, ...], text: str, lang: str) -> tuple[str, int] | None:
    """Return the translation of the sentence that starts ``text`` and how many characters it used."""
    ends = _sentence_ends(text)
    for template in sentences:
        for end in ends:
            match = template.pattern.fullmatch(text, 0, end)
            if match:
                return template.fill(lang, _fragments(match.groupdict(), lang)), end
    return None


def _sentence_ends(text: str) -> list[int]:
    """Return the positions where a sentence may end: after '.', '!' or '?' followed by a space or the end."""
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", text)]
    return ends or [len(text)]


def _fragments(values: dict[str, str], lang: str) -> dict[str, str]:
    """Translate the listed Dutch phrases inside slot values (comma or semicolon separated)."""
    _, fragments = _templates()
    out = {}
    for key, value in values.items():
        items = re.split(r"(, |; )", value)
        for n in range(0, len(items), 2):
            for fragment in fragments:
                match = fragment.pattern.fullmatch(items[n])
                if match:
                    items[n] = fragment.fill(lang, match.groupdict())
                    break
        out[key] = "".join(items)
    return out
