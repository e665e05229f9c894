"""Speech out through the ``espeak-ng`` program, one process per line: the default synthesizer.

Why this and not pyttsx3 by default: pyttsx3 on Linux drives the espeak-ng *library* inside our
process, and that library keeps one global synthesizer (``pyttsx3.init()`` hands every caller the
same engine, only one ``save_to_file`` per ``runAndWait`` is written, and parallel use wrote nothing
or hung when measured here). It can therefore only ever serve one line at a time from one owned
worker thread, so 30 trainees queue behind each other. A separate ``espeak-ng`` process per request
has no shared state at all: requests run in parallel on every core, a stuck process is killed by a
timeout without taking the server down, and nothing is printed to our terminal (its stdout is a
pipe). Raw espeak-ng costs about 12 ms per 15-word line here, the process start included, so the
isolation is nearly free. Both adapters produce the same sound for the same :class:`VoiceProfile`.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from xml.sax.saxutils import escape

from simulator.voice.audio import AudioError, pcm_to_wav, read_wav
from simulator.voice.ports import Synthesis, VoiceError, VoiceProfile, VoiceUnavailable
from simulator.voice.profiles import REQUIRED_VOICES

TIMEOUT_S = 15.0
MAX_TEXT_CHARS = 2000


def range_keyword(pitch_range: int) -> str:
    """Return the SSML prosody range espeak-ng understands for a 0–100 pitch range."""
    for limit, word in ((20, "x-low"), (40, "low"), (60, "medium"), (80, "high")):
        if pitch_range < limit:
            return word
    return "x-high"


def espeak_ssml(text: str, pitch_range: int) -> str:
    """Return ``text`` as SSML, with the persona's melody when it is not the normal one."""
    body = escape(" ".join(text.split()))
    if range_keyword(pitch_range) != "medium":
        body = f'<prosody range="{range_keyword(pitch_range)}">{body}</prosody>'
    return f"<speak>{body}</speak>"


@lru_cache(maxsize=4)
def espeak_version(program: str) -> str:
    """Return the espeak-ng version line (part of every cache key), or raise if it does not run."""
    try:
        done = subprocess.run([program, "--version"], capture_output=True, timeout=TIMEOUT_S, check=False)  # noqa: S603
    except OSError as exc:
        raise VoiceUnavailable(f"espeak-ng start niet ({exc.strerror}); installeer het pakket espeak-ng") from None
    words = done.stdout.decode("utf-8", "replace").split()
    return words[words.index("text-to-speech:") + 1] if "text-to-speech:" in words else "unknown"


class EspeakSynthesizer:
    """Synthesize with an ``espeak-ng`` subprocess per request (thread-safe, no shared state)."""

    def __init__(self, program: str | None = None, *, check_voices: bool = True) -> None:
        found = program or shutil.which("espeak-ng")
        if not found:
            raise VoiceUnavailable("espeak-ng is niet geïnstalleerd (apt-get install espeak-ng)")
        self.program = found
        self._engine_id = f"espeak-ng-cli/{espeak_version(found)}"
        if check_voices:
            self.check_voices(REQUIRED_VOICES)

    @property
    def engine_id(self) -> str:
        """Return the engine name and version."""
        return self._engine_id

    def check_voices(self, names: tuple[str, ...]) -> None:
        """Fail now, naming them, if any of the voices this project needs is missing."""
        missing = [name for name in names if self._run(name, ["-q", "a"]).returncode != 0]
        if missing:
            raise VoiceUnavailable(f"espeak-ng mist de stem(men) {', '.join(missing)}")

    def synthesize(self, text: str, voice: VoiceProfile) -> Synthesis:
        """Return the WAV of ``text`` in ``voice``."""
        if not text.strip():
            raise VoiceError("lege tekst: niets om uit te spreken")
        if len(text) > MAX_TEXT_CHARS:
            raise VoiceError(f"tekst te lang om uit te spreken ({len(text)} tekens, maximum {MAX_TEXT_CHARS})")
        args = ["--stdin", "-m", "-b", "1", "-s", str(voice.rate), "-p", str(voice.pitch), "--stdout"]
        done = self._run(voice.espeak_name, args, espeak_ssml(text, voice.pitch_range))
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
            raise VoiceError(f"espeak-ng ({voice.espeak_name}): {reason}")
        try:
            audio = read_wav(done.stdout, "espeak-ng")
        except AudioError as exc:
            raise VoiceError(str(exc)) from None
        wav = pcm_to_wav(audio.pcm, audio.sample_rate)
        return Synthesis(wav, round(audio.duration_s, 3), audio.sample_rate)

    def _run(self, voice_name: str, args: list[str], stdin: str = "") -> subprocess.CompletedProcess[bytes]:
        command = [self.program, "-v", voice_name, *args]
        try:
            return subprocess.run(  # noqa: S603 - fixed program, arguments are not shell-parsed
                command, input=stdin.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise VoiceError(f"espeak-ng gaf na {TIMEOUT_S:.0f} s geen antwoord") from None
        except OSError as exc:
            raise VoiceUnavailable(f"espeak-ng start niet: {exc.strerror}") from None
