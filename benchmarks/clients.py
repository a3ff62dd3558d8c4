"""One benchmark scenario for one client implementation, in this (fresh) process.

    .venv/bin/python benchmarks/clients.py <impl> <scenario> <server-url> [options]

Prints exactly one JSON line: ``{"impl", "scenario", "ok": true, "metrics": {...}, ...}``, or
``{"ok": false, "error": ...}`` (exit status 1) when anything failed, including a wrong count of
events or items: a run that did not receive everything it should is an error, not a number.
Normally started by ``benchmarks/run.py`` against ``benchmarks/fast_server.py``.

Implementations: ``coze_async-async`` (``AsyncCoze``), ``coze_async-sync`` (``Coze``),
``cozepy-async`` (``cozepy.AsyncCoze``), ``cozepy-sync`` (``cozepy.Coze``) and ``raw-floor``
(plain aiohttp + orjson: the least work any aiohttp-based client can do).

Scenarios: ``stream`` (one long chat stream), ``calls`` (sequential non-stream calls),
``concurrent`` (many short streams at once), ``paged`` (walk a paginated listing),
``idle-clients`` (RSS per idle client) and ``open-streams`` (RSS per open stream).
Only the standard library is imported up front; each implementation imports its own package.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

IMPLS = ("coze_async-async", "coze_async-sync", "cozepy-async", "cozepy-sync", "raw-floor")
SCENARIOS = (
    "stream",
    "calls",
    "concurrent",
    "paged",
    "idle-clients",
    "open-streams",
    "download",
    "upload",
    "ws-chat",
)
ASYNC_IMPLS = ("coze_async-async", "cozepy-async", "raw-floor")

TOKEN = "pat_bench_token"
USER = "bench-user"
BOT_ID = "bench-bot"
CONVERSATION_ID = "bench-conversation"
CHAT_ID = "bench-chat"
HOLD_BOT = "bench-hold"
SHORT_DELTAS = 50
VOICE = "bench-voice"

DELTA = "conversation.message.delta"
CHAT_CREATED = "conversation.chat.created"
CHAT_COMPLETED = "conversation.chat.completed"


class CountError(AssertionError):
    """A run received the wrong number of events or items."""


def expect(what: str, got: object, want: object) -> None:
    if got != want:
        raise CountError(f"{what}: got {got!r}, expected {want!r}")


def stream_bot(deltas: int) -> str:
    return f"bench-{deltas}"


def current_rss_kib() -> float:
    with open("/proc/self/statm") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1024


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100), at least 1
    return ordered[int(rank) - 1]


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


#: The raw floor's connection limit: coze_async's ``DEFAULT_CONNECTION_LIMITS.max_connections``
#: (cozepy's default too). Until round 2 the floor had aiohttp's 100, against the SDKs' 1,000:
#: on a loopback server that answers at once, 100 pooled connections serve 500 or 2,000 streams
#: faster than 500-1,000 fresh ones, which made the floor faster for a reason the SDKs share.
FLOOR_POOL_LIMIT = 1000


# -- implementations: one object is one client ---------------------------------------------------
#
# stream(bot_id) -> (deltas, chat_completed_events, perf_counter() at the first event)
# bot(bot_id) -> the bot id the response carried; chat(conversation_id, chat_id) -> the chat id
# workspace_ids(page_size) -> every workspace id, all pages walked by the client itself
# hold() -> an open stream that has delivered its first event; release(handle) closes it


class CozeAsyncAsync:
    def __init__(self, url: str) -> None:
        from coze_async import AsyncCoze, Message, TokenAuth

        self._message = Message
        self.coze = AsyncCoze(TokenAuth(TOKEN), url)

    async def close(self) -> None:
        await self.coze.close()

    def _stream(self, bot_id: str) -> Any:
        return self.coze.chat.stream(
            bot_id=bot_id,
            user_id=USER,
            additional_messages=[self._message.build_user_question_text("hi")],
        )

    async def stream(self, bot_id: str) -> tuple[int, int, float]:
        deltas = completed = chars = 0
        first = 0.0
        async with self._stream(bot_id) as stream:
            async for event in stream:
                if not first:
                    first = time.perf_counter()
                if event.event == DELTA:
                    deltas += 1
                    chars += len(event.message.content)
                elif event.event == CHAT_COMPLETED:
                    completed += 1
        expect_text(chars, deltas)
        return deltas, completed, first

    async def bot(self, bot_id: str) -> str:
        return (await self.coze.bots.retrieve(bot_id=bot_id)).bot_id

    async def chat(self, conversation_id: str, chat_id: str) -> str:
        return (await self.coze.chat.retrieve(conversation_id=conversation_id, chat_id=chat_id)).id

    async def workspace_ids(self, page_size: int) -> list[str]:
        return [
            w.id async for w in await self.coze.workspaces.list(page_num=1, page_size=page_size)
        ]

    async def speech(self, path: str) -> None:
        answer = await self.coze.audio.speech.create(input="hi", voice_id=VOICE)
        await answer.write_to_file(path)

    async def upload(self, path: str) -> int | None:
        return (await self.coze.files.upload(file=Path(path))).bytes

    async def ws_handler(self) -> int:
        from coze_async import AsyncWebsocketsChatEventHandler

        count = [0]

        class Handler(AsyncWebsocketsChatEventHandler):
            async def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
                count[0] += 1
                event.data.content  # noqa: B018  # read, as a real handler does

        chat = self.coze.websockets.chat.create(bot_id=BOT_ID, on_event=Handler())
        async with chat() as client:
            await client.conversation_message_create(
                {"role": "user", "content_type": "text", "content": "hi"}
            )
            await client.wait()
        return count[0]

    async def ws_iter(self) -> int:
        from coze_async import (
            ConversationChatCompletedEvent,
            ConversationMessageCreateEvent,
            ConversationMessageDeltaEvent,
        )

        count = 0
        question = ConversationMessageCreateEvent.Data(
            role="user", content_type="text", content="hi"
        )
        async with self.coze.websockets.chat.connect(bot_id=BOT_ID) as ws:
            await ws.send(ConversationMessageCreateEvent(data=question))
            async for event in ws:
                if isinstance(event, ConversationMessageDeltaEvent):
                    count += 1
                    event.data.content  # noqa: B018
                elif isinstance(event, ConversationChatCompletedEvent):
                    break
        return count

    async def hold(self) -> Any:
        stream = self._stream(HOLD_BOT)
        event = await stream.__anext__()
        expect("first held event", event.event, CHAT_CREATED)
        return stream

    async def release(self, handle: Any) -> None:
        await handle.aclose()


class CozepyAsync:
    def __init__(self, url: str) -> None:
        import cozepy

        self._message = cozepy.Message
        self.http = cozepy.AsyncHTTPClient()
        self._https_url = url.replace("http://", "https://", 1)
        self.coze = cozepy.AsyncCoze(
            auth=cozepy.AsyncTokenAuth(TOKEN), base_url=url, http_client=self.http
        )

    async def close(self) -> None:
        await self.http.aclose()

    def _stream(self, bot_id: str) -> Any:
        return self.coze.chat.stream(
            bot_id=bot_id,
            user_id=USER,
            additional_messages=[self._message.build_user_question_text("hi")],
        )

    async def stream(self, bot_id: str) -> tuple[int, int, float]:
        deltas = completed = chars = 0
        first = 0.0
        async for event in self._stream(bot_id):
            if not first:
                first = time.perf_counter()
            if event.event == DELTA:
                deltas += 1
                chars += len(event.message.content)
            elif event.event == CHAT_COMPLETED:
                completed += 1
        expect_text(chars, deltas)
        return deltas, completed, first

    async def bot(self, bot_id: str) -> str:
        return (await self.coze.bots.retrieve(bot_id=bot_id)).bot_id

    async def chat(self, conversation_id: str, chat_id: str) -> str:
        return (await self.coze.chat.retrieve(conversation_id=conversation_id, chat_id=chat_id)).id

    async def workspace_ids(self, page_size: int) -> list[str]:
        return [
            w.id async for w in await self.coze.workspaces.list(page_num=1, page_size=page_size)
        ]

    async def speech(self, path: str) -> None:
        answer = await self.coze.audio.speech.create(input="hi", voice_id=VOICE)
        answer.write_to_file(path)

    async def upload(self, path: str) -> int | None:
        return (await self.coze.files.upload(file=Path(path))).bytes

    async def ws_handler(self) -> int:
        import cozepy
        from cozepy.websockets.chat import (
            ConversationMessageCreateEvent,
            ConversationMessageDeltaEvent,
        )

        count = [0]

        class Handler(cozepy.AsyncWebsocketsChatEventHandler):  # type: ignore[misc]
            async def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
                count[0] += 1
                event.data.content  # noqa: B018

        # cozepy maps handlers by their annotation, read as a class (this module's annotations
        # are strings): give it the class.
        Handler.on_conversation_message_delta.__annotations__["event"] = (
            ConversationMessageDeltaEvent
        )
        # cozepy only accepts https:// base URLs for websockets (-> wss://): build the client
        # that way, then point it at the plain ws:// server (its code paths are unchanged).
        coze = cozepy.AsyncCoze(
            auth=cozepy.AsyncTokenAuth(TOKEN), base_url=self._https_url, http_client=self.http
        )
        chat = coze.websockets.chat.create(bot_id=BOT_ID, on_event=Handler())
        chat._ws_url = chat._ws_url.replace("wss://", "ws://", 1)
        await chat.connect()
        try:
            await chat.conversation_message_create(
                ConversationMessageCreateEvent.Data(role="user", content_type="text", content="hi")
            )
            await chat.wait()
        finally:
            await chat.close()
        return count[0]

    async def hold(self) -> Any:
        generator = self._stream(HOLD_BOT)
        event = await generator.__anext__()
        expect("first held event", event.event, CHAT_CREATED)
        return generator

    async def release(self, handle: Any) -> None:
        await handle.aclose()  # the connection itself is dropped when the httpx client closes


class RawFloor:
    """Plain aiohttp + orjson, no SDK: what an aiohttp-based client cannot beat."""

    def __init__(self, url: str, *, pool_limit: int = FLOOR_POOL_LIMIT) -> None:
        import aiohttp
        import orjson

        self._loads = orjson.loads
        self._dumps = orjson.dumps
        # The pool coze_async and cozepy open by default (1,000 connections), so that the
        # concurrent scenarios compare per-stream work, not pool sizes.
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=pool_limit))
        self.url = url
        self.headers = {"Authorization": f"Bearer {TOKEN}"}
        self.json_headers = {**self.headers, "Content-Type": "application/json"}

    async def close(self) -> None:
        await self.session.close()

    def _chat_body(self, bot_id: str) -> bytes:
        message = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
        return self._dumps(
            {
                "bot_id": bot_id,
                "user_id": USER,
                "stream": True,
                "additional_messages": [message],
                "auto_save_history": True,
            }
        )

    async def stream(self, bot_id: str) -> tuple[int, int, float]:
        loads = self._loads
        deltas = completed = done = chars = 0
        first = 0.0
        async with self.session.post(
            self.url + "/v3/chat", data=self._chat_body(bot_id), headers=self.json_headers
        ) as resp:
            expect("HTTP status", resp.status, 200)
            rest = b""
            async for chunk in resp.content.iter_chunked(65536):
                events = (rest + chunk).split(b"\n\n")
                rest = events.pop()
                for raw in events:
                    name = data = b""
                    for line in raw.split(b"\n"):
                        if line.startswith(b"event:"):
                            name = line[6:]
                        elif line.startswith(b"data:"):
                            data = line[5:]
                    payload = loads(data)
                    if not first:
                        first = time.perf_counter()
                    if name == b"conversation.message.delta":
                        deltas += 1
                        if not isinstance(payload, dict):
                            raise CountError(f"bad delta payload {payload!r}")
                        chars += len(payload["content"])
                    elif name == b"conversation.chat.completed":
                        completed += 1
                    elif name == b"done":
                        done += 1
        expect("done events", done, 1)
        expect_text(chars, deltas)
        return deltas, completed, first

    async def _envelope(self, resp: Any) -> Any:
        expect("HTTP status", resp.status, 200)
        body = self._loads(await resp.read())
        expect("envelope code", body["code"], 0)
        return body["data"]

    async def bot(self, bot_id: str) -> str:
        url = f"{self.url}/v1/bot/get_online_info?bot_id={bot_id}"
        async with self.session.get(url, headers=self.headers) as resp:
            return (await self._envelope(resp))["bot_id"]

    async def chat(self, conversation_id: str, chat_id: str) -> str:
        url = f"{self.url}/v3/chat/retrieve?conversation_id={conversation_id}&chat_id={chat_id}"
        async with self.session.post(url, headers=self.headers) as resp:
            return (await self._envelope(resp))["id"]

    async def workspace_ids(self, page_size: int) -> list[str]:
        ids: list[str] = []
        page = 1
        while True:
            url = f"{self.url}/v1/workspaces?page_num={page}&page_size={page_size}"
            async with self.session.get(url, headers=self.headers) as resp:
                data = await self._envelope(resp)
            items = data["workspaces"]
            ids.extend(w["id"] for w in items)
            if not items or data["total_count"] <= page * page_size:
                return ids
            page += 1

    async def speech(self, path: str) -> None:
        body = {"input": "hi", "voice_id": VOICE, "response_format": "mp3"}
        async with self.session.post(
            f"{self.url}/v1/audio/speech", data=self._dumps(body), headers=self.json_headers
        ) as resp:
            resp.raise_for_status()
            with open(path, "wb") as out:  # noqa: ASYNC230  # what a plain client does
                async for chunk in resp.content.iter_chunked(65536):
                    out.write(chunk)

    async def upload(self, path: str) -> int | None:
        import aiohttp

        with open(path, "rb") as file:  # noqa: ASYNC230
            form = aiohttp.FormData()
            form.add_field("file", file, filename=os.path.basename(path))
            async with self.session.post(
                f"{self.url}/v1/files/upload", data=form, headers=self.headers
            ) as resp:
                return (await self._envelope(resp))["bytes"]  # type: ignore[no-any-return]

    async def ws_iter(self) -> int:
        count = 0
        question = {
            "id": "q",
            "event_type": "conversation.message.create",
            "data": {"role": "user", "content_type": "text", "content": "hi"},
        }
        async with self.session.ws_connect(
            f"{self.url}/v1/chat?bot_id={BOT_ID}", headers=self.headers
        ) as ws:
            await ws.send_str(self._dumps(question).decode())
            async for message in ws:
                event = self._loads(message.data)
                kind = event["event_type"]
                if kind == "conversation.message.delta":
                    count += 1
                    event["data"]["content"]
                elif kind == "conversation.chat.completed":
                    break
        return count

    async def hold(self) -> Any:
        resp = await self.session.post(
            self.url + "/v3/chat", data=self._chat_body(HOLD_BOT), headers=self.json_headers
        )
        expect("HTTP status", resp.status, 200)
        buffer = b""
        while b"\n\n" not in buffer:
            chunk = await resp.content.readany()
            if not chunk:
                raise CountError("held stream ended before its first event")
            buffer += chunk
        event = buffer.split(b"\n\n", 1)[0]
        payload = self._loads(event.split(b"\ndata:", 1)[1])
        expect("first held event", event.split(b"\n", 1)[0], b"event:" + CHAT_CREATED.encode())
        expect("held chat status", payload["status"], "created")
        return resp

    async def release(self, handle: Any) -> None:
        handle.close()


class CozeAsyncSync:
    def __init__(self, url: str) -> None:
        from coze_async import Coze, Message, TokenAuth

        self._message = Message
        self.coze = Coze(TokenAuth(TOKEN), url)

    def close(self) -> None:
        self.coze.close()

    def _stream(self, bot_id: str) -> Any:
        return self.coze.chat.stream(
            bot_id=bot_id,
            user_id=USER,
            additional_messages=[self._message.build_user_question_text("hi")],
        )

    def stream(self, bot_id: str) -> tuple[int, int, float]:
        deltas = completed = chars = 0
        first = 0.0
        with self._stream(bot_id) as stream:
            for event in stream:
                if not first:
                    first = time.perf_counter()
                if event.event == DELTA:
                    deltas += 1
                    chars += len(event.message.content)
                elif event.event == CHAT_COMPLETED:
                    completed += 1
        expect_text(chars, deltas)
        return deltas, completed, first

    def bot(self, bot_id: str) -> str:
        return self.coze.bots.retrieve(bot_id=bot_id).bot_id

    def chat(self, conversation_id: str, chat_id: str) -> str:
        return self.coze.chat.retrieve(conversation_id=conversation_id, chat_id=chat_id).id

    def workspace_ids(self, page_size: int) -> list[str]:
        return [w.id for w in self.coze.workspaces.list(page_num=1, page_size=page_size)]

    def speech(self, path: str) -> None:
        self.coze.audio.speech.create(input="hi", voice_id=VOICE).write_to_file(path)

    def upload(self, path: str) -> int | None:
        return self.coze.files.upload(file=Path(path)).bytes

    def ws_handler(self) -> int:
        from coze_async import WebsocketsChatEventHandler

        count = [0]

        class Handler(WebsocketsChatEventHandler):
            def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
                count[0] += 1
                event.data.content  # noqa: B018

        chat = self.coze.websockets.chat.create(bot_id=BOT_ID, on_event=Handler())
        with chat() as client:
            client.conversation_message_create(
                {"role": "user", "content_type": "text", "content": "hi"}
            )
            client.wait()
        return count[0]

    def ws_iter(self) -> int:
        from coze_async import (
            ConversationChatCompletedEvent,
            ConversationMessageCreateEvent,
            ConversationMessageDeltaEvent,
        )

        count = 0
        question = ConversationMessageCreateEvent.Data(
            role="user", content_type="text", content="hi"
        )
        with self.coze.websockets.chat.connect(bot_id=BOT_ID) as ws:
            ws.send(ConversationMessageCreateEvent(data=question))
            for event in ws:
                if isinstance(event, ConversationMessageDeltaEvent):
                    count += 1
                    event.data.content  # noqa: B018
                elif isinstance(event, ConversationChatCompletedEvent):
                    break
        return count

    def hold(self) -> Any:
        stream = self._stream(HOLD_BOT)
        expect("first held event", next(stream).event, CHAT_CREATED)
        return stream

    def release(self, handle: Any) -> None:
        handle.close()


class CozepySync:
    def __init__(self, url: str) -> None:
        import cozepy

        self._message = cozepy.Message
        self.http = cozepy.SyncHTTPClient()
        self._https_url = url.replace("http://", "https://", 1)
        self.coze = cozepy.Coze(auth=cozepy.TokenAuth(TOKEN), base_url=url, http_client=self.http)

    def close(self) -> None:
        self.http.close()

    def _stream(self, bot_id: str) -> Any:
        return self.coze.chat.stream(
            bot_id=bot_id,
            user_id=USER,
            additional_messages=[self._message.build_user_question_text("hi")],
        )

    def stream(self, bot_id: str) -> tuple[int, int, float]:
        deltas = completed = chars = 0
        first = 0.0
        for event in self._stream(bot_id):
            if not first:
                first = time.perf_counter()
            if event.event == DELTA:
                deltas += 1
                chars += len(event.message.content)
            elif event.event == CHAT_COMPLETED:
                completed += 1
        expect_text(chars, deltas)
        return deltas, completed, first

    def bot(self, bot_id: str) -> str:
        return self.coze.bots.retrieve(bot_id=bot_id).bot_id

    def chat(self, conversation_id: str, chat_id: str) -> str:
        return self.coze.chat.retrieve(conversation_id=conversation_id, chat_id=chat_id).id

    def workspace_ids(self, page_size: int) -> list[str]:
        return [w.id for w in self.coze.workspaces.list(page_num=1, page_size=page_size)]

    def speech(self, path: str) -> None:
        self.coze.audio.speech.create(input="hi", voice_id=VOICE).write_to_file(path)

    def upload(self, path: str) -> int | None:
        return self.coze.files.upload(file=Path(path)).bytes

    # No ws_handler: cozepy's sync websocket client never reported the chat completed against
    # fast_server (its wait() hangs while its async client works): run.py skips it.

    def hold(self) -> Any:
        events = iter(self._stream(HOLD_BOT))
        expect("first held event", next(events).event, CHAT_CREATED)
        return events

    def release(self, handle: Any) -> None:
        handle.close()  # the connection itself is dropped when the httpx client closes


FACTORIES: dict[str, Callable[[str], Any]] = {
    "coze_async-async": CozeAsyncAsync,
    "coze_async-sync": CozeAsyncSync,
    "cozepy-async": CozepyAsync,
    "cozepy-sync": CozepySync,
    "raw-floor": RawFloor,
}


# -- scenarios, async flavour ------------------------------------------------------------------


def expect_text(chars: int, deltas: int) -> None:
    """Every consumer reads each delta's text, as a real one would; each carries some."""
    if chars < deltas:
        raise CountError(f"{deltas} deltas carried only {chars} characters")


