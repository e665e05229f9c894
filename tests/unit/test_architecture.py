"""The house rules that keep the engine a core with adapters at its edge (STYLE.md §1-3)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "simulator"
CORE = ("content", "qualification", "nlu", "conversation", "world", "assessment", "scripts", "service", "voice")
FORBIDDEN = (
    "flask", "sqlalchemy", "alembic", "vosk", "pyttsx3", "faster_whisper", "ctranslate2", "piper", "onnxruntime",
    "rq", "redis", "webapp", "simulator.adapters", "simulator.cli",
)  # fmt: skip
#: Which core packages each core package may import (dependencies point inward only).
ALLOWED = {
    "content": set(),
    "qualification": {"content"},
    "nlu": {"content"},
    "voice": {"content"},
    "conversation": {"content", "nlu", "qualification"},
    "world": {"content", "conversation", "nlu", "qualification"},
    "assessment": {"content", "qualification", "conversation", "nlu", "world", "scripts"},
    "scripts": {"content", "conversation", "nlu", "qualification", "world", "assessment"},
    "service": {"content", "conversation", "nlu", "qualification", "world", "assessment", "scripts"},
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def core_files():
    for package in CORE:
        folder = ROOT / package
        if folder.is_dir():
            yield from sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", list(core_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_no_framework_or_engine(path):
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for line, name in imports_of(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert not bad, "the core must not import frameworks or engines:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", list(core_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_dependencies_point_inward(path):
    package = path.relative_to(ROOT).parts[0]
    bad = []
    for line, name in imports_of(path):
        parts = name.split(".")
        if parts[0] == "simulator" and len(parts) > 1 and parts[1] in CORE and parts[1] != package:
            if parts[1] not in ALLOWED[package]:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not bad, f"'{package}' may only import {sorted(ALLOWED[package])}:\n" + "\n".join(bad)
