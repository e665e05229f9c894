"""CSV for spreadsheets that cannot be tricked into running a formula (CSV or formula injection).

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some versions, a tab or carriage return) as a formula, so a trainee named ``=HYPERLINK(…)`` would
become a live link in an instructor's export. Every CSV the project writes goes through
:func:`csv_writer`, which prefixes such text cells with an apostrophe, as OWASP advises; numbers are
written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Sink(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> object:
    """Return ``value`` as a spreadsheet shows it as text: a leading formula character gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose text cells never start a formula."""

    def __init__(self, out: _Sink, lineterminator: str = "\r\n", delimiter: str = ",") -> None:
        self._writer = csv.writer(out, lineterminator=lineterminator, delimiter=delimiter)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, escaping every cell that would start a formula."""
        self._writer.writerow([safe_cell(cell) for cell in row])


def csv_writer(out: _Sink, lineterminator: str = "\r\n", delimiter: str = ",") -> SafeWriter:
    """Return a CSV writer on ``out`` that escapes formula cells (use it for every CSV export)."""
    return SafeWriter(out, lineterminator, delimiter)
