"""One-off: turn the official qualification texts into rubrics/qualifications/*.yaml.

The committed artefacts are the YAML files; this script documents how they were made and can
be re-run by hand: ``python tools/extract_qualifications.py FOLDER`` with FOLDER the official texts
(default: ``$EERSTELIJN_QUALIFICATION_TEXTS``, else ``../shared/qualification`` beside the checkout).
The 2023 text is a PDF export: section 2.1 is a tab-separated table whose cells are plain
``• …`` lines or ``<ul><li>…</li></ul>`` fragments, and page breaks cut activities and
knowledge elements in two (the rest continues on the first row after the repeated header).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rubrics" / "qualifications"
BKD_FILE = "bkd-digitale-gebruikersondersteuner-2023.txt"
PROFILE_FILE = "competentieprofiel-digitale-gebruikersondersteuner-2018.txt"
SKILLS = ("cognitief", "probleemoplossend", "motorisch")
LI = re.compile(r"<li>(.*?)</li>")
P = re.compile(r"<p>(.*?)</p>")


def _clean(text: str) -> str:
    text = text.strip()
    text = text.removeprefix("•").strip()
    return re.sub(r"\s+", " ", text)


def _items(cell: str) -> list[str]:
    """Return the list items of a cell (``<li>`` items, or the cell itself as one item)."""
    found = LI.findall(cell)
    return [_clean(x) for x in found] if found else ([_clean(cell)] if cell.strip() else [])


def _knowledge_cell(cell: str, knowledge: list[str]) -> None:
    """Add the knowledge items of one cell; leading loose text continues the previous item."""
    cell = cell.strip()
    if not cell:
        return
    head = cell.split("<ul", 1)[0]
    lead = " ".join(P.findall(head)) if "<p>" in head else head
    if lead.strip():
        parts = lead.split(" • ")
        knowledge[-1] = f"{knowledge[-1]} {_clean(parts[0])}"
        knowledge.extend(_clean(p) for p in parts[1:])
    knowledge.extend(_clean(x) for x in LI.findall(cell))


def parse_bkd(text: str) -> list[dict[str, Any]]:
    """Parse section 2.1 of the 2023 BKD into competencies."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "2.1 OPSOMMING COMPETENTIES" in line)
    end = next(i for i, line in enumerate(lines) if "2.2 BESCHRIJVING COMPETENTIES" in line)
    competencies: list[dict[str, Any]] = []
    role_group = ""
    for line in lines[start + 1 : end]:
        cols = (line.split("\t") + [""] * 5)[:5]
        first = cols[0].strip()
        if first == "Activiteiten" or not (first or cols[4].strip()):
            continue  # the table header, repeated after every page break, or an empty line
        header = re.fullmatch(r"<b>(?:(\d+)\. )?(.*?)</b>", first)
        if header:
            number, title = header.groups()
            if number is None:
                role_group = title
            else:
                competencies.append(
                    {
                        "id": number,
                        "title": title,
                        "role_group": role_group,
                        "activities": [],
                        "knowledge": [],
                    }
                )
            continue
        comp = competencies[-1]
        acts = comp["activities"]
        if first.startswith("* *"):
            acts[-1]["text"] = acts[-1]["text"].rstrip("*")
            acts[-1]["note"] = _clean(first.lstrip("* "))
            continue
        if first and not first.startswith(("•", "<ul")):
            acts[-1]["text"] = f"{acts[-1]['text']} {_clean(first)}"
        else:
            ticks = [len(LI.findall(c)) or (1 if "✓" in c else 0) for c in cols[1:4]]
            for i, item in enumerate(_items(first)):
                skills = [SKILLS[c] for c in range(3) if ticks[c] > i]
                acts.append({"id": f"{comp['id']}.{len(acts) + 1}", "text": item, "skills": skills})
        _knowledge_cell(cols[4], comp["knowledge"])
    return competencies


