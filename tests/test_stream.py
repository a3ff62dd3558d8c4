"""Chat streams over a real loopback socket: recorded streams replayed byte for byte, truncation,
error and unknown events, and the connection released on every way out."""

from __future__ import annotations

import asyncio
import gc
import random

import orjson
import pytest
from aiohttp import web

from coze_async import (
    AsyncCoze,
    AsyncStream,
    BadRequestError,
    ChatEventType,
    ChatStatus,
    CozeAPIError,
    CozeInvalidEventError,
    CozeStreamTruncatedError,
    Message,
    TokenAuth,
)
from tests.conftest import CHAT_STREAM, fixture_bytes

CHAT = fixture_bytes(CHAT_STREAM)
#: The recorded events, each as the raw block it was sent as.
CHAT_BLOCKS = [block + b"\n\n" for block in CHAT.split(b"\n\n")]
EXPECTED_NAMES = [
    "conversation.chat.created",
    "conversation.chat.in_progress",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.completed",
    "conversation.chat.completed",
]
LOGID = "20261124000000TESTLOGID"


def sse_app(
    body: bytes, *, chunk: int | None = None, stall_after: bool = False, seed: int = 0
) -> web.Application:
    """An app whose POST /v3/chat streams ``body`` (in ``chunk``-byte writes, or random sizes)."""
    rng = random.Random(seed)

    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "x-tt-logid": LOGID}
        )
        await resp.prepare(request)
        pos = 0
        while pos < len(body):
            size = chunk or rng.randint(1, 64)
            await resp.write(body[pos : pos + size])
            pos += size
        if stall_after:
            await asyncio.sleep(30)
        await resp.write_eof()
        return resp

    app = web.Application()
    app.router.add_post("/v3/chat", handler)
    return app


def client(url: str) -> AsyncCoze:
    return AsyncCoze(TokenAuth("test-token"), url)


