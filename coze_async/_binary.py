"""A binary answer (the audio of ``audio.speech.create``), streamed from the network.

:class:`AsyncFileHTTPResponse` is cozepy's ``FileHTTPResponse`` for the async API. It is returned
at once, like a stream; ``await`` (or ``async with``) sends the request and returns it once the
response headers arrived and were checked (an error envelope raises its typed error there).
The body is then read as the caller asks: :meth:`~AsyncFileHTTPResponse.read` (whole),
:meth:`~AsyncFileHTTPResponse.iter_bytes` (chunks as they come) or
:meth:`~AsyncFileHTTPResponse.write_to_file` (chunks to disk, so memory stays flat whatever the
size). The connection is released when the body was read to its end, and closed on ``aclose``,
``async with`` exit, an error, cancellation, the client's ``close()`` or garbage collection. A
body cut short raises :class:`~coze_async.CozeConnectionError`, never a silent truncation.

The sync twin (``FileHTTPResponse`` in ``_sync_layer``) pulls :meth:`next_batch` across the
portal: one hop per batch of chunks already received, not one per chunk.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable, Generator
from types import TracebackType

import aiohttp

from ._errors import (
    CozeConnectionError,
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    CozeTimeoutError,
)
from ._response import NO_RESPONSE, HTTPResponse
from ._stream import release_dropped
from ._uploads import UploadProgress

__all__ = ["BATCH_BYTES", "AsyncFileHTTPResponse", "check_chunk_size"]

#: The most bytes one :meth:`AsyncFileHTTPResponse.next_batch` hands out (one portal hop).
BATCH_BYTES = 1 << 20


def check_chunk_size(chunk_size: int | None) -> int | None:
    """``chunk_size`` of ``iter_bytes``: ``None`` or a positive int."""
    if chunk_size is None:
        return None
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise CozeInvalidArgumentTypeError(
            f"chunk_size must be an int or None, not {type(chunk_size).__name__}"
        )
    if chunk_size <= 0:
        raise CozeInvalidArgumentError(f"chunk_size must be positive, got {chunk_size}")
    return chunk_size


class AsyncFileHTTPResponse:
    """A binary response body, read from the network as it is consumed; also an async context
    manager and awaitable (``await`` sends the request and returns the object itself)."""

    def __init__(
        self, open_response: Callable[[], Awaitable[aiohttp.ClientResponse]], what: str
    ) -> None:
        self._open = open_response
        #: ``"POST /v1/audio/speech"``, for error messages.
        self._what = what
        self._raw: aiohttp.ClientResponse | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._meta: HTTPResponse = NO_RESPONSE
        self._received = 0
        self._finished = False
        self._close_reason: CozeError | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    async def _ensure_open(self) -> aiohttp.ClientResponse:
        if self._raw is None:
            if self._finished:
                raise self._close_reason or CozeError("this response was closed before it was sent")
            raw = await self._open()
            self._raw = raw
            self._loop = asyncio.get_running_loop()
            self._meta = HTTPResponse(raw.status, raw.headers)
        return self._raw

    def __await__(self) -> Generator[object, None, AsyncFileHTTPResponse]:
        return self._await_open().__await__()

    async def _await_open(self) -> AsyncFileHTTPResponse:
        await self._ensure_open()
        return self

    async def __aenter__(self) -> AsyncFileHTTPResponse:
        return await self._await_open()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop reading and release the connection. Safe to call more than once."""
        self.close()

    def close(self, reason: CozeError | None = None) -> None:
        """Synchronous :meth:`aclose`. With a ``reason`` (the client is closing), a read in
        progress or to come raises it."""
        if reason is not None and not self._finished:
            self._close_reason = reason
        self._finished = True
        raw = self._raw
        if raw is not None and not raw.closed:
            raw.close()

    def __del__(self) -> None:
        # Dropped before its end: release the connection.
        release_dropped(getattr(self, "_raw", None), getattr(self, "_loop", None))

    # -- metadata ------------------------------------------------------------------------------

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response (status, headers, ``logid``); empty until the request was sent."""
        return self._meta

    @property
    def content_type(self) -> str:
        """The body's media type (``audio/mpeg``, ``audio/wav``...), empty until sent."""
        return self._meta.headers.get("Content-Type", "")

    @property
    def content_length(self) -> int | None:
        """The body's size in bytes, when the service announced it."""
        raw = self._meta.headers.get("Content-Length")
        return int(raw) if raw is not None and raw.isdigit() else None

    @property
    def bytes_received(self) -> int:
        """How many bytes of the body were handed out so far."""
        return self._received

    # -- reading -------------------------------------------------------------------------------

    async def _chunk(self, size: int | None, *, wait: bool = True) -> bytes:
        """The next piece of the body: ``b""`` at its end (which releases the connection), or,
        without ``wait``, when nothing more is buffered yet."""
        if self._finished:
            if self._close_reason is not None:
                raise self._close_reason
            return b""
        try:
            raw = await self._ensure_open()
            content = raw.content
            try:
                if not wait:
                    data = content.read_nowait(-1 if size is None else size)
                    if not data:
                        return b""
                elif size is None:
                    data = await content.readany()
                else:
                    data = await content.read(size)
            except asyncio.TimeoutError as exc:
                raise CozeTimeoutError(
                    f"{self._what}: timed out reading the body after {self._received} bytes",
                    may_have_succeeded=True,
                ) from exc
            except aiohttp.ClientError as exc:
                raise self._cut(exc) from exc
        except BaseException as exc:
            reason = self._close_reason
            self.close()
            if reason is not None and reason is not exc and isinstance(exc, Exception):
                raise reason from exc
            raise
        if not data:
            self._finished = True
            raw.release()
            return b""
        self._received += len(data)
        return data

    def _cut(self, exc: BaseException) -> CozeConnectionError:
        expected = self.content_length
        of = f" of {expected}" if expected is not None else ""
        return CozeConnectionError(
            f"{self._what}: the body was cut after {self._received}{of} bytes "
            f"({type(exc).__name__}: {exc}), logid: {self._meta.logid}",
            may_have_succeeded=True,
        )

    async def next_batch(self, max_bytes: int = BATCH_BYTES) -> list[bytes]:
        """The chunks that arrived, at least one unless the body is over (then ``[]``): waits
        for one network read, then takes what is already buffered, up to ``max_bytes``."""
        first = await self._chunk(None)
        if not first:
            return []
        batch, size = [first], len(first)
        while size < max_bytes and (more := await self._chunk(max_bytes - size, wait=False)):
            batch.append(more)
            size += len(more)
        return batch

    async def read(self) -> bytes:
        """The whole body (the rest of it, if some was read already)."""
        parts = []
        while chunk := await self._chunk(None):
            parts.append(chunk)
        return b"".join(parts)

    def iter_bytes(self, chunk_size: int | None = None) -> _Chunks:
        """The body in chunks as they arrive from the network (of at most ``chunk_size``
        bytes when given). ``async for chunk in resp.iter_bytes(): ...``"""
        return _Chunks(self, check_chunk_size(chunk_size))

    async def write_to_file(
        self, file: str | os.PathLike[str], *, progress: UploadProgress | None = None
    ) -> None:
        """Write the body to ``file`` (created or truncated) as it arrives: memory stays flat
        whatever its size, and the disk is written from a worker thread, never the event loop.
        ``progress(written, total)`` is called after each batch (``total``: the Content-Length,
        or ``None``). On failure the partial file is removed and the error raised."""
        out = await asyncio.to_thread(open, file, "wb")
        written = 0
        try:
            while batch := await self.next_batch():
                await asyncio.to_thread(out.writelines, batch)
                if progress is not None:
                    written += sum(map(len, batch))
                    progress(written, self.content_length)
        except BaseException:
            out.close()
            with contextlib.suppress(OSError):
                os.remove(file)
            raise
        await asyncio.to_thread(out.close)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self._meta.status_code}, "
            f"content_type={self.content_type!r}, logid={self._meta.logid!r})"
        )


class _Chunks:
    """The async iterator of :meth:`AsyncFileHTTPResponse.iter_bytes`."""

    def __init__(self, owner: AsyncFileHTTPResponse, size: int | None) -> None:
        self._owner = owner
        self._size = size

    def __aiter__(self) -> _Chunks:
        return self

    async def __anext__(self) -> bytes:
        chunk = await self._owner._chunk(self._size)
        if not chunk:
            raise StopAsyncIteration
        return chunk