def settle() -> None:
    """Before each timed region, for every implementation: collect the garbage of the import and
    the warm-up, so that a collection it left due is not charged to what is timed."""
    gc.collect()


def check_stream(result: tuple[int, int, float], deltas: int) -> None:
    expect("delta events", result[0], deltas)
    expect("conversation.chat.completed events", result[1], 1)


async def a_stream(client: Any, args: argparse.Namespace) -> dict[str, float]:
    check_stream(await client.stream(stream_bot(SHORT_DELTAS)), SHORT_DELTAS)  # warm-up
    walls = []
    for _ in range(args.stream_loops):
        settle()
        started = time.perf_counter()
        result = await client.stream(stream_bot(args.deltas))
        walls.append(time.perf_counter() - started)
        check_stream(result, args.deltas)
    wall = statistics.median(walls)
    return {"events_per_s": args.deltas / wall, "wall_s": wall}


async def a_calls(client: Any, args: argparse.Namespace) -> dict[str, float]:
    async def one(i: int) -> bool:
        if i % 2 == 0:
            return await client.bot(BOT_ID) == BOT_ID
        return await client.chat(CONVERSATION_ID, CHAT_ID) == CHAT_ID

    for i in range(20):  # warm-up
        await one(i)
    settle()
    started = time.perf_counter()
    good = 0
    for i in range(args.calls):
        good += await one(i)
    wall = time.perf_counter() - started
    expect("calls answered with the right id", good, args.calls)
    return {"calls_per_s": args.calls / wall, "wall_s": wall}


