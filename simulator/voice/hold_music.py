"""Hold music, generated rather than shipped: a soft four-chord loop, deterministic and licence-free.

Made with the standard library only (no sox, no files to package); the same arguments always give the
same bytes, so it caches well and a browser can loop it while the engine's ``hold`` step runs.
"""

from __future__ import annotations

import math
from array import array
from functools import lru_cache

from simulator.voice.audio import pcm_to_wav

#: C major, A minor, F major, G major (Hz), one chord per beat-bar.
CHORDS: tuple[tuple[float, ...], ...] = (
    (261.63, 329.63, 392.00),
    (220.00, 261.63, 329.63),
    (174.61, 220.00, 261.63),
    (196.00, 246.94, 293.66),
)


@lru_cache(maxsize=4)
def hold_music_wav(seconds: float = 8.0, sample_rate: int = 16000, volume: float = 0.18) -> bytes:
    """Return a WAV of gently arpeggiated chords, ``seconds`` long, that loops without a click."""
    total = int(seconds * sample_rate)
    note_len = sample_rate // 4
    samples = array("h")
    for n in range(total):
        chord = CHORDS[(n // (note_len * 4)) % len(CHORDS)]
        freq = chord[(n // note_len) % len(chord)]
        t = (n % note_len) / note_len
        envelope = min(1.0, t * 20.0) * (1.0 - t) ** 1.5
        value = math.sin(2 * math.pi * freq * n / sample_rate) + 0.3 * math.sin(4 * math.pi * freq * n / sample_rate)
        samples.append(int(32767 * volume * envelope * value / 1.3))
    return pcm_to_wav(samples.tobytes(), sample_rate)
