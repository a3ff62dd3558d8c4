"""The sync twins of the realtime layer, run by the client's portal (no thread of their own).

- :class:`WebsocketSession`: the iterator style; each ``send`` is one hop into the client's
  event loop, and reading takes every event received by then in one hop (``next_batch``).
- :class:`WebsocketsBaseClient`: the handler style. The session is read by a task in the
  client's loop, and **handler callbacks run in that loop's thread** (the portal thread), one
  at a time, in order, as cozepy's run in its receive thread. A sender called inside a handler
  queues its event, written as soon as the handler returns; outside handlers a sender returns
  once its event is written. ``wait()`` and ``connect()`` cannot be called from a handler;
  ``close()`` there closes the session once the handler returned. A handler that blocks holds
  up the client's loop (every other call of that client waits): hand long work to a thread.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import weakref
from collections.abc import Callable, Coroutine, Iterator, Sequence
from types import TracebackType
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from ._errors import CozeClientClosedError, CozeError
from ._response import HTTPResponse
from ._sync_layer import Portal, SyncResource, SyncRoot
from ._websocket import AsyncWebsocketSession
from ._websocket_handlers import AsyncWebsocketsBaseClient, queue_only
from .models.websockets import WebsocketsEvent, WebsocketsEventType

__all__ = ["WebsocketSession", "WebsocketsBaseClient", "opening", "sender"]

P = ParamSpec("P")
A = TypeVar("A", bound=AsyncWebsocketsBaseClient)
B = TypeVar("B")
W = TypeVar("W")
R = TypeVar("R")
S = TypeVar("S", bound="WebsocketsBaseClient[Any]")


class WebsocketSession:
    """The blocking twin of :class:`~coze_async._websocket.AsyncWebsocketSession`:
    ``with coze.websockets.chat.connect(bot_id=...) as ws: ws.send(event); for event in ws``."""

    def __init__(self, root: SyncRoot, session: AsyncWebsocketSession) -> None:
        # The session opens on first use, and its pings must be answered between the caller's
        # reads: the client's loop runs in its own thread from now on.
        root._portal.keep_running()
        self._root = root
        self._session = session
        #: Events read in the loop and not handed out yet.
        self._batch: list[WebsocketsEvent] = []
        self._pos = 0

    @property
    def _portal(self) -> Portal:
        return self._root._portal

    def open(self) -> WebsocketSession:
        """Connect (once)."""
        self._portal.call(self._session.open)
        return self

    def send(self, event: WebsocketsEvent) -> None:
        """Send ``event``; returns once it is written."""
        self._portal.call(functools.partial(self._session.send, event))

    def receive(self) -> WebsocketsEvent:
        """The next event; raises :class:`~coze_async.CozeWebsocketClosedError` once ended."""
        event = self._next()
        if event is None:  # ended: the async session raises what tells how
            return self._portal.call(self._session.receive)
        return event

    def __iter__(self) -> Iterator[WebsocketsEvent]:
        return self

    def __next__(self) -> WebsocketsEvent:
        event = self._next()
        if event is None:
            raise StopIteration
        return event

    def _next(self) -> WebsocketsEvent | None:
        """The next event (``None`` once ended normally): one hop per batch of events."""
        pos = self._pos
        if pos < len(self._batch):
            self._pos = pos + 1
            return self._batch[pos]
        self._batch = []  # the events handed out are not kept alive while the next are read
        batch = self._portal.call(self._session.next_batch)
        if not batch:
            return None
        self._batch, self._pos = batch, 1
        return batch[0]

    def close(self) -> None:
        """Send what was queued and close (idempotent; see ``AsyncWebsocketSession.close``).
        Events received but not read yet are dropped, as in the async session."""
        self._batch, self._pos = [], 0
        with contextlib.suppress(CozeClientClosedError):  # the client (its loop) is closed
            self._portal.call(self._session.close, needs_server=False)

    @property
    def response(self) -> HTTPResponse:
        """The handshake's HTTP response (``logid``)."""
        return self._session.response

    @property
    def logid(self) -> str:
        """The handshake's log id."""
        return self._session.logid

    @property
    def closed(self) -> bool:
        """True once the session ended."""
        return self._session.closed

    @property
    def close_code(self) -> int | None:
        """The close code the service ended the session with (1006: dropped)."""
        return self._session.close_code

    def __enter__(self) -> WebsocketSession:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            self.close()
            return
        with contextlib.suppress(CozeError):  # the block's own exception wins
            self.close()

    def __del__(self) -> None:
        session = getattr(self, "_session", None)
        if session is not None and not session.closed:
            self._portal.call_soon(session.close)


