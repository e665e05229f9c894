"""Speech in through vosk: a model folder loaded once, one streaming recogniser per trainee.

The adapter only ever takes a model *path* (``eerstelijn models`` puts models in place); vosk's own
``Model(lang=…)`` would try to download and fails offline. Streams return partial hypotheses while
the trainee talks, a final result with word timestamps at each end of utterance vosk detects, and
the rest on ``finish()``. Vosk cannot bias free decoding towards a word list; what it can do, for
models with a lookahead graph (``graph/HCLr.fst`` + ``graph/Gr.fst``, all the small models), is
restrict decoding to a grammar. So ``phrases`` with ``closed=True`` become that grammar (plus
``[unk]`` for anything else); open streams decode freely and report which exercise words the model
does not know (``unknown_words``), so an exercise author learns that a product name will never be
heard. Decoding is CPU work in the calling thread: a server runs each stream in a worker thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.adapters.voice.models import missing_files
from simulator.voice.audio import PcmGuard, check_rate
from simulator.voice.ports import Final, Partial, VoiceError, VoiceUnavailable, Word

UNKNOWN = "[unk]"
_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


def _vosk() -> Any:
    try:
        import vosk  # type: ignore[import-untyped]
    except ImportError:
        raise VoiceUnavailable(
            "spraakherkenning (vosk) is niet geïnstalleerd: pip install 'eerstelijn[voice]'"
        ) from None
    vosk.SetLogLevel(-2)  # Kaldi logs (and warns) to stderr otherwise, straight into the terminal UI
    return vosk


def load_model(path: Path) -> Any:
    """Load a model folder once per process and share it between streams (vosk models are thread-safe)."""
    path = path.resolve()
    with _models_lock:
        if path not in _models:
            missing = missing_files(path)
            if missing:
                raise VoiceUnavailable(f"spraakmodel {path} is onvolledig: {', '.join(missing)} ontbreekt")
            try:
                _models[path] = _vosk().Model(model_path=str(path))
            except Exception as exc:  # vosk raises a bare Exception when Kaldi cannot read the files
                raise VoiceUnavailable(f"spraakmodel {path} laadt niet: {exc}") from None
        return _models[path]


def supports_grammar(path: Path) -> bool:
    """Return True when the model can be restricted to a word list at run time."""
    return (path / "graph" / "HCLr.fst").is_file() and (path / "graph" / "Gr.fst").is_file()


class VoskRecognizer:
    """A vosk model that opens independent recognition streams."""

    def __init__(self, model_path: Path) -> None:
        self.model_path = Path(model_path)
        self.model = load_model(self.model_path)
        self.grammar = supports_grammar(self.model_path)

    def known(self, word: str) -> bool:
        """Return True when the model's vocabulary holds ``word``."""
        return int(self.model.vosk_model_find_word(word if word == UNKNOWN else word.lower())) >= 0

    def open_stream(self, sample_rate: int = 16000, phrases: Sequence[str] = (), *, closed: bool = False) -> VoskStream:
        """Open a stream; with ``closed`` only ``phrases`` (and unknown) can be recognised."""
        check_rate(sample_rate, "stream")
        vosk = _vosk()
        words = sorted({w for phrase in phrases for w in phrase.lower().split()})
        unknown = [w for w in words if not self.known(w)]
        if closed:
            if not self.grammar:
                raise VoiceError(f"spraakmodel {self.model_path} ondersteunt geen vaste woordenlijst")
            grammar = [p.lower() for p in phrases if p.strip()] + ([UNKNOWN] if self.known(UNKNOWN) else [])
            recognizer = vosk.KaldiRecognizer(self.model, float(sample_rate), json.dumps(grammar, ensure_ascii=False))
        else:
            recognizer = vosk.KaldiRecognizer(self.model, float(sample_rate))
        recognizer.SetWords(True)
        return VoskStream(recognizer, sample_rate, unknown)


class VoskStream:
    """One trainee's audio stream."""

    def __init__(self, recognizer: Any, sample_rate: int, unknown_words: list[str]) -> None:
        self._rec = recognizer
        self.sample_rate = sample_rate
        self.unknown_words = unknown_words
        self._guard = PcmGuard(sample_rate)
        self._last_partial = ""
        self._closed = False

    def accept(self, pcm: bytes) -> Partial | Final | None:
        """Feed a chunk of 16-bit mono PCM; return a new partial, a final, or None."""
        if self._closed:
            raise VoiceError("deze herkenningsstroom is al afgesloten")
        if not pcm:
            return None
        self._guard.check(pcm)
        if self._rec.AcceptWaveform(pcm):
            return self._final(self._rec.Result())
        partial = _clean(str(_parse(self._rec.PartialResult()).get("partial", "")))
        if partial and partial != self._last_partial:
            self._last_partial = partial
            return Partial(partial)
        return None

    def finish(self) -> Final:
        """Return the last utterance and close the stream."""
        if self._closed:
            raise VoiceError("deze herkenningsstroom is al afgesloten")
        self._closed = True
        return self._final(self._rec.FinalResult())

    def _final(self, raw: str) -> Final:
        self._last_partial = ""
        self._guard = PcmGuard(self.sample_rate)
        data = _parse(raw)
        words = tuple(
            Word(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
            for w in data.get("result", [])
            if isinstance(w, dict) and w.get("word") != UNKNOWN
        )
        return Final(_clean(str(data.get("text", ""))), words)


def _parse(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise VoiceError(f"vosk gaf onleesbare uitvoer: {raw[:80]!r}") from None
    return data if isinstance(data, dict) else {}


def _clean(text: str) -> str:
    return " ".join(w for w in text.split() if w != UNKNOWN)
