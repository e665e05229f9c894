"""Errors in content files that a person can act on: which file, which line, which field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one content file."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        at = f" at {self.path}" if self.path else ""
        return f"{where}{at}: {self.message}"


@dataclass
class ContentError(Exception):
    """Raised when content does not validate; carries every problem found, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
