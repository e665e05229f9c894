"""Speech out through pyttsx3 (the espeak-ng library inside our process), from one owned worker thread.

pyttsx3 on Linux has one process-wide engine: ``init()`` returns the same object to everybody, only
one ``save_to_file`` per ``runAndWait`` is written, threads synthesising at once wrote nothing or hung,
an unknown voice name is silently ignored, and every save prints "Audio saved to …". So this adapter
owns the engine in a single worker thread that takes one request at a time from a queue, writes one
file per ``runAndWait``, validates every voice and variant at start-up (an ignored one would make a
French caller speak English without anyone noticing), and swaps the driver's ``print`` for a no-op
so nothing reaches the terminal UI. Callers wait on a future with a timeout, so a stuck engine is an
error and never a hang. For many simultaneous trainees prefer :class:`EspeakSynthesizer` (see there).

Known flaw, measured here (pyttsx3 2.99, espeak-ng 1.51): even with the voice, rate and pitch set on
the library directly and ``espeak_Synchronize`` before each line, alternating two personas gave the
wrong speaking rate in 71 of 100 pairs (the library synthesises asynchronously and pyttsx3's loop
cancels and restarts it). Audio is always produced, but a persona's speed is not guaranteed; this is
why the espeak-ng subprocess adapter is the default.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from simulator.voice.audio import pcm_to_wav, read_wav
from simulator.voice.ports import Synthesis, VoiceError, VoiceProfile, VoiceUnavailable
from simulator.voice.profiles import FEMALE_VARIANTS, MALE_VARIANTS, REQUIRED_VOICES

TIMEOUT_S = 30.0
ATTEMPTS = 3
_Job = tuple[str, VoiceProfile, "Future[Synthesis]"] | None


class Pyttsx3Synthesizer:
    """Synthesize through pyttsx3, serialised on one worker thread."""

    def __init__(self, *, timeout_s: float = TIMEOUT_S) -> None:
        self.timeout_s = timeout_s
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._ready: Future[str] = Future()
        self._known: set[str] = set()
        self._thread = threading.Thread(target=self._work, name="pyttsx3-synthesis", daemon=True)
        self._thread.start()
        try:
            self._engine_id = self._ready.result(timeout=timeout_s)
        except FutureTimeout:
            raise VoiceUnavailable("pyttsx3 startte niet binnen de tijd") from None

    @property
    def engine_id(self) -> str:
        """Return the engine name and version."""
        return self._engine_id

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Queue one line and wait for its WAV."""
        if not text.strip():
            raise VoiceError("lege tekst: niets om uit te spreken")
        if voice.voice not in self._known:  # pyttsx3 would silently keep the previous voice
            raise VoiceError(f"onbekende espeak-ng-stem {voice.voice!r}")
        if voice.variant and voice.variant not in MALE_VARIANTS + FEMALE_VARIANTS:
            raise VoiceError(f"onbekende espeak-ng-variant {voice.variant!r}")
        if not self._thread.is_alive():
            raise VoiceUnavailable("de pyttsx3-werker is gestopt")
        done: Future[Synthesis] = Future()
        self._jobs.put((text, voice, done))
        try:
            return done.result(timeout=self.timeout_s)
        except FutureTimeout:
            raise VoiceError(f"pyttsx3 gaf na {self.timeout_s:.0f} s geen audio") from None

    def close(self) -> None:
        """Stop the worker after the queued lines."""
        self._jobs.put(None)
        self._thread.join(timeout=self.timeout_s)

    # --- the worker thread ------------------------------------------------------------------------
    def _work(self) -> None:
        try:
            engine, espeak = self._start()
            self._ready.set_result(f"pyttsx3/{_version()}+espeak-ng/{_espeak_version(espeak)}")
        except Exception as exc:  # any start-up failure is reported to the constructor, in words
            self._ready.set_exception(VoiceUnavailable(f"pyttsx3 is niet bruikbaar: {exc}"))
            return
        while (job := self._jobs.get()) is not None:
            text, voice, done = job
            try:
                done.set_result(self._synthesize(engine, espeak, text, voice))
            except Exception as exc:  # the caller gets the error; the worker keeps serving
                done.set_exception(exc if isinstance(exc, VoiceError) else VoiceError(f"pyttsx3: {exc}"))

    def _start(self) -> tuple[Any, Any]:
        import pyttsx3  # type: ignore[import-untyped]
        import pyttsx3.drivers.espeak as driver  # type: ignore[import-untyped]
        from pyttsx3.drivers import _espeak

        driver.print = lambda *args, **kwargs: None  # silences its "Audio saved to …"
        engine = pyttsx3.init()
        known: set[str] = set()
        for v in engine.getProperty("voices"):
            known.add(str(v.id).rsplit("/", 1)[-1])
            known.update(str(lang) for lang in (v.languages or []))
        self._known = known
        missing = [name for name in REQUIRED_VOICES if name not in known]
        if missing:
            raise VoiceUnavailable(f"espeak-ng mist de stem(men) {', '.join(missing)}")
        plain = self._render(engine, _espeak, "a", VoiceProfile("nl", "nl"))
        ignored = [
            variant
            for variant in MALE_VARIANTS + FEMALE_VARIANTS
            if self._render(engine, _espeak, "a", VoiceProfile("nl", "nl", variant)) == plain
        ]
        if ignored:
            raise VoiceUnavailable(f"espeak-ng negeert de varianten {', '.join(ignored)}")
        return engine, _espeak

    def _synthesize(self, engine: Any, espeak: Any, text: str, voice: VoiceProfile) -> Synthesis:
        audio = read_wav(self._render(engine, espeak, " ".join(text.split()), voice), "pyttsx3")
        if not audio.pcm:
            raise VoiceError("pyttsx3 schreef geen audio")
        wav = pcm_to_wav(audio.pcm, audio.sample_rate)
        return Synthesis(wav, round(audio.duration_s, 3), audio.sample_rate)

    @staticmethod
    def _render(engine: Any, espeak: Any, text: str, voice: VoiceProfile) -> bytes:
        """Write one file per ``runAndWait`` (pyttsx3 drops all but one save per run)."""
        # Set the voice on the library directly: pyttsx3 queues setProperty behind a busy flag and its
        # end-of-loop clears that queue, so a queued rate or voice was sometimes dropped (measured here).
        espeak.Synchronize()  # the library synthesises asynchronously: let the previous line finish first
        if espeak.SetVoiceByName(voice.espeak_name.encode("utf-8")) != 0:
            raise VoiceError(f"espeak-ng kent de stem {voice.espeak_name!r} niet")
        espeak.SetParameter(espeak.RATE, voice.rate, 0)
        espeak.SetParameter(espeak.PITCH, voice.pitch, 0)
        espeak.SetParameter(espeak.RANGE, voice.pitch_range, 0)
        handle, path = tempfile.mkstemp(prefix="eerstelijn-tts-", suffix=".wav")
        os.close(handle)
        try:
            for _ in range(ATTEMPTS):  # a run cancelled by the previous run's stop leaves the file empty
                engine.save_to_file(text, path)
                engine.runAndWait()
                with open(path, "rb") as f:
                    data = f.read()
                if len(data) > 44:
                    return data
            return data
        finally:
            os.unlink(path)


def _version() -> str:
    from importlib.metadata import version

    return version("pyttsx3")


def _espeak_version(espeak: Any) -> str:
    info = espeak.Info(None)
    return info.decode("ascii", "replace") if isinstance(info, bytes) else "unknown"
