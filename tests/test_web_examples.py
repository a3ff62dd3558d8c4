"""The web-backend examples (examples/aiohttp_app.py, examples/fastapi_app.py), imported as modules
and driven over real HTTP against a strict emulator: the answer as SSE, an API error as a 502
with the logid, a hundred browsers at once, and browsers leaving mid-stream (the upstream
connection closed at once, no task left behind)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import aiohttp
import pytest

from coze_async import Message
from coze_async.emulator import (
    ECHO_BOT_ID,
    ECHO_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    PERSONAL_WORKSPACE_ID,
    Emulator,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load_example(name: str) -> ModuleType:
    """Import examples/<name>.py as a module (its own `from _target import ...` included)."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        spec = importlib.util.spec_from_file_location(
            f"_web_example_{name}", EXAMPLES / f"{name}.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(EXAMPLES))
    return module


EXAMPLE_MODULES = {name: load_example(name) for name in ("aiohttp_app", "fastapi_app")}


@pytest.fixture(params=sorted(EXAMPLE_MODULES))
def example(request: pytest.FixtureRequest) -> ModuleType:
    return EXAMPLE_MODULES[request.param]


@pytest.fixture
async def url(example: ModuleType, emu: Emulator) -> AsyncIterator[str]:
    """The example's app, serving on a free port against ``emu``."""
    target = example.Target(
        base_url=emu.base_url,
        token=emu.token,
        bot_id=ECHO_BOT_ID,
        space_id=PERSONAL_WORKSPACE_ID,
        workflow_id=INTERRUPT_WORKFLOW_ID,
        plain_workflow_id=ECHO_WORKFLOW_ID,
    )
    async with example.serving(example.create_app(target)) as base_url:
        yield base_url


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as client:
        yield client


async def until(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


async def stall_after_first_word() -> AsyncIterator[str]:
    """A bot's answer: one word, then a minute of thinking."""
    yield "thinking... "
    await asyncio.sleep(60)
    yield "never sent"


async def test_a_streamed_answer_arrives_as_sse(example, url, session):
    async with session.get(f"{url}/chat", params={"q": "hello from the browser"}) as resp:
        assert resp.status == 200
        assert resp.content_type == "text/event-stream"
        assert resp.headers["Cache-Control"] == "no-cache"
        logid = resp.headers["X-Coze-Logid"]
        events = await example.read_events(resp)
    deltas = [data["content"] for name, data in events if name == "message"]
    assert len(deltas) > 1  # relayed piece by piece, not as one block
    assert "".join(deltas) == "hello from the browser"
    assert events[-1] == ("done", {"logid": logid, "tokens": events[-1][1]["tokens"]})
    assert logid


async def test_the_wire_format_is_plain_sse(url, session):
    async with session.get(f"{url}/chat", params={"q": "two\nlines"}) as resp:
        body = await resp.text()
    blocks = body.split("\n\n")
    assert blocks[-1] == ""  # every event ends with a blank line
    assert all(
        line.startswith(("data: ", "event: ")) for block in blocks for line in block.splitlines()
    )
    assert blocks[-2].startswith("event: done\ndata: {")


async def test_an_api_error_becomes_a_502_with_the_logid(url, session, emu):
    params = {"q": "hello", "bot_id": "no-such-bot"}
    async with session.get(f"{url}/chat", params=params) as resp:
        assert resp.status == 502
        assert resp.content_type == "application/json"
        body = await resp.json()
    assert body["code"] == 4200
    assert "no-such-bot" in body["error"]
    assert len(body["logid"]) >= 20
    assert emu.open_connections <= 1  # the refused request's connection went back to the pool


async def test_a_502_is_the_first_thing_the_browser_sees(url, emu):
    """Read raw bytes: the status line says 502 and the whole body is the JSON error, with
    no SSE byte before it (the upstream was opened before anything was sent)."""
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(
            f"GET /chat?q=hi&bot_id=nope HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        raw = await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 502 ")
    assert b"text/event-stream" not in head
    assert b"data:" not in body
    assert b'"logid"' in body


async def test_a_missing_question_is_a_client_error(url, session):
    async with session.get(f"{url}/chat") as resp:
        assert 400 <= resp.status < 500


async def test_a_hundred_concurrent_browsers_all_get_their_answer(example, url, session):
    async def ask(i: int) -> str:
        async with session.get(f"{url}/chat", params={"q": f"question {i}"}) as resp:
            assert resp.status == 200
            events = await example.read_events(resp)
        assert events[-1][0] == "done"
        return "".join(data["content"] for name, data in events if name == "message")

    answers = await asyncio.gather(*(ask(i) for i in range(100)))
    assert answers == [f"question {i}" for i in range(100)]


async def test_browsers_leaving_mid_stream_close_the_upstream_at_once(url, session, emu):
    # A bot that says one word, then thinks for a minute: while the backend waits for its next
    # event it writes nothing, so only the browser's disconnect itself can end the upstream.
    bot = emu.register_responder(lambda context: stall_after_first_word())
    baseline = asyncio.all_tasks()

    async def leave_after_first_event() -> bytes:
        resp = await session.get(f"{url}/chat", params={"q": "hi", "bot_id": bot})
        assert resp.status == 200
        first = await resp.content.readuntil(b"\n\n")
        resp.close()  # the browser tab is closed: the connection drops
        return first

    firsts = await asyncio.gather(*(leave_after_first_event() for _ in range(10)))
    assert firsts == [b'data: {"content": "thinking... "}\n\n'] * 10
    # Closed, not returned to the pool (a finished stream would leave a keep-alive connection),
    # and the backend's handlers (and the emulator's) are gone.
    await until(lambda: emu.open_connections == 0)
    await until(lambda: asyncio.all_tasks() <= baseline)


async def test_the_fastapi_response_notices_a_disconnect_on_asgi_2_4_servers_too(emu):
    """On an ASGI 2.4 server Starlette's StreamingResponse would only notice at its next send
    (never, while the bot thinks); the example's response listens for http.disconnect anyway."""
    fastapi_app = EXAMPLE_MODULES["fastapi_app"]
    bot = emu.register_responder(lambda context: stall_after_first_word())
    async with emu.async_client() as coze:
        stream = await coze.chat.stream(
            bot_id=bot, user_id="u", additional_messages=[Message.build_user_question_text("hi")]
        )
        response = fastapi_app.UpstreamSSE(stream)
        gone = asyncio.Event()
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if gone.is_set():
                raise OSError("the client is gone")  # what ASGI 2.4 servers do
            sent.append(message)
            if message.get("body"):
                gone.set()  # the browser leaves after the first event

        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}}
        await asyncio.wait_for(response(scope, receive, send), 5)
        assert sent[0]["type"] == "http.response.start"
        assert sent[1]["body"] == b'data: {"content": "thinking... "}\n\n'
        await until(lambda: emu.open_connections == 0)
