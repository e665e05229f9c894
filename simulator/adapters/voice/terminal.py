"""The voice of ``eerstelijn play --voice``: speak the caller's lines, and listen where that is possible.

Lines are synthesised in the persona's voice and played in the background with the first player found
(``aplay``, ``paplay``, ``ffplay``), so the trainee can talk (type) over the caller: typing while a line
still plays counts as an interruption, as it would on a phone. Without a player the WAV files are written
into the session folder and the player says where. Listening needs both a speech model for the
exercise's language and a microphone (``arecord`` with a capture device); otherwise a notice explains
which is missing and the trainee keeps typing.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, TextIO

from simulator.voice.ports import Final, SpeechRecognizer, SpeechSynthesizer, VoiceError

PLAYERS: tuple[tuple[str, ...], ...] = (
    ("aplay", "-q"),
    ("paplay",),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
)
LISTEN_LIMIT_S = 30.0


def find_player() -> list[str] | None:
    """Return the command of the first audio player installed (aplay only with a sound card), or None."""
    for command in PLAYERS:
        if shutil.which(command[0]) and (command[0] != "aplay" or _alsa_card("aplay")):
            return list(command)
    return None


def microphone_present() -> bool:
    """Return True when ``arecord`` exists and lists at least one capture device."""
    return bool(shutil.which("arecord")) and _alsa_card("arecord")


def _alsa_card(program: str) -> bool:
    try:
        listing = subprocess.run([program, "-l"], capture_output=True, text=True, timeout=5, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "card " in listing.stdout


class TerminalVoice:
    """Speak one call's customer lines and, where possible, hear the trainee."""

    def __init__(self, runner: Any, out: TextIO, folder: Path) -> None:
        from simulator.adapters.voice import caller_profile, make_synthesizer

        self.out = out
        self.folder = folder
        call = runner.call
        self.profile = caller_profile(runner.persona.id, runner.persona.params.voice, call.lang, call.caller.gender)
        self.synth: SpeechSynthesizer = make_synthesizer("auto")
        self.player = find_player()
        self._playing: subprocess.Popen[bytes] | None = None
        self._written = 0
        self.recognizer = self._recognizer(call.lang)

    def _recognizer(self, lang: str) -> SpeechRecognizer | None:
        from simulator.adapters.voice import make_recognizer
        from simulator.adapters.voice.models import model_path

        if model_path(lang) is None:
            self.out.write(f"  (luisteren kan niet: geen spraakmodel voor '{lang}' — eerstelijn models fetch {lang}; "
                           "typ uw antwoorden)\n")  # fmt: skip
            return None
        if not microphone_present():
            self.out.write("  (luisteren kan niet: geen microfoon gevonden; typ uw antwoorden)\n")
            return None
        try:
            return make_recognizer(lang)
        except VoiceError as exc:
            self.out.write(f"  (luisteren kan niet: {exc}; typ uw antwoorden)\n")
            return None

    def speak(self, text: str, index: int) -> None:
        """Speak one customer line (event ``index``) in the background, or write it to a file."""
        try:
            wav = self.synth.synthesize(text, self.profile).wav_bytes
        except VoiceError as exc:
            self.out.write(f"  (spraak mislukt: {exc})\n")
            return
        self.stop()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"klant-{index:03d}.wav"
        path.write_bytes(wav)
        if self.player:
            self._playing = subprocess.Popen(  # noqa: S603 - a fixed player program
                [*self.player, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        elif not self._written:
            self.out.write(f"  (geen audiospeler gevonden: de klant spreekt in WAV-bestanden in {self.folder})\n")
        self._written += 1

    def playing(self) -> bool:
        """Return True while the caller's line is still being played."""
        return self._playing is not None and self._playing.poll() is None

    def stop(self) -> None:
        """Stop the caller's audio (the trainee cut in, or the call ended)."""
        if self.playing() and self._playing is not None:
            self._playing.terminate()
            self._playing.wait(timeout=5)
        self._playing = None

    def listen(self) -> str | None:
        """Record one utterance from the microphone and return its text (None without a recogniser)."""
        if self.recognizer is None:
            return None
        stream = self.recognizer.open_stream(16000)
        command = ["arecord", "-q", "-f", "S16_LE", "-r", "16000", "-c", "1", "-t", "raw"]
        recorder = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # noqa: S603
        started, result = time.monotonic(), None
        try:
            assert recorder.stdout is not None  # noqa: S101 - stdout=PIPE above
            while time.monotonic() - started < LISTEN_LIMIT_S:
                chunk = recorder.stdout.read(3200)
                if not chunk:
                    break
                got = stream.accept(chunk)
                if isinstance(got, Final) and got.text:
                    result = got
                    break
        finally:
            recorder.terminate()
            recorder.wait(timeout=5)
        final = result or stream.finish()
        return final.text or None
