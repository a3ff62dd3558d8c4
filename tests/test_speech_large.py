"""A 50 MB speech body goes to a file with flat memory, byte for byte: streamed from the
network to the disk, never held whole. The emulator runs in another process (the fixture of
tests/test_uploads_large.py), so that only the client's memory is measured."""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path

from coze_async import AsyncCoze, Coze, TokenAuth
from coze_async.emulator._audio import body_size, speech_body, speech_seconds
from coze_async.emulator.routes.audio import SYSTEM_VOICE_ID
from tests.test_uploads_large import emulator_url  # noqa: F401  (the fixture)

#: At 48 kHz, 16-bit mono WAV and speed 0.2, this text takes about 50 MB to say.
TEXT = "A long, slow reading of a sentence that goes on and on. " * 15
SPEED = 0.2
RATE = 48000
LIMIT = 8 * 1024 * 1024


def expected() -> tuple[int, str]:
    """The size and SHA-256 of the body the emulator generates for TEXT."""
    seconds = speech_seconds(TEXT, SPEED)
    digest = hashlib.sha256()
    for chunk in speech_body("wav", RATE, seconds):
        digest.update(chunk)
    size = body_size("wav", RATE, seconds)
    assert size is not None and 45 * 2**20 < size < 60 * 2**20
    return size, digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


async def test_a_50_mb_speech_goes_to_a_file_with_flat_memory(emulator_url, tmp_path):  # noqa: F811
    size, digest = expected()
    target = tmp_path / "long.wav"
    async with AsyncCoze(TokenAuth("t"), emulator_url) as coze:
        await coze.users.me()  # session and connection set up before measuring
        tracemalloc.start()
        try:
            speech = await coze.audio.speech.create(
                input=TEXT,
                voice_id=SYSTEM_VOICE_ID,
                response_format="wav",
                speed=SPEED,
                sample_rate=RATE,
            )
            await speech.write_to_file(target)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert speech.content_length == size == target.stat().st_size
    assert peak < LIMIT, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.0f} MiB body"
    assert file_digest(target) == digest


def test_a_50_mb_speech_goes_to_a_file_with_flat_memory_sync(emulator_url, tmp_path):  # noqa: F811
    size, digest = expected()
    target = tmp_path / "long-sync.wav"
    with Coze(TokenAuth("t"), emulator_url) as coze:
        coze.users.me()
        tracemalloc.start()
        try:
            speech = coze.audio.speech.create(
                input=TEXT,
                voice_id=SYSTEM_VOICE_ID,
                response_format="wav",
                speed=SPEED,
                sample_rate=RATE,
            )
            speech.write_to_file(target)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert target.stat().st_size == size
    assert peak < LIMIT, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.0f} MiB body"
    assert file_digest(target) == digest
