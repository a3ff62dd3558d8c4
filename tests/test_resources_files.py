"""``coze.files``: uploads from paths, bytes and file objects (exact bytes, base name only),
no leaked file handles, no reads on the event loop, fast refusal of directories, FIFOs, devices
and oversized files; ``retrieve``. Against the emulator (async and sync API), a loopback server
for the raw multipart body, and aioresponses for request shapes."""

from __future__ import annotations

import asyncio
import io
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aioresponses import aioresponses

import coze_async._uploads as files_module
from coze_async import AsyncCoze, BadRequestError, Coze, CozeAPIError, RateLimitError, TokenAuth
from coze_async.emulator import Emulator
from coze_async.models.files import File

BASE = "https://api.test"
UPLOAD = "/v1/files/upload"
PROC_FD = Path("/proc/self/fd")
HAVE_PROC_FD = PROC_FD.is_dir()
needs_proc = pytest.mark.skipif(not HAVE_PROC_FD, reason="needs /proc/self/fd")


@pytest.fixture
def payload() -> bytes:
    # Every byte value, more than one read chunk, and not a multiple of the chunk size.
    return bytes(range(256)) * 1000 + b"\r\n--end\r\n"


def stored(emu: Emulator, file: File) -> tuple[str, bytes]:
    return emu.store.files.records[file.id]["file_name"], emu.store.files.contents[file.id]


def uploads_sent(emu: Emulator) -> int:
    return emu.request_counts.get(UPLOAD, 0)


def open_fds() -> int:
    return len(os.listdir(PROC_FD))


def fds_open_on(path: Path) -> int:
    count = 0
    for fd in os.listdir(PROC_FD):
        try:
            if os.readlink(PROC_FD / fd) == str(path):
                count += 1
        except OSError:
            pass
    return count


# -- uploads against the emulator --------------------------------------------------------------


async def test_upload_from_a_path(coze: AsyncCoze, emu: Emulator, tmp_path: Path, payload: bytes):
    source = tmp_path / "sub" / "report.pdf"
    source.parent.mkdir()
    source.write_bytes(payload)
    file = await coze.files.upload(file=source)
    assert isinstance(file, File)
    assert stored(emu, file) == ("report.pdf", payload)
    assert (file.bytes, file.file_name) == (len(payload), "report.pdf")
    assert file.created_at and file.created_at > 0
    assert file.response.logid


async def test_upload_from_a_str_path_sends_only_the_base_name(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path, payload: bytes
):
    source = tmp_path / "notes.txt"
    source.write_bytes(payload)
    file = await coze.files.upload(file=str(source))
    assert stored(emu, file) == ("notes.txt", payload)
    file = await coze.files.upload(file=f"{source.parent}{os.sep}.{os.sep}notes.txt")
    assert stored(emu, file) == ("notes.txt", payload)


async def test_upload_from_bytes(coze: AsyncCoze, emu: Emulator, payload: bytes):
    file = await coze.files.upload(file=payload)
    assert stored(emu, file) == (files_module.DEFAULT_FILENAME, payload)
    file = await coze.files.upload(file=bytearray(b"abc"))
    assert stored(emu, file) == ("upload", b"abc")
    file = await coze.files.upload(file=memoryview(b"xyz"))
    assert stored(emu, file) == ("upload", b"xyz")
    file = await coze.files.upload(file=b"")
    assert stored(emu, file) == ("upload", b"")


async def test_upload_from_a_file_object_reads_from_its_position_and_leaves_it_open(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path, payload: bytes
):
    source = tmp_path / "data.bin"
    source.write_bytes(payload)
    with source.open("rb") as handle:
        handle.seek(10)
        file = await coze.files.upload(file=handle)
        assert not handle.closed
    assert stored(emu, file) == ("data.bin", payload[10:])

    buffer = io.BytesIO(payload)
    file = await coze.files.upload(file=buffer)
    assert stored(emu, file) == ("upload", payload)
    assert not buffer.closed


