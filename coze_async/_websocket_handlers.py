"""cozepy's handler style, built on :class:`~coze_async._websocket.AsyncWebsocketSession`.

A handler-style client (``coze.websockets.chat.create(bot_id=..., on_event=handler)``) owns one
session and, once connected, one task that reads it and calls the handler of each event in
order: a method ``on_<event_type with dots as underscores>`` of a handler object, or the entry
of a dict keyed by event type. ``on_error`` gets the service's error events and the typed error
of an abnormal end (:class:`CozeWebsocketClosedError`, with the close code and log id);
``on_client_error`` gets what a handler raised and messages that cannot be decoded;
``on_closed`` is called once, when the session ended, however it ended.

:meth:`AsyncWebsocketsBaseClient.wait` returns once each awaited event type (by default the
channel's completion event) arrived since the previous ``wait()`` returned; it raises the error
of a session that ended first. Nothing is left running once :meth:`close` returns.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import functools
import inspect
import logging
import weakref
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from enum import Enum
from types import CoroutineType, TracebackType
from typing import Any, ClassVar, TypeVar

from ._converter import StructureError
from ._errors import (
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    CozeTimeoutError,
    CozeWebsocketClosedError,
)
from ._response import HTTPResponse
from ._websocket import AsyncWebsocketSession
from .models._base import DynamicStrEnum
from .models.websockets import WebsocketsEvent, WebsocketsEventType, WebsocketsUnknownEvent

__all__ = [
    "AsyncWebsocketsBaseClient",
    "AsyncWebsocketsBaseEventHandler",
    "EventHandlers",
    "WebsocketsBaseEventHandler",
    "event_data",
    "queue_only",
]

log = logging.getLogger("coze_async")

C = TypeVar("C", bound="AsyncWebsocketsBaseClient")

#: Event type -> ``handler(client, event)`` (``handler(client)`` for ``closed``).
EventHandlers = Mapping[WebsocketsEventType | str, Callable[..., Any]]

#: Not looked up yet (see ``_resolve``).
_UNRESOLVED: Any = object()

#: Seconds close() lets the handlers finish once the websocket is closed, before cancelling.
_HANDLERS_GRACE_SECONDS = 5.0

#: Set while the sync layer runs a sender inside an event handler: sends are queued (and written
#: by the reading task right after the handler returns) instead of awaited.
_QUEUE_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "coze_websocket_queue_only", default=False
)


@contextlib.contextmanager
def queue_only() -> Iterator[None]:
    """Within the block, the senders of handler-style clients queue their event instead of
    writing it (they then complete without suspending)."""
    token = _QUEUE_ONLY.set(True)
    try:
        yield
    finally:
        _QUEUE_ONLY.reset(token)


def _method_name(event_type: str) -> str:
    return "on_" + event_type.replace(".", "_")


#: ``on_<name>`` -> event type, for every known type.
_TYPE_BY_METHOD = {_method_name(t.value): t.value for t in WebsocketsEventType}


def _handler_table(
    handlers: Mapping[Any, Callable[..., Any]],
) -> dict[str, Callable[..., Any]]:
    table = {}
    for key, handler in handlers.items():
        name = key.value if isinstance(key, Enum) else key
        if not isinstance(name, str) or not callable(handler):
            raise CozeInvalidArgumentTypeError(
                f"on_event maps event types to callables, got {key!r}: {handler!r}"
            )
        table[name] = handler
    return table


class _HandlerBase:
    """What every event-handler class shares: its ``on_*`` methods as a table by event type."""

    def to_dict(
        self, origin: EventHandlers | None = None
    ) -> dict[WebsocketsEventType, Callable[..., Any]]:
        """The handlers as a dict by event type (``origin``'s entries win), as cozepy's."""
        table: dict[WebsocketsEventType, Callable[..., Any]] = {}
        for name in dir(type(self)):
            event_type = _TYPE_BY_METHOD.get(name)
            if event_type is not None:
                table[WebsocketsEventType(event_type)] = getattr(self, name)
        for key, handler in _handler_table(origin or {}).items():
            table[WebsocketsEventType(key)] = handler
        return table


class WebsocketsBaseEventHandler(_HandlerBase):
    """Base of the sync event handler classes: override ``on_<event>`` methods. The defaults
    log errors; an event without a method is ignored (an unknown type goes to
    :meth:`on_unknown_event`)."""

    def on_client_error(self, cli: Any, e: Exception) -> None:
        """A handler raised, or a message could not be decoded (the session goes on)."""
        log.error("websocket client error: %s", e, exc_info=e)

    def on_error(self, cli: Any, e: Any) -> None:
        """The service sent an error event (a :class:`WebsocketsErrorEvent`), or the session
        ended abnormally (a :class:`~coze_async.CozeWebsocketClosedError`)."""
        log.error("websocket error: %s", e)

    def on_closed(self, cli: Any) -> None:
        """The session ended (called once)."""

    def on_unknown_event(self, cli: Any, event: WebsocketsUnknownEvent) -> None:
        """An event type this SDK version does not know."""
        log.info("websocket event of unknown type %s", event.event_type.value)


class AsyncWebsocketsBaseEventHandler(_HandlerBase):
    """Base of the async event handler classes: override ``async def on_<event>`` methods
    (see :class:`WebsocketsBaseEventHandler`)."""

    async def on_client_error(self, cli: Any, e: Exception) -> None:
        """A handler raised, or a message could not be decoded (the session goes on)."""
        log.error("websocket client error: %s", e, exc_info=e)

    async def on_error(self, cli: Any, e: Any) -> None:
        """The service sent an error event (a :class:`WebsocketsErrorEvent`), or the session
        ended abnormally (a :class:`~coze_async.CozeWebsocketClosedError`)."""
        log.error("websocket error: %s", e)

    async def on_closed(self, cli: Any) -> None:
        """The session ended (called once)."""

    async def on_unknown_event(self, cli: Any, event: WebsocketsUnknownEvent) -> None:
        """An event type this SDK version does not know."""
        log.info("websocket event of unknown type %s", event.event_type.value)


class AsyncWebsocketsBaseClient:
    """Base of the handler-style clients: :meth:`connect`, the senders of each channel,
    :meth:`wait`, :meth:`close`; ``async with client() as c:`` (cozepy) or ``async with
    client:`` connects and closes."""

    class State(DynamicStrEnum):
        """Where the client is in its life."""

        INITIALIZED = "initialized"
        CONNECTING = "connecting"
        CONNECTED = "connected"
        CLOSING = "closing"
        CLOSED = "closed"

    #: What :meth:`wait` waits for by default.
    _wait_events: ClassVar[tuple[WebsocketsEventType, ...]] = ()
    #: Events that also end a default :meth:`wait` (the operation failed or was cancelled).
    _wait_ends: ClassVar[tuple[WebsocketsEventType, ...]] = ()

    def __init__(
        self,
        session: AsyncWebsocketSession,
        on_event: _HandlerBase | EventHandlers | None,
    ) -> None:
        self._session = session
        self._handler_object: _HandlerBase | None = None
        if isinstance(on_event, _HandlerBase):
            self._handler_object = on_event
            self._handlers = _handler_table(on_event.to_dict())
        elif isinstance(on_event, Mapping):
            self._handlers = _handler_table(on_event)
        elif on_event is None:
            self._handlers = {}
        else:
            raise CozeInvalidArgumentTypeError(
                "on_event must be an event handler object or a dict of handlers by event type, "
                f"not {type(on_event)!r}"
            )
        #: The handler found for each event type so far (``None``: none), by :meth:`_resolve`.
        self._handler_for: dict[str, Callable[..., Any] | None] = {}
        self._state = self.State.INITIALIZED
        self._reader: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        self._seen: collections.Counter[str] = collections.Counter()
        self._changed: asyncio.Event | None = None
        self._ended = False
        #: What handlers receive as ``cli`` when set: the sync layer's twin, held weakly (the
        #: reading task holds it while it runs); unset, this client. Neither is kept here
        #: strongly: a finished client is freed without the garbage collector.
        self._facade: weakref.ref[object] | None = None

    # -- metadata ----------------------------------------------------------------------------

    @property
    def state(self) -> AsyncWebsocketsBaseClient.State:
        """Where the client is in its life."""
        return self._state

    @property
    def session(self) -> AsyncWebsocketSession:
        """The session under this client."""
        return self._session

    @property
    def response(self) -> HTTPResponse:
        """The handshake's HTTP response (``logid``); empty until connected."""
        return self._session.response

    def on(self, event_type: WebsocketsEventType | str, handler: Callable[..., Any]) -> None:
        """Set the handler of ``event_type`` (replacing any)."""
        self._handlers.update(_handler_table({event_type: handler}))
        self._handler_for.clear()

    # -- lifecycle ---------------------------------------------------------------------------

    async def connect(self) -> None:
        """Open the session and start delivering events to the handlers. A failed connect
        raises (the typed error of a refused handshake) and may be tried again."""
        if self._state is not self.State.INITIALIZED:
            raise CozeError(f"cannot connect in the {self._state.value} state")
        self._state = self.State.CONNECTING
        try:
            await self._session.open()
        except BaseException:
            self._state = self.State.INITIALIZED
            raise
        self._changed = asyncio.Event()
        facade = self._facade() if self._facade is not None else None
        self._state = self.State.CONNECTED
        self._reader = reader = asyncio.get_running_loop().create_task(
            self._deliver_events(self if facade is None else facade),
            name=f"coze websocket {self._session!r}",
        )
        # The client's close waits for the reader: the session holds the task, not this
        # client (a bound method there would tie the two in a cycle).
        self._session._after_client_close = functools.partial(_join_reader, reader)

    async def close(self) -> None:
        """Send what was queued, close the session and wait (bounded) for the handlers to
        finish, ``on_closed`` included. Idempotent. Raises
        :class:`CozeWebsocketClosedError` (``unsent``) if queued events could not be sent."""
        closer = self._closer
        if closer is not None and closer is not asyncio.current_task():
            self._closer = None
            await closer
            return
        if self._state is self.State.CLOSED:
            await self._session.close()  # reports events queued after the end, if any
            return
        self._state = self.State.CLOSING
        try:
            await self._session.close()
        finally:
            await _join_reader(self._reader)
            self._state = self.State.CLOSED

    def close_soon(self) -> None:
        """Close from an event handler (which cannot wait for its own end): the close runs
        once the handler returned."""
        if self._closer is None and self._state is not self.State.CLOSED:
            self._closer = asyncio.get_running_loop().create_task(self.close())
            self._closer.add_done_callback(_report_close_failure)

    def __call__(self: C) -> contextlib.AbstractAsyncContextManager[C]:
        """``async with client() as c:`` connects, then closes (cozepy's form)."""
        return self._connected()

    @contextlib.asynccontextmanager
    async def _connected(self: C) -> AsyncIterator[C]:
        async with self:
            yield self

    async def __aenter__(self: C) -> C:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            await self.close()
            return
        try:  # the block's own exception wins
            await self.close()
        except CozeError as error:
            log.warning("websocket: %s", error)

    # -- waiting -----------------------------------------------------------------------------

    async def wait(
        self,
        events: Sequence[WebsocketsEventType | str] | None = None,
        wait_all: bool = True,
        *,
        timeout: float | None = None,
    ) -> None:
        """Wait until each of ``events`` (any one, with ``wait_all=False``) arrived since the
        previous ``wait()`` returned; by default the channel's completion event (for a chat,
        a failed or cancelled chat ends it too). Raises the error of a session that ended
        first (:class:`CozeWebsocketClosedError`), or :class:`CozeTimeoutError` after
        ``timeout`` seconds."""
        if self._state is self.State.INITIALIZED or self._changed is None:
            raise CozeError("connect() before wait()")
        if asyncio.current_task() is self._reader:
            raise CozeError("wait() cannot be awaited inside an event handler")
        targets = [_type_name(e) for e in (self._wait_events if events is None else events)]
        ends = [e.value for e in self._wait_ends] if events is None else []
        try:
            await asyncio.wait_for(self._until(targets, ends, wait_all, self._changed), timeout)
        except asyncio.TimeoutError:
            raise CozeTimeoutError(
                f"wait() saw no {' and '.join(targets)} within {timeout:g} s"
            ) from None

    async def _until(
        self, targets: list[str], ends: list[str], wait_all: bool, changed: asyncio.Event
    ) -> None:
        seen = self._seen
        while True:
            arrived = [t for t in targets if seen[t]]
            if (len(arrived) == len(targets) if wait_all else arrived) or any(
                seen[e] for e in ends
            ):
                seen.clear()
                return
            if self._ended:
                seen.clear()
                ending = self._session.ending
                if ending is None:  # closed here
                    return
                if isinstance(ending, CozeWebsocketClosedError) and ending.close_code == 1000:
                    raise CozeWebsocketClosedError(
                        f"the service closed the session before {' and '.join(targets)} came",
                        close_code=1000,
                        reason=ending.reason,
                        logid=ending.logid,
                    )
                raise ending
            changed.clear()
            await changed.wait()

    # -- delivering events -------------------------------------------------------------------

    async def _deliver_events(self, facade: object) -> None:
        """The reading task: each event to its handler (called with ``facade`` as ``cli``), in
        order; then ``on_closed``."""
        session = self._session
        read = session.next_event
        handler_for = self._handler_for
        seen = self._seen
        changed = self._changed
        try:
            while True:
                try:
                    event = await read()
                except CozeWebsocketClosedError as exc:
                    await self._report("error", exc, facade)
                    break
                except CozeError as exc:
                    if session.closed:
                        await self._report("error", exc, facade)
                        break
                    await self._report("client_error", exc, facade)  # an undecodable message
                    continue
                if event is None:
                    break
                event_type: str = event.event_type._value_
                handler = handler_for.get(event_type, _UNRESOLVED)
                if handler is _UNRESOLVED:
                    handler = self._resolve(event)
                if handler is not None:
                    try:
                        result = handler(facade, event)
                        if result is not None and (
                            result.__class__ is CoroutineType or inspect.isawaitable(result)
                        ):
                            await result
                    except Exception as exc:
                        await self._handler_failed(event_type, exc, facade)
                elif event_type == "error":
                    log.error("websocket error event: %s", event)
                seen[event_type] += 1  # after its handler ran
                if changed is not None:
                    changed.set()
                if session._outbox:  # what senders queued inside the handler
                    await self._flush_queued()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug of ours: reported, never lost in a task
            await self._report("client_error", exc, facade)
        finally:
            self._ended = True
            self._notify()
        handler = self._handlers.get("closed")
        if handler is not None:
            await self._call(handler, "closed", facade)

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()

    async def _flush_queued(self) -> None:
        try:
            await self._session.flush()
        except CozeError as exc:  # the connection is gone: the next read reports it
            log.debug("websocket: flushing after a handler failed: %s", exc)

    def _resolve(self, event: WebsocketsEvent) -> Callable[..., Any] | None:
        """The handler of ``event``'s type (``None``: none), remembered for the type's next
        events until :meth:`on` changes the handlers."""
        event_type = event.event_type.value
        handler = self._handlers.get(event_type)
        if handler is None and self._handler_object is not None:
            handler = getattr(self._handler_object, _method_name(event_type), None)
            if handler is None and isinstance(event, WebsocketsUnknownEvent):
                handler = getattr(self._handler_object, "on_unknown_event", None)
        self._handler_for[event_type] = handler
        return handler

    async def _handler_failed(self, event_type: str, exc: Exception, facade: object) -> None:
        if event_type in ("client_error", "closed"):  # an event named like these: as _call
            log.error("websocket %s handler raised: %s", event_type, exc, exc_info=exc)
        else:
            await self._report("client_error", exc, facade)

    async def _report(self, kind: str, error: BaseException, facade: object) -> None:
        handler = self._handlers.get(kind)
        if handler is None:
            log.error("websocket %s: %s", kind.replace("_", " "), error, exc_info=error)
            return
        await self._call(handler, kind, facade, error)

    async def _call(
        self, handler: Callable[..., Any], kind: str, facade: object, *args: Any
    ) -> None:
        try:
            result = handler(facade, *args)
            if inspect.isawaitable(result):
                await result
        except Exception as exc:
            if kind in ("client_error", "closed"):
                log.error("websocket %s handler raised: %s", kind, exc, exc_info=exc)
            else:
                await self._report("client_error", exc, facade)

    # -- sending -----------------------------------------------------------------------------

    async def _send(self, event: WebsocketsEvent) -> None:
        if self._state is self.State.INITIALIZED:
            raise CozeError("connect() before sending")
        if _QUEUE_ONLY.get():
            self._session.queue(event)
            return
        await self._session.send(event)


async def _join_reader(reader: asyncio.Task[None] | None) -> None:
    """Wait (bounded) for a handler-style client's reading task to finish its handlers, then
    cancel it if it has not."""
    if reader is None or reader.done() or reader is asyncio.current_task():
        return
    try:
        await asyncio.wait({reader}, timeout=_HANDLERS_GRACE_SECONDS)
    finally:
        if not reader.done():  # a handler that does not return, or close() was cancelled
            reader.cancel()


def _report_close_failure(task: asyncio.Task[None]) -> None:
    """A close started inside a handler that nobody awaits: its failure is logged, not lost."""
    if not task.cancelled() and task.exception() is not None:
        log.error("websocket: closing failed: %s", task.exception())


def _type_name(event_type: WebsocketsEventType | str) -> str:
    return event_type.value if isinstance(event_type, Enum) else str(event_type)


def event_data(cls: type[Any], data: Any, argument: str = "data") -> Any:
    """``data`` as an instance of the event data class ``cls``: the instance itself, or one
    built from a dict (cozepy's ``Data.model_validate`` form works too)."""
    if isinstance(data, cls):
        return data
    if isinstance(data, Mapping):
        try:
            return cls.model_validate(data)
        except StructureError as exc:
            raise CozeInvalidArgumentError(f"{argument}: {exc}") from None
    raise CozeInvalidArgumentTypeError(
        f"{argument} must be a {cls.__qualname__} or a dict, not {type(data).__name__}"
    )
