"""``eerstelijn voice evaluate``: word error rate and latency per engine and language on WAV + text pairs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SET = Path(__file__).resolve().parents[2] / "data" / "voice-set"


def cli(*args: str, models: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EERSTELIJN_MODELS": str(models)}
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, env=env)


def test_the_shipped_set_is_small_paired_and_in_three_languages() -> None:
    wavs = sorted(SET.rglob("*.wav"))
    assert {w.parent.name for w in wavs} == {"nl", "fr", "en"}
    assert all(w.with_suffix(".txt").is_file() for w in wavs)
    assert sum(f.stat().st_size for f in SET.rglob("*")) < 2_000_000


def test_english_piper_lines_score_under_ten_percent_with_whisper_base(whisper_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "set"
    shutil.copytree(SET / "en", folder / "en")
    done = cli("voice", "evaluate", str(folder), "--json", models=whisper_root)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (row,) = report["summary"]
    assert (row["engine"], row["lang"], row["lines"]) == ("whisper-base", "en", 6)
    assert row["wer"] <= 0.10
    assert row["median_ms"] > 0 and len(report["lines"]) == 6


def test_unusable_files_are_named_and_the_rest_is_still_evaluated(whisper_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "set" / "en"
    folder.mkdir(parents=True)
    shutil.copy(SET / "en" / "001.wav", folder)
    shutil.copy(SET / "en" / "001.txt", folder)
    shutil.copy(SET / "en" / "002.wav", folder)  # its text is missing
    (folder / "003.wav").write_bytes(b"RIFF0000WAVEjunk")
    (folder / "003.txt").write_text("broken\n", encoding="utf-8")
    done = cli("voice", "evaluate", str(folder.parent), models=whisper_root)
    assert done.returncode == 0, done.stderr
    assert "002.wav: geen .txt-bestand" in done.stderr
    assert "003.wav" in done.stderr and "Traceback" not in done.stderr
    assert "whisper-base   en        1" in done.stdout


def test_a_folder_without_pairs_is_bad_input(tmp_path: Path) -> None:
    done = cli("voice", "evaluate", str(tmp_path), models=tmp_path)
    assert done.returncode == 2 and "geen bruikbare paren" in done.stderr
