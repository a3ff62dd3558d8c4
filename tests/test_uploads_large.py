"""A 50 MB upload streams from disk with flat memory and reports its progress. The emulator runs
in another process here, so that only the client's memory is measured."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from coze_async import AsyncCoze, Coze, TokenAuth

SIZE = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def emulator_url() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "coze_async", "emulator", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the emulator process did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("upload") / "big.bin"
    block = bytes(range(256)) * 4096  # 1 MiB
    with open(path, "wb") as file:
        for _ in range(SIZE // len(block)):
            file.write(block)
    return path


async def test_a_50_mb_upload_streams_with_flat_memory_and_progress(emulator_url, big_file):
    reports: list[tuple[int, int | None]] = []
    async with AsyncCoze(TokenAuth("t"), emulator_url) as coze:
        await coze.users.me()  # session and connection set up before measuring
        tracemalloc.start()
        try:
            uploaded = await coze.files.upload(
                file=big_file, progress=lambda sent, total: reports.append((sent, total))
            )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert uploaded.bytes == SIZE
    assert peak < 8 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a 50 MiB upload"
    assert reports[-1] == (SIZE, SIZE)
    sent = [s for s, _ in reports]
    assert sent == sorted(sent) and len(reports) >= SIZE // (1 << 16)


def test_sync_upload_reports_progress(emulator_url, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(b"x" * 200_000)
    reports: list[tuple[int, int | None]] = []
    with Coze(TokenAuth("t"), emulator_url) as coze:
        file = coze.files.upload(file=path, progress=lambda s, t: reports.append((s, t)))
    assert file.bytes == 200_000
    assert reports[-1] == (200_000, 200_000)
