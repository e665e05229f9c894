"""Bad input is refused at the door, once for every route: ids, JSON bodies and NUL characters.

Each guard answers 4xx before a view runs, so no route has to remember them:

- ``<int:…>`` in a URL only matches whole numbers a database id can hold (0 … 2**63-1): a larger one
  is "not found" (404) instead of an overflow in SQLite or PostgreSQL.
- A JSON body nested deeper than :data:`MAX_JSON_DEPTH` is a 400, never a ``RecursionError``.
- A NUL character (``\\x00``) in a URL, query, form field or JSON string is a 400: PostgreSQL cannot
  store it in text, and no person types it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter, Map

from webapp.babel_marks import _

#: The largest id the database holds (primary keys are INTEGER, 32 bits on PostgreSQL): larger ids cannot exist.
MAX_ID = 2**31 - 1
#: Deepest nesting of arrays and objects a JSON body may have (the API's bodies need 3).
MAX_JSON_DEPTH = 32


def at_most(limit: int) -> str:
    """Return a regular expression for the whole numbers 0 … ``limit`` (no sign, no leading zeros)."""
    digits = str(limit)
    if len(digits) == 1:
        return f"[0-{limit}]"
    choices = ["0", rf"[1-9]\d{{0,{len(digits) - 2}}}"]  # every shorter number
    for i, digit in enumerate(digits):  # same length: equal up to position i, smaller there, anything after
        low = 1 if i == 0 else 0
        if int(digit) > low:
            rest = len(digits) - i - 1
            choices.append(f"{digits[:i]}[{low}-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    choices.append(digits)
    return "(?:" + "|".join(choices) + ")"


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` that only matches ids a database can hold, so a huge number is a plain 404.

    The bound is in the pattern, not only checked after matching: Werkzeug answers 405 instead of 404
    when a path's GET and POST rules are separate and the number fails a check made after the match.
    """

    regex = at_most(MAX_ID)

    def __init__(self, url_map: Map, fixed_digits: int = 0, min: int | None = 0, max: int | None = MAX_ID) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max)


class TooDeep(ValueError):
    """A JSON document nested deeper than :data:`MAX_JSON_DEPTH`."""


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing documents nested too deep as invalid JSON (400) instead of crashing."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON; too deep a document raises ``ValueError``, which Flask answers with 400."""
        try:
            data = json.loads(s, **kwargs)
        except RecursionError:
            raise TooDeep(f"nested more than {MAX_JSON_DEPTH} levels deep") from None
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise TooDeep(f"nested more than {MAX_JSON_DEPTH} levels deep")
        return data


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def _strings(data: Any) -> Iterator[str]:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _texts() -> Iterable[str]:
    yield request.path
    yield from request.args.keys()
    yield from request.args.values()
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        yield from request.form.keys()
        yield from request.form.values()
    if request.is_json:
        yield from _strings(request.get_json(silent=True))


def refuse_nul_characters() -> None:
    """Stop a request that carries a NUL character in its URL, query, form or JSON with 400."""
    if any("\x00" in text for text in _texts()):
        abort(400, description=_("De invoer bevat een NUL-teken (\\u0000); verwijder het en probeer opnieuw."))


def init_app(app: Flask) -> None:
    """Install the id converter, the bounded JSON parser and the NUL check on ``app``."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.json = BoundedJSONProvider(app)
    app.before_request(refuse_nul_characters)