async def a_concurrent(client: Any, args: argparse.Namespace) -> dict[str, float]:
    check_stream(await client.stream(stream_bot(SHORT_DELTAS)), SHORT_DELTAS)  # warm-up
    bot = stream_bot(SHORT_DELTAS)
    settle()
    started = time.perf_counter()
    results = await asyncio.gather(*(client.stream(bot) for _ in range(args.streams)))
    wall = time.perf_counter() - started
    return concurrent_metrics(results, started, wall, args)


async def a_paged(client: Any, args: argparse.Namespace) -> dict[str, float]:
    check_listing(await client.workspace_ids(args.page_size), args.items)  # warm-up
    walls = []
    for _ in range(args.loops):
        settle()
        started = time.perf_counter()
        ids = await client.workspace_ids(args.page_size)
        walls.append(time.perf_counter() - started)
        check_listing(ids, args.items)
    wall = statistics.median(walls)
    return {"wall_ms": wall * 1000, "items_per_s": args.items / wall}


async def a_idle_clients(url: str, factory: Callable[[str], Any], n: int) -> dict[str, float]:
    warm = factory(url)
    expect("bot id", await warm.bot(BOT_ID), BOT_ID)
    clients = [warm]
    try:
        gc.collect()
        before = current_rss_kib()
        for _ in range(n):
            client = factory(url)
            clients.append(client)
            expect("bot id", await client.bot(BOT_ID), BOT_ID)
        gc.collect()
        after = current_rss_kib()
    finally:
        for client in clients:
            await client.close()
    return {"kib_per_client": (after - before) / n}


