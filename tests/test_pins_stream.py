"""Pins for ``_stream.AsyncStream`` driven by a fake response (no socket): how it ends (terminal
event in a read or at EOF, an ``ends_after`` event, a cut with or without a partial event), what
it says when it does, batches handed out after a partial ``__anext__``, a pending error raised
once, the read timeout message, salvage without aiohttp internals, and ``__del__`` on a
half-built or already closed stream."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import aiohttp
import pytest
from aiohttp.base_protocol import BaseProtocol

from coze_async import CozeError, CozeStreamTruncatedError, CozeTimeoutError
from coze_async._errors import CozeAPIError
from coze_async._sse import ServerSentEvent
from coze_async._stream import AsyncStream


class FakeContent:
    def __init__(self, chunks: list[bytes], error: BaseException | None = None) -> None:
        self.chunks = list(chunks)
        self.error = error
        self.reads = 0

    async def readany(self) -> bytes:
        self.reads += 1
        if self.chunks:
            return self.chunks.pop(0)
        if self.error is not None:
            raise self.error
        return b""


class SalvageContent(FakeContent):
    def __init__(self, chunks: list[bytes], error: BaseException, leftover: bytes) -> None:
        super().__init__(chunks, error)
        self.leftover = leftover

    def _read_nowait(self, n: int) -> bytes:
        data, self.leftover = self.leftover, b""
        return data


class FakeResponse:
    status = 200

    def __init__(self, content: FakeContent) -> None:
        self.content = content
        self.headers = {"x-tt-logid": "L"}
        self.closed = False
        self.closes = 0
        self.released = False

    def close(self) -> None:
        self.closes += 1
        self.closed = True

    def release(self) -> None:
        self.released = True


def decode(sse: ServerSentEvent, meta: Any) -> str | None:
    if sse.event == "done":
        return None
    if sse.event == "error":
        raise CozeAPIError(1, sse.data)
    return sse.data


def make(
    chunks: list[bytes], error: BaseException | None = None, **kwargs: Any
) -> tuple[AsyncStream[str], FakeResponse]:
    raw = FakeResponse(kwargs.pop("content", None) or FakeContent(chunks, error))

    async def open_response() -> Any:
        return raw

    return AsyncStream(open_response, decode, **kwargs), raw


def ev(name: str, data: str) -> bytes:
    return f"event: {name}\ndata: {data}\n\n".encode()


# --- how a stream ends -------------------------------------------------------------------------


async def test_terminal_event_ends_the_stream_and_is_kept() -> None:
    stream, raw = make([ev("a", "1") + ev("done", "bye") + ev("a", "late")])
    assert stream.terminal_event is None
    assert [e async for e in stream] == ["1"]
    assert stream.terminal_event == ServerSentEvent("done", "bye")
    assert raw.released
    assert stream.events_seen == 1


async def test_terminal_event_cut_before_its_blank_line_still_ends_the_stream() -> None:
    stream, raw = make([ev("a", "1"), b"event: done\ndata: bye"])
    assert await stream.next_batch() == ["1"]
    assert await stream.next_batch() == []
    assert stream.terminal_event == ServerSentEvent("done", "bye")
    assert raw.released


async def test_eof_right_after_an_ends_after_event_is_a_normal_end() -> None:
    stream, raw = make([ev("a", "1"), ev("a", "last")], ends_after=lambda e: e == "last")
    assert await stream.next_batch() == ["1"]
    assert await stream.next_batch() == ["last"]
    reads = raw.content.reads
    assert await stream.next_batch() == []
    assert raw.released
    assert stream.terminal_event is None
    # Finished: nothing more is read.
    assert await stream.next_batch() == []
    assert raw.content.reads == reads + 1


async def test_eof_after_an_event_not_marked_ends_after_is_a_cut() -> None:
    stream, _ = make([ev("a", "1"), ev("a", "2")], ends_after=lambda e: e == "last")
    with pytest.raises(CozeStreamTruncatedError) as info:
        [e async for e in stream]
    assert str(info.value).endswith("(connection closed)")
    assert info.value.detail == "connection closed"
    assert info.value.events_seen == 2


async def test_an_empty_body_is_a_cut_even_when_every_event_could_end_it() -> None:
    stream, _ = make([], ends_after=lambda e: True)
    with pytest.raises(CozeStreamTruncatedError) as info:
        await stream.next_batch()
    assert info.value.detail == "connection closed"
    assert info.value.events_seen == 0


async def test_a_partial_event_after_an_ends_after_event_is_a_cut_mid_event() -> None:
    stream, _ = make([ev("a", "last") + b"event: a\ndata: 2"], ends_after=lambda e: e == "last")
    assert await stream.next_batch() == ["last"]
    with pytest.raises(CozeStreamTruncatedError) as info:
        await stream.next_batch()
    assert info.value.detail == "connection closed mid-event"


# --- batches, pending errors -------------------------------------------------------------------


async def test_next_batch_after_anext_hands_out_the_rest_of_the_batch() -> None:
    stream, _ = make([ev("a", "1") + ev("a", "2") + ev("a", "3"), ev("done", "")])
    assert await stream.__anext__() == "1"
    assert await stream.next_batch() == ["2", "3"]
    assert await stream.next_batch() == []
    with pytest.raises(StopAsyncIteration):
        await stream.__anext__()


async def test_an_error_after_events_is_raised_once_then_the_stream_is_over() -> None:
    stream, raw = make([ev("a", "1") + ev("error", "boom") + ev("a", "2")])
    assert await stream.next_batch() == ["1"]
    assert raw.closed
    with pytest.raises(CozeAPIError, match="boom"):
        await stream.next_batch()
    assert await stream.next_batch() == []


async def test_a_cut_after_events_raises_truncated_with_the_cause() -> None:
    cut = aiohttp.ClientPayloadError("boom")
    stream, _ = make([], content=SalvageContent([ev("a", "1")], cut, ev("a", "2")))
    assert await stream.next_batch() == ["1"]
    assert await stream.next_batch() == ["2"]
    with pytest.raises(CozeStreamTruncatedError) as info:
        await stream.next_batch()
    assert info.value.detail == "ClientPayloadError: boom"
    assert info.value.__cause__ is cut
    assert info.value.events_seen == 2
    assert info.value.logid == "L"


async def test_a_cut_without_aiohttp_internals_salvages_nothing() -> None:
    cut = aiohttp.ClientPayloadError("boom")
    stream, _ = make([ev("a", "1")], cut)
    assert await stream.next_batch() == ["1"]
    with pytest.raises(CozeStreamTruncatedError) as info:
        await stream.next_batch()
    assert info.value.__cause__ is cut


async def test_a_read_timeout_names_the_events_and_logid() -> None:
    stream, raw = make([ev("a", "1")], asyncio.TimeoutError())
    assert await stream.next_batch() == ["1"]
    with pytest.raises(CozeTimeoutError, match=r"^stream timed out after 1 events, logid: L$"):
        await stream.next_batch()
    assert raw.closed


async def test_a_stream_closed_before_it_was_opened_says_so() -> None:
    stream, raw = make([ev("a", "1")])
    await stream.aclose()
    with pytest.raises(CozeError, match=r"^this stream was closed before it was opened$"):
        await stream
    assert raw.content.reads == 0


# --- closed with a reason (the client closing) -------------------------------------------------


class BlockedContent(FakeContent):
    """A read that waits until the response is closed, then fails as aiohttp's does."""

    def __init__(self, raw_closed: asyncio.Event) -> None:
        super().__init__([])
        self.raw_closed = raw_closed

    async def readany(self) -> bytes:
        self.reads += 1
        await self.raw_closed.wait()
        raise aiohttp.ClientConnectionError("Connection closed")


