"""A deliberately fast fake of the Coze API for the client benchmarks, run in its own process.

    .venv/bin/python benchmarks/fast_server.py [--host 127.0.0.1] [--port 0] [--workspaces 1000]

Prints ``READY http://host:port`` on stdout once it listens, then serves until SIGTERM/SIGINT.
It is a raw ``asyncio.Protocol`` HTTP/1.1 server (keep-alive, Content-Length request bodies) that
answers from pre-rendered bytes, so the clients, not the server, are what the benchmarks measure:

- ``POST /v3/chat`` with ``"stream": true``: a chat stream framed exactly as Coze frames it
  (``event:conversation.chat.created`` / ``in_progress``, N ``conversation.message.delta``,
  ``conversation.message.completed``, ``conversation.chat.completed``, ``event:done``), sent with
  ``Transfer-Encoding: chunked`` in 64 KiB chunks. N comes from the ``bot_id``: ``bench-20000``
  streams 20,000 deltas (any other bot id: 50). ``bot_id="bench-hold"`` sends the first two events
  and then holds the stream open until the client goes away.
- ``GET /v1/bot/get_online_info?bot_id=...``: a bot envelope echoing the bot id.
- ``POST /v3/chat/retrieve?conversation_id=...&chat_id=...``: a chat envelope echoing both ids.
- ``GET /v1/workspaces?page_num=&page_size=``: numbered pages of ``--workspaces`` workspaces,
  with ``total_count``.
- ``POST /v1/audio/speech``: ``--speech-mb`` MiB of audio bytes (``audio/mpeg``, with
  ``Content-Length``), written to the socket as fast as it takes them.
- ``GET /v1/chat`` (websocket): a chat session. Each ``conversation.message.create`` the client
  sends is answered with ``conversation.chat.created``, ``--ws-deltas`` (default 20,000)
  ``conversation.message.delta`` text frames, ``conversation.message.completed`` and
  ``conversation.chat.completed``; other client events are ignored; a close is echoed.
- ``POST /v1/files/upload``: reads the whole body (``Content-Length`` or chunked) and answers a
  file envelope whose ``bytes`` is the body's size, so a client can check it sent everything.

Every response carries an ``x-tt-logid`` header. Any ``Authorization: Bearer <token>`` is accepted;
a request without one gets Coze's 401 envelope.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import signal
import sys
from urllib.parse import parse_qsl

import orjson

LOGID = "20250101000000BENCH000000000000000"
CHUNK = 64 * 1024
MAX_HEAD = 64 * 1024
BOT = "7379462189365198898"
CONVERSATION = "7381473525342978089"
CHAT = "7382159487131697202"
MESSAGE = "7382159494123470858"
HOLD_BOT = "bench-hold"
DEFAULT_DELTAS = 50

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}


def _json_response(payload: object, status: int = 200) -> bytes:
    body = orjson.dumps(payload)
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\n"
        "Content-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"x-tt-logid: {LOGID}\r\n"
        "Connection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


def _envelope(data: object) -> bytes:
    return _json_response({"code": 0, "msg": "", "data": data})


_STREAM_HEAD = (
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream\r\n"
    "Cache-Control: no-cache\r\n"
    "Transfer-Encoding: chunked\r\n"
    f"x-tt-logid: {LOGID}\r\n"
    "Connection: keep-alive\r\n\r\n"
).encode()


def _sse(event: str, data: object) -> bytes:
    return b"event:" + event.encode() + b"\ndata:" + orjson.dumps(data) + b"\n\n"


def _chat(status: str, bot_id: str, *, tokens: int = 0) -> dict[str, object]:
    return {
        "id": CHAT,
        "conversation_id": CONVERSATION,
        "bot_id": bot_id,
        "created_at": 1718792949,
        "completed_at": 1718792949,
        "last_error": {"code": 0, "msg": ""},
        "status": status,
        "usage": {"token_count": tokens, "output_count": tokens, "input_count": 0},
    }


def _message(content: str, bot_id: str) -> dict[str, object]:
    return {
        "id": MESSAGE,
        "conversation_id": CONVERSATION,
        "bot_id": bot_id,
        "role": "assistant",
        "type": "answer",
        "content": content,
        "content_type": "text",
        "chat_id": CHAT,
    }


def _chunked(body: bytes) -> bytes:
    parts = []
    for start in range(0, len(body), CHUNK):
        piece = body[start : start + CHUNK]
        parts.append(b"%x\r\n" % len(piece) + piece + b"\r\n")
    return b"".join(parts)


def render_stream(bot_id: str, deltas: int) -> bytes:
    """The whole HTTP response of a chat stream with ``deltas`` delta events."""
    delta = _sse("conversation.message.delta", _message("tok ", bot_id))
    body = b"".join(
        [
            _sse("conversation.chat.created", _chat("created", bot_id)),
            _sse("conversation.chat.in_progress", _chat("in_progress", bot_id)),
            delta * deltas,
            _sse("conversation.message.completed", _message("tok " * deltas, bot_id)),
            _sse("conversation.chat.completed", _chat("completed", bot_id, tokens=deltas)),
            b'event:done\ndata:"[DONE]"\n\n',
        ]
    )
    return _STREAM_HEAD + _chunked(body) + b"0\r\n\r\n"


def render_hold(bot_id: str) -> bytes:
    """The head and first events of a stream that is then held open."""
    body = _sse("conversation.chat.created", _chat("created", bot_id)) + _sse(
        "conversation.chat.in_progress", _chat("in_progress", bot_id)
    )
    return _STREAM_HEAD + _chunked(body)


def _workspace(i: int) -> dict[str, object]:
    return {
        "id": f"ws-{i}",
        "name": f"Workspace {i}",
        "icon_url": "https://example.invalid/icon.png",
        "role_type": "owner" if i == 0 else "member",
        "workspace_type": "personal" if i == 0 else "team",
        "enterprise_id": "",
    }


def render_speech(mib: int) -> bytes:
    body = bytes(range(256)) * (mib * 4096)
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: audio/mpeg\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"x-tt-logid: {LOGID}\r\n"
        "Connection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


def render_upload(size: int) -> bytes:
    return _envelope(
        {"id": "bench-file", "bytes": size, "created_at": 1718792949, "file_name": "bench.bin"}
    )


_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _ws_frame(payload: bytes, opcode: int = 1) -> bytes:
    """One unmasked server frame (FIN set)."""
    n = len(payload)
    if n < 126:
        head = bytes([0x80 | opcode, n])
    elif n < 1 << 16:
        head = bytes([0x80 | opcode, 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127]) + n.to_bytes(8, "big")
    return head + payload


def _ws_event(event_type: str, data: object, n: int) -> bytes:
    event = {"id": f"evt-{n}", "event_type": event_type, "data": data, "detail": {"logid": LOGID}}
    return _ws_frame(orjson.dumps(event))


def render_ws_answer(deltas: int) -> bytes:
    """Every frame of one websocket chat answer."""
    chat = _chat("created", BOT)
    frames = [_ws_event("conversation.chat.created", chat, 0)]
    frames += [
        _ws_event("conversation.message.delta", _message("tok ", BOT), i) for i in range(deltas)
    ]
    frames.append(_ws_event("conversation.message.completed", _message("tok " * deltas, BOT), 1))
    frames.append(
        _ws_event("conversation.chat.completed", _chat("completed", BOT, tokens=deltas), 2)
    )
    return b"".join(frames)


class Responses:
    """Every answer, rendered once and then served from memory."""

    def __init__(self, workspaces: int, speech_mib: int = 50, ws_deltas: int = 20_000) -> None:
        self.workspaces = workspaces
        self.ws_answer = render_ws_answer(ws_deltas)
        self.speech = render_speech(speech_mib)
        self._streams: dict[str, bytes] = {}
        self._by_target: dict[tuple[str, str], bytes] = {}
        self.unauthorized = _json_response(
            {"code": 4100, "msg": "authentication is invalid"}, status=401
        )
        self.not_found = _json_response({"code": 4000, "msg": "no such route"}, status=404)
        self.bad_request = _json_response({"code": 4000, "msg": "bad request"}, status=400)
        for bot in (f"bench-{DEFAULT_DELTAS}", "bench-20000", HOLD_BOT):
            self.stream(bot)

    def stream(self, bot_id: str) -> bytes:
        rendered = self._streams.get(bot_id)
        if rendered is None:
            if bot_id == HOLD_BOT:
                rendered = render_hold(bot_id)
            else:
                _, _, n = bot_id.rpartition("-")
                deltas = int(n) if n.isdigit() and bot_id.startswith("bench-") else DEFAULT_DELTAS
                rendered = render_stream(bot_id, deltas)
            if len(self._streams) < 64:
                self._streams[bot_id] = rendered
        return rendered

    def get(self, method: str, target: str) -> bytes:
        key = (method, target)
        rendered = self._by_target.get(key)
        if rendered is None:
            rendered = self._render(method, target)
            if len(self._by_target) < 4096:
                self._by_target[key] = rendered
        return rendered

    def _render(self, method: str, target: str) -> bytes:
        path, _, query = target.partition("?")
        params = dict(parse_qsl(query))
        if method == "GET" and path == "/v1/bot/get_online_info":
            return _envelope(_bot(params.get("bot_id", BOT)))
        if method == "POST" and path == "/v3/chat/retrieve":
            chat = _chat("completed", BOT, tokens=10)
            chat["id"] = params.get("chat_id", CHAT)
            chat["conversation_id"] = params.get("conversation_id", CONVERSATION)
            return _envelope(chat)
        if method == "GET" and path == "/v1/workspaces":
            try:
                page_num = max(int(params.get("page_num", "1")), 1)
                page_size = max(int(params.get("page_size", "20")), 1)
            except ValueError:
                return self.bad_request
            first = (page_num - 1) * page_size
            items = [_workspace(i) for i in range(first, min(first + page_size, self.workspaces))]
            return _envelope({"total_count": self.workspaces, "workspaces": items})
        return self.not_found


def _bot(bot_id: str) -> dict[str, object]:
    return {
        "bot_id": bot_id,
        "name": "bench bot",
        "description": "a bot for benchmarks",
        "icon_url": "https://example.invalid/bot.png",
        "create_time": 1718792949,
        "update_time": 1718792949,
        "version": "1718792949",
        "prompt_info": {"prompt": "You are a helpful assistant."},
        "onboarding_info": {"prologue": "Hi!", "suggested_questions": ["What can you do?"]},
        "bot_mode": 0,
        "plugin_info_list": [],
        "model_info": {"model_id": "1706077826", "model_name": "GPT-4o"},
    }


class HTTPProtocol(asyncio.Protocol):
    """One connection: requests parsed by hand, answered from :class:`Responses`."""

    def __init__(self, responses: Responses) -> None:
        self.responses = responses
        self.buf = bytearray()
        self.transport: asyncio.Transport | None = None
        self.held = False
        self.websocket = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        if self.held:
            return  # a held stream ignores anything more; the client will close
        buf = self.buf
        buf += data
        if self.websocket:
            self._ws_frames()
            return
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > MAX_HEAD:
                    self._fail(self.responses.bad_request)
                return
            head = buf[:end].decode("latin-1").split("\r\n")
            method, target, version = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if "chunked" in headers.get("transfer-encoding", ""):
                body_or_none = self._chunked_body(end + 4)
                if body_or_none is None:
                    return
                body, total = body_or_none
            else:
                total = end + 4 + int(headers.get("content-length", "0") or 0)
                if len(buf) < total:
                    return
                body = bytes(buf[end + 4 : total])
            del buf[:total]
            close = version == "HTTP/1.0" or headers.get("connection", "").lower() == "close"
            if headers.get("upgrade", "").lower() == "websocket":
                self._upgrade(headers)
                if self.buf:
                    self._ws_frames()
                return
            self._answer(method, target, headers, body, close)
            if self.transport is None or self.held:
                return

    def _upgrade(self, headers: dict[str, str]) -> None:
        transport = self.transport
        if transport is None:
            return
        if headers.get("authorization", "")[:7].lower() != "bearer ":
            transport.write(self.responses.unauthorized)
            transport.close()
            return
        key = headers.get("sec-websocket-key", "")
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        transport.write(
            (
                "HTTP/1.1 101 Switching Protocols\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n"
                f"x-tt-logid: {LOGID}\r\n\r\n"
            ).encode()
        )
        self.websocket = True

    def _ws_frames(self) -> None:
        """Handle the complete client frames in the buffer (masked, unfragmented)."""
        buf, transport = self.buf, self.transport
        while transport is not None and len(buf) >= 2:
            opcode, n, pos = buf[0] & 0x0F, buf[1] & 0x7F, 2
            if n == 126:
                if len(buf) < 4:
                    return
                n, pos = int.from_bytes(buf[2:4], "big"), 4
            elif n == 127:
                if len(buf) < 10:
                    return
                n, pos = int.from_bytes(buf[2:10], "big"), 10
            masked = buf[1] & 0x80
            mask = bytes(buf[pos : pos + 4]) if masked else b""
            start = pos + (4 if masked else 0)
            if len(buf) < start + n:
                return
            payload = bytes(buf[start : start + n])
            if masked:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            del buf[: start + n]
            if opcode == 8:  # close: echo it and end
                transport.write(_ws_frame(payload[:2] or b"\x03\xe8", 8))
                transport.close()
                return
            if opcode == 9:  # ping
                transport.write(_ws_frame(payload, 10))
            elif opcode == 1:
                try:
                    event = orjson.loads(payload)
                except orjson.JSONDecodeError:
                    continue
                if isinstance(event, dict) and event.get("event_type") == (
                    "conversation.message.create"
                ):
                    transport.write(self.responses.ws_answer)

    def _chunked_body(self, start: int) -> tuple[bytes, int] | None:
        """A complete chunked body from ``start`` and where it ends, or ``None`` (wait)."""
        buf, parts, pos = self.buf, [], start
        if not buf.endswith(b"0\r\n\r\n"):  # the last chunk has not come (cheap check)
            return None
        while True:
            line_end = buf.find(b"\r\n", pos)
            if line_end < 0:
                return None
            size = int(bytes(buf[pos:line_end]).split(b";")[0], 16)
            if size == 0:
                trailer_end = buf.find(b"\r\n\r\n", line_end)
                if trailer_end < 0:
                    return None
                return b"".join(parts), trailer_end + 4
            if len(buf) < line_end + 2 + size + 2:
                return None
            parts.append(bytes(buf[line_end + 2 : line_end + 2 + size]))
            pos = line_end + 2 + size + 2

    def _answer(
        self, method: str, target: str, headers: dict[str, str], body: bytes, close: bool
    ) -> None:
        transport = self.transport
        if transport is None:
            return
        responses = self.responses
        if headers.get("authorization", "")[:7].lower() != "bearer ":
            out = responses.unauthorized
        elif method == "POST" and target.partition("?")[0] == "/v3/chat":
            try:
                request = orjson.loads(body)
            except orjson.JSONDecodeError:
                request = None
            if not isinstance(request, dict) or request.get("stream") is not True:
                out = responses.bad_request
            else:
                bot_id = str(request.get("bot_id", ""))
                out = responses.stream(bot_id)
                self.held = bot_id == HOLD_BOT
        elif method == "POST" and target.partition("?")[0] == "/v1/audio/speech":
            out = responses.speech
        elif method == "POST" and target.partition("?")[0] == "/v1/files/upload":
            out = render_upload(_multipart_file_size(body, headers.get("content-type", "")))
        else:
            out = responses.get(method, target)
        transport.write(out)
        if close and not self.held:
            transport.close()

    def _fail(self, response: bytes) -> None:
        if self.transport is not None:
            self.transport.write(response)
            self.transport.close()


def _multipart_file_size(body: bytes, content_type: str) -> int:
    """The size of the first part's content in a multipart body (-1 if it is not one)."""
    _, _, boundary = content_type.partition("boundary=")
    if not boundary:
        return -1
    delimiter = b"--" + boundary.strip('"').encode()
    start = body.find(delimiter)
    head_end = body.find(b"\r\n\r\n", start)
    end = body.find(b"\r\n" + delimiter, head_end)
    return -1 if min(start, head_end, end) < 0 else end - head_end - 4


async def serve(
    host: str, port: int, workspaces: int, speech_mib: int = 50, ws_deltas: int = 20_000
) -> None:
    responses = Responses(workspaces, speech_mib, ws_deltas)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: HTTPProtocol(responses), host, port, backlog=4096, reuse_address=True
    )
    bound = server.sockets[0].getsockname()
    sys.stdout.write(f"READY http://{bound[0]}:{bound[1]}\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()  # held streams are not waited for: the process is about to exit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--workspaces", type=int, default=1000)
    parser.add_argument("--speech-mb", type=int, default=50, help="MiB of speech audio")
    parser.add_argument("--ws-deltas", type=int, default=20_000, help="websocket chat deltas")
    args = parser.parse_args()
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass
    asyncio.run(serve(args.host, args.port, args.workspaces, args.speech_mb, args.ws_deltas))


if __name__ == "__main__":
    main()