async def a_open_streams(client: Any, n: int) -> dict[str, float]:
    handles = [await client.hold()]  # warm-up: one held stream
    try:
        gc.collect()
        before = current_rss_kib()
        handles += await asyncio.wait_for(
            asyncio.gather(*(client.hold() for _ in range(n))), timeout=60
        )
        gc.collect()
        after = current_rss_kib()
        expect("held streams", len(handles), n + 1)
    finally:
        for handle in handles:
            await client.release(handle)
    return {"kib_per_stream": (after - before) / n}


async def run_async(impl: str, url: str, args: argparse.Namespace) -> dict[str, float]:
    factory = FACTORIES[impl]
    if args.scenario == "idle-clients":
        return await a_idle_clients(url, factory, args.clients)
    client: Any = factory(url)
    try:
        if args.scenario == "stream":
            return await a_stream(client, args)
        if args.scenario == "calls":
            return await a_calls(client, args)
        if args.scenario == "concurrent":
            return await a_concurrent(client, args)
        if args.scenario == "paged":
            return await a_paged(client, args)
        if args.scenario == "open-streams":
            return await a_open_streams(client, args.streams)
        if args.scenario in ("download", "upload"):
            return await a_transfer(client, args)
        if args.scenario == "ws-chat":
            return await a_ws_chat(client, args)
        raise ValueError(f"unknown scenario {args.scenario!r}")
    finally:
        await client.close()


