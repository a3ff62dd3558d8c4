"""The emulator's stand-in for speech: a reversible text <-> PCM code.

Speech synthesis turns each UTF-8 byte of the text into a 2 ms run of one 16-bit sample value
(24 kHz mono PCM, never silent), so what the emulator "says" can be "recognised" again exactly:
the recognition of its own audio gives back the text. Any other audio is described by its
duration. Silence (zero samples) is ignored, and marks the end of a turn in ``server_vad`` mode.
"""

from __future__ import annotations

import struct

__all__ = ["SAMPLE_RATE", "chunks", "is_silence", "recognise", "silence", "speak"]

#: The sample rate of the PCM the emulator produces and assumes (16-bit, mono).
SAMPLE_RATE = 24_000
#: Samples per encoded byte (2 ms at 24 kHz).
_RUN = 48
_RUN_BYTES = _RUN * 2
_STEP = 100


def speak(text: str) -> bytes:
    """The PCM "speaking" ``text``."""
    runs = (struct.pack("<h", (byte + 1) * _STEP) * _RUN for byte in text.encode())
    return b"".join(runs)


def silence(milliseconds: int) -> bytes:
    """That much silent PCM."""
    return bytes(2 * SAMPLE_RATE * milliseconds // 1000)


def is_silence(pcm: bytes) -> bool:
    """Whether ``pcm`` holds only zero samples (and something)."""
    return bool(pcm) and not any(pcm)


def recognise(pcm: bytes) -> str:
    """The text of audio made by :func:`speak` (silence ignored); for other audio, a
    description of its length."""
    text = bytearray()
    for start in range(0, len(pcm) - len(pcm) % _RUN_BYTES, _RUN_BYTES):
        run = pcm[start : start + _RUN_BYTES]
        if not any(run):
            continue
        value = struct.unpack_from("<h", run)[0]
        if run != run[:2] * _RUN or value % _STEP or not 1 <= value // _STEP <= 256:
            return _describe(pcm)
        text.append(value // _STEP - 1)
    if len(pcm) % _RUN_BYTES and any(pcm[len(pcm) - len(pcm) % _RUN_BYTES :]):
        return _describe(pcm)
    try:
        return text.decode()
    except UnicodeDecodeError:
        return _describe(pcm)


def _describe(pcm: bytes) -> str:
    return f"({len(pcm) * 1000 // (2 * SAMPLE_RATE)} ms of audio)"


def chunks(pcm: bytes, size: int = 4800) -> list[bytes]:
    """``pcm`` in pieces of ``size`` bytes (a whole number of samples)."""
    size -= size % 2
    return [pcm[i : i + size] for i in range(0, len(pcm), size)] or [b""]
