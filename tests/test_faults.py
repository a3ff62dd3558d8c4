"""Fault injection over real sockets: stalls and timeouts, stale keep-alive connections,
mass cancellation with no leak, a soak of 10,000 requests with random faults, and an
unclosed client at exit. Everything is bounded in count and time."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from coze_async import (
    AsyncCoze,
    ChatEventType,
    Coze,
    CozeTimeoutError,
    Message,
    TokenAuth,
)
from coze_async.emulator import ECHO_BOT_ID, ChatContext, Emulator
from tests.sleeps import record_client_sleeps

LIST = "/v3/chat/message/list"


def ask() -> list[Message]:
    return [Message.build_user_question_text("hello")]


@pytest.fixture
async def coze(emu: Emulator) -> AsyncIterator[AsyncCoze]:
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as client:
        yield client


async def pause_then_stall(context: ChatContext) -> AsyncIterator[str]:
    yield "first "
    await asyncio.sleep(0.1)  # a pause well inside the idle limit: not a stall
    yield "second "
    await asyncio.Event().wait()  # then nothing, ever
    yield "never"


async def test_a_stalled_stream_times_out_on_the_idle_limit_and_is_not_retried(emu, coze):
    bot = emu.register_responder(pause_then_stall)
    idle = aiohttp.ClientTimeout(sock_read=0.5, connect=5)
    received = []
    stream = coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask(), timeout=idle)

    # The stream stalls forever, so only the idle limit can end it (the guard only turns a hang
    # into a failure); the pause before the second delta shows the limit is not shorter.
    async def consume() -> None:
        async for event in stream:
            received.append(event)

    with pytest.raises(CozeTimeoutError, match="after 4 events"):
        await asyncio.wait_for(consume(), 30)
    kinds = [e.event for e in received]
    assert kinds[-2:] == [ChatEventType.CONVERSATION_MESSAGE_DELTA] * 2
    assert emu.request_counts["/v3/chat"] == 1


async def test_a_slow_first_byte_times_out_on_every_attempt(emu, coze, monkeypatch):
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    emu.inject(path=LIST, latency=30, times=None)
    sleeps = record_client_sleeps(monkeypatch)
    with pytest.raises(CozeTimeoutError):
        await coze.chat.messages.list(
            conversation_id=chat.conversation_id,
            chat_id=chat.id,
            timeout=aiohttp.ClientTimeout(sock_read=0.4, connect=5),
        )
    assert emu.request_counts[LIST] == 3
    # Each attempt waited out its own read limit (the server takes 30 s), with the exponential
    # backoff between them: 0.5 s and 1 s, each shortened by at most 25 % jitter.
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


async def test_a_trickling_stream_hits_the_total_deadline(emu, coze):
    # Every gap (0.3 s) is inside the idle limit (0.5 s), so only the 1 s total can end it.
    emu.inject(path="/v3/chat", event_delay=0.3)
    deadline = aiohttp.ClientTimeout(total=1.0, sock_read=0.5)
    received = []
    with pytest.raises(CozeTimeoutError):
        async for event in coze.chat.stream(
            bot_id=ECHO_BOT_ID,
            user_id="u",
            additional_messages=[Message.build_user_question_text("a b c d e f g h")],
            timeout=deadline,
        ):
            received.append(event)
    # Events come at most one per 0.3 s after the first, so a 1 s total lets at most 4 through
    # (fewer on a slow machine); the whole stream has many more.
    assert len(received) <= 4


async def test_stale_keep_alive_connections_are_not_a_failure():
    async with (
        Emulator(keepalive_timeout=0.2, strict=True) as emu,
        AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze,
    ):
        chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        for _ in range(5):
            await asyncio.sleep(0.3)  # the server has closed the idle connection by now
            await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
            await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        assert emu.request_counts["/v3/chat"] == 6
        assert emu.request_counts["/v3/chat/retrieve"] == 5


async def test_a_thousand_streams_cancelled_at_random_moments_leak_nothing(emu):
    def slow(context: ChatContext) -> list[str]:
        return [f"{i} " for i in range(30)]

    bot = emu.register_responder(slow)
    emu.inject(path="/v3/chat", event_delay=0.005, times=None)
    rng = random.Random(1234)
    events_at_cancel: list[int] = []
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:

        async def consume() -> None:
            count = 0
            try:
                async for _ in coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask()):
                    count += 1
            except asyncio.CancelledError:
                events_at_cancel.append(count)
                raise

        async def cancel_later(task: asyncio.Task[None], delay: float) -> None:
            await asyncio.sleep(delay)
            task.cancel()

        for _ in range(4):  # 4 waves of 250 concurrent streams
            tasks = [asyncio.create_task(consume()) for _ in range(250)]
            killers = [cancel_later(t, rng.uniform(0, 0.6)) for t in tasks]
            await asyncio.gather(*killers)
            results = await asyncio.gather(*tasks, return_exceptions=True)
            unexpected = [r for r in results if not isinstance(r, asyncio.CancelledError | None)]
            assert unexpected == []
    # Cancels landed at every stage: before the first event, and mid-stream.
    assert any(n == 0 for n in events_at_cancel)
    assert any(0 < n < 33 for n in events_at_cancel)
    assert emu.request_counts["/v3/chat"] >= 200
    for _ in range(100):
        if emu.open_connections == 0:
            break
        await asyncio.sleep(0.05)
    assert emu.open_connections == 0
    await asyncio.sleep(0.05)
    leftover = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert leftover == []


async def test_ten_thousand_requests_over_two_hundred_tasks_with_random_faults(emu):
    emu.inject(path="/v3/chat/retrieve", status=503, probability=0.01, times=None)
    # 4 retries: with 2, about 1 run in 100 would see a request hit three 503s in a row.
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url, max_retries=4) as coze:
        chats = await asyncio.gather(
            *(
                coze.chat.create(bot_id=ECHO_BOT_ID, user_id=f"u{i}", additional_messages=ask())
                for i in range(200)
            )
        )

        async def worker(index: int) -> list[str]:
            chat = chats[index]
            seen = []
            for _ in range(50):
                got = await coze.chat.retrieve(
                    conversation_id=chat.conversation_id, chat_id=chat.id
                )
                seen.append(got.id)
            return seen

        results = await asyncio.gather(*(worker(i) for i in range(200)))
    assert sum(len(r) for r in results) == 10_000
    assert all(r == [chats[i].id] * 50 for i, r in enumerate(results))
    served = emu.request_counts["/v3/chat/retrieve"]
    assert 10_000 < served < 10_400  # each injected 503 cost exactly one extra attempt


def test_sync_client_survives_the_same_faults(coze_emulator):
    coze_emulator.inject(path="/v3/chat", drop_after=2)
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        from coze_async import CozeStreamTruncatedError

        with pytest.raises(CozeStreamTruncatedError) as info:
            list(coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask()))
        assert info.value.events_seen == 2
        coze_emulator.inject(path="/v3/chat/retrieve", status=429, retry_after=0.2)
        chat = coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        again = coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
        assert again.id == chat.id
    assert coze_emulator.request_counts["/v3/chat/retrieve"] == 2


def test_an_unclosed_client_warns_and_the_process_still_exits():
    script = textwrap.dedent(
        """
        import asyncio
        from coze_async import AsyncCoze, Coze, Message, TokenAuth
        from coze_async.emulator import ECHO_BOT_ID, Emulator

        async def main():
            emu = Emulator(strict=True)
            await emu.start()
            coze = AsyncCoze(TokenAuth(emu.token), emu.base_url)
            await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u",
                                   additional_messages=[Message.build_user_question_text("x")])
            await emu.stop()

        asyncio.run(main())
        sync = Coze(TokenAuth("t"), "https://api.test")
        sync.chat  # starts its thread; never closed
        print("done")
        """
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-W", "always::ResourceWarning", "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, "PYTHONDEVMODE": "0"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"
    assert time.monotonic() - started < 10
    assert "unclosed AsyncCoze(base_url='http://127.0.0.1:" in result.stderr
    assert "unclosed Coze(base_url='https://api.test')" in result.stderr


# -- byte-level faults on a raw loopback server ----------------------------------------------


async def test_a_reset_after_the_body_was_read_is_retried_only_when_idempotent(loopback):
    from aiohttp import web

    from coze_async import CozeConnectionError

    hits = {"/v3/chat": 0, "/v3/chat/message/list": 0}

    async def reset(request: web.Request) -> web.StreamResponse:
        await request.read()  # the service got the whole request...
        hits[request.path] += 1
        assert request.transport is not None
        request.transport.abort()  # ...and the connection dies before any answer
        return web.Response()

    app = web.Application()
    app.router.add_post("/v3/chat", reset)
    app.router.add_get("/v3/chat/message/list", reset)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeConnectionError) as info:
            await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        assert info.value.may_have_succeeded is True
        assert hits["/v3/chat"] == 1  # a creating request the service may have acted on
        with pytest.raises(CozeConnectionError):
            await coze.chat.messages.list(conversation_id="c", chat_id="x")
        assert hits["/v3/chat/message/list"] == 3  # a read: retried, and never re-sent unseen
        with pytest.raises(CozeConnectionError):
            await coze.chat.messages.list(conversation_id="c", chat_id="x", max_retries=0)
        assert hits["/v3/chat/message/list"] == 4  # max_retries=0: exactly one request


async def test_a_stream_sent_one_byte_per_segment_decodes_identically(loopback):
    import socket

    from aiohttp import web

    from tests.conftest import CHAT_STREAM, fixture_bytes

    body = fixture_bytes(CHAT_STREAM)

    async def trickle(request: web.Request) -> web.StreamResponse:
        sock = request.transport.get_extra_info("socket") if request.transport else None
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        for i in range(len(body)):
            await resp.write(body[i : i + 1])  # write() waits for the transport to drain
        await resp.write_eof()
        return resp

    app = web.Application()
    app.router.add_post("/v3/chat", trickle)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        events = [e async for e in coze.chat.stream(bot_id="b", user_id="u")]
    assert len(events) == 8
    deltas = [
        e.message.content for e in events if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
    ]
    assert "".join(deltas) == "20星期三。"


async def test_memory_does_not_grow_over_thousands_of_requests():

    from aiohttp import web

    body = b'{"code":0,"msg":"","data":{"id":"1","conversation_id":"2","status":"completed"}}'

    async def answer(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_post("/v3/chat/retrieve", answer)
    # A plain server: the `loopback` fixture records every request, which would be measured too.
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        grown = await _memory_growth(url)
    finally:
        await runner.cleanup()
    assert grown < 1024 * 1024, f"{grown} bytes kept after 3,000 requests"


async def _memory_growth(url: str) -> int:
    import gc
    import tracemalloc

    async with AsyncCoze(TokenAuth("t"), url) as coze:
        for _ in range(500):  # warm-up: pools, caches, generated functions
            await coze.chat.retrieve(conversation_id="2", chat_id="1")
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(3000):
                await coze.chat.retrieve(conversation_id="2", chat_id="1")
            gc.collect()
            return tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
