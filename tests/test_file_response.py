"""``FileHTTPResponse``: cozepy's binary answer (the audio family will return it), on its own:
the body, its HTTP metadata, and the ways to save it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coze_async import FileHTTPResponse, HTTPResponse
from coze_async._response import NO_RESPONSE

BODY = bytes(range(256)) * 1000  # 256 000 bytes, every byte value


def response() -> FileHTTPResponse:
    meta = HTTPResponse(200, {"Content-Type": "audio/wav", "x-tt-logid": "log-1"})
    return FileHTTPResponse(BODY, meta)


def test_it_carries_the_body_and_the_metadata() -> None:
    audio = response()
    assert audio.content == BODY
    assert len(audio) == len(BODY)
    assert audio.headers["Content-Type"] == "audio/wav"
    assert audio.logid == "log-1" == audio.response.logid
    assert audio.status_code == 200
    assert repr(audio) == "FileHTTPResponse(bytes=256000, logid='log-1')"  # never the body


def test_without_a_response_it_has_empty_metadata() -> None:
    local = FileHTTPResponse(b"x")
    assert local.response is NO_RESPONSE
    assert (local.status_code, local.logid, dict(local.headers)) == (0, "", {})


def test_the_body_is_bytes_and_a_copy() -> None:
    buffer = bytearray(b"abc")
    copied = FileHTTPResponse(buffer)
    buffer[0] = ord("z")
    assert copied.content == b"abc"
    assert isinstance(copied.content, bytes)
    assert FileHTTPResponse(memoryview(b"mv")).content == b"mv"
    with pytest.raises(TypeError, match="content must be bytes"):
        FileHTTPResponse("text")  # type: ignore[arg-type]


def test_write_to_file(tmp_path: Path) -> None:
    audio = response()
    target = tmp_path / "a.wav"
    target.write_bytes(b"old content, longer than nothing")
    audio.write_to_file(target)
    assert target.read_bytes() == BODY
    audio.write_to_file(str(tmp_path / "b.wav"))  # cozepy passes a str
    assert (tmp_path / "b.wav").read_bytes() == BODY


def test_iter_bytes_hands_out_bounded_chunks() -> None:
    chunks = list(response().iter_bytes(100_000))
    assert [len(c) for c in chunks] == [100_000, 100_000, 56_000]
    assert b"".join(chunks) == BODY
    assert [len(c) for c in response().iter_bytes()] == [65536, 65536, 65536, 59392]
    assert list(FileHTTPResponse(b"").iter_bytes()) == []


def test_stream_to_file_writes_chunk_by_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []
    target = tmp_path / "s.wav"
    real_open = open

    class Recording:
        def __init__(self, file: object, mode: str) -> None:
            self._file = real_open(file, mode)  # type: ignore[call-overload]

        def __enter__(self) -> Recording:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            writes.append(len(data))
            return int(self._file.write(data))

    monkeypatch.setattr("builtins.open", Recording)
    response().stream_to_file(target, chunk_size=50_000)
    monkeypatch.undo()
    assert writes == [50_000] * 5 + [6_000]
    assert target.read_bytes() == BODY


@pytest.mark.parametrize("chunk_size", [0, -1, 1.5, True])
def test_a_bad_chunk_size_fails_before_the_file_is_touched(
    tmp_path: Path, chunk_size: object
) -> None:
    target = tmp_path / "never.wav"
    with pytest.raises(ValueError, match="chunk_size must be a positive int"):
        response().stream_to_file(target, chunk_size=chunk_size)  # type: ignore[arg-type]
    assert not target.exists()