async def test_upload_with_a_chosen_name(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    source = tmp_path / "tmp123"
    source.write_bytes(b"<svg/>")
    file = await coze.files.upload(file=("logo.svg", source))
    assert stored(emu, file) == ("logo.svg", b"<svg/>")
    file = await coze.files.upload(file=("../../etc/passwd", b"x"))
    assert stored(emu, file) == ("passwd", b"x")
    file = await coze.files.upload(file=(None, io.BytesIO(b"y")))
    assert stored(emu, file) == ("upload", b"y")


async def test_upload_keeps_unicode_spaces_and_apostrophes_in_names(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path
):
    source = tmp_path / "résumé d'été; v2.txt"
    source.write_bytes(b"cv")
    file = await coze.files.upload(file=source)
    assert stored(emu, file) == ("résumé d'été; v2.txt", b"cv")


async def test_upload_from_a_pipe_streams_to_the_end(
    coze: AsyncCoze, emu: Emulator, payload: bytes
):
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_end, "rb") as pipe:
        file = await coze.files.upload(file=pipe)
    writer.join()
    assert stored(emu, file) == ("upload", payload)


async def test_retrieve(coze: AsyncCoze, emu: Emulator):
    uploaded = await coze.files.upload(file=("a.txt", b"hello"))
    fetched = await coze.files.retrieve(file_id=uploaded.id)
    assert fetched == uploaded
    assert fetched.response.logid
    with pytest.raises(CozeAPIError) as excinfo:
        await coze.files.retrieve(file_id="7400000000000000000")
    assert excinfo.value.code == 4200
    with pytest.raises(ValueError, match="file_id"):
        await coze.files.retrieve(file_id="")


async def test_a_refused_upload_is_retried_from_the_start_of_the_file(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path, payload: bytes
):
    source = tmp_path / "retry.bin"
    source.write_bytes(payload)
    emu.inject(path=UPLOAD, status=429, code=4013, msg="too many requests", retry_after=0.01)
    file = await coze.files.upload(file=source)
    assert stored(emu, file) == ("retry.bin", payload)
    emu.inject(path=UPLOAD, status=503, retry_after=0.01)
    with source.open("rb") as handle:
        handle.seek(100)
        file = await coze.files.upload(file=handle)
    assert stored(emu, file) == ("retry.bin", payload[100:])
    emu.inject(path=UPLOAD, status=429, retry_after=0.01)
    file = await coze.files.upload(file=payload)
    assert stored(emu, file) == ("upload", payload)
    assert uploads_sent(emu) == 6


async def test_upload_errors_are_typed(coze: AsyncCoze, emu: Emulator):
    emu.inject(path=UPLOAD, status=429, code=4013, msg="too many requests", retry_after=0.01)
    with pytest.raises(RateLimitError) as excinfo:
        await coze.files.upload(file=b"x", max_retries=0)
    assert excinfo.value.code == 4013
    assert excinfo.value.logid
    emu.inject(path=UPLOAD, code=4000, msg="bad file")
    with pytest.raises(BadRequestError):
        await coze.files.upload(file=b"x")
    assert uploads_sent(emu) == 2  # a plain refusal of a creating call is not retried


async def test_a_pipe_is_sent_once_without_retries(coze: AsyncCoze, emu: Emulator):
    emu.inject(path=UPLOAD, status=429, retry_after=0.01)
    read_end, write_end = os.pipe()
    os.write(write_end, b"once")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe, pytest.raises(RateLimitError):
        await coze.files.upload(file=pipe)
    assert uploads_sent(emu) == 1


# -- file handles and the event loop -----------------------------------------------------------


@needs_proc
async def test_hundred_path_uploads_leave_no_open_file_handles(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path
):
    source = tmp_path / "many.bin"
    source.write_bytes(b"m" * 5000)
    await coze.files.upload(file=source)  # warm up: the pooled connection, the thread pool
    before = open_fds()
    for _ in range(100):
        await coze.files.upload(file=source)
    assert fds_open_on(source) == 0
    assert open_fds() == before
    assert uploads_sent(emu) == 101