def start_chat(coze: AsyncCoze, **kwargs: object) -> AsyncStream:  # type: ignore[type-arg]
    return coze.chat.stream(
        bot_id="bot",
        user_id="user",
        additional_messages=[Message.build_user_question_text("What day is 2024-10-01?")],
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("seed", range(5))
async def test_recorded_chat_stream_replays_identically_in_random_chunks(loopback, seed):
    server = await loopback(sse_app(CHAT, seed=seed))
    async with client(server.url) as coze:
        events = [event async for event in start_chat(coze)]
    assert [e.event.value for e in events] == EXPECTED_NAMES
    assert events[0].chat is not None and events[0].chat.status is ChatStatus.CREATED
    deltas = [
        e.message.content for e in events if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
    ]
    assert "".join(deltas) == "20星期三。"
    completed = events[6].message
    assert completed is not None and completed.content == "2024 年 10 月 1 日是星期三。"
    final = events[7].chat
    assert final is not None and final.usage is not None and final.usage.token_count == 633
    assert all(e.response.logid == LOGID for e in events)


async def test_stream_is_returned_at_once_and_sends_on_first_use(loopback):
    server = await loopback(sse_app(CHAT))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        await asyncio.sleep(0.05)
        assert server.requests == []
        assert stream.response.logid == ""
        async with stream as opened:
            assert opened is stream
            assert stream.response.logid == LOGID
            assert stream.response.status_code == 200
            names = [e.event.value async for e in stream]
        assert names == EXPECTED_NAMES
        assert len(server.requests) == 1
        sent = server.requests[0].json()
        assert sent["stream"] is True and sent["bot_id"] == "bot"


async def test_await_on_stream_returns_the_opened_stream_as_cozepy_code_expects(loopback):
    server = await loopback(sse_app(CHAT))
    async with client(server.url) as coze:
        names = [e.event.value async for e in await start_chat(coze)]
    assert names == EXPECTED_NAMES


@pytest.mark.parametrize("cut", range(len(EXPECTED_NAMES) + 1))
async def test_stream_cut_after_each_event_raises_truncated_with_events_seen(loopback, cut):
    server = await loopback(sse_app(b"".join(CHAT_BLOCKS[:cut])))
    received = []
    async with client(server.url) as coze:
        with pytest.raises(CozeStreamTruncatedError) as info:
            async for event in start_chat(coze):
                received.append(event.event.value)
    assert received == EXPECTED_NAMES[:cut]
    assert info.value.events_seen == cut
    assert info.value.logid == LOGID


async def test_stream_cut_mid_event_does_not_deliver_the_partial_event(loopback):
    partial = b"".join(CHAT_BLOCKS[:3]) + CHAT_BLOCKS[3][:40]
    server = await loopback(sse_app(partial))
    received = []
    async with client(server.url) as coze:
        with pytest.raises(CozeStreamTruncatedError, match="mid-event") as info:
            async for event in start_chat(coze):
                received.append(event)
    assert len(received) == 3
    assert info.value.events_seen == 3


async def test_done_terminated_by_a_blank_line_also_ends_the_stream(loopback):
    server = await loopback(sse_app(CHAT + b"\n\n"))
    async with client(server.url) as coze:
        names = [e.event.value async for e in start_chat(coze)]
    assert names == EXPECTED_NAMES


async def test_error_event_raises_typed_error_after_earlier_events(loopback):
    body = b"".join(CHAT_BLOCKS[:3]) + b'event:error\ndata:{"code":4000,"msg":"bad parameter"}\n\n'
    server = await loopback(sse_app(body, chunk=len(body)))
    received = []
    async with client(server.url) as coze:
        with pytest.raises(BadRequestError) as info:
            async for event in start_chat(coze):
                received.append(event)
    assert len(received) == 3
    assert (info.value.code, info.value.msg, info.value.logid) == (4000, "bad parameter", LOGID)


async def test_error_event_with_empty_data_still_raises_api_error(loopback):
    server = await loopback(sse_app(b"event:error\ndata:{}\n\n"))
    async with client(server.url) as coze:
        with pytest.raises(CozeAPIError) as info:
            [e async for e in start_chat(coze)]
    assert info.value.code is None
    assert "{}" in info.value.msg
    assert info.value.logid == LOGID


async def test_unknown_event_is_yielded_with_its_name_and_raw_data(loopback):
    extra = b'event:conversation.brand_new\ndata:{"x":1}\n\n'
    server = await loopback(sse_app(CHAT_BLOCKS[0] + extra + b"".join(CHAT_BLOCKS[1:])))
    async with client(server.url) as coze:
        events = [e async for e in start_chat(coze)]
    unknown = events[1]
    assert unknown.event is ChatEventType.UNKNOWN
    assert unknown.unknown == {"event": "conversation.brand_new", "data": '{"x":1}'}
    assert [e.event.value for e in events if e is not unknown] == EXPECTED_NAMES


async def test_unknown_event_in_strict_mode_raises(loopback):
    extra = b'event:conversation.brand_new\ndata:{"x":1}\n\n'
    server = await loopback(sse_app(CHAT_BLOCKS[0] + extra + b"".join(CHAT_BLOCKS[1:])))
    async with client(server.url) as coze:
        with pytest.raises(CozeInvalidEventError) as info:
            [e async for e in start_chat(coze, strict=True)]
    assert info.value.field == "event"
    assert info.value.data == "conversation.brand_new"
    assert info.value.logid == LOGID


async def test_malformed_event_data_raises_after_earlier_events(loopback):
    body = CHAT_BLOCKS[0] + b"event:conversation.message.delta\ndata:{not json\n\n"
    server = await loopback(sse_app(body, chunk=len(body)))
    received = []
    async with client(server.url) as coze:
        with pytest.raises(CozeInvalidEventError) as info:
            async for event in start_chat(coze):
                received.append(event)
    assert len(received) == 1
    assert (info.value.field, info.value.data, info.value.logid) == ("data", "{not json", LOGID)


async def test_unknown_status_and_fields_never_crash(loopback):
    chat = {"id": "1", "conversation_id": "2", "status": "paused_for_lunch", "brand_new": [1]}
    body = b"event:conversation.chat.created\ndata:" + orjson.dumps(chat) + b"\n\n"
    server = await loopback(sse_app(body + b'event:done\ndata:"[DONE]"\n\n'))
    async with client(server.url) as coze:
        events = [e async for e in start_chat(coze)]
    status = events[0].chat.status
    assert status.value == "paused_for_lunch" and status.is_dynamic


# -- the connection is released on every way out --------------------------------------------


async def wait_for_no_connections(server, seconds: float = 2.0) -> int:
    for _ in range(int(seconds / 0.02)):
        if server.live_connections() == 0:
            return 0
        await asyncio.sleep(0.02)
    return server.live_connections()


async def test_break_inside_async_with_closes_the_response(loopback):
    server = await loopback(sse_app(CHAT, stall_after=True))
    async with client(server.url) as coze:
        async with start_chat(coze) as stream:
            async for _ in stream:
                break
        assert stream._raw is not None and stream._raw.closed
        assert await wait_for_no_connections(server) == 0


async def test_bare_break_then_garbage_collection_closes_the_response(loopback):
    server = await loopback(sse_app(CHAT, stall_after=True))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        async for _ in stream:
            break
        raw = stream._raw
        del stream
        gc.collect()
        assert raw is not None and raw.closed
        assert await wait_for_no_connections(server) == 0


async def test_aclose_mid_stream_stops_iteration(loopback):
    server = await loopback(sse_app(CHAT, stall_after=True))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        first = await stream.__anext__()
        await stream.aclose()
        await stream.aclose()
        assert first.event is ChatEventType.CONVERSATION_CHAT_CREATED
        assert [e async for e in stream] == []
        assert await wait_for_no_connections(server) == 0


async def test_cancelling_the_consumer_task_closes_the_response(loopback):
    server = await loopback(sse_app(CHAT, stall_after=True))
    seen: list[str] = []
    async with client(server.url) as coze:
        stream = start_chat(coze)

        async def consume() -> None:
            async for event in stream:
                seen.append(event.event.value)

        task = asyncio.create_task(consume())
        while len(seen) < len(EXPECTED_NAMES):
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert stream._raw is not None and stream._raw.closed
        assert await wait_for_no_connections(server) == 0


async def test_exception_in_consumer_closes_response_and_client_stays_usable(loopback):
    server = await loopback(sse_app(CHAT))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        with pytest.raises(RuntimeError, match="consumer failed"):
            async with stream:
                async for _ in stream:
                    raise RuntimeError("consumer failed")
        assert stream._raw is not None and stream._raw.closed
        names = [e.event.value async for e in start_chat(coze)]
        assert names == EXPECTED_NAMES


async def test_many_streams_broken_early_leave_no_connection_open(loopback):
    server = await loopback(sse_app(CHAT, stall_after=True))
    async with client(server.url) as coze:
        for _ in range(50):
            async with start_chat(coze) as stream:
                async for _ in stream:
                    break
        assert await wait_for_no_connections(server) == 0


async def test_events_received_before_a_connection_cut_are_still_delivered(loopback):
    """The cut and the last events arrive together: aiohttp raises the payload error before
    handing out its buffered bytes; the stream must still deliver those events first."""
    body = b"".join(CHAT_BLOCKS[:5])

    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "x-tt-logid": LOGID}
        )
        await resp.prepare(request)
        await resp.write(body)
        assert request.transport is not None
        request.transport.close()  # mid-body: the chunked encoding never terminates
        return resp

    app = web.Application()
    app.router.add_post("/v3/chat", handler)
    server = await loopback(app)
    async with client(server.url) as coze:
        stream = await start_chat(coze)
        await asyncio.sleep(0.2)  # everything, the cut included, is in before the first read
        received = []
        with pytest.raises(CozeStreamTruncatedError) as info:
            async for event in stream:
                received.append(event.event.value)
    assert received == EXPECTED_NAMES[:5]
    assert info.value.events_seen == 5
    assert info.value.logid == LOGID


