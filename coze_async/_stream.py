"""The stream object returned by every streaming method.

It is returned at once; the request is sent on first use (``await``, ``async with`` or the
first ``__anext__``). Events are decoded a network read at a time (:meth:`AsyncStream.next_batch`,
which the sync layer uses to cross threads once per read, not once per event). The response is
closed on exhaustion, ``break`` (``aclose``/``async with``/garbage collection), cancellation and
error. A stream that ends before its terminal event raises :class:`CozeStreamTruncatedError`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Generator
from types import TracebackType
from typing import Any, Generic, TypeVar

import aiohttp

from ._errors import (
    CozeError,
    CozeInvalidEventError,
    CozeStreamTruncatedError,
    CozeTimeoutError,
)
from ._response import NO_RESPONSE, HTTPResponse
from ._sse import DEFAULT_MAX_LINE_BYTES, ServerSentEvent, SSEDecoder, check_max_line_bytes

__all__ = ["AsyncStream", "release_dropped"]

E = TypeVar("E")
#: The batch of a stream with none to hand out (never changed: batches are replaced whole).
_NO_EVENTS: list[Any] = []
#: The SSE decoder of a stream not yet open (it gets its own with the response).
_NO_DECODER: SSEDecoder[Any] = SSEDecoder()


class AsyncStream(Generic[E]):
    """An async iterator of typed events over one HTTP response; also an async context manager
    and awaitable (``await`` sends the request and returns the stream itself).

    ``decode`` turns one server-sent event into a typed event, returns ``None`` for the terminal
    event and raises a :class:`~coze_async.CozeError` for an error event. If it has a ``bind``
    method, that is called with the stream's :class:`SSEDecoder` and response once the response
    came, to set fast paths on the decoder (their events come out of it typed). ``ends_after`` marks
    events after which the service may close the stream without a terminal event (a workflow's
    ``Interrupt`` or ``Error``): the connection closing right after one is a normal end.
    """

    def __init__(
        self,
        open_response: Callable[[], Awaitable[aiohttp.ClientResponse]],
        decode: Callable[[ServerSentEvent, HTTPResponse], E | None],
        *,
        ends_after: Callable[[E], bool] | None = None,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self._open = open_response
        self._decode = decode
        self._ends_after = ends_after
        self._last: E | None = None
        # Made when the response comes (fewer objects per stream still waiting for one).
        check_max_line_bytes(max_line_bytes)
        self._max_line_bytes = max_line_bytes
        self._sse: SSEDecoder[E] = _NO_DECODER
        self._raw: aiohttp.ClientResponse | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._meta: HTTPResponse = NO_RESPONSE
        self._batch: list[E] = _NO_EVENTS
        self._pos = 0
        self._pending_error: BaseException | None = None
        self._finished = False
        self._events_seen = 0
        self._terminal: ServerSentEvent | None = None
        self._close_reason: CozeError | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    async def _ensure_open(self) -> AsyncStream[E]:
        """Send the request, unless it was sent; the stream itself (``__await__`` and
        ``__aenter__`` hand out this coroutine: no other waits on it for the response)."""
        if self._raw is None:
            if self._finished:
                raise self._close_reason or CozeError("this stream was closed before it was opened")
            raw = await self._open()
            self._raw = raw
            self._loop = asyncio.get_running_loop()
            self._meta = HTTPResponse(raw.status, raw.headers)
            self._sse = SSEDecoder(self._max_line_bytes)
            bind = getattr(self._decode, "bind", None)
            if bind is not None:
                bind(self._sse, self._meta)
        return self

    def __await__(self) -> Generator[object, None, AsyncStream[E]]:
        return self._ensure_open().__await__()

    def __aenter__(self) -> Coroutine[Any, Any, AsyncStream[E]]:
        return self._ensure_open()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the stream and release its connection. Safe to call more than once."""
        self.close()

    def close(self, reason: CozeError | None = None) -> None:
        """Synchronous :meth:`aclose` (aiohttp closes a response without awaiting). With a
        ``reason`` (the client is closing), a read in progress or to come raises it."""
        if reason is not None and not self._finished:
            self._close_reason = reason
        self._finished = True
        self._batch, self._pos = _NO_EVENTS, 0
        raw = self._raw
        if raw is not None and not raw.closed:
            raw.close()

    def __del__(self) -> None:
        # Dropped without being closed (a bare `break`): release the connection.
        release_dropped(getattr(self, "_raw", None), getattr(self, "_loop", None))

    # -- metadata ------------------------------------------------------------------------------

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response (status, headers, ``logid``); empty until the request was sent."""
        return self._meta

    @property
    def terminal_event(self) -> ServerSentEvent | None:
        """The raw event that ended the stream (``done``/``Done`` and its data), once it came."""
        return self._terminal

    @property
    def events_seen(self) -> int:
        """How many events were decoded so far."""
        return self._events_seen

    # -- iteration -----------------------------------------------------------------------------

    def __aiter__(self) -> AsyncStream[E]:
        return self

    async def __anext__(self) -> E:
        if self._pos < len(self._batch):
            event = self._batch[self._pos]
            self._pos += 1
            return event
        self._batch = _NO_EVENTS  # not kept alive while the next read waits
        batch = await self.next_batch()
        if not batch:
            raise StopAsyncIteration
        self._batch, self._pos = batch, 1
        return batch[0]

    async def next_batch(self) -> list[E]:
        """The events not yet handed out, at least one unless the stream is over (then ``[]``).
        Events before a failure are returned first; the failure is raised on the next call."""
        if self._pos < len(self._batch):
            rest = self._batch[self._pos :]
            self._batch, self._pos = _NO_EVENTS, 0
            return rest
        error = self._pending_error
        if error is not None:
            self._pending_error = None
            raise error
        if self._finished:
            if self._close_reason is not None:
                raise self._close_reason
            return []
        try:
            raw = self._raw
            if raw is None:
                raw = (await self._ensure_open())._raw
                assert raw is not None
            events = await self._read(raw)
        except BaseException as exc:
            self.close()
            reason = self._close_reason
            if reason is not None and reason is not exc and isinstance(exc, Exception):
                raise reason from exc
            raise
        return events

    async def _read(self, raw: aiohttp.ClientResponse) -> list[E]:
        events: list[E] = []
        decode, meta = self._decode, self._meta
        while not events:
            cut: aiohttp.ClientError | None = None
            try:
                chunk = await raw.content.readany()
            except asyncio.TimeoutError as exc:
                raise CozeTimeoutError(
                    f"stream timed out after {self._events_seen} events, logid: {meta.logid}"
                ) from exc
            except aiohttp.ClientError as exc:
                # The connection was cut: events that arrived before it still count.
                chunk, cut = _salvage(raw.content), exc
            if not chunk and cut is None:
                return self._end_of_body(raw, events)
            before, append = len(events), events.append
            try:
                for item in self._sse.feed(chunk):
                    if type(item) is ServerSentEvent:
                        event = decode(item, meta)
                        if event is None:
                            self._finish(raw, item)
                            return events
                        append(event)
                    else:
                        append(item)  # type: ignore[arg-type]  # an E, built by a fast path
            except Exception as exc:
                if not events:
                    raise
                self._pending_error = exc
                self.close()
                return events
            finally:  # counted once per read, on every way out of the loop
                if len(events) > before:
                    self._events_seen += len(events) - before
                    self._last = events[-1]
            if cut is not None:
                error = CozeStreamTruncatedError(
                    self._events_seen, meta.logid, f"{type(cut).__name__}: {cut}"
                )
                error.__cause__ = cut
                if not events:
                    raise error
                self._pending_error = error
                self.close()
        return events

    def _end_of_body(self, raw: aiohttp.ClientResponse, events: list[E]) -> list[E]:
        """The body ended. An unterminated last event counts only if it is the terminal one (or
        the server's error); the connection closing right after an ``ends_after`` event is a
        normal end; anything else was cut off."""
        meta = self._meta
        cut_mid_event = self._sse.has_pending
        for sse in self._sse.flush():
            with contextlib.suppress(CozeInvalidEventError):
                if self._decode(sse, meta) is None:
                    self._finish(raw, sse)
                    return events
        last, ends_after = self._last, self._ends_after
        if not cut_mid_event and last is not None and ends_after and ends_after(last):
            self._finished = True
            raw.release()
            return events
        detail = "connection closed mid-event" if cut_mid_event else "connection closed"
        raise CozeStreamTruncatedError(self._events_seen, meta.logid, detail)

    def _finish(self, raw: aiohttp.ClientResponse, terminal: ServerSentEvent) -> None:
        self._finished = True
        self._terminal = terminal
        raw.release()


def _salvage(content: aiohttp.StreamReader) -> bytes:
    """Bytes aiohttp received before a connection failure but will no longer hand out (its
    public reads raise the failure first). Best effort: nothing if its internals differ."""
    read_buffered = getattr(content, "_read_nowait", None)
    if read_buffered is None:
        return b""
    try:
        data = read_buffered(-1)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""


def release_dropped(
    raw: aiohttp.ClientResponse | None, loop: asyncio.AbstractEventLoop | None
) -> None:
    """Close the connection of a response object that was garbage-collected before its end,
    from the response's own loop thread (asyncio transports are not thread-safe)."""
    if raw is None or raw.closed or loop is None or loop.is_closed():
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        raw.close()
    else:
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(raw.close)
