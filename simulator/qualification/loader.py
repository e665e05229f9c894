"""Find, read and validate the qualification files in ``rubrics/qualifications/``.

Files are validated in two passes (structure with file:line, then ids); the shipped files
are read once per process and cached, keyed on the resolved path so that tests pointing
``EERSTELIJN_RUBRICS`` elsewhere get their own copies.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from simulator.content.errors import ContentError
from simulator.content.paths import rubrics_dir
from simulator.content.yamlfile import read_yaml, validate
from simulator.qualification.checks import check_qualification
from simulator.qualification.model import Qualification, UnknownIdError

_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def qualifications_dir() -> Path:
    """Return the folder holding one YAML file per qualification."""
    return rubrics_dir() / "qualifications"


def read_qualification(path: Path) -> Qualification:
    """Read and validate one qualification file (uncached); raise ContentError with located problems."""
    doc = read_yaml(path)
    qualification = validate(doc, Qualification)
    problems = check_qualification(doc, qualification, expected_id=path.stem)
    if problems:
        raise ContentError(problems)
    return qualification


@lru_cache(maxsize=32)
def _load_cached(path: Path) -> Qualification:
    return read_qualification(path)


def known_ids() -> list[str]:
    """Return the ids of the shipped qualifications, sorted."""
    folder = qualifications_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_qualification(qid: str) -> Qualification:
    """Return the qualification ``qid`` (e.g. ``bkd-2023``); UnknownIdError lists the known ids."""
    path = qualifications_dir() / f"{qid}.yaml"
    if not _SAFE_ID.match(qid) or not path.is_file():
        known = ", ".join(known_ids()) or "(none)"
        raise UnknownIdError(f"unknown qualification {qid!r}; known: {known}")
    return _load_cached(path.resolve())


def list_qualifications() -> list[Qualification]:
    """Return every shipped qualification, sorted by id."""
    return [load_qualification(qid) for qid in known_ids()]
