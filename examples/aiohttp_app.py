"""Relay a bot's answer to the browser as server-sent events, from an aiohttp.web backend.

One ``AsyncCoze`` per application (opened and closed by ``cleanup_ctx``), shared by every
request. ``GET /chat?q=...`` answers ``text/event-stream``: a ``data: {"content": ...}`` event per
piece of the answer, then ``event: done`` (or ``event: error`` if the chat fails mid-way). The
upstream stream is opened before the response status is sent, so an API error (an unknown bot, a
bad token) becomes a 502 with a JSON body carrying the logid, not a 200 cut short. When the
browser goes away, the upstream connection to Coze is closed at once.

    python examples/aiohttp_app.py            # self-check: serve, ask once, get a 502, exit
    python examples/aiohttp_app.py --serve    # serve on http://127.0.0.1:8080 until Ctrl-C

Talks to Coze when COZE_API_TOKEN and COZE_BOT_ID are set (COZE_API_BASE selects coze.cn),
otherwise to the embedded emulator's echo bot.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from _target import Target, coze_target
from aiohttp import web

from coze_async import AsyncCoze, ChatEventType, CozeAPIError, CozeError, Message, TokenAuth

COZE = web.AppKey("coze", AsyncCoze)
TARGET = web.AppKey("target", Target)


def sse(data: dict[str, Any], event: str | None = None) -> bytes:
    """One server-sent event; the data is JSON, so newlines in the answer cannot split it."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def chat(request: web.Request) -> web.StreamResponse:
    question = request.query.get("q", "").strip()
    if not question:
        return web.json_response({"error": "ask something: /chat?q=..."}, status=400)
    target = request.app[TARGET]
    # Letting the page pick the bot keeps the example short; check it against your own list.
    bot_id = request.query.get("bot_id") or target.bot_id
    stream = request.app[COZE].chat.stream(
        bot_id=bot_id,
        user_id=request.query.get("user", "browser-user"),
        additional_messages=[Message.build_user_question_text(question)],
    )
    try:
        # Open the upstream stream first: nothing has been sent to the browser yet, so an API
        # error can still become a proper status instead of a 200 with an empty stream.
        await stream
    except CozeAPIError as exc:
        return web.json_response(
            {"error": exc.msg, "code": exc.code, "logid": exc.logid}, status=502
        )
    except CozeError as exc:  # the network, a timeout: there is no logid to give
        return web.json_response({"error": str(exc), "logid": None}, status=502)

    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # nginx: pass each event on at once
            "X-Coze-Logid": stream.response.logid or "",
        }
    )
    # `async with` closes the upstream however this ends: the answer is complete, the chat
    # failed, or the handler is cancelled because the browser went away (see main()).
    async with stream:
        await response.prepare(request)
        try:
            async for event in stream:
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    await response.write(sse({"content": event.message.content}))
                elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                    usage = event.chat.usage
                    done = {"logid": stream.response.logid, "tokens": usage and usage.token_count}
                    await response.write(sse(done, "done"))
                elif event.event is ChatEventType.CONVERSATION_CHAT_FAILED and event.chat:
                    error = event.chat.last_error
                    failed = {"error": error.msg if error else "", "logid": stream.response.logid}
                    await response.write(sse(failed, "error"))
        except CozeError as exc:  # after the status was sent: tell the page in the stream
            await response.write(sse({"error": str(exc), "logid": stream.response.logid}, "error"))
    await response.write_eof()
    return response


def create_app(target: Target) -> web.Application:
    app = web.Application()
    app[TARGET] = target

    async def coze_client(app: web.Application) -> AsyncIterator[None]:
        # One client (one connection pool) for the whole application, closed at shutdown.
        async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
            app[COZE] = coze
            yield

    app.cleanup_ctx.append(coze_client)
    app.router.add_get("/chat", chat)
    return app


# handler_cancellation=True: aiohttp.web has not cancelled a handler when its client disconnects
# since 3.7 (it is off by default). Without it the handler would go on waiting for the bot's next
# event with the upstream connection open, and only notice the browser had gone at its next
# write, possibly long after. With it, the handler task is cancelled at once, the CancelledError
# unwinds `async with stream` and the connection to Coze is closed.
@asynccontextmanager
async def serving(
    app: web.Application, host: str = "127.0.0.1", port: int = 0
) -> AsyncIterator[str]:
    """Serve ``app`` until the block ends; yields its base URL (a free port when ``port=0``)."""
    runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        yield f"http://{host}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def read_events(response: aiohttp.ClientResponse) -> list[tuple[str, dict[str, Any]]]:
    """The (event, data) pairs of an SSE response, as a browser's EventSource would see them."""
    events: list[tuple[str, dict[str, Any]]] = []
    event, data = "message", ""
    async for raw in response.content:
        line = raw.decode().rstrip("\r\n")
        if line.startswith("event: "):
            event = line[len("event: ") :]
        elif line.startswith("data: "):
            data += line[len("data: ") :]
        elif not line and data:
            events.append((event, json.loads(data)))
            event, data = "message", ""
    return events


async def self_check(target: Target) -> None:
    async with serving(create_app(target)) as url, aiohttp.ClientSession() as session:
        async with session.get(f"{url}/chat", params={"q": "hello from the browser"}) as resp:
            print(resp.status, resp.content_type)
            events = await read_events(resp)
        print("answer:", "".join(data["content"] for name, data in events if name == "message"))
        print("then:", events[-1])
        params = {"q": "hello", "bot_id": "no-such-bot"}
        async with session.get(f"{url}/chat", params=params) as resp:
            print(resp.status, await resp.json())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="serve until Ctrl-C")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with coze_target() as target:
        if not args.serve:
            asyncio.run(self_check(target))
            return
        # Ctrl-C stops it. handler_cancellation=True here too: see serving() above.
        web.run_app(create_app(target), host="127.0.0.1", port=args.port, handler_cancellation=True)


if __name__ == "__main__":
    main()