# -- file transfers (both flavours) ----------------------------------------------------------


class Transfer:
    """The files of one ``download``/``upload`` run, in a private temporary directory: the
    upload's source (``--mib`` MiB) is written once; each download overwrites its target."""

    def __init__(self, args: argparse.Namespace) -> None:
        import tempfile

        self.dir = tempfile.TemporaryDirectory(prefix="coze-bench-")
        self.size = args.mib * 1024 * 1024
        self.target = os.path.join(self.dir.name, "speech.mp3")
        self.small = os.path.join(self.dir.name, "small.bin")
        self.source = os.path.join(self.dir.name, "upload.bin")
        with open(self.small, "wb") as f:
            f.write(b"x" * 1024)
        if args.scenario == "upload":
            block = bytes(range(256)) * 4096
            with open(self.source, "wb") as f:
                for _ in range(args.mib):
                    f.write(block)
        self.loops = args.transfer_loops
        self.scenario = args.scenario

    def check(self, result: object) -> None:
        if self.scenario == "download":
            expect("speech bytes written", os.path.getsize(self.target), self.size)
        else:
            expect("bytes the server received", result, self.size)

    def metrics(self, walls: list[float], rss_before: float) -> dict[str, float]:
        wall = statistics.median(walls)
        return {
            "mib_per_s": self.size / 1024 / 1024 / wall,
            "wall_s": wall,
            "peak_rss_growth_mib": peak_rss_mib() - rss_before,
        }


