"""The sync layer's machinery: a private event-loop thread per client and typed forwards.

A sync method is declared as ``create = forward(AsyncChatClient.create)``: it keeps the async
method's parameters for type checkers and IDEs, and runs the very same coroutine in the client's
portal thread. Streams cross the thread a batch (one network read) at a time.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from types import TracebackType
from typing import Concatenate, Generic, ParamSpec, TypeVar

import anyio
from anyio.from_thread import BlockingPortal

from ._errors import CozeError
from ._response import HTTPResponse
from ._sse import ServerSentEvent
from ._stream import AsyncStream

__all__ = ["Portal", "SyncResource", "SyncStream", "forward", "forward_stream"]

P = ParamSpec("P")
R = TypeVar("R")
E = TypeVar("E")
A = TypeVar("A")


def _start_portal() -> tuple[BlockingPortal, threading.Thread]:
    """A BlockingPortal serving from a new daemon thread. The thread is ours (not anyio's
    helper's), so it is a daemon on every anyio release: it can never block interpreter exit."""
    ready: Future[BlockingPortal] = Future()

    async def serve() -> None:
        async with BlockingPortal() as portal:
            ready.set_result(portal)
            await portal.sleep_until_stopped()

    def run() -> None:
        try:
            anyio.run(serve)
        except BaseException as exc:  # reported to the starting thread
            if not ready.done():
                ready.set_exception(exc)

    thread = threading.Thread(target=run, name="coze-async-portal", daemon=True)
    thread.start()
    return ready.result(), thread


class Portal:
    """One event loop in a daemon thread, started on first use and stopped by :meth:`stop`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._portal: BlockingPortal | None = None
        self._stopped = False

    def _get(self) -> BlockingPortal:
        portal = self._portal
        if portal is not None:
            return portal
        with self._lock:
            if self._stopped:
                raise CozeError("this client is closed")
            if self._portal is None:
                self._portal, self._thread = _start_portal()
            return self._portal

    def call(self, func: Callable[[], Awaitable[R]]) -> R:
        """Run the coroutine function ``func()`` in the portal's loop and return its result."""
        return self._get().call(func)

    def call_sync(self, func: Callable[[], R]) -> R:
        """Run the plain function ``func()`` in the portal's loop thread and return its result."""
        return self._get().call(func)

    def call_soon(self, func: Callable[[], object]) -> None:
        """Schedule ``func()`` in the portal's loop without waiting (no-op once stopped)."""
        portal = self._portal
        if portal is not None and not self._stopped:
            # RuntimeError: the loop is shutting down; its own cleanup closes what is left.
            with contextlib.suppress(RuntimeError):
                portal.start_task_soon(func)

    @property
    def running(self) -> bool:
        """True between the first call and :meth:`stop`."""
        return self._portal is not None and not self._stopped

    def stop(self) -> None:
        """Stop the loop (letting running calls finish) and join its thread. Idempotent."""
        with self._lock:
            self._stopped = True
            portal, self._portal = self._portal, None
            thread, self._thread = self._thread, None
        if portal is not None:
            with contextlib.suppress(RuntimeError):  # already stopping
                portal.call(portal.stop)
        if thread is not None:
            thread.join()


class SyncResource(Generic[A]):
    """Base of sync resource classes: a portal and the async resource it drives."""

    __slots__ = ("_async", "_portal")

    def __init__(self, portal: Portal, async_resource: A) -> None:
        self._portal = portal
        self._async = async_resource


def forward(
    method: Callable[Concatenate[A, P], Awaitable[R]],
) -> Callable[Concatenate[SyncResource[A], P], R]:
    """Declare the sync twin of an async resource method."""
    name = method.__name__

    @functools.wraps(method)
    def sync_method(self: SyncResource[A], /, *args: P.args, **kwargs: P.kwargs) -> R:
        bound: Callable[P, Awaitable[R]] = getattr(self._async, name)
        return self._portal.call(functools.partial(bound, *args, **kwargs))

    return sync_method


def forward_stream(
    method: Callable[Concatenate[A, P], AsyncStream[E]],
) -> Callable[Concatenate[SyncResource[A], P], SyncStream[E]]:
    """Declare the sync twin of an async streaming method."""
    name = method.__name__

    @functools.wraps(method)
    def sync_method(self: SyncResource[A], /, *args: P.args, **kwargs: P.kwargs) -> SyncStream[E]:
        bound: Callable[P, AsyncStream[E]] = getattr(self._async, name)
        stream: AsyncStream[E] = self._portal.call_sync(functools.partial(bound, *args, **kwargs))
        return SyncStream(self._portal, stream)

    return sync_method


class SyncStream(Generic[E]):
    """A blocking iterator over an :class:`AsyncStream` running in the client's portal thread;
    also a context manager. Closes the response on exhaustion, error, ``close()`` and exit."""

    def __init__(self, portal: Portal, stream: AsyncStream[E]) -> None:
        self._portal = portal
        self._stream = stream
        self._batch: list[E] = []
        self._pos = 0
        self._done = False

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response (status, headers, ``logid``); sends the request if not yet sent."""
        if not self._done:
            self._portal.call(self._stream._ensure_open)
        return self._stream.response

    @property
    def terminal_event(self) -> ServerSentEvent | None:
        """The raw event that ended the stream (``done``/``Done`` and its data), once it came."""
        return self._stream.terminal_event

    def __iter__(self) -> Iterator[E]:
        return self

    def __next__(self) -> E:
        if self._pos < len(self._batch):
            event = self._batch[self._pos]
            self._pos += 1
            return event
        if self._done:
            raise StopIteration
        try:
            batch = self._portal.call(self._stream.next_batch)
        except BaseException:
            self.close()
            raise
        if not batch:
            self._done = True
            raise StopIteration
        self._batch, self._pos = batch, 1
        return batch[0]

    def close(self) -> None:
        """Stop the stream and release its connection. Safe to call more than once."""
        self._done = True
        self._batch, self._pos = [], 0
        if self._portal.running:
            self._portal.call(self._stream.aclose)
        else:
            self._stream.close()

    def __del__(self) -> None:
        # A `break` without close(): release the connection from the loop's own thread.
        if not getattr(self, "_done", True):
            self._portal.call_soon(self._stream.close)

    def __enter__(self) -> SyncStream[E]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
