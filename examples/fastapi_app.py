"""Relay a bot's answer to the browser as server-sent events, from a FastAPI backend.

One ``AsyncCoze`` per application (opened and closed by the lifespan), shared by every request.
``GET /`` is a small page that asks a question and shows the answer as it streams in;
``GET /chat?q=...`` answers ``text/event-stream``: a ``data: {"content": ...}`` event per piece of
the answer, then ``event: done`` (or ``event: error`` if the chat fails mid-way). The upstream
stream is opened before the response status is sent, so an API error (an unknown bot, a bad
token) becomes a 502 with a JSON body carrying the logid. When the browser goes away, the
upstream connection to Coze is closed at once.

    pip install "coze-async[web]"              # fastapi and uvicorn
    python examples/fastapi_app.py             # self-check: serve, ask once, get a 502, exit
    python examples/fastapi_app.py --serve     # serve on http://127.0.0.1:8000 until Ctrl-C

Talks to Coze when COZE_API_TOKEN and COZE_BOT_ID are set (COZE_API_BASE selects coze.cn),
otherwise to the embedded emulator's echo bot.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import aiohttp
import anyio
import uvicorn
from _target import Target, coze_target
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from coze_async import (
    AsyncCoze,
    AsyncStream,
    ChatEvent,
    ChatEventType,
    CozeAPIError,
    CozeError,
    Message,
    TokenAuth,
)

PAGE = """<!doctype html>
<meta charset="utf-8">
<title>Ask the bot</title>
<form id="ask">
  <input id="q" size="60" value="What can you do?" autofocus> <button>Ask</button>
</form>
<pre id="answer" style="white-space: pre-wrap"></pre>
<script>
// fetch rather than EventSource: EventSource cannot read the body of a 502 (the logid), and
// would reconnect (ask again) whenever the stream ends.
document.getElementById("ask").onsubmit = async (e) => {
  e.preventDefault();
  const out = document.getElementById("answer");
  out.textContent = "";
  const resp = await fetch("/chat?q=" + encodeURIComponent(document.getElementById("q").value));
  if (!resp.ok) {
    const err = await resp.json();
    out.textContent = `error ${resp.status}: ${err.error} (logid ${err.logid})`;
    return;
  }
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\\n\\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message", data = "";
      for (const line of block.split("\\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      const p = JSON.parse(data);
      if (event === "message") out.textContent += p.content;
      else if (event === "done") out.textContent += `\\n\\n[${p.tokens} tokens, logid ${p.logid}]`;
      else if (event === "error") out.textContent += `\\n\\n[error: ${p.error}, logid ${p.logid}]`;
    }
  }
};
</script>
"""


def sse(data: dict[str, Any], event: str | None = None) -> bytes:
    """One server-sent event; the data is JSON, so newlines in the answer cannot split it."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def relay(stream: AsyncStream[ChatEvent]) -> AsyncIterator[bytes]:
    try:
        async for event in stream:
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                yield sse({"content": event.message.content})
            elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                usage = event.chat.usage
                yield sse(
                    {"logid": stream.response.logid, "tokens": usage and usage.token_count}, "done"
                )
            elif event.event is ChatEventType.CONVERSATION_CHAT_FAILED and event.chat:
                error = event.chat.last_error
                failed = {"error": error.msg if error else "", "logid": stream.response.logid}
                yield sse(failed, "error")
    except CozeError as exc:  # after the status was sent: tell the page in the stream
        yield sse({"error": str(exc), "logid": stream.response.logid}, "error")


class UpstreamSSE(StreamingResponse):
    """A ``text/event-stream`` response that closes the upstream Coze stream as soon as the
    browser goes away, and however else the response ends.

    Starlette's own ``StreamingResponse`` watches for the browser leaving only on servers that
    speak ASGI < 2.4 (uvicorn); on ASGI 2.4 servers it notices at its next ``send`` instead,
    which may come long after while the bot thinks, with the upstream connection held open all
    along. Here the ``http.disconnect`` message is always awaited next to the relay: whichever
    ends first cancels the other, and ``finally`` closes the upstream (the body's generator
    would otherwise be closed only when the garbage collector gets to it)."""

    def __init__(self, stream: AsyncStream[ChatEvent]) -> None:
        super().__init__(
            relay(stream),
            media_type="text/event-stream",
            headers={
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",  # nginx: pass each event on at once
                "X-Coze-Logid": stream.response.logid or "",
            },
        )
        self.upstream = stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as tasks:

                async def relay_then_stop() -> None:
                    with suppress(OSError):  # ASGI 2.4: a send after the browser left
                        await self.stream_response(send)
                    tasks.cancel_scope.cancel()

                tasks.start_soon(relay_then_stop)
                await self.listen_for_disconnect(receive)
                tasks.cancel_scope.cancel()
        finally:
            await self.upstream.aclose()


def create_app(target: Target) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One client (one connection pool) for the whole application, closed at shutdown.
        async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
            app.state.coze = coze
            yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/", response_class=HTMLResponse)
    async def page() -> str:
        return PAGE

    @app.get("/chat")
    async def chat(
        request: Request, q: str, bot_id: str | None = None, user: str = "browser-user"
    ) -> Response:
        coze: AsyncCoze = request.app.state.coze
        # Letting the page pick the bot keeps the example short; check it against your own list.
        stream = coze.chat.stream(
            bot_id=bot_id or target.bot_id,
            user_id=user,
            additional_messages=[Message.build_user_question_text(q)],
        )
        try:
            # Open the upstream stream first: nothing has been sent to the browser yet, so an
            # API error can still become a proper status instead of a 200 with an empty stream.
            await stream
        except CozeAPIError as exc:
            body = {"error": exc.msg, "code": exc.code, "logid": exc.logid}
            return JSONResponse(body, status_code=502)
        except CozeError as exc:  # the network, a timeout: there is no logid to give
            return JSONResponse({"error": str(exc), "logid": None}, status_code=502)
        return UpstreamSSE(stream)

    return app


@asynccontextmanager
async def serving(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn until the block ends; yields its base URL (a free port when
    ``port=0``)."""
    sock = socket.socket()
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():  # failed to start: raise why
                await task
                raise RuntimeError("uvicorn stopped before it started")
            await asyncio.sleep(0.01)
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def read_events(response: aiohttp.ClientResponse) -> list[tuple[str, dict[str, Any]]]:
    """The (event, data) pairs of an SSE response, as the page's script reads them."""
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
        async with session.get(f"{url}/") as resp:
            print(resp.status, resp.content_type, len(await resp.text()), "bytes of page")
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
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with coze_target() as target:
        if not args.serve:
            asyncio.run(self_check(target))
            return
        uvicorn.run(create_app(target), host="127.0.0.1", port=args.port, ws="none")  # Ctrl-C stops


if __name__ == "__main__":
    main()
