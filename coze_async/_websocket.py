"""A realtime session over one websocket: typed events in and out, in order, with one rule for
how it ends.

:class:`AsyncWebsocketSession` is returned at once and opened on first use (``async with``,
``await``, the first send or read). Sending writes the frame before it returns; events are
read one websocket message at a time by whoever iterates the session (no task of its own, so a
session leaves nothing running once closed). It ends in one of three ways:

- by :meth:`~AsyncWebsocketSession.close` (here, or by the client's ``close()``): the events
  still queued are sent first; iteration ends (with :class:`CozeClientClosedError` when the
  client closed it);
- by the service with close code 1000: iteration ends;
- any other way (another close code, a dropped connection, a missed pong): iteration raises
  :class:`CozeWebsocketClosedError` with the close code (1006 for a drop) and the handshake's
  log id. Sending afterwards raises the same error.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import typing
from collections.abc import Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import aiohttp
import attrs
import orjson

from ._converter import StructureError, converter, structure, unstructure
from ._errors import (
    CozeClientClosedError,
    CozeError,
    CozeInvalidArgumentTypeError,
    CozeInvalidEventError,
    CozeWebsocketClosedError,
)
from ._fastgen import fast_path_refusal
from ._interning import message_interner
from ._response import NO_RESPONSE, HTTPResponse
from .models.chat import Message
from .models.websockets import WebsocketsErrorEvent, WebsocketsEvent, WebsocketsUnknownEvent

if TYPE_CHECKING:
    from ._transport import Transport

__all__ = ["DEFAULT_HEARTBEAT", "AsyncWebsocketSession", "decode_event", "event_decoder"]

log = logging.getLogger("coze_async")

#: Seconds between the keepalive pings a session sends (a pong must come within half of it).
DEFAULT_HEARTBEAT = 30.0

#: The close code of a normal end (RFC 6455), and the one reported for a dropped connection.
_NORMAL_CLOSURE = 1000
_ABNORMAL_CLOSURE = 1006

_NEW, _OPEN, _CLOSED = "new", "open", "closed"


def decode_event(
    message: Mapping[str, Any], events: Mapping[str, type[WebsocketsEvent]], logid: str = ""
) -> WebsocketsEvent:
    """The typed event of one decoded message: the channel's class for its ``event_type``,
    :class:`WebsocketsErrorEvent` for ``error``, :class:`WebsocketsUnknownEvent` for any other
    type. A message that does not fit its class raises :class:`CozeInvalidEventError`."""
    event_type = message.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        raise CozeInvalidEventError("event_type", _text(message), logid)
    cls = WebsocketsErrorEvent if event_type == "error" else events.get(event_type)
    fields: dict[str, Any] = {"id": message.get("id"), "detail": message.get("detail")}
    if cls is None:
        cls = WebsocketsUnknownEvent
        fields["event_type"] = event_type
    if "data" in message and _has_data(cls):
        fields["data"] = message["data"]
    try:
        event = structure(fields, cls)
    except StructureError as exc:
        raise CozeInvalidEventError(str(exc), _text(message), logid) from exc
    if isinstance(event, WebsocketsErrorEvent) and event.data.logid is None:
        event.data.logid = event.logid or logid or None
    return event


_HAS_DATA: dict[type[WebsocketsEvent], bool] = {}


def _has_data(cls: type[WebsocketsEvent]) -> bool:
    has = _HAS_DATA.get(cls)
    if has is None:
        has = _HAS_DATA[cls] = "data" in attrs.fields_dict(cls)
    return has


_Detail = WebsocketsEvent.Detail
_structure_detail = converter.get_structure_hook(_Detail)
_new = object.__new__
_loads = orjson.loads
_ABSENT: Any = object()
# Built slot by slot below: fail at import, not at run time, if the models change.
if [a.name for a in attrs.fields(_Detail)] != ["logid", "origin_message"]:
    raise RuntimeError("WebsocketsEvent.Detail's fields changed: update event_decoder")
_MESSAGE_EVENT_FIELDS = {"event_type", "id", "detail", "data"}


_CARRIES_MESSAGE: dict[type[WebsocketsEvent], bool] = {}


def _carries_message(cls: type[WebsocketsEvent]) -> bool:
    """True for an event class made of the base fields and a :class:`Message` as ``data``."""
    carries = _CARRIES_MESSAGE.get(cls)
    if carries is None:
        carries = _CARRIES_MESSAGE[cls] = (
            {a.name for a in attrs.fields(cls)} == _MESSAGE_EVENT_FIELDS
            and typing.get_type_hints(cls)["data"] is Message
            and fast_path_refusal(cls) is None
        )
    return carries


def event_decoder(
    events: Mapping[str, type[WebsocketsEvent]],
) -> Callable[[str, str], WebsocketsEvent]:
    """``decode(text, logid)``: :func:`decode_event` of one message's JSON text (bad JSON, or
    not an object, raises :class:`CozeInvalidEventError` too). One per session: a message event
    (``data`` a :class:`Message`: deltas, completed messages) interns its message by the rule of
    :mod:`coze_async._interning`, and its ``detail`` when equal to the previous one's (string or
    null values); anything else, and any message the shortcut does not take whole, takes
    :func:`decode_event`. Property-tested against it, errors included."""
    fast = {
        name: (cls, attrs.fields(cls).event_type.default)
        for name, cls in events.items()
        if name != "error" and _carries_message(cls)
    }
    intern = message_interner()
    last_detail_raw: dict[str, Any] | None = None
    last_detail: Any = None

    def decode(text: str, logid: str) -> WebsocketsEvent:
        nonlocal last_detail_raw, last_detail
        try:
            raw = _loads(text)
        except orjson.JSONDecodeError as exc:
            raise CozeInvalidEventError("", text, logid) from exc
        if raw.__class__ is dict:
            event_type = raw.get("event_type")
            entry = fast.get(event_type) if event_type.__class__ is str else None
            if entry is not None:
                event_id = raw.get("id")
                data = raw.get("data", _ABSENT)
                if (event_id is None or event_id.__class__ is str) and data is not _ABSENT:
                    try:
                        detail = raw.get("detail")
                        if detail is None:
                            pass
                        elif detail == last_detail_raw:
                            detail = _new(_Detail)
                            detail.logid = last_detail.logid
                            detail.origin_message = last_detail.origin_message
                        else:
                            raw_detail = detail
                            detail = _structure_detail(raw_detail, _Detail)
                            if raw_detail.__class__ is dict and all(
                                value is None or value.__class__ is str
                                for value in raw_detail.values()
                            ):
                                last_detail_raw, last_detail = raw_detail, detail
                        message = intern(data)
                    except Exception:  # the converter's path below raises its error
                        raw = _loads(text)
                    else:
                        cls, kind = entry
                        event: WebsocketsEvent = _new(cls)
                        event.event_type = kind
                        event.id = event_id
                        event.detail = detail
                        event.data = message  # type: ignore[attr-defined]
                        return event
        elif not isinstance(raw, dict):
            raise CozeInvalidEventError("", text, logid)
        return decode_event(raw, events, logid)

    return decode


_TEXT, _BINARY = aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY


def _holds_messages(ws: aiohttp.ClientWebSocketResponse[bool] | None) -> bool:
    """True when aiohttp holds a received message, so reading it does not wait for the network
    (its reader's queue; where that is not there, False: one event per batch)."""
    return bool(getattr(getattr(ws, "_reader", None), "_buffer", None))


def _abort(ws: aiohttp.ClientWebSocketResponse[bool]) -> None:
    """Close the connection under ``ws`` at once (aiohttp does the same when its own close is
    cancelled after the close frame; before it, the connection would stay open)."""
    response = getattr(ws, "_response", None)
    if response is not None:
        response.close()


def _text(message: Mapping[str, Any]) -> str:
    try:
        return orjson.dumps(message).decode()
    except TypeError:
        return repr(message)


class AsyncWebsocketSession:
    """One realtime session (see the module docstring): ``await session.send(event)`` writes
    an event; ``async for event in session`` reads them as they arrive (one reader at a time).
    Use ``async with`` (or ``await`` it and call :meth:`close`)."""

    def __init__(
        self,
        transport: Transport,
        path: str,
        params: Mapping[str, Any] | None,
        events: Mapping[str, type[WebsocketsEvent]],
        *,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> None:
        self._transport = transport
        self._path = path
        self._params = dict(params or {})
        self._events = events
        self._decoder = event_decoder(events)
        self._headers = dict(headers or {})
        self._heartbeat = heartbeat
        self._state = _NEW
        self._ws: aiohttp.ClientWebSocketResponse[bool] | None = None
        self._meta = NO_RESPONSE
        self._outbox: collections.deque[WebsocketsEvent] = collections.deque()
        self._opening: asyncio.Lock | None = None
        self._reading = False
        self._closed_here = False
        self._client_closed = False
        self._peer_close: tuple[int, str] | None = None
        #: Why the session ended, when the service ended it (raised by reads and sends).
        self._ending: CozeWebsocketClosedError | None = None
        self._read_done = False
        #: An error met while reading ahead (:meth:`next_batch`), raised by the next read.
        self._pending_error: CozeError | None = None
        #: Awaited after the client closed this session (a handler client joins its reader).
        self._after_client_close: Callable[[], Awaitable[None]] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def open(self) -> AsyncWebsocketSession:
        """Connect (once; later calls return at once). A session that ended cannot reopen."""
        if self._state is _OPEN:
            return self
        if self._state is _CLOSED:
            raise self._ended_error("this websocket session is closed")
        if self._opening is None:
            self._opening = asyncio.Lock()
        async with self._opening:
            if self._state is not _NEW:
                return await self.open()
            ws, meta = await self._transport.ws_connect(
                self._path, self._params, headers=self._headers, heartbeat=self._heartbeat
            )
            try:
                if self._closed_here:
                    raise self._ended_error("this websocket session was closed while opening")
                self._transport.track_websocket(self, self._close_for_client)
            except BaseException:
                await ws.close()
                raise
            self._ws, self._meta, self._state = ws, meta, _OPEN
        return self

    def __await__(self) -> Generator[Any, None, AsyncWebsocketSession]:
        return self.open().__await__()

    async def __aenter__(self) -> AsyncWebsocketSession:
        return await self.open()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            await self.close()
            return
        try:  # the block's own exception wins over a failure to flush
            await self.close()
        except CozeError as error:
            log.warning("websocket %s: %s", self._path, error)

    async def close(self) -> None:
        """Send the events still queued, then close the websocket (code 1000). Idempotent.
        If queued events could not be sent (the connection was gone), it still closes, then
        raises :class:`CozeWebsocketClosedError` whose ``unsent`` lists them."""
        if self._state is _CLOSED:
            self._raise_unsent()
            return
        self._closed_here = True
        if self._state is _NEW:
            self._state = _CLOSED
            self._raise_unsent()
            return
        try:
            if self._outbox and self._ending is None:
                with contextlib.suppress(CozeError):  # reported below, with what is left
                    await self.flush()
        finally:
            await self._shut()
        self._raise_unsent()

    async def _close_for_client(self) -> None:
        """The client is closing: end this session (a read in progress ends with
        :class:`CozeClientClosedError`)."""
        self._client_closed = True
        try:
            await self.close()
        except CozeError as error:
            log.warning("websocket %s: %s", self._path, error)
        if self._after_client_close is not None:
            await self._after_client_close()

    async def _shut(self) -> None:
        self._state = _CLOSED
        self._pending_error = None  # dropped with what was received and not read
        self._transport.untrack_websocket(self)
        ws = self._ws
        if ws is not None and not ws.closed:
            try:
                await ws.close()
            except asyncio.CancelledError:
                _abort(ws)  # cancelled while waiting for the service: drop the connection
                raise
            except Exception as exc:  # the connection is gone either way
                log.debug("websocket %s: closing failed: %r", self._path, exc)

    def _raise_unsent(self) -> None:
        if self._outbox:
            unsent = tuple(self._outbox)
            self._outbox.clear()
            raise self._ended_error(
                f"{len(unsent)} event(s) queued before close() could not be sent", unsent
            )

    # -- metadata ------------------------------------------------------------------------------

    @property
    def response(self) -> HTTPResponse:
        """The handshake's HTTP response (status 101, headers, ``logid``); empty until open."""
        return self._meta

    @property
    def logid(self) -> str:
        """The log id of the handshake (empty until open)."""
        return self._meta.logid

    @property
    def closed(self) -> bool:
        """True once the session ended (closed here, by the service or by a failure)."""
        return self._state is _CLOSED

    @property
    def close_code(self) -> int | None:
        """The close code the session ended with (1006 for a dropped connection), once ended
        by the service; ``None`` while open or when closed here."""
        if self._peer_close is not None:
            return self._peer_close[0]
        return self._ending.close_code if self._ending is not None else None

    # -- sending -------------------------------------------------------------------------------

    async def send(self, event: WebsocketsEvent) -> None:
        """Send ``event`` (after any queued before it); returns once it is written. Raises
        :class:`CozeWebsocketClosedError` if the session ended."""
        self.queue(event)
        await self.flush()

    def queue(self, event: WebsocketsEvent) -> None:
        """Queue ``event`` for the next :meth:`flush` (or :meth:`send`, or :meth:`close`),
        without waiting: what the sync layer uses inside event handlers."""
        if not isinstance(event, WebsocketsEvent):
            raise CozeInvalidArgumentTypeError(
                f"event must be a WebsocketsEvent (e.g. ChatUpdateEvent), not {type(event)!r}"
            )
        if self._state is _CLOSED or self._closed_here:
            raise self._ended_error("cannot send: this websocket session is closed")
        self._outbox.append(event)

    async def flush(self) -> None:
        """Write the queued events, in order."""
        if self._state is _NEW:
            await self.open()
        ws = self._ws
        assert ws is not None
        outbox = self._outbox
        while outbox:
            event = outbox.popleft()  # before writing: a concurrent flush takes the next one
            payload = orjson.dumps(unstructure(event)).decode()
            try:
                await ws.send_str(payload)
            except (ConnectionError, aiohttp.ClientError, RuntimeError) as exc:
                outbox.appendleft(event)
                raise self._ended_error(f"cannot send: {exc}") from exc
            if log.isEnabledFor(logging.DEBUG):
                log.debug("websocket %s sent %s", self._path, event.event_type.value)

    # -- receiving -----------------------------------------------------------------------------

    def __aiter__(self) -> AsyncWebsocketSession:
        return self

    async def __anext__(self) -> WebsocketsEvent:
        event = await self.next_event()
        if event is None:
            raise StopAsyncIteration
        return event

    async def receive(self) -> WebsocketsEvent:
        """The next event; raises :class:`CozeWebsocketClosedError` once the session ended."""
        event = await self.next_event()
        if event is None:
            raise self._ended_error("this websocket session is closed")
        return event

    async def next_event(self) -> WebsocketsEvent | None:
        """The next event, or ``None`` once the session ended normally; raises the error of
        an abnormal end (see the module docstring), or :class:`CozeInvalidEventError` for a
        message that cannot be decoded (the session goes on)."""
        if self._state is _NEW and not self._closed_here:
            await self.open()
        pending = self._pending_error
        if pending is not None:
            self._pending_error = None
            raise pending
        ws = self._ws
        if self._read_done or ws is None:
            self._raise_ending()
            return None
        if self._reading:
            raise CozeError("another task is already reading this websocket session")
        self._reading = True
        try:
            failure: BaseException | None = None
            while True:
                message = await ws.receive()
                kind = message.type
                if kind is _TEXT or kind is _BINARY:
                    data = message.data
                    text = data if data.__class__ is str else bytes(data).decode()
                    event = self._decoder(text, self._meta.logid)
                    if log.isEnabledFor(logging.DEBUG):
                        log.debug("websocket %s received %s", self._path, event.event_type.value)
                    return event
                if kind is aiohttp.WSMsgType.CLOSE:
                    self._peer_close = (int(message.data), str(message.extra or ""))
                elif kind is aiohttp.WSMsgType.ERROR:
                    failure = message.data
                elif kind is aiohttp.WSMsgType.CLOSING or kind is aiohttp.WSMsgType.CLOSED:
                    self._finish_reading(ws, failure)
                    self._raise_ending()
                    return None
        finally:
            self._reading = False

    async def next_batch(self) -> list[WebsocketsEvent]:
        """The next event and those received already after it, decoded without waiting for the
        network (what the sync iterator takes per thread hop): at least one, ``[]`` once the
        session ended normally. Raises as :meth:`next_event`; an error that follows events is
        raised by the next call (of either method)."""
        event = await self.next_event()
        if event is None:
            return []
        batch = [event]
        ws = self._ws
        while _holds_messages(ws):
            try:
                event = await self.next_event()
            except CozeError as exc:
                self._pending_error = exc
                break
            if event is None:
                break
            batch.append(event)
        return batch

    def _finish_reading(
        self, ws: aiohttp.ClientWebSocketResponse[bool], failure: BaseException | None
    ) -> None:
        """The websocket is done: record how it ended (once)."""
        self._read_done = True
        if self._closed_here or self._ending is not None:
            return
        peer = self._peer_close
        if peer is not None and peer[0] == _NORMAL_CLOSURE:
            self._ending = CozeWebsocketClosedError(
                "the service closed this websocket session",
                close_code=_NORMAL_CLOSURE,
                reason=peer[1],
                logid=self.logid,
            )
        else:
            if failure is None and isinstance(ws.exception(), aiohttp.ServerTimeoutError):
                failure = ws.exception()  # a missed pong while nobody was reading
            if peer is not None:
                code, reason = peer
            else:  # a protocol error has its code (1009: too big), anything else is a drop
                protocol_code = getattr(failure, "code", None)
                code = protocol_code if isinstance(protocol_code, int) else _ABNORMAL_CLOSURE
                reason = str(failure) if failure else "the connection dropped without a close"
            self._ending = CozeWebsocketClosedError(
                "the websocket session ended abnormally",
                close_code=code,
                reason=reason,
                logid=self.logid,
            )
        self._state = _CLOSED
        self._transport.untrack_websocket(self)

    def _raise_ending(self) -> None:
        """After the end: nothing for a normal one, else raise its error."""
        if self._client_closed:
            raise CozeClientClosedError("the client was closed while this websocket was open")
        ending = self._ending
        if ending is not None and ending.close_code != _NORMAL_CLOSURE:
            raise ending

    @property
    def ended_abnormally(self) -> bool:
        """True when the session ended other than by close() here or a normal close there."""
        ending = self._ending
        return ending is not None and ending.close_code != _NORMAL_CLOSURE

    @property
    def ending(self) -> CozeError | None:
        """Why the session ended, unless it was closed here (``None`` while open)."""
        if self._client_closed:
            return CozeClientClosedError("the client was closed while this websocket was open")
        return self._ending

    def _ended_error(
        self, message: str, unsent: tuple[WebsocketsEvent, ...] = ()
    ) -> CozeWebsocketClosedError:
        ending = self._ending
        return CozeWebsocketClosedError(
            message,
            close_code=ending.close_code if ending else None,
            reason=ending.reason if ending else "",
            logid=self.logid or None,
            unsent=unsent,
        )

    def __repr__(self) -> str:
        return f"AsyncWebsocketSession(path={self._path!r}, state={self._state!r})"
