"""Names people read for the codes a reason's parameters carry: topics (fact ids) and resolver groups.

A detector gives codes as parameters (``missing: [printer_name, since_when]``; ``group: first_line``);
:func:`name_of` gives the name in the reader's language: topics from ``names.yaml``, an exercise's
own fact ids by the name of the fact's first topic, groups from the world's ``groups.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from simulator.content.yamlfile import read_yaml, validate

NAMES_FILE = Path(__file__).with_name("names.yaml")


class _Name(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str
    fr: str
    en: str


class _Names(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    topics: dict[str, _Name]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """Return code → language → name, for topics and resolver groups."""
    names = validate(read_yaml(NAMES_FILE), _Names)
    table = {code: name.model_dump() for code, name in names.topics.items()}
    try:
        from simulator.world import load_content

        groups = load_content().groups
    except Exception:  # noqa: BLE001 - without world content, group codes stay as they are
        groups = {}
    for code, group in groups.items():
        named: dict[str, str] = {str(k): str(v) for k, v in dict(group.name).items()}
        table.setdefault(code, {lang: named.get(lang) or named.get("nl") or code for lang in LANGS})
    return table


LANGS = ("nl", "fr", "en")


@lru_cache(maxsize=64)
def _facts(exercise: str) -> dict[str, dict[str, str]]:
    """Return fact id → the name of its first topic, for an exercise's facts that are not topics themselves."""
    try:
        from simulator.conversation.loader import load_exercise

        facts = load_exercise(exercise).facts
    except Exception:  # noqa: BLE001 - an exercise that no longer loads: its fact ids stay as they are
        return {}
    topics = _table()
    return {f.id: topics[f.topics[0]] for f in facts if f.topics and f.topics[0] in topics}


def name_of(code: str, lang: str, exercise: str | None = None) -> str:
    """Return the name in ``lang`` of a topic, a fact of ``exercise`` or a resolver group; the code if unknown."""
    names = _table().get(code) or (_facts(exercise).get(code) if exercise else None)
    if names is None:
        return code
    return names.get(lang) or names["nl"]
