"""What a newcomer meets on a fresh clone: scripts that wait for apt, docs that exist, dependencies declared."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Libraries that come with a pinned dependency (Werkzeug is Flask's own).
COMES_WITH = {"werkzeug": "flask"}


def tracked_files() -> list[Path]:
    """Return the files git tracks (the repository a newcomer clones)."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.stdout.splitlines()]


@pytest.mark.parametrize("script", ["scripts/test.sh", "scripts/demo.sh"])
def test_every_apt_get_waits_for_the_package_lock(script: str) -> None:
    calls = re.findall(r"apt-get[^\n]*\b(?:update|install)\b[^\n]*", (ROOT / script).read_text(encoding="utf-8"))
    assert calls, f"{script} installs nothing with apt-get any more: drop this test"
    assert all("-o DPkg::Lock::Timeout=" in call for call in calls), calls


def test_no_file_names_a_path_of_one_machine_or_the_shared_folder() -> None:
    pattern = re.compile(r"/work/|/home/\w|shared/contracts")
    offenders = [
        str(path.relative_to(ROOT))
        for path in tracked_files()
        if path.suffix in {".py", ".md", ".sh", ".toml", ".yaml", ".yml", ".cfg", ".html", ".js"}
        and path.name != "test_fresh_clone.py"
        and pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders


def test_the_docs_describe_the_session_script_format_they_link_to() -> None:
    page = (ROOT / "docs" / "session-script.md").read_text(encoding="utf-8")
    assert "## The script" in page and "## The report" in page and "remote.run" in page
    for doc in (ROOT / "README.md", ROOT / "docs" / "api.md"):
        assert "session-script.md](" in doc.read_text(encoding="utf-8"), doc


def test_every_library_the_benchmarks_import_is_a_pinned_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group]
    pinned = {re.split(r"[\[=<>]", d, maxsplit=1)[0].lower(): d for d in declared}
    distributions = packages_distributions()
    missing = []
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                local = (ROOT / "bench" / f"{top}.py").exists() or top in {"simulator", "webapp", "tests"}
                if top in sys.stdlib_module_names or local:
                    continue
                dists = [COMES_WITH.get(d.lower(), d.lower()) for d in distributions.get(top, [top])]
                if not any(d in pinned and "==" in pinned[d] for d in dists):
                    missing.append(f"{path.name}: {top}")
    assert not missing