@needs_proc
def test_hundred_sync_path_uploads_leave_no_open_file_handles(tmp_path: Path):
    source = tmp_path / "many.bin"
    source.write_bytes(b"s" * 5000)
    with (
        Emulator.run_in_thread(strict=True) as emu,
        Coze(TokenAuth(emu.token or ""), emu.base_url) as coze,
    ):
        coze.files.upload(file=str(source))
        before = open_fds()
        for _ in range(100):
            coze.files.upload(file=str(source))
        assert fds_open_on(source) == 0
        assert open_fds() == before


@needs_proc
async def test_a_cancelled_upload_closes_its_file(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    source = tmp_path / "slow.bin"
    source.write_bytes(b"c" * 100_000)
    emu.inject(path=UPLOAD, latency=30)
    task = asyncio.create_task(coze.files.upload(file=source))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if uploads_sent(emu):
            break
    assert uploads_sent(emu) == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert fds_open_on(source) == 0


async def test_a_cancelled_preparation_closes_the_file_it_opens(tmp_path: Path, monkeypatch):
    source = tmp_path / "prep.bin"
    source.write_bytes(b"p")
    opened: list[Any] = []
    release = threading.Event()
    original = files_module._open_regular_file

    def slow_open(name: str) -> Any:
        release.wait(10)
        file, size = original(name)
        opened.append(file)
        return file, size

    monkeypatch.setattr(files_module, "_open_regular_file", slow_open)
    async with AsyncCoze(TokenAuth("t"), BASE) as client:
        task = asyncio.create_task(client.files.upload(file=source))
        await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.sleep(0)
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
        for _ in range(200):
            if opened and opened[0].closed:
                break
            await asyncio.sleep(0.01)
    assert opened and opened[0].closed


class RecordingReader(io.BufferedReader):
    """A binary file that notes the thread of every read."""

    def __init__(self, raw: Any) -> None:
        super().__init__(raw)
        self.threads: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.threads.append(threading.get_ident())
        return super().read(size)


async def test_files_are_opened_and_read_off_the_event_loop(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path, payload: bytes, monkeypatch
):
    source = tmp_path / "big.bin"
    source.write_bytes(payload * 4)
    loop_thread = threading.get_ident()
    opened_in: list[int] = []
    readers: list[RecordingReader] = []
    original = files_module._open_regular_file

    def recording_open(name: str) -> Any:
        opened_in.append(threading.get_ident())
        file, size = original(name)
        reader = RecordingReader(file.detach())
        readers.append(reader)
        return reader, size

    monkeypatch.setattr(files_module, "_open_regular_file", recording_open)
    file = await coze.files.upload(file=source)
    assert stored(emu, file)[1] == payload * 4
    assert opened_in and loop_thread not in opened_in
    assert readers[0].threads and loop_thread not in readers[0].threads
    assert readers[0].closed

    # A caller's file object is read off the loop too.
    caller_file = RecordingReader(io.FileIO(source, "rb"))
    with caller_file:
        await coze.files.upload(file=caller_file)
        assert caller_file.threads and loop_thread not in caller_file.threads


def test_a_late_read_of_an_abandoned_attempt_leaves_the_file_alone(tmp_path: Path):
    path = tmp_path / "digits.txt"
    path.write_bytes(b"0123456789")
    source = files_module._prepare(path)
    first = source.rewind()
    assert source.read(first, 3) == b"012"
    second = source.rewind()
    assert source.read(first, 3) is None  # the abandoned attempt's read, arriving late
    assert source.read(second, 4) == b"0123"
    source.close()
    assert source.file.closed
    assert source.read(second, 4) is None


class ShrinkingFile(io.BytesIO):
    """Claims 100 bytes (seek/tell) but delivers only 10."""

    def read(self, size: int | None = -1) -> bytes:
        if self.tell() >= 10:
            return b""
        return super().read(min(size if size is not None and size >= 0 else 10, 10 - self.tell()))


async def test_a_file_that_shrinks_during_the_upload_fails_clearly(coze: AsyncCoze, emu: Emulator):
    with pytest.raises(ValueError, match="changed during the upload"):
        await coze.files.upload(file=ShrinkingFile(b"x" * 100))
    assert emu.store.files.records == {}


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
async def test_dev_zero_is_refused_at_once(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    started = time.monotonic()
    with pytest.raises(ValueError, match="device"):
        await coze.files.upload(file="/dev/zero")
    with pytest.raises(ValueError, match="device"):
        await coze.files.upload(file=Path("/dev/zero"))
    link = tmp_path / "innocent.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(ValueError, match="device"):
        await coze.files.upload(file=link)
    with Path("/dev/zero").open("rb") as zero, pytest.raises(ValueError, match="device"):  # noqa: ASYNC230
        await coze.files.upload(file=zero)
    assert time.monotonic() - started < 2
    assert uploads_sent(emu) == 0


async def test_a_directory_is_refused_at_once(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    started = time.monotonic()
    with pytest.raises(ValueError, match="directory"):
        await coze.files.upload(file=tmp_path)
    with pytest.raises(ValueError, match="directory"):
        await coze.files.upload(file=str(tmp_path) + os.sep)
    assert time.monotonic() - started < 2
    assert uploads_sent(emu) == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
async def test_a_fifo_is_refused_without_blocking(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ValueError, match="FIFO"):
        await asyncio.wait_for(coze.files.upload(file=fifo), 5)
    assert time.monotonic() - started < 2
    assert uploads_sent(emu) == 0


async def test_a_missing_path_is_refused(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    with pytest.raises(ValueError, match="not found"):
        await coze.files.upload(file=tmp_path / "nope.txt")
    with pytest.raises(ValueError, match="empty"):
        await coze.files.upload(file="")
    assert uploads_sent(emu) == 0


async def test_a_file_over_the_limit_is_refused_before_sending(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path
):
    assert files_module.MAX_UPLOAD_BYTES == 512 * 1024 * 1024
    huge = tmp_path / "huge.bin"
    with huge.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(files_module.MAX_UPLOAD_BYTES + 1)
    started = time.monotonic()
    with pytest.raises(ValueError, match="at most 536870912 bytes"):
        await coze.files.upload(file=huge)
    with huge.open("rb") as handle, pytest.raises(ValueError, match="at most"):
        await coze.files.upload(file=handle)
    assert time.monotonic() - started < 2
    assert uploads_sent(emu) == 0
    if HAVE_PROC_FD:
        assert fds_open_on(huge) == 0


async def test_exactly_the_limit_is_allowed_through_the_check(monkeypatch):
    monkeypatch.setattr(files_module, "MAX_UPLOAD_BYTES", 4)
    assert files_module._prepare(b"1234").data == b"1234"
    with pytest.raises(ValueError, match="5 bytes"):
        files_module._prepare(b"12345")
    with pytest.raises(ValueError, match="at most 4"):
        files_module._prepare(io.BytesIO(b"12345"))


async def test_a_stream_of_unknown_length_is_cut_at_the_limit(
    coze: AsyncCoze, emu: Emulator, monkeypatch
):
    monkeypatch.setattr(files_module, "MAX_UPLOAD_BYTES", 50_000)
    read_end, write_end = os.pipe()

    def write() -> None:
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(b"z" * 200_000)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_end, "rb") as pipe:
        with pytest.raises(ValueError, match="more than 50000 bytes"):
            await coze.files.upload(file=pipe)
    writer.join(10)
    assert emu.store.files.records == {}


@pytest.mark.parametrize("name", ['a"b.txt', "a\rb.txt", "a\nb.txt", "a\x00b", "tab\there"])
async def test_names_that_could_break_the_headers_are_refused(
    coze: AsyncCoze, emu: Emulator, name: str
):
    with pytest.raises(ValueError, match="file name"):
        await coze.files.upload(file=(name, b"x"))
    buffer = io.BytesIO(b"x")
    buffer.name = name  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="file name"):
        await coze.files.upload(file=buffer)
    assert uploads_sent(emu) == 0


async def test_a_path_whose_name_has_a_newline_is_refused_but_can_be_renamed(
    coze: AsyncCoze, emu: Emulator, tmp_path: Path
):
    source = tmp_path / 'bad\r\nX-Injected: 1 "name".txt'
    source.write_bytes(b"data")
    with pytest.raises(ValueError, match="file name"):
        await coze.files.upload(file=source)
    file = await coze.files.upload(file=("good.txt", source))
    assert stored(emu, file) == ("good.txt", b"data")


async def test_wrong_kinds_of_content_are_refused(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    source = tmp_path / "t.txt"
    source.write_text("text")
    with source.open("r") as text, pytest.raises(TypeError, match="binary mode"):
        await coze.files.upload(file=text)  # type: ignore[arg-type]
    closed = source.open("rb")
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        await coze.files.upload(file=closed)
    with pytest.raises(TypeError, match="file must be"):
        await coze.files.upload(file=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="two items"):
        await coze.files.upload(file=("a", b"b", "c"))  # type: ignore[arg-type]
    assert uploads_sent(emu) == 0


# -- the raw request ---------------------------------------------------------------------------


async def test_the_multipart_body_on_the_wire(loopback, tmp_path: Path, payload: bytes):
    async def upload(request: web.Request) -> web.Response:
        return web.json_response(
            {"code": 0, "msg": "", "data": {"id": "f1", "bytes": 1, "file_name": "x"}}
        )

    app = web.Application()
    app.router.add_post(UPLOAD, upload)
    server = await loopback(app)
    source = tmp_path / "photo.png"
    source.write_bytes(payload)
    async with AsyncCoze(TokenAuth("tok"), server.url) as client:
        file = await client.files.upload(file=source)
    assert file.id == "f1"
    (request,) = server.requests
    assert request.headers["Authorization"] == "Bearer tok"
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert "chunked" not in request.headers.get("Transfer-Encoding", "")
    assert int(request.headers["Content-Length"]) == len(request.body)
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    parts = [p for p in request.body.split(b"--" + boundary) if p.strip(b"-\r\n")]
    assert len(parts) == 1
    head, _, body = parts[0].partition(b"\r\n\r\n")
    assert b'Content-Disposition: form-data; name="file"; filename="photo.png"' in head
    assert b"Content-Type: image/png" in head
    assert str(tmp_path).encode() not in head
    assert body[:-2] == payload  # the CRLF before the closing boundary


async def test_retrieve_request_shape(mocked: aioresponses):
    mocked.get(
        f"{BASE}/v1/files/retrieve?file_id=f1",
        payload={
            "code": 0,
            "msg": "",
            "data": {"id": "f1", "bytes": 3, "created_at": 1, "file_name": "a.txt"},
        },
        headers={"x-tt-logid": "L"},
    )
    async with AsyncCoze(TokenAuth("tok"), BASE) as client:
        file = await client.files.retrieve(file_id="f1", headers={"X-Trace": "1"})
    (((method, url), calls),) = mocked.requests.items()
    assert (method, url.path, dict(url.query)) == ("GET", "/v1/files/retrieve", {"file_id": "f1"})
    assert calls[0].kwargs["headers"]["X-Trace"] == "1"
    assert file == File(id="f1", bytes=3, created_at=1, file_name="a.txt")
    assert file.response.logid == "L"


# -- the sync API ------------------------------------------------------------------------------


@pytest.fixture
def sync_emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


def test_sync_upload_and_retrieve(sync_emu: Emulator, tmp_path: Path, payload: bytes):
    source = tmp_path / "sync.bin"
    source.write_bytes(payload)
    with Coze(TokenAuth(sync_emu.token or ""), sync_emu.base_url) as coze:
        from_path = coze.files.upload(file=source)
        from_str = coze.files.upload(file=str(source))
        from_bytes = coze.files.upload(file=payload)
        with source.open("rb") as handle:
            from_object = coze.files.upload(file=handle)
            assert not handle.closed
        assert stored(sync_emu, from_path) == ("sync.bin", payload)
        assert stored(sync_emu, from_str) == ("sync.bin", payload)
        assert stored(sync_emu, from_bytes) == ("upload", payload)
        assert stored(sync_emu, from_object) == ("sync.bin", payload)
        assert coze.files.retrieve(file_id=from_path.id) == from_path
        with pytest.raises(ValueError, match="directory"):
            coze.files.upload(file=tmp_path)