async def a_transfer(client: Any, args: argparse.Namespace) -> dict[str, float]:
    files = Transfer(args)
    try:
        expect("bot id", await client.bot(BOT_ID), BOT_ID)  # connection and imports warm
        if args.scenario == "upload":
            expect("warm-up upload", await client.upload(files.small), 1024)
        gc.collect()
        rss_before, walls = peak_rss_mib(), []
        for _ in range(files.loops):
            settle()
            started = time.perf_counter()
            if args.scenario == "download":
                result: object = await client.speech(files.target)
            else:
                result = await client.upload(files.source)
            walls.append(time.perf_counter() - started)
            files.check(result)
        return files.metrics(walls, rss_before)
    finally:
        files.dir.cleanup()


# -- websocket chat (both flavours): handlers (cozepy's style) and the iterator, where the
# implementation has it; the floor reads frames with aiohttp and orjson-loads each.

WS_STYLES = (("ws_handler", "handler_deltas_per_s"), ("ws_iter", "iter_deltas_per_s"))


async def a_ws_chat(client: Any, args: argparse.Namespace) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for method, metric in WS_STYLES:
        run = getattr(client, method, None)
        if run is None:
            continue
        expect("warm-up deltas", await run(), args.ws_deltas)
        walls = []
        for _ in range(args.stream_loops):
            settle()
            started = time.perf_counter()
            count = await run()
            walls.append(time.perf_counter() - started)
            expect("deltas", count, args.ws_deltas)
        metrics[metric] = args.ws_deltas / statistics.median(walls)
    return metrics


