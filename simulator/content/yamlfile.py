"""Read YAML safely while remembering the line of every mapping key and list item.

Pydantic reports errors as paths (``states.2.lines``); authors need lines. We keep a map from
path to line while parsing so each validation error can be reported as ``file:line at path``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from simulator.content.bounded import BoundedComposer
from simulator.content.errors import ContentError, Problem

MAX_CONTENT_BYTES = 1_000_000

PathKey = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class _LineLoader(BoundedComposer):
    """A safe loader that records the line of each node it builds."""


def _record(loader: _LineLoader, node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            child = (*path, str(key))
            lines[child] = key_node.start_mark.line + 1
            _record(loader, value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _record(loader, item, child, lines)


class LoadedYaml:
    """A parsed document with the line of every path in it."""

    def __init__(self, file: str, data: Any, lines: dict[PathKey, int]) -> None:
        self.file = file
        self.data = data
        self.lines = lines

    def line_of(self, path: Iterable[str | int]) -> int | None:
        """Return the line of the deepest known prefix of ``path``."""
        key: PathKey = tuple(path)
        while key:
            norm = tuple(str(p) if not isinstance(p, int) else p for p in key)
            if norm in self.lines:
                return self.lines[norm]
            key = key[:-1]
        return self.lines.get((), 1)

    def problem(self, path: Iterable[str | int], message: str) -> Problem:
        """Build a problem located at ``path`` in this document."""
        parts = list(path)
        return Problem(self.file, self.line_of(parts), ".".join(str(p) for p in parts), message)


def parse_yaml(text: str | bytes, file: str = "<text>") -> LoadedYaml:
    """Parse one YAML document from text, raising ContentError with a line on any syntax error."""
    if isinstance(text, bytes):
        if len(text) > MAX_CONTENT_BYTES:
            raise ContentError([Problem(file, None, "", f"file is larger than {MAX_CONTENT_BYTES} bytes")])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(
                [Problem(file, None, "", f"not UTF-8 text (byte {exc.start} cannot be decoded)")]
            ) from None
    if len(text) > MAX_CONTENT_BYTES:
        raise ContentError([Problem(file, None, "", f"file is larger than {MAX_CONTENT_BYTES} characters")])
    try:
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            lines: dict[PathKey, int] = {}
            if node is None:
                raise ContentError([Problem(file, 1, "", "the file is empty")])
            _record(loader, node, (), lines)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise ContentError([Problem(file, line, "", f"invalid YAML: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(file, None, "", f"invalid YAML: {exc}")]) from None
    return LoadedYaml(file, data, lines)


def read_yaml(path: Path) -> LoadedYaml:
    """Read and parse a YAML file; a missing or unreadable file is a ContentError, not an OSError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(str(path), None, "", f"cannot read file: {exc.strerror}")]) from None
    return parse_yaml(raw, str(path))


def validate(doc: LoadedYaml, model: type[M], context: Mapping[str, Any] | None = None) -> M:
    """Validate a parsed document against a pydantic model, turning errors into located problems."""
    if not isinstance(doc.data, dict):
        raise ContentError([doc.problem([], "the document must be a mapping of fields")])
    try:
        return model.model_validate(doc.data, context=dict(context or {}))
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
            problems.append(doc.problem(loc, _friendly(err)))
        raise ContentError(problems) from None


def _friendly(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/ for the format)"
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")
