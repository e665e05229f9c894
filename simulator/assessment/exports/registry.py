"""The registry of export formats: each turns replay reports into bytes of one file type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ExportFn = Callable[..., bytes]


@dataclass(frozen=True)
class Exporter:
    """One export format."""

    name: str
    fn: ExportFn
    media_type: str
    extension: str
    binary: bool = False


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, media_type: str, extension: str, *, binary: bool = False) -> Callable[[ExportFn], ExportFn]:
    """Register the decorated function as export format ``name``."""

    def register(fn: ExportFn) -> ExportFn:
        EXPORTERS[name] = Exporter(name, fn, media_type, extension, binary)
        return fn

    return register


def get_exporter(name: str) -> Exporter:
    """Return export format ``name``; KeyError lists the known formats."""
    _load_all()
    try:
        return EXPORTERS[name]
    except KeyError:
        raise KeyError(f"unknown export format {name!r}; known: {', '.join(sorted(EXPORTERS))}") from None


def _load_all() -> None:
    """Import the format modules so their decorators run."""
    from simulator.assessment.exports import (  # noqa: F401
        csv_export,
        moodle,
        printable,
        xapi,
    )


def options_of(options: dict[str, Any], key: str, default: Any) -> Any:
    """Return an export option or its default."""
    value = options.get(key)
    return default if value is None else value
