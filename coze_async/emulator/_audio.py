"""Synthesized audio for the emulated ``POST /v1/audio/speech``: real, parseable bodies in each
format the service offers, holding (near) silence, generated lazily in chunks.

- ``wav``: a RIFF/WAVE header (PCM, 16-bit, mono) and the samples.
- ``pcm``: the samples alone (signed 16-bit little-endian, mono).
- ``mp3``: MPEG audio Layer III frames (32 kbit/s, mono; MPEG-1, 2 or 2.5 by sample rate) whose
  side information is empty: every decoder plays them as silence.
- ``ogg_opus``: an Ogg stream with the ``OpusHead`` and ``OpusTags`` headers and 20 ms Opus
  silence packets, pages with valid checksums and granule positions.

The samples are a faint -1/0/+1 pattern (about -90 dBFS: silent to the ear), so that a body
read back can be compared byte for byte. :func:`speech_body` is deterministic: the same
arguments give the same bytes.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator

__all__ = [
    "CONTENT_TYPES",
    "SAMPLE_RATES",
    "body_size",
    "speech_body",
    "speech_seconds",
]

#: The ``Content-Type`` of each ``response_format``.
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
    "ogg_opus": "audio/ogg",
}
#: The sample rates the service offers.
SAMPLE_RATES = frozenset({8000, 16000, 22050, 24000, 32000, 44100, 48000})

#: How long speech takes: a fixed lead-in and this many characters per second at speed 1.
_LEAD_IN = 0.3
_CHARS_PER_SECOND = 8.0
#: One period of the faint sample pattern: 64 samples each of -1, 0 and +1 (16-bit LE).
_PERIOD = b"".join(struct.pack("<h", v) * 64 for v in (-1, 0, 1))
#: The size of the chunks bodies are generated in (a multiple of the pattern's period).
_CHUNK = len(_PERIOD) * 170


def speech_seconds(text: str, speed: float) -> float:
    """How long the emulated voice takes to say ``text`` at ``speed``."""
    return (_LEAD_IN + len(text) / _CHARS_PER_SECOND) / speed


def _samples(count: int) -> Iterator[bytes]:
    """``count`` 16-bit samples of the pattern, in chunks."""
    tile = _PERIOD * (_CHUNK // len(_PERIOD))
    remaining = count * 2
    while remaining > 0:
        piece = tile if remaining >= len(tile) else tile[:remaining]
        remaining -= len(piece)
        yield piece


def _wav_header(sample_rate: int, data_bytes: int) -> bytes:
    return b"".join(
        (
            b"RIFF",
            struct.pack("<I", 36 + data_bytes),
            b"WAVE",
            b"fmt ",
            struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, sample_rate * 2, 2, 16),
            b"data",
            struct.pack("<I", data_bytes),
        )
    )


# -- mp3 ----------------------------------------------------------------------------------------

#: sample rate -> (version bits, sample-rate index, samples per frame, bitrate index of 32 kbit/s)
_MPEG = {
    44100: (0b11, 0, 1152, 1),
    48000: (0b11, 1, 1152, 1),
    32000: (0b11, 2, 1152, 1),
    22050: (0b10, 0, 576, 4),
    24000: (0b10, 1, 576, 4),
    16000: (0b10, 2, 576, 4),
    8000: (0b00, 2, 576, 4),
}
_MP3_BITRATE = 32000


def _mp3_frame(sample_rate: int) -> tuple[bytes, int]:
    """One silent Layer III frame (mono, no CRC, no padding) and its samples."""
    version, rate_index, per_frame, bitrate_index = _MPEG[sample_rate]
    header = bytes(
        (
            0xFF,
            0xE0 | version << 3 | 0b01 << 1 | 1,  # sync, version, layer III, no CRC
            bitrate_index << 4 | rate_index << 2,  # no padding, no private bit
            0b11 << 6,  # mono
        )
    )
    size = (per_frame // 8) * _MP3_BITRATE // sample_rate
    return header + bytes(size - len(header)), per_frame


# -- ogg opus -----------------------------------------------------------------------------------


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = (crc << 1) ^ 0x04C11DB7 if crc & 0x80000000 else crc << 1
        table.append(crc & 0xFFFFFFFF)
    return table


_CRC = _crc_table()
_OGG_SERIAL = 0x436F7A65  # "Coze"
#: An Opus packet of 20 ms of silence (CELT, full band, mono).
_OPUS_SILENCE = b"\xf8\xff\xfe"
_OPUS_FRAME = 960  # samples at 48 kHz
_OPUS_PRE_SKIP = 312
_PACKETS_PER_PAGE = 50  # one second


def _ogg_crc(page: bytes) -> int:
    crc = 0
    for byte in page:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC[((crc >> 24) & 0xFF) ^ byte]
    return crc


def _ogg_page(packets: list[bytes], sequence: int, granule: int, flags: int) -> bytes:
    lacing = bytearray()
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes((len(packet) % 255,))
    header = b"OggS" + struct.pack(
        "<BBqIIIB", 0, flags, granule, _OGG_SERIAL, sequence, 0, len(lacing)
    )
    page = header + bytes(lacing) + b"".join(packets)
    crc = _ogg_crc(page)
    return page[:22] + struct.pack("<I", crc) + page[26:]


def _ogg_opus(sample_rate: int, seconds: float) -> Iterator[bytes]:
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, _OPUS_PRE_SKIP, sample_rate, 0, 0)
    vendor = b"coze-emulator"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    yield _ogg_page([head], 0, 0, 0x02)
    yield _ogg_page([tags], 1, 0, 0)
    packets = max(1, math.ceil(seconds * 48000 / _OPUS_FRAME))
    sequence, sent = 2, 0
    while sent < packets:
        count = min(_PACKETS_PER_PAGE, packets - sent)
        sent += count
        flags = 0x04 if sent == packets else 0
        granule = _OPUS_PRE_SKIP + sent * _OPUS_FRAME
        yield _ogg_page([_OPUS_SILENCE] * count, sequence, granule, flags)
        sequence += 1


# -- bodies -------------------------------------------------------------------------------------


def _sample_count(sample_rate: int, seconds: float) -> int:
    return max(1, math.ceil(seconds * sample_rate))


def body_size(response_format: str, sample_rate: int, seconds: float) -> int | None:
    """The size of :func:`speech_body`'s bytes when known without generating them (``None``
    for ``ogg_opus``)."""
    if response_format in ("wav", "pcm"):
        data = _sample_count(sample_rate, seconds) * 2
        return data + 44 if response_format == "wav" else data
    if response_format == "mp3":
        frame, per_frame = _mp3_frame(sample_rate)
        return math.ceil(seconds * sample_rate / per_frame) * len(frame)
    return None


def speech_body(response_format: str, sample_rate: int, seconds: float) -> Iterator[bytes]:
    """The audio of ``seconds`` of speech, in chunks of at most 64 KiB."""
    if response_format in ("wav", "pcm"):
        count = _sample_count(sample_rate, seconds)
        if response_format == "wav":
            yield _wav_header(sample_rate, count * 2)
        yield from _samples(count)
    elif response_format == "mp3":
        frame, per_frame = _mp3_frame(sample_rate)
        frames = math.ceil(seconds * sample_rate / per_frame)
        per_chunk = max(1, _CHUNK // len(frame))
        while frames > 0:
            count = min(per_chunk, frames)
            frames -= count
            yield frame * count
    elif response_format == "ogg_opus":
        yield from _ogg_opus(sample_rate, seconds)
    else:
        raise ValueError(f"unknown response_format {response_format!r}")