class WebsocketsBaseClient(Generic[A]):
    """Base of the sync handler-style clients (see the module docstring for where handlers
    run): :meth:`connect`, the senders, :meth:`wait`, :meth:`close`; ``with client() as c:``
    (cozepy) or ``with client:``."""

    State = AsyncWebsocketsBaseClient.State

    def __init__(self, root: SyncRoot, client: A) -> None:
        self._root = root
        self._async = client
        client._facade = weakref.ref(self)  # handlers get this twin as ``cli``

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in vars(cls).items():
            if callable(value) and getattr(value, "_coze_forward", False):
                value.__qualname__ = f"{cls.__qualname__}.{name}"

    @property
    def _portal(self) -> Portal:
        return self._root._portal

    @property
    def state(self) -> AsyncWebsocketsBaseClient.State:
        """Where the client is in its life."""
        return self._async.state

    @property
    def response(self) -> HTTPResponse:
        """The handshake's HTTP response (``logid``)."""
        return self._async.response

    def on(self, event_type: WebsocketsEventType | str, handler: Callable[..., Any]) -> None:
        """Set the handler of ``event_type``."""
        self._async.on(event_type, handler)

    def connect(self) -> None:
        """Open the session and start delivering events to the handlers."""
        self._portal.keep_running()  # the handlers run in the loop's thread
        self._portal.call(self._async.connect)

    def wait(
        self,
        events: Sequence[WebsocketsEventType | str] | None = None,
        wait_all: bool = True,
        *,
        timeout: float | None = None,
    ) -> None:
        """Block until the awaited events arrived (see ``AsyncWebsocketsBaseClient.wait``)."""
        self._portal.call(functools.partial(self._async.wait, events, wait_all, timeout=timeout))

    def close(self) -> None:
        """Send what was queued, close the session, wait for the handlers (idempotent).
        Inside a handler: the session closes once the handler returned."""
        if self._portal.in_loop_thread:
            self._async.close_soon()
            return
        if self._async.state is AsyncWebsocketsBaseClient.State.INITIALIZED:
            self._portal.call(self._async.close)
            return
        with contextlib.suppress(CozeClientClosedError):
            self._portal.call(self._async.close, needs_server=False)

    def __call__(self: S) -> contextlib.AbstractContextManager[S]:
        """``with client() as c:`` connects, then closes (cozepy's form)."""
        return self._connected()

    @contextlib.contextmanager
    def _connected(self: S) -> Iterator[S]:
        with self:
            yield self

    def __enter__(self: S) -> S:
        self.connect()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            self.close()
            return
        with contextlib.suppress(CozeError):  # the block's own exception wins
            self.close()


def sender(
    method: Callable[Concatenate[A, P], Coroutine[Any, Any, None]],
) -> Callable[Concatenate[WebsocketsBaseClient[A], P], None]:
    """Declare the sync twin of a handler-style client's sender: blocking until written, or,
    inside a handler (the loop's own thread), queued without waiting."""
    name = method.__name__

    def sync_method(self: WebsocketsBaseClient[A], /, *args: P.args, **kwargs: P.kwargs) -> None:
        bound: Callable[P, Coroutine[Any, Any, None]] = getattr(self._async, name)
        if self._portal.in_loop_thread:
            with queue_only():
                _complete_at_once(bound(*args, **kwargs))
            return
        self._portal.call(functools.partial(bound, *args, **kwargs))

    functools.update_wrapper(sync_method, method)
    sync_method._coze_forward = True  # type: ignore[attr-defined]
    return sync_method


def _complete_at_once(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine that never suspends (a sender in queue mode) to its end, here."""
    try:
        coroutine.send(None)
    except StopIteration:
        return
    coroutine.close()
    raise CozeError("a websocket sender had to wait inside an event handler")


def opening(
    method: Callable[Concatenate[B, P], W], wrapper: Callable[[SyncRoot, W], R]
) -> Callable[Concatenate[SyncResource[B], P], R]:
    """Declare the sync twin of a builder method (``create``, ``connect``): it runs in the
    caller's thread (it sends nothing) and wraps the async object in its sync twin."""
    name = method.__name__

    def sync_method(self: SyncResource[B], /, *args: P.args, **kwargs: P.kwargs) -> R:
        built: W = getattr(self._async, name)(*args, **kwargs)
        return wrapper(self._root, built)

    functools.update_wrapper(sync_method, method)
    returns = getattr(wrapper, "__name__", "object")
    sync_method.__annotations__ = {**method.__annotations__, "return": returns}
    signature = inspect.signature(method)
    sync_method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        return_annotation=returns
    )
    sync_method._coze_forward = True  # type: ignore[attr-defined]
    return sync_method