def parse_profile(text: str) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """Parse the 2018 profile: metadata, the competencies with their codes, the knowledge list."""
    lines = text.splitlines()
    meta = {
        "title": lines[lines.index("Titel") + 2].strip(),
        "definition": lines[lines.index("Definitie") + 2].strip(),
        "level": int(lines[lines.index("Niveau") + 2].strip()),
        "year": int(lines[lines.index("Jaar van erkenning") + 2].strip()),
    }
    competencies: list[dict[str, Any]] = []
    category = ""
    i = lines.index("Opsomming competenties") + 1
    while not lines[i].startswith("Beschrijving competenties"):
        line = lines[i]
        i += 1
        if line.strip() in ("Basisactiviteiten", "Specifieke Activiteiten"):
            category = line.strip()
        elif line.startswith("  • "):
            m = re.fullmatch(r"  • (.*) \(((?:co \d+)|(?:I\d+ Id\d+-c))\)", line)
            if m is None:
                raise ValueError(f"competency line without a code: {line!r}")
            competencies.append(
                {
                    "id": str(len(competencies) + 1),
                    "title": m.group(1),
                    "code": m.group(2),
                    "category": category,
                    "activities": [],
                }
            )
        elif line.startswith("    • "):
            acts = competencies[-1]["activities"]
            acts.append({"id": f"{competencies[-1]['id']}.{len(acts) + 1}", "text": _clean(line)})
        elif line.startswith("*"):
            acts = competencies[-1]["activities"]
            acts[-1]["text"] = acts[-1]["text"].rstrip("*")
            acts[-1]["note"] = line.lstrip("*").strip()
    k = lines.index("Kennis") + 1
    knowledge: list[str] = []
    while not lines[k].startswith("Cognitieve vaardigheden"):
        if lines[k].strip():
            knowledge.append(_clean(lines[k]))
        k += 1
    return meta, competencies, knowledge


def _dump(path: Path, header: str, data: dict[str, Any]) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(header + body, encoding="utf-8")


def texts_folder() -> Path:
    """Return where the official texts are: ``EERSTELIJN_QUALIFICATION_TEXTS``, else beside the checkout."""
    configured = os.environ.get("EERSTELIJN_QUALIFICATION_TEXTS")
    return Path(configured) if configured else ROOT.parent / "shared" / "qualification"


def main(source: Path, out: Path = OUT) -> None:
    """Write both qualification files from the texts in ``source``."""
    bkd = parse_bkd((source / BKD_FILE).read_text(encoding="utf-8"))
    _dump(
        out / "bkd-2023.yaml",
        "# Beroepskwalificatiedossier Digitale gebruikersondersteuner (2023), section 2.1.\n"
        "# Extracted by tools/extract_qualifications.py, then checked by hand against the text.\n"
        "# Texts are verbatim (typos included); page-break splits are joined.\n"
        "# level: the 2023 text as supplied does not state it; 4 is the level of the 2018 profile.\n"
        "# year: from the file name; the text carries no date or version.\n",
        {
            "version": 1,
            "id": "bkd-2023",
            "title": "Digitale gebruikersondersteuner",
            "kind": "beroepskwalificatiedossier",
            "level": 4,
            "year": 2023,
            "source": BKD_FILE,
            "competencies": bkd,
        },
    )
    meta, comps, knowledge = parse_profile((source / PROFILE_FILE).read_text(encoding="utf-8"))
    _dump(
        out / "profile-2018.yaml",
        "# Competentieprofiel Digitale gebruikersondersteuner (erkend 2018).\n"
        "# Extracted by tools/extract_qualifications.py. Competency ids are numbered in file order;\n"
        "# `code` is the code the text gives (co-code or Competent id). The profile has no role groups,\n"
        "# no skill type per activity and no knowledge per competency: only the qualification-wide list.\n",
        {
            "version": 1,
            "id": "profile-2018",
            "title": meta["title"],
            "kind": "competentieprofiel",
            "level": meta["level"],
            "year": meta["year"],
            "source": PROFILE_FILE,
            "definition": meta["definition"],
            "knowledge": knowledge,
            "competencies": comps,
        },
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else texts_folder())
