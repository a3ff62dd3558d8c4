"""The realtime endpoints over websockets: ``/v1/chat`` (in ``websockets_chat``),
``/v1/audio/speech`` and ``/v1/audio/transcriptions``.

Every event is one JSON text frame ``{"id", "event_type", "data", "detail": {"logid"}}``. A
request event the emulator cannot take (bad JSON, unknown type, wrong data) is answered by an
``error`` event (code 4000, ``detail.origin_message`` quoting it) and the session goes on. The
route's fault applies per event sent: ``event_delay``, ``malformed_after``, and ``drop_after``
(the connection drops, or closes with ``close_code``). Each session's received events are kept
in ``store.websockets.sessions`` (tests read them).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import orjson
from aiohttp import WSCloseCode, WSMsgType, web

from .._speech_code import chunks, recognise, speak
from .._state import STORE
from .._wire import Fault, current_fault, current_logid, new_id

__all__ = [
    "Channel",
    "EventError",
    "SessionLog",
    "WebsocketsState",
    "add_routes",
    "base64_audio",
    "check_input_audio",
    "check_output_audio",
    "serve",
]


@attrs.define
class SessionLog:
    """One websocket session as the emulator saw it."""

    path: str
    query: dict[str, str]
    #: The handshake's request headers.
    headers: dict[str, str] = attrs.field(factory=dict)
    #: The events received, in order (decoded JSON; undecodable frames as ``{"raw": text}``).
    received: list[dict[str, Any]] = attrs.field(factory=list)
    #: The events sent, in order.
    sent: list[dict[str, Any]] = attrs.field(factory=list)
    #: The close code the client sent (``None`` if it never closed properly).
    client_close_code: int | None = None
    #: True once the session is over.
    ended: bool = False


@attrs.define
class WebsocketsState:
    """The realtime sessions: the log of each, and the open sockets (closed on shutdown)."""

    sessions: list[SessionLog] = attrs.field(factory=list)
    open: set[web.WebSocketResponse] = attrs.field(factory=set)


class EventError(Exception):
    """Raised by a session's handling of an event: answered by an ``error`` event."""

    def __init__(self, msg: str, code: int = 4000) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg


class _Dropped(Exception):
    """The injected fault ended the connection."""


def add_routes(app: web.Application) -> None:
    """Register the realtime endpoints on ``app``."""
    from . import websockets_chat

    app.router.add_get("/v1/chat", websockets_chat.chat_session)
    app.router.add_get("/v1/audio/speech", speech_session)
    app.router.add_get("/v1/audio/transcriptions", transcriptions_session)
    app.on_shutdown.append(_close_all)


async def _close_all(app: web.Application) -> None:
    for ws in list(app[STORE].websockets.open):
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"the emulator is stopping")


class Channel:
    """One open session's sending side: event framing, the fault, the session log."""

    def __init__(
        self,
        request: web.Request,
        ws: web.WebSocketResponse,
        log: SessionLog,
        fault: Fault | None,
    ) -> None:
        self.request = request
        self.ws = ws
        self.log = log
        self._fault = fault
        self._sent = 0
        self.subscriptions: set[str] | None = None
        self._lock = asyncio.Lock()

    async def emit(self, event_type: str, data: Any = None, *, origin: str | None = None) -> None:
        """Send one event (unless the client's ``event_subscriptions`` leave it out)."""
        if self.subscriptions and event_type not in self.subscriptions and event_type != "error":
            return
        event: dict[str, Any] = {"id": new_id(), "event_type": event_type}
        if data is not None:
            event["data"] = data
        event["detail"] = {"logid": current_logid.get()}
        if origin is not None:
            event["detail"]["origin_message"] = origin
        async with self._lock:  # the chat task and the receiving loop both send
            await self._apply_fault()
            await self.ws.send_str(orjson.dumps(event).decode())
            self.log.sent.append(event)
            self._sent += 1

    async def error(self, code: int, msg: str, origin: str) -> None:
        """Answer a request event with an ``error`` event."""
        await self.emit("error", {"code": code, "msg": msg}, origin=origin)

    async def _apply_fault(self) -> None:
        fault = self._fault
        if fault is None:
            return
        if self._sent and fault.event_delay:
            await asyncio.sleep(fault.event_delay)
        if fault.drop_after is not None and self._sent >= fault.drop_after:
            await self.end_by_fault()
        if fault.malformed_after is not None and self._sent == fault.malformed_after:
            await self.ws.send_str('{"event_type": "conversation.message.delta", "data": {bad')

    async def end_by_fault(self) -> None:
        """End the connection as the fault says: a close code, or a drop."""
        fault = self._fault
        assert fault is not None
        if fault.close_code is not None:
            await self.ws.close(code=fault.close_code, message=fault.msg.encode()[:120])
        else:
            transport = self.request.transport
            if transport is not None:
                transport.close()
        raise _Dropped

    @property
    def fault_drops_at_once(self) -> bool:
        """Whether the fault ends the connection before any event."""
        return self._fault is not None and self._fault.drop_after == 0


EventHandler = Callable[[dict[str, Any], str], Awaitable[None]]


