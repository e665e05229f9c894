"""The shipped qualification files load, say what the official texts say, and the CLI shows them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.qualification import Qualification, known_ids, list_qualifications, load_qualification

ROLE_GROUPS = [
    "Project en planning",
    "Klantvraag/Behoeftebepaling",
    "Uitvoering",
    "Testing",
    "Documentatie",
    "Technisch kader",
]
ROOT = Path(__file__).resolve().parents[2]
#: The console script installed beside the Python that runs the tests (``pip install -e .``).
CONSOLE_SCRIPT = Path(sys.executable).with_name("eerstelijn")


def official_texts() -> Path:
    """Return the folder of the official texts: ``EERSTELIJN_QUALIFICATION_TEXTS``, else ``../shared/qualification``."""
    configured = os.environ.get("EERSTELIJN_QUALIFICATION_TEXTS")
    return Path(configured) if configured else ROOT.parent / "shared" / "qualification"


@pytest.fixture(autouse=True)
def shipped_rubrics(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the files in the checkout, whatever the environment points at."""
    monkeypatch.delenv("EERSTELIJN_RUBRICS", raising=False)


@pytest.fixture
def bkd() -> Qualification:
    return load_qualification("bkd-2023")


def test_both_qualifications_are_shipped_and_load() -> None:
    assert known_ids() == ["bkd-2023", "profile-2018"]
    assert [q.id for q in list_qualifications()] == ["bkd-2023", "profile-2018"]


def test_bkd_has_17_competencies_and_104_activities(bkd: Qualification) -> None:
    assert [c.id for c in bkd.competencies] == [str(n) for n in range(1, 18)]
    assert len(list(bkd.activities())) == 104
    assert bkd.level == 4


def test_bkd_activity_texts_match_the_source(bkd: Qualification) -> None:
    assert bkd.activity("6.1").text == "Laat de klant uitspreken"
    assert bkd.competency("1").title == "Werkt in teamverband"
    # activities cut by a page break in the source are joined again
    assert bkd.activity("16.4").text == "Gidst de klanten/gebruikers vlot door de kennisdatabank"
    assert bkd.activity("17.5").text == "Wijkt af van de scenario's wanneer de oplossing daarom vraagt"
    assert bkd.activity("14.2").text.endswith("Of koppelt het incident aan een gekend probleem in de kennisdatabank")
    assert bkd.activity("11.7").note == "kleine scenario's die ontwikkeld werden voor de eindgebruiker"


def test_every_bkd_competency_has_a_role_group_activities_and_knowledge(bkd: Qualification) -> None:
    for comp in bkd.competencies:
        assert comp.role_group in ROLE_GROUPS, comp.id
        assert comp.activities, comp.id
        assert comp.knowledge, comp.id
        assert all(not k.startswith(("•", "<")) for k in comp.knowledge), comp.id
    assert bkd.role_groups() == ROLE_GROUPS
    assert "Kennis van procedures voor kwaliteitscontrole" in bkd.competency("4").knowledge


def test_bkd_skill_types_follow_the_tick_columns(bkd: Qualification) -> None:
    counts = Counter(skill for act in bkd.activities() for skill in act.skills)
    assert counts == {"cognitief": 89, "probleemoplossend": 13, "motorisch": 2}
    assert bkd.activity("2.1").skills == ("motorisch",)
    assert bkd.activity("1.6").skills == ("probleemoplossend",)


def test_profile_2018_keeps_its_codes_and_has_no_role_groups() -> None:
    profile = load_qualification("profile-2018")
    assert len(profile.competencies) == 13
    assert len(list(profile.activities())) == 86
    assert profile.competency("1").code == "co 02777"
    assert all(c.code for c in profile.competencies)
    assert profile.role_groups() == []
    assert profile.activity("6.1").text == "Laat de klant uitspreken"


@pytest.mark.skipif(
    not (official_texts() / "bkd-digitale-gebruikersondersteuner-2023.txt").is_file(),
    reason=f"the official qualification texts are not in {official_texts()} (set EERSTELIJN_QUALIFICATION_TEXTS)",
)
def test_the_shipped_files_are_what_the_official_texts_give(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "extract_qualifications", ROOT / "tools" / "extract_qualifications.py"
    )
    assert spec is not None and spec.loader is not None
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    extract.main(official_texts(), tmp_path)
    for name in ("bkd-2023.yaml", "profile-2018.yaml"):
        shipped = (ROOT / "rubrics" / "qualifications" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == shipped, name


def test_cli_list_names_every_qualification(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qualification", "list"]) == 0
    out = capsys.readouterr().out
    assert "bkd-2023" in out and "profile-2018" in out and "104" in out


def test_cli_show_groups_competencies_under_role_groups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qualification", "show", "bkd-2023"]) == 0
    out = capsys.readouterr().out
    assert "6.1    Laat de klant uitspreken  [cognitief]" in out
    positions = [out.index(f"== {group} ==") for group in ROLE_GROUPS]
    assert positions == sorted(positions)
    assert out.index("== Uitvoering ==") < out.index("10. Werkt volgens") < out.index("== Testing ==")


@pytest.mark.parametrize("qid", ["bkd-2023", "profile-2018"])
def test_cli_json_round_trips(capsys: pytest.CaptureFixture[str], qid: str) -> None:
    assert main(["qualification", "show", qid, "--json"]) == 0
    out = capsys.readouterr().out
    assert Qualification.model_validate_json(out) == load_qualification(qid)
    assert json.loads(out)["id"] == qid


def test_cli_unknown_id_exits_2_and_lists_known_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qualification", "show", "bkd-2099"]) == 2
    err = capsys.readouterr().err
    assert "bkd-2099" in err and "bkd-2023, profile-2018" in err


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason=f"{CONSOLE_SCRIPT} is not installed (pip install -e .)")
def test_console_script_shows_a_qualification_and_rejects_unknown_ids() -> None:
    env = {k: v for k, v in os.environ.items() if k != "EERSTELIJN_RUBRICS"}
    ok = subprocess.run(
        [str(CONSOLE_SCRIPT), "qualification", "show", "bkd-2023", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert len([a for c in json.loads(ok.stdout)["competencies"] for a in c["activities"]]) == 104
    bad = subprocess.run(
        [str(CONSOLE_SCRIPT), "qualification", "show", "nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and "bkd-2023" in bad.stderr