async def test_a_stream_closed_before_use_sends_nothing_and_says_so(loopback):
    from coze_async import CozeError

    server = await loopback(sse_app(CHAT))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        await stream.aclose()
        assert [e async for e in stream] == []
        with pytest.raises(CozeError, match="closed before it was opened"):
            await stream
    assert server.requests == []


def _generated_chat(deltas: int) -> bytes:
    """A chat stream as the service sends it: two messages (the first reasoning, then answering),
    texts of every spelling, and the events around them."""
    chat = b'{"id":"c","conversation_id":"v","status":"in_progress"}'
    message = {"id": "m", "role": "assistant", "type": "answer", "content_type": "text"}
    texts = ["tok ", "星", "a\nb", '"q"', "\\", "</p>", ""]
    events = [(b"conversation.chat.created", chat), (b"conversation.chat.in_progress", chat)]
    for i in range(deltas):
        data = {**message, "content": "", "reasoning_content": texts[i % len(texts)]}
        events.append((b"conversation.message.delta", orjson.dumps(data)))
    for i in range(deltas):
        data = {**message, "id": "m2", "content": texts[i % len(texts)], "chat_id": "c"}
        events.append((b"conversation.message.delta", orjson.dumps(data)))
    events.append((b"conversation.message.completed", orjson.dumps({**message, "content": "x"})))
    events += [(b"conversation.chat.completed", chat), (b"done", b'"[DONE]"')]
    return b"".join(b"event:%s\ndata:%s\n\n" % event for event in events)


@pytest.mark.parametrize("seed", range(3))
async def test_a_long_chat_stream_gives_what_the_converter_gives(loopback, seed):
    """Every event of a stream (its deltas built by the fast paths) equals the one the plain
    decoding path gives for the same bytes; the terminal event is kept as it came."""
    from coze_async._events import decode_chat_event
    from coze_async._sse import SSEDecoder

    body = _generated_chat(300)
    server = await loopback(sse_app(body, seed=seed))
    async with client(server.url) as coze:
        stream = start_chat(coze)
        events = [event async for event in stream]
    plain = SSEDecoder().feed(body)
    expected = [decode_chat_event(sse, stream.response, strict=True) for sse in plain[:-1]]
    assert events == expected
    assert [e.message.reasoning_content for e in events[2:302]][:3] == ["tok ", "星", "a\nb"]
    assert stream.terminal_event == plain[-1]
    assert stream.events_seen == len(expected)
