"""Finding WAV + text pairs and summing up recogniser results per engine and language."""

from __future__ import annotations

from pathlib import Path

from simulator.voice.evaluation import Outcome, Sample, find_samples, summarise


def test_pairs_are_found_by_sub_folder_language_and_problems_are_coded(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "a.wav").write_bytes(b"x")
    (tmp_path / "nl" / "a.txt").write_text("  goeiemorgen\n servicedesk ", encoding="utf-8")
    (tmp_path / "nl" / "b.wav").write_bytes(b"x")
    (tmp_path / "nl" / "c.wav").write_bytes(b"x")
    (tmp_path / "nl" / "c.txt").write_text("\n", encoding="utf-8")
    (tmp_path / "loose.wav").write_bytes(b"x")
    samples, problems = find_samples(tmp_path)
    assert samples == [Sample("nl", tmp_path / "nl" / "a.wav", "goeiemorgen servicedesk")]
    assert sorted((p.path.name, p.code) for p in problems) == [
        ("b.wav", "no_text"), ("c.txt", "empty_text"), ("loose.wav", "no_language"),
    ]  # fmt: skip
    assert [s.lang for s in find_samples(tmp_path, "fr")[0]] == ["fr"]  # --lang overrides the folder name


def test_the_summary_is_a_corpus_wer_with_latency_percentiles_per_engine_and_language(tmp_path: Path) -> None:
    a = Sample("en", tmp_path / "a.wav", "reset my password please")
    b = Sample("en", tmp_path / "b.wav", "thank you")
    outcomes = [
        Outcome("whisper-base", a, "reset my password please", 1.0, 4.0),
        Outcome("whisper-base", b, "thank", 3.0, 2.0),
        Outcome("vosk", a, "reset my passport please", 0.2, 4.0),
    ]
    rows = {(r.engine, r.lang): r for r in summarise(outcomes)}
    whisper = rows[("whisper-base", "en")]
    assert whisper.lines == 2 and whisper.wer == 1 / 6  # one deletion over six reference words
    assert whisper.median_ms == 2000 and whisper.p95_ms == 3000 and whisper.rtf == 4 / 6
    assert rows[("vosk", "en")].wer == 0.25