async def serve(
    request: web.Request,
    start: Callable[[Channel], Awaitable[dict[str, EventHandler]]],
    stop: Callable[[], Awaitable[None]] | None = None,
) -> web.StreamResponse:
    """Run one session: accept it, let ``start`` greet and return the handlers by event type,
    then answer each received event until the client closes."""
    state = request.app[STORE].websockets
    ws = web.WebSocketResponse(autoping=True)
    ws.headers["x-tt-logid"] = current_logid.get()
    await ws.prepare(request)
    log = SessionLog(path=request.path, query=dict(request.query), headers=dict(request.headers))
    state.sessions.append(log)
    state.open.add(ws)
    channel = Channel(request, ws, log, current_fault.get())
    try:
        if channel.fault_drops_at_once:
            await channel.end_by_fault()
        handlers = await start(channel)
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                continue
            await _answer(channel, handlers, message.data)
        log.client_close_code = ws.close_code
    except (_Dropped, ConnectionError):
        pass
    finally:
        if stop is not None:
            await stop()
        log.ended = True
        state.open.discard(ws)
    return ws


async def _answer(channel: Channel, handlers: dict[str, EventHandler], text: str) -> None:
    try:
        event = orjson.loads(text)
    except orjson.JSONDecodeError:
        channel.log.received.append({"raw": text})
        await channel.error(4000, "the event is not valid JSON", text)
        return
    channel.log.received.append(event if isinstance(event, dict) else {"raw": text})
    event_type = event.get("event_type") if isinstance(event, dict) else None
    handler = handlers.get(event_type) if isinstance(event_type, str) else None
    if handler is None:
        await channel.error(4000, f"unsupported event type: {event_type!r}", text)
        return
    data = event.get("data")
    try:
        await handler(data if isinstance(data, dict) else {}, text)
    except EventError as exc:
        await channel.error(exc.code, exc.msg, text)


def base64_audio(data: dict[str, Any]) -> bytes:
    """The audio of an ``input_audio_buffer.append`` event, or an :class:`EventError`."""
    delta = data.get("delta")
    try:
        if not isinstance(delta, str):
            raise ValueError
        return base64.b64decode(delta, validate=True)
    except (ValueError, binascii.Error):
        raise EventError("data.delta must be base64 audio") from None


def _object(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = data.get(name)
    if value is not None and not isinstance(value, dict):
        raise EventError(f"data.{name} must be an object")
    return value


def check_output_audio(data: dict[str, Any]) -> dict[str, Any] | None:
    """The ``output_audio`` setting of an update event, checked."""
    output = _object(data, "output_audio")
    if output is not None and output.get("codec", "pcm") not in ("pcm", "opus", "g711a", "g711u"):
        raise EventError(f"unsupported output_audio.codec {output.get('codec')!r}")
    return output


def check_input_audio(data: dict[str, Any]) -> dict[str, Any] | None:
    """The ``input_audio`` setting of an update event, checked."""
    given = _object(data, "input_audio")
    if given is not None and given.get("format", "pcm") not in ("pcm", "wav", "ogg"):
        raise EventError(f"unsupported input_audio.format {given.get('format')!r}")
    return given


# -- /v1/audio/speech ----------------------------------------------------------------------------


async def speech_session(request: web.Request) -> web.StreamResponse:
    """``/v1/audio/speech``: text in (``input_text_buffer.*``), PCM chunks out."""
    text: list[str] = []
    settings: dict[str, Any] = {"output_audio": {"codec": "pcm"}}

    async def start(channel: Channel) -> dict[str, EventHandler]:
        async def update(data: dict[str, Any], origin: str) -> None:
            output = check_output_audio(data)
            if output is not None:
                settings["output_audio"] = output
            await channel.emit("speech.updated", settings)

        async def append(data: dict[str, Any], origin: str) -> None:
            delta = data.get("delta")
            if not isinstance(delta, str):
                raise EventError("data.delta must be a string")
            text.append(delta)

        async def complete(data: dict[str, Any], origin: str) -> None:
            spoken = "".join(text)
            text.clear()
            await channel.emit("input_text_buffer.completed")
            if not spoken:
                raise EventError("the input text buffer is empty")
            for piece in chunks(speak(spoken)):
                await channel.emit("speech.audio.update", {"delta": _b64(piece)})
            await channel.emit("speech.audio.completed")

        await channel.emit("speech.created")
        return {
            "speech.update": update,
            "input_text_buffer.append": append,
            "input_text_buffer.complete": complete,
        }

    return await serve(request, start)


# -- /v1/audio/transcriptions --------------------------------------------------------------------


async def transcriptions_session(request: web.Request) -> web.StreamResponse:
    """``/v1/audio/transcriptions``: PCM in (``input_audio_buffer.*``), its text out."""
    audio = bytearray()
    settings: dict[str, Any] = {"input_audio": {"format": "pcm", "sample_rate": 24000}}

    async def start(channel: Channel) -> dict[str, EventHandler]:
        async def update(data: dict[str, Any], origin: str) -> None:
            given = check_input_audio(data)
            if given is not None:
                settings["input_audio"] = given
            await channel.emit("transcriptions.updated", settings)

        async def append(data: dict[str, Any], origin: str) -> None:
            audio.extend(base64_audio(data))
            heard = recognise(bytes(audio))
            if heard and not heard.startswith("("):
                await channel.emit("transcriptions.message.update", {"content": heard})

        async def complete(data: dict[str, Any], origin: str) -> None:
            heard = recognise(bytes(audio))
            audio.clear()
            await channel.emit("input_audio_buffer.completed")
            await channel.emit("transcriptions.message.update", {"content": heard})
            await channel.emit("transcriptions.message.completed")

        async def clear(data: dict[str, Any], origin: str) -> None:
            audio.clear()
            await channel.emit("input_audio_buffer.cleared")

        await channel.emit("transcriptions.created")
        return {
            "transcriptions.update": update,
            "input_audio_buffer.append": append,
            "input_audio_buffer.complete": complete,
            "input_audio_buffer.clear": clear,
        }

    return await serve(request, start)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