async def test_a_read_in_progress_when_closed_with_a_reason_raises_the_reason() -> None:
    closed = asyncio.Event()
    stream, raw = make([], content=BlockedContent(closed))
    await stream
    reader = asyncio.ensure_future(stream.next_batch())
    await asyncio.sleep(0)
    reason = CozeError("the client was closed")
    stream.close(reason)
    closed.set()
    with pytest.raises(CozeError) as info:
        await reader
    assert info.value is reason
    assert isinstance(info.value.__cause__, CozeStreamTruncatedError)  # what the read saw
    assert raw.closed


async def test_a_read_after_a_close_with_a_reason_raises_it_every_time() -> None:
    stream, raw = make([ev("a", "1")])
    await stream
    reason = CozeError("the client was closed")
    stream.close(reason)
    stream.close(CozeError("a second reason does not replace the first"))
    for _ in range(2):
        with pytest.raises(CozeError) as info:
            await stream.next_batch()
        assert info.value is reason
    assert raw.content.reads == 0


async def test_a_close_with_a_reason_after_the_stream_ended_changes_nothing() -> None:
    stream, _ = make([ev("a", "1") + ev("done", "")])
    assert [event async for event in stream] == ["1"]
    stream.close(CozeError("the client was closed"))
    assert await stream.next_batch() == []