def s_ws_chat(client: Any, args: argparse.Namespace) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for method, metric in WS_STYLES:
        run = getattr(client, method, None)
        if run is None:
            continue
        expect("warm-up deltas", run(), args.ws_deltas)
        walls = []
        for _ in range(args.stream_loops):
            settle()
            started = time.perf_counter()
            count = run()
            walls.append(time.perf_counter() - started)
            expect("deltas", count, args.ws_deltas)
        metrics[metric] = args.ws_deltas / statistics.median(walls)
    return metrics


def s_transfer(client: Any, args: argparse.Namespace) -> dict[str, float]:
    files = Transfer(args)
    try:
        expect("bot id", client.bot(BOT_ID), BOT_ID)
        if args.scenario == "upload":
            expect("warm-up upload", client.upload(files.small), 1024)
        gc.collect()
        rss_before, walls = peak_rss_mib(), []
        for _ in range(files.loops):
            settle()
            started = time.perf_counter()
            if args.scenario == "download":
                result: object = client.speech(files.target)
            else:
                result = client.upload(files.source)
            walls.append(time.perf_counter() - started)
            files.check(result)
        return files.metrics(walls, rss_before)
    finally:
        files.dir.cleanup()


# -- scenarios, sync flavour -------------------------------------------------------------------


def concurrent_metrics(
    results: Sequence[tuple[int, int, float]],
    started: float,
    wall: float,
    args: argparse.Namespace,
) -> dict[str, float]:
    expect("streams finished", len(results), args.streams)
    expect("delta events", sum(r[0] for r in results), args.streams * SHORT_DELTAS)
    expect("streams completed", sum(r[1] == 1 for r in results), args.streams)
    first = [(r[2] - started) * 1000 for r in results]
    return {
        "wall_s": wall,
        "events_per_s": args.streams * SHORT_DELTAS / wall,
        "ttfe_p50_ms": percentile(first, 50),
        "ttfe_p99_ms": percentile(first, 99),
        "peak_rss_mib": peak_rss_mib(),
    }


def check_listing(ids: list[str], items: int) -> None:
    expect("items listed", len(ids), items)
    expect("distinct items listed", len(set(ids)), items)