async def test_a_cut_salvages_what_a_real_aiohttp_reader_still_buffers() -> None:
    protocol = BaseProtocol(asyncio.get_running_loop())
    content = aiohttp.StreamReader(protocol, 2**16, loop=asyncio.get_running_loop())
    content.feed_data(ev("a", "1") + ev("a", "22"))
    cut = aiohttp.ClientPayloadError("boom")
    content.set_exception(cut)
    stream, _ = make([], content=content)
    assert await stream.next_batch() == ["1", "22"]
    with pytest.raises(CozeStreamTruncatedError) as info:
        await stream.next_batch()
    assert info.value.__cause__ is cut


# --- __del__ -----------------------------------------------------------------------------------
#
# The finalizer is driven the way it runs for real: the last reference to a stream is dropped
# (and ``gc.collect()`` runs), inside the test. These tests used to call ``__del__`` by hand on
# objects built with ``AsyncStream.__new__`` and left some of them, and a stream whose
# ``__init__`` raised, to the cyclic collector. Under mutmut's trampolines every ``__del__``
# runs a ``ContextVar.set``/``reset``; run by the collector in the middle of another
# ``ContextVar.set`` (a later, unrelated test) that crashed the interpreter (SIGSEGV, exit 139
# in the stats run, 3 runs out of 3). Collecting here keeps each finalizer in its own test.


class FakeLoop:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error
        self.callbacks: list[Any] = []

    def is_closed(self) -> bool:
        return False

    def call_soon_threadsafe(self, callback: Any) -> None:
        if self.error is not None:
            raise self.error
        self.callbacks.append(callback)


def drop(streams: list[AsyncStream[str]], **state: Any) -> None:
    """Give the only stream in ``streams`` (which holds the last reference to it) the state
    opening it on ``state["_loop"]`` would (without a socket or a second event loop), then drop
    it: its ``__del__`` runs once, here."""
    for name, value in state.items():
        setattr(streams[0], name, value)
    streams.clear()
    gc.collect()


def test_del_of_a_stream_never_opened_or_whose_init_failed_does_nothing() -> None:
    raw = FakeResponse(FakeContent([]))

    def failed_init() -> None:
        AsyncStream(lambda: raw, decode, max_line_bytes=0)  # type: ignore[arg-type,return-value]

    with pytest.raises(ValueError):
        failed_init()  # the half-built stream (no ``_raw`` at all) is collected below
    gc.collect()
    drop([make([])[0]])  # not opened: ``_raw`` and ``_loop`` are None
    drop([make([])[0]], _raw=raw)  # ``_loop`` None
    assert raw.closes == 0


async def test_del_of_an_open_stream_on_another_loop_schedules_the_close_there() -> None:
    raw, loop = FakeResponse(FakeContent([])), FakeLoop()
    drop([make([])[0]], _raw=raw, _loop=loop)
    assert loop.callbacks == [raw.close]
    assert raw.closes == 0
    loop.callbacks[0]()
    assert raw.closed


async def test_del_of_an_already_closed_response_does_nothing() -> None:
    raw, loop = FakeResponse(FakeContent([])), FakeLoop()
    raw.close()
    drop([make([])[0]], _raw=raw, _loop=loop)
    drop([make([])[0]], _raw=raw, _loop=asyncio.get_running_loop())
    assert loop.callbacks == []
    assert raw.closes == 1


async def test_del_when_the_other_loop_is_closing_is_silent() -> None:
    raw = FakeResponse(FakeContent([]))
    drop([make([])[0]], _raw=raw, _loop=FakeLoop(RuntimeError("Event loop is closed")))
    assert not raw.closed


async def test_del_of_a_stream_opened_on_its_own_loop_closes_at_once() -> None:
    stream, raw = make([ev("a", "1")])
    await stream  # opened for real: ``_raw`` and ``_loop`` set by the stream itself
    assert not raw.closed
    streams = [stream]
    del stream
    drop(streams)
    assert raw.closes == 1


async def test_a_finished_chat_stream_leaves_no_reference_cycle() -> None:
    """A chat stream's decoders (its SSE decoder, the chat decoder, the delta shortcut) are
    freed as soon as the stream is: no cycle among them waits for the garbage collector."""
    from coze_async._events import chat_event_decoder
    from tests.conftest import CHAT_STREAM, fixture_bytes

    raw = FakeResponse(FakeContent([fixture_bytes(CHAT_STREAM)]))

    async def open_response() -> Any:
        return raw

    gc.collect()
    gc.disable()
    try:
        stream = AsyncStream(open_response, chat_event_decoder(strict=False))
        events = [event async for event in stream]
        assert len(events) > 3 and raw.released
        del stream, events
        assert gc.collect() == 0
    finally:
        gc.enable()