def s_run(impl: str, url: str, args: argparse.Namespace) -> dict[str, float]:
    factory = FACTORIES[impl]
    if args.scenario == "idle-clients":
        return s_idle_clients(url, factory, args.clients)
    client = factory(url)
    try:
        if args.scenario == "stream":
            check_stream(client.stream(stream_bot(SHORT_DELTAS)), SHORT_DELTAS)  # warm-up
            walls = []
            for _ in range(args.stream_loops):
                settle()
                started = time.perf_counter()
                result = client.stream(stream_bot(args.deltas))
                walls.append(time.perf_counter() - started)
                check_stream(result, args.deltas)
            wall = statistics.median(walls)
            return {"events_per_s": args.deltas / wall, "wall_s": wall}
        if args.scenario == "calls":
            return s_calls(client, args)
        if args.scenario == "concurrent":
            check_stream(client.stream(stream_bot(SHORT_DELTAS)), SHORT_DELTAS)  # warm-up
            bot = stream_bot(SHORT_DELTAS)
            with ThreadPoolExecutor(max_workers=args.threads) as pool:
                settle()
                started = time.perf_counter()
                futures = [pool.submit(client.stream, bot) for _ in range(args.streams)]
                results = [f.result() for f in futures]
                wall = time.perf_counter() - started
            return concurrent_metrics(results, started, wall, args)
        if args.scenario == "paged":
            check_listing(client.workspace_ids(args.page_size), args.items)  # warm-up
            walls = []
            for _ in range(args.loops):
                settle()
                started = time.perf_counter()
                ids = client.workspace_ids(args.page_size)
                walls.append(time.perf_counter() - started)
                check_listing(ids, args.items)
            wall = statistics.median(walls)
            return {"wall_ms": wall * 1000, "items_per_s": args.items / wall}
        if args.scenario == "open-streams":
            handles = [client.hold()]
            try:
                gc.collect()
                before = current_rss_kib()
                handles += [client.hold() for _ in range(args.streams)]
                gc.collect()
                after = current_rss_kib()
            finally:
                for handle in handles:
                    client.release(handle)
            return {"kib_per_stream": (after - before) / args.streams}
        if args.scenario in ("download", "upload"):
            return s_transfer(client, args)
        if args.scenario == "ws-chat":
            return s_ws_chat(client, args)
        raise ValueError(f"unknown scenario {args.scenario!r}")
    finally:
        client.close()


def s_calls(client: Any, args: argparse.Namespace) -> dict[str, float]:
    def one(i: int) -> bool:
        if i % 2 == 0:
            return client.bot(BOT_ID) == BOT_ID
        return client.chat(CONVERSATION_ID, CHAT_ID) == CHAT_ID

    for i in range(20):  # warm-up
        one(i)
    settle()
    started = time.perf_counter()
    good = sum(one(i) for i in range(args.calls))
    wall = time.perf_counter() - started
    expect("calls answered with the right id", good, args.calls)
    return {"calls_per_s": args.calls / wall, "wall_s": wall}


def s_idle_clients(url: str, factory: Callable[[str], Any], n: int) -> dict[str, float]:
    warm = factory(url)
    clients = [warm]
    try:
        expect("bot id", warm.bot(BOT_ID), BOT_ID)
        gc.collect()
        before = current_rss_kib()
        for _ in range(n):
            client = factory(url)
            clients.append(client)
            expect("bot id", client.bot(BOT_ID), BOT_ID)
        gc.collect()
        after = current_rss_kib()
    finally:
        for client in clients:
            client.close()
    return {"kib_per_client": (after - before) / n}


# -- entry point -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("impl", choices=IMPLS)
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("url", help="the fast_server base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--deltas", type=int, default=20_000, help="stream: delta events")
    parser.add_argument("--stream-loops", type=int, default=3, help="stream: timed (median)")
    parser.add_argument("--calls", type=int, default=1_000, help="calls: sequential calls")
    parser.add_argument("--streams", type=int, default=500, help="concurrent/open-streams")
    parser.add_argument("--threads", type=int, default=50, help="concurrent, sync impls")
    parser.add_argument("--items", type=int, default=1_000, help="paged: items served")
    parser.add_argument("--page-size", type=int, default=50, help="paged: page size")
    parser.add_argument(
        "--mib", type=int, default=50, help="download/upload: MiB (the server's --speech-mb)"
    )
    parser.add_argument("--transfer-loops", type=int, default=3, help="download/upload: timed")
    parser.add_argument(
        "--ws-deltas", type=int, default=20_000, help="ws-chat: deltas (the server's --ws-deltas)"
    )
    parser.add_argument("--loops", type=int, default=5, help="paged: timed walks (median)")
    parser.add_argument("--clients", type=int, default=100, help="idle-clients: clients")
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args()
    raise_fd_limit()
    out: dict[str, Any] = {"impl": args.impl, "scenario": args.scenario}
    try:
        if args.impl in ASYNC_IMPLS:
            metrics = asyncio.run(run_async(args.impl, args.url.rstrip("/"), args))
        else:
            metrics = s_run(args.impl, args.url.rstrip("/"), args)
    except BaseException as exc:
        out.update(ok=False, error=f"{type(exc).__name__}: {exc}", peak_rss_mib=peak_rss_mib())
        out["traceback"] = traceback.format_exc(limit=6)
        print(json.dumps(out), flush=True)
        return 1
    out.update(ok=True, metrics=metrics, peak_rss_mib=peak_rss_mib())
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
