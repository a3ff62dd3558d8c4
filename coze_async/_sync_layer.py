"""The sync layer's machinery, in one place: the portal thread, ``forward``, sub-resources,
and the blocking stream and page types. The async layer never imports this module.

A sync method is declared as ``create = forward(AsyncChatClient.create)``. ``forward`` reads the
kind of the async method: a coroutine function becomes a blocking call returning its result; a
method returning an :class:`AsyncStream` becomes one returning a :class:`SyncStream`, and one
returning an :class:`AsyncPaged` becomes one returning a :class:`SyncPaged` (first page fetched).
Type checkers see the async parameters and the sync return type; at run time the twin carries its
own signature, qualified name and docstring.
"""

from __future__ import annotations

import _thread
import asyncio
import contextlib
import functools
import importlib
import inspect
import os
import signal
import socket
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import Future
from types import TracebackType
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from anyio.from_thread import BlockingPortal
from yarl import URL

from ._binary import AsyncFileHTTPResponse, check_chunk_size
from ._errors import CozeClientClosedError, CozeError, CozeInvalidArgumentTypeError
from ._pagination import AsyncPaged
from ._response import FileHTTPResponse, HTTPResponse
from ._sse import ServerSentEvent
from ._stream import AsyncStream
from ._transport import is_loopback
from ._uploads import UploadProgress

__all__ = [
    "LastIDPaged",
    "NumberPaged",
    "PagedBase",
    "Portal",
    "SubResource",
    "SyncFileHTTPResponse",
    "SyncPaged",
    "SyncResource",
    "SyncStream",
    "TokenPaged",
    "direct",
    "forward",
]

P = ParamSpec("P")
R = TypeVar("R")
E = TypeVar("E")
T = TypeVar("T")
A = TypeVar("A")
S = TypeVar("S", bound="SyncResource[Any]")

#: How long closing waits for the portal thread to end before leaving it to the process (it is a
#: daemon thread: it never blocks exit).
_JOIN_SECONDS = 5.0
#: How often a blocked sync call checks that the loop thread still runs.
_CHECK_SECONDS = 1.0
_SELF_CALL = "a sync call cannot be made from the client's own event-loop thread"


# The C functions under ``signal``'s wrappers, which map every value to an enum (a failed
# lookup, with an exception, for a handler that is a function): 4 us per call against 0.2.
try:
    _c_signal: Any = importlib.import_module("_signal")
except ImportError:  # pragma: no cover  # not CPython
    _c_signal = signal
_getsignal: Callable[[int], object] = _c_signal.getsignal
_setsignal: Callable[[int, Any], object] = _c_signal.signal
_SIGINT = int(signal.SIGINT)


def _may_drive() -> bool:
    """Whether the calling thread may run the client's loop itself for one call: it runs no
    event loop of its own, and, in the main thread, Ctrl-C raises ``KeyboardInterrupt`` as
    Python's default handler does (it is then turned into cancelling the call; a thread with
    its own SIGINT handler keeps it, and gets the handoff)."""
    if asyncio._get_running_loop() is not None:
        return False
    if threading.get_ident() != threading.main_thread().ident:
        return True
    return _getsignal(_SIGINT) is signal.default_int_handler


class _Call:
    """One blocking call: its coroutine runs as a task in the client's loop, and the caller
    learns the outcome from this object. Handed to the loop thread, the caller blocks on a plain
    lock that the task releases as it ends (the lean handoff: measured at a third to a half of
    anyio's ``start_task_soon`` + ``Future.result`` per hop); run by the caller itself, the task
    stops the loop as it ends. The outcome is kept by the task, so an exception is never
    reported as unretrieved."""

    __slots__ = (
        "cancelled",
        "error",
        "func",
        "interrupted",
        "lock",
        "loop",
        "result",
        "stop_loop",
        "task",
    )

    def __init__(self, func: Callable[[], Awaitable[Any]]) -> None:
        self.func = func
        self.lock = _thread.allocate_lock()
        self.lock.acquire()
        self.task: asyncio.Task[Any] | None = None
        self.cancelled = False
        self.interrupted = False
        self.result: Any = None
        self.error: BaseException | None = None
        #: ``loop.stop`` while the caller runs the loop for this call.
        self.stop_loop: Callable[[], None] | None = None
        #: The loop, while the caller runs it for this call (Ctrl-C then cancels the call).
        self.loop: asyncio.AbstractEventLoop | None = None

    def start(
        self, loop: asyncio.AbstractEventLoop, tasks: set[asyncio.Task[Any]], stopping: bool
    ) -> None:
        """Start the work as a task of ``loop`` (or report the client closed): in the loop, or
        just before the caller runs it (the task's first step is then its first callback)."""
        if self.cancelled or self.interrupted or stopping:
            self.cancelled = True
            self._release()
            return
        task = loop.create_task(self._run(tasks))
        self.task = task
        tasks.add(task)

    async def _run(self, tasks: set[asyncio.Task[Any]]) -> None:
        """The task: ``func()``'s outcome kept here, and the caller released (the loop it runs
        stopped) in the step that ends it, not by a done callback one loop iteration later."""
        try:
            self.result = await self.func()
        except asyncio.CancelledError:
            self.cancelled = True
        except GeneratorExit:  # closed unfinished: its loop is gone
            self.cancelled = True
            raise
        except BaseException as exc:  # SystemExit too: the caller's to handle, not the loop's
            self.error = exc  # cleared by outcome(): the traceback holds this frame
        finally:
            tasks.discard(self.task)
            self.task = None
            self._release()

    def _release(self) -> None:
        self.lock.release()
        if self.stop_loop is not None:
            self.stop_loop()

    def on_sigint(self, signum: int, frame: object) -> None:
        """The main thread's SIGINT handler while it runs the loop for this call: cancel the
        call (``KeyboardInterrupt`` is raised when it ended). A second one, while the loop
        runs, raises at once; around the run it is only noted, so that the portal's state is
        never left half updated."""
        loop = self.loop
        if self.interrupted and loop is not None:
            raise KeyboardInterrupt
        self.interrupted = True
        if loop is not None:
            loop.call_soon_threadsafe(self.cancel)

    def cancel(self) -> None:
        """In the loop: stop the work (the caller was interrupted)."""
        self.cancelled = True
        if self.task is not None:
            self.task.cancel()

    def outcome(self) -> Any:
        """In the caller, once the call ended: its result, or raise what ended it."""
        if self.interrupted:
            raise KeyboardInterrupt
        if self.cancelled:
            raise CozeClientClosedError("this client was closed during the call")
        error = self.error
        if error is not None:
            try:
                raise error
            finally:
                del error
                self.error = None
        return self.result


class Portal:
    """The client's event loop, and how a sync call gets its coroutine run there.

    A call from a thread that runs no event loop of its own runs the client's loop itself, in
    its own thread, until its coroutine is done: no thread hop, the loop idle between calls.
    Once something needs the loop to run between calls or beside such a caller (a call from a
    second thread while one runs, a call from a thread running another loop, a websocket session
    (:meth:`keep_running`), a close scheduled from inside the loop), the loop moves, for good,
    to a daemon thread serving an anyio ``BlockingPortal``, and every call hands its coroutine
    over to that thread. Either way it is one loop, one session pool, the same errors; Ctrl-C
    cancels the work (run in place: before ``KeyboardInterrupt`` is raised; handed over: as it
    is raised).

    A running portal holds ``anchor`` (the root's async client) until it stops. A forgotten root
    is then garbage alone: its client, session and connector stay reachable until the root's
    finalizer has closed them, instead of being finalized with it (in any order, each with its
    own "unclosed" warning)."""

    def __init__(self, base_url: str = "", anchor: object = None) -> None:
        #: Guards the fields below, which say who runs the loop.
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        #: The thread running the loop now, when a caller does (for its call, a close or a
        #: finalizer's work), and the call whose run another thread may cut short.
        self._driver: int | None = None
        self._driven_call: _Call | None = None
        #: Set once the loop must run in its own thread (never unset).
        self._ready: Future[BlockingPortal] | None = None
        self._thread: threading.Thread | None = None
        #: A close scheduled from inside the loop, run to its end by the thread running it.
        self._pending_stop: Callable[[], Awaitable[object]] | None = None
        #: The calls running in the loop (touched in the loop only): cancelled on stop.
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stopping = False
        self._stopped = False
        self._base_url = base_url
        url = URL(base_url)
        #: The port of a loopback base URL: only such a server can run in the caller's loop.
        self._loopback_port = url.port if url.host and is_loopback(url.host) else None
        self._anchor = anchor

    # -- who runs the loop (all under self._lock) --------------------------------------------

    def _loop_locked(self) -> asyncio.AbstractEventLoop:
        if self._stopped:
            raise CozeClientClosedError("this client is closed")
        loop = self._loop
        if loop is None:
            loop = self._loop = asyncio.new_event_loop()
            _RUNNING.add(self)
        return loop

    def _own_thread_locked(self, loop: asyncio.AbstractEventLoop) -> Future[BlockingPortal]:
        """Move the loop to its own thread: start it now, or, while a caller runs the loop,
        ask that caller to hand it over (it starts the thread when its run ends)."""
        ready = self._ready
        if ready is None:
            ready = self._ready = Future()
            if self._driver is None:
                self._start_thread_locked(loop, ready)
            elif self._driven_call is not None:  # other runs by a caller are short: let them end
                loop.call_soon_threadsafe(self._yield_loop, loop, self._driven_call)
        return ready

    def _start_thread_locked(
        self, loop: asyncio.AbstractEventLoop, ready: Future[BlockingPortal]
    ) -> None:
        thread = threading.Thread(
            target=self._serve, args=(loop, ready), name="coze-async-portal", daemon=True
        )
        self._thread = thread
        thread.start()

    def _yield_loop(self, loop: asyncio.AbstractEventLoop, call: _Call) -> None:
        # In the loop: stop the caller's run for ``call``, if it is still the run going on.
        if self._driven_call is call and self._thread is None:
            loop.stop()

    def _serve(self, loop: asyncio.AbstractEventLoop, ready: Future[BlockingPortal]) -> None:
        """The loop thread: serve a BlockingPortal until stopped, then close the loop."""

        async def serve() -> None:
            async with BlockingPortal() as portal:
                ready.set_result(portal)
                await portal.sleep_until_stopped()

        try:
            loop.run_until_complete(serve())
        except BaseException as exc:  # reported to whoever waits for the portal
            if not ready.done():
                ready.set_exception(exc)
        finally:
            _close_loop(loop)

    # -- calls ----------------------------------------------------------------------------------

    def call(self, func: Callable[[], Awaitable[R]], *, needs_server: bool = True) -> R:
        """Run the coroutine function ``func()`` in the client's loop and return its result.
        If the caller is interrupted (Ctrl-C), the work in the loop is cancelled too.
        ``needs_server=False`` (closing): the work never waits for the server, so it may run
        from a thread whose loop serves it (a forgotten client collected there)."""
        call = _Call(func)
        if self._thread is None and _may_drive() and self._run_in_place(call):
            if call.lock.locked():  # the loop moved to its thread before the call ended
                self._wait(call, self._loop)
            return call.outcome()  # type: ignore[no-any-return]
        if call.interrupted:  # Ctrl-C came while finding out who runs the loop
            raise KeyboardInterrupt
        thread = self._thread
        if thread is None:  # the loop is moved to its thread, then the call handed over
            with self._lock:
                loop = self._loop_locked()
                if self.in_loop_thread:
                    raise CozeError(_SELF_CALL)
                self._own_thread_locked(loop)
        else:  # it has its thread for good: no lock needed to hand the call over
            running = self._loop
            if running is None or self._stopped:
                raise CozeClientClosedError("this client is closed")
            if thread is threading.current_thread():
                raise CozeError(_SELF_CALL)
            loop = running
        if needs_server:
            _refuse_self_deadlock(self._loopback_port, self._base_url)
        try:
            loop.call_soon_threadsafe(self._start_call, call, loop)
        except RuntimeError as exc:  # the loop closed since
            raise CozeClientClosedError("this client is closed") from exc
        self._wait(call, loop)
        return call.outcome()  # type: ignore[no-any-return]

    def _run_in_place(self, call: _Call) -> bool:
        """Run the loop in this thread until ``call`` ended or another thread wants the loop;
        ``False`` (nothing done) if the loop is, or must be, run elsewhere. In the main thread,
        SIGINT cancels the call from before the loop is claimed until after it is released."""
        main = threading.get_ident() == threading.main_thread().ident
        previous = _setsignal(_SIGINT, call.on_sigint) if main else None
        try:
            with self._lock:
                loop = self._loop_locked()
                if self.in_loop_thread:
                    raise CozeError(_SELF_CALL)
                if self._ready is not None or self._driver is not None:
                    return False
                self._driver, self._driven_call = threading.get_ident(), call
            try:
                call.stop_loop, call.loop = loop.stop, loop
                self._start_call(call, loop)
                loop.run_forever()
            except BaseException:
                # A second Ctrl-C: the work ends when the loop next runs.
                loop.call_soon(call.cancel)
                raise
            finally:
                call.stop_loop = call.loop = None  # the call's end no longer stops the loop
                self._release_loop(loop)
            return True
        finally:
            if main:
                _setsignal(_SIGINT, previous)

    def _release_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """After this thread ran the loop: close it here if a close was scheduled meanwhile,
        else hand it to its own thread if that was asked for, else leave it idle."""
        with self._lock:
            pending_stop, self._pending_stop = self._pending_stop, None
            self._driven_call = None
            if pending_stop is None:
                self._driver = None
                if self._ready is not None and self._thread is None:
                    self._start_thread_locked(loop, self._ready)
        if pending_stop is not None:
            self._finish_stop(loop, pending_stop)

    def _wait(self, call: _Call, loop: asyncio.AbstractEventLoop | None) -> None:
        """Block until the loop thread ended ``call``; Ctrl-C cancels it there."""
        try:
            # Bounded waits, so that a call handed over while the loop was ending (its callback
            # then never runs) cannot block for ever.
            while not call.lock.acquire(timeout=_CHECK_SECONDS):
                thread = self._thread
                if (thread is not None and not thread.is_alive()) or self._loop is None:
                    if call.lock.acquire(blocking=False):
                        break
                    raise CozeClientClosedError("this client was closed during the call")
        except BaseException:
            # KeyboardInterrupt, SystemExit: stop the work in the loop as well.
            if loop is not None:
                with contextlib.suppress(RuntimeError):  # the loop closed
                    loop.call_soon_threadsafe(call.cancel)
            raise

    def _start_call(self, call: _Call, loop: asyncio.AbstractEventLoop) -> None:
        call.start(loop, self._tasks, self._stopping)

    async def _cancel_calls(self) -> None:
        """In the loop, before it stops: refuse new calls, cancel the running ones and let them
        end (their callers get :class:`CozeClientClosedError`)."""
        self._stopping = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    def call_soon(self, func: Callable[[], object]) -> None:
        """Have ``func()`` (a plain function, or one returning an awaitable) run in the loop
        without waiting for it; a no-op once stopped. While nothing runs the loop and the
        calling thread runs no loop, it runs here and now."""
        loop = self._loop
        if loop is None or self._stopped:
            return
        here = False
        # Never blocks: a finalizer may run this in a thread that holds the lock already.
        if self._lock.acquire(blocking=False):
            try:
                idle = self._ready is None and self._driver is None
                here = idle and _may_drive()
                if here:
                    self._driver = threading.get_ident()
                elif idle and not self._stopped:
                    self._own_thread_locked(loop)  # nobody would run it until the next call
            finally:
                self._lock.release()
        if not here:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_spawn, func)
            return

        async def run() -> None:
            result = func()
            if inspect.isawaitable(result):
                await result

        try:
            loop.run_until_complete(run())
        finally:
            self._release_loop(loop)

    def keep_running(self) -> None:
        """Have the loop run in its own thread from now on: something in it (a websocket
        session) must be served between calls."""
        with self._lock:
            self._own_thread_locked(self._loop_locked())

    @property
    def running(self) -> bool:
        """True between the first call and :meth:`stop`."""
        return self._loop is not None and not self._stopped

    @property
    def in_loop_thread(self) -> bool:
        """True when called from the thread running the loop now (which cannot wait on it)."""
        me = threading.get_ident()
        thread = self._thread
        return self._driver == me or (thread is not None and thread.ident == me)

    # -- stopping -------------------------------------------------------------------------------

    def stop_soon(self, cleanup: Callable[[], Awaitable[object]]) -> None:
        """:meth:`stop` for the thread running the loop (a forgotten client garbage-collected
        there), which cannot wait: have ``cleanup()`` and then the stop run after the current
        step of the loop, and return."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            thread, ready = self._thread, self._ready
            if thread is None:
                # A caller runs the loop: it runs the cleanup to its end when its call is done.
                self._pending_stop = cleanup
                return
        assert ready is not None

        async def cleanup_then_stop() -> None:
            portal: BlockingPortal = await asyncio.wrap_future(ready)
            await self._shut_down(cleanup, portal)

        loop = asyncio.get_running_loop()
        task = loop.create_task(cleanup_then_stop())
        _STOPPING.add(task)  # the loop holds tasks weakly
        task.add_done_callback(_STOPPING.discard)

    def stop(self) -> None:
        """Cancel what still runs in the loop, stop it and close it; join its thread, if it has
        one (bounded: a daemon thread that does not end in time is left to the process).
        Idempotent."""
        with self._lock:
            if self._stopped:
                return  # stopped, or being stopped by another thread or the loop's own
            self._stopped = True
            loop = self._loop
            if loop is None:
                return
            if self._ready is None and (
                self._driver is not None or asyncio._get_running_loop() is not None
            ):
                # A caller in another thread runs the loop now, or this thread runs a loop of
                # its own (which cannot run ours): close it through the loop's thread.
                self._own_thread_locked(loop)
            ready = self._ready
            if ready is None:
                self._driver = threading.get_ident()  # nobody else may run it while it closes
        if ready is None:
            self._finish_stop(loop, None)
            return
        thread = self._thread
        if thread is not threading.current_thread():
            # RuntimeError: already stopping; TimeoutError: hung; CozeError: closed in place.
            with contextlib.suppress(RuntimeError, TimeoutError, CozeError):
                portal = ready.result(_JOIN_SECONDS)
                portal.start_task_soon(self._shut_down, None, portal).result(_JOIN_SECONDS)
            thread = self._thread
            if thread is not None:
                thread.join(_JOIN_SECONDS)
        self._forget()

    def _finish_stop(
        self, loop: asyncio.AbstractEventLoop, cleanup: Callable[[], Awaitable[object]] | None
    ) -> None:
        """Close the loop in this thread (nothing else runs it), after :meth:`_shut_down`."""
        try:
            loop.run_until_complete(self._shut_down(cleanup, None))
        finally:
            _close_loop(loop)
            ready = self._ready
            if ready is not None and not ready.done():  # nobody will start the loop's thread
                ready.set_exception(CozeClientClosedError("this client is closed"))
            self._forget()

    async def _shut_down(
        self, cleanup: Callable[[], Awaitable[object]] | None, portal: BlockingPortal | None
    ) -> None:
        """In the loop, the one order of every stop: ``cleanup()`` (its failure ignored), then
        the calls still running cancelled, then, where the loop has its thread, the portal it
        serves stopped (which ends the thread's run of the loop)."""
        try:
            if cleanup is not None:
                with contextlib.suppress(Exception):
                    await cleanup()
        finally:
            try:
                await self._cancel_calls()
            finally:
                if portal is not None:
                    self._forget()
                    await portal.stop(cancel_remaining=True)

    def _forget(self) -> None:
        with self._lock:
            self._loop = None
            self._driver = None
        _RUNNING.discard(self)


def _spawn(func: Callable[[], object]) -> None:
    """In the loop: call ``func``; run what it returns, if awaitable, as a task."""
    result = func()
    if inspect.isawaitable(result):
        task = asyncio.ensure_future(result)
        _STOPPING.add(task)
        task.add_done_callback(_STOPPING.discard)


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel the tasks left in ``loop``, finish its async generators and executor, close it."""
    try:
        tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


#: Portals with a loop, from their first call until they stop: each holds its anchor.
_RUNNING: set[Portal] = set()
#: Tasks started by call_soon and stops scheduled by :meth:`Portal.stop_soon`, kept alive until
#: they ran (the loop holds tasks weakly).
_STOPPING: set[asyncio.Task[Any]] = set()


def _refuse_self_deadlock(port: int | None, base_url: str) -> None:
    """Fail at once where a blocking call could never complete: the calling thread runs an
    event loop that itself serves the client's loopback ``port`` (an emulator or app started in
    that loop, as in a notebook), and blocking this thread stops that loop from answering."""
    if port is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    if port in _listening_ports(loop):
        raise CozeError(
            f"this sync call would wait forever: {base_url} is served by the event loop running "
            "in this thread, which the call blocks. Use AsyncCoze with 'await' here, or run the "
            "server in another thread (e.g. Emulator.run_in_thread())"
        )


def _listening_ports(loop: asyncio.AbstractEventLoop) -> set[int]:
    """The ports of the listening sockets ``loop`` serves (best effort: empty where the loop
    does not expose its selector)."""
    selector = getattr(loop, "_selector", None)
    if selector is None:
        return set()
    ports: set[int] = set()
    with contextlib.suppress(Exception):
        for key in list(selector.get_map().values()):
            # asyncio registers its sockets by file descriptor (an int), not as socket objects.
            fd = key.fd if isinstance(key.fileobj, int) else key.fileobj.fileno()
            with contextlib.suppress(OSError, ValueError):
                sock = socket.socket(fileno=fd)  # a view of the descriptor, released below
                try:
                    if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                        ports.add(sock.getsockname()[1])
                finally:
                    sock.detach()  # never close the loop's descriptor
    return ports


class SyncRoot(Protocol):
    """What a sync resource needs from the root client: its portal and its async twin."""

    @property
    def _portal(self) -> Portal: ...

    @property
    def _async(self) -> Any: ...


class SyncResource(Generic[A]):
    """Base of sync resource classes: the root client (kept alive by its resources) and the
    async resource this one drives."""

    __slots__ = ("__dict__", "_async", "_root")

    def __init__(self, root: SyncRoot, async_resource: A) -> None:
        self._root = root
        self._async = async_resource

    @property
    def _portal(self) -> Portal:
        return self._root._portal

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in vars(cls).items():
            if callable(value) and getattr(value, "_coze_forward", False):
                value.__qualname__ = f"{cls.__qualname__}.{name}"


class SubResource(Generic[S]):
    """A sub-resource of a sync resource (``messages = SubResource(ChatMessagesClient)``): built
    on first access from the async resource's attribute of the same name, then cached. On the
    class it gives the sub-resource class, so ``help(Coze.chat.messages)`` works."""

    def __init__(self, cls: type[S] | Callable[[], type[S]], doc: str | None = None) -> None:
        self._cls = cls
        self._name = ""
        self.__doc__ = doc or (cls.__doc__ if isinstance(cls, type) else None)

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def _resolve(self) -> type[S]:
        cls = self._cls
        if not isinstance(cls, type):
            cls = self._cls = cls()
        return cls

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> type[S]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> S: ...
    def __get__(self, obj: Any, owner: type | None = None) -> S | type[S]:
        cls = self._resolve()
        if obj is None:
            return cls
        root: SyncRoot = obj._root
        value = cls(root, getattr(obj._async, self._name))
        vars(obj)[self._name] = value  # later lookups find the instance attribute
        return value


@overload
def forward(
    method: Callable[Concatenate[A, P], AsyncStream[E]],
) -> Callable[Concatenate[SyncResource[A], P], SyncStream[E]]: ...
@overload
def forward(
    method: Callable[Concatenate[A, P], AsyncPaged[T]],
) -> Callable[Concatenate[SyncResource[A], P], SyncPaged[T]]: ...
@overload
def forward(
    method: Callable[Concatenate[A, P], AsyncFileHTTPResponse],
) -> Callable[Concatenate[SyncResource[A], P], SyncFileHTTPResponse]: ...
@overload
def forward(
    method: Callable[Concatenate[A, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[SyncResource[A], P], R]: ...
def forward(method: Callable[..., Any]) -> Callable[..., Any]:
    """Declare the sync twin of an async resource method (plain, stream, paged or binary: read
    from the method, so the wrong wrapper cannot be picked)."""
    name = method.__name__

    if inspect.iscoroutinefunction(method):

        def sync_method(self: SyncResource[Any], /, *args: Any, **kwargs: Any) -> Any:
            bound = getattr(self._async, name)
            return self._root._portal.call(functools.partial(bound, *args, **kwargs))

    else:

        def sync_method(self: SyncResource[Any], /, *args: Any, **kwargs: Any) -> Any:
            bound = getattr(self._async, name)
            result = self._root._portal.call(functools.partial(_start, bound, args, kwargs))
            if isinstance(result, AsyncStream):
                return SyncStream(self._root, result)
            if isinstance(result, AsyncFileHTTPResponse):
                return SyncFileHTTPResponse(self._root, result)
            return SyncPaged(self._root, result)

    functools.update_wrapper(sync_method, method)
    signature = inspect.signature(method)
    sync_method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        return_annotation=_sync_annotation(signature.return_annotation)
    )
    sync_method.__annotations__ = {
        **method.__annotations__,
        "return": _sync_annotation(method.__annotations__.get("return")),
    }
    sync_method._coze_forward = True  # type: ignore[attr-defined]
    return sync_method


def direct(method: Callable[Concatenate[A, P], R]) -> Callable[Concatenate[SyncResource[A], P], R]:
    """Declare the sync twin of an async resource's plain (non-async) method: it runs in the
    caller's thread, as it never waits."""
    name = method.__name__

    def sync_method(self: SyncResource[A], /, *args: P.args, **kwargs: P.kwargs) -> R:
        bound: Callable[P, R] = getattr(self._async, name)
        return bound(*args, **kwargs)

    functools.update_wrapper(sync_method, method)
    sync_method._coze_forward = True  # type: ignore[attr-defined]
    return sync_method


async def _start(
    method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> AsyncStream[Any] | AsyncPaged[Any] | AsyncFileHTTPResponse:
    """In the loop: call a stream, list or binary method; a page is fetched at once (as
    cozepy's sync list calls do), a binary answer is opened at once (errors are raised by the
    call, as in cozepy), a stream is opened on first use."""
    result = method(*args, **kwargs)
    if isinstance(result, AsyncPaged | AsyncFileHTTPResponse):
        return await result
    if isinstance(result, AsyncStream):
        return result
    raise CozeInvalidArgumentTypeError(
        f"{method.__qualname__} returned {type(result).__name__}, not a stream or page"
    )


def _sync_annotation(annotation: Any) -> Any:
    """``AsyncStream[X]`` -> ``SyncStream[X]``, ``AsyncPaged[X]`` -> ``SyncPaged[X]``,
    ``AsyncFileHTTPResponse`` -> ``SyncFileHTTPResponse``."""
    if annotation == "AsyncFileHTTPResponse":
        return "SyncFileHTTPResponse"
    if isinstance(annotation, str):
        for async_name, sync_name in (
            ("AsyncStream[", "SyncStream["),
            ("AsyncPaged[", "SyncPaged["),
        ):
            if annotation.startswith(async_name):
                return sync_name + annotation[len(async_name) :]
    return annotation


class SyncStream(Generic[E]):
    """A blocking iterator over an :class:`AsyncStream` running in the client's portal thread;
    also a context manager. Closes the response on exhaustion, error, ``close()`` and exit."""

    def __init__(self, root: SyncRoot, stream: AsyncStream[E]) -> None:
        self._root = root
        self._portal = root._portal
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
        self._batch = []  # the events handed out are not kept alive while the next are read
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
        """Stop the stream and release its connection. Safe to call more than once, and while
        the client is being closed."""
        self._done = True
        self._batch, self._pos = [], 0
        with contextlib.suppress(CozeClientClosedError):
            if self._portal.running:
                self._portal.call(self._stream.aclose, needs_server=False)
                return
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


class SyncPaged(Generic[T]):
    """The blocking twin of :class:`AsyncPaged`: the first page is fetched when the list method
    returns; iterating walks every later page, one portal hop per page.

    cozepy's ``NumberPaged``, ``LastIDPaged``, ``TokenPaged`` and ``PagedBase`` are aliases of
    this one class (the paging strategy is not part of the type here): ``isinstance`` holds for
    each of them, whatever the endpoint pages by."""

    def __init__(self, root: SyncRoot, page: AsyncPaged[T]) -> None:
        self._root = root
        self._page = page

    @property
    def items(self) -> list[T]:
        """The items of this page."""
        return self._page.items

    @property
    def has_more(self) -> bool:
        """True when more pages follow."""
        return self._page.has_more

    @property
    def total(self) -> int | None:
        """The total number of items, when the API reports it."""
        return self._page.total

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response of this page."""
        return self._page.response

    @property
    def first_id(self) -> str | None:
        """The first item's id, for endpoints paged by id."""
        return self._page.first_id

    @property
    def last_id(self) -> str | None:
        """The last item's id, for endpoints paged by id."""
        return self._page.last_id

    @property
    def next_page_token(self) -> str | None:
        """The token of the following page, for endpoints paged by token."""
        return self._page.next_page_token

    def next_page(self) -> SyncPaged[T] | None:
        """The following page, or ``None`` after the last one."""
        page = self._root._portal.call(self._page.next_page)
        return None if page is None else SyncPaged(self._root, page)

    def iter_pages(self) -> Iterator[SyncPaged[T]]:
        """This page, then each following page."""
        page: SyncPaged[T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def __len__(self) -> int:
        return len(self._page.items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.items)}, has_more={self.has_more})"


# cozepy's names: one class serves every paging strategy (see ``_pagination``).
#: cozepy's base of the sync paged results: :class:`SyncPaged`.
PagedBase = SyncPaged
#: cozepy's result of page-number paging: :class:`SyncPaged`.
NumberPaged = SyncPaged
#: cozepy's result of id (``first_id`` / ``last_id``) paging: :class:`SyncPaged`.
LastIDPaged = SyncPaged
#: cozepy's result of page-token paging: :class:`SyncPaged`.
TokenPaged = SyncPaged


class SyncFileHTTPResponse(FileHTTPResponse):
    """What the sync ``audio.speech.create`` returns: cozepy's ``FileHTTPResponse``, streamed.
    The blocking twin of :class:`~coze_async.AsyncFileHTTPResponse`: the body is read from the
    network as it is consumed (``write_to_file``, ``stream_to_file``, ``iter_bytes``), one
    portal hop per batch of received chunks, so memory stays flat whatever its size;
    ``read()`` or ``content`` read it whole. Also a context manager; the connection is released
    when the body was read to its end and closed on ``close()``, exit, error or garbage
    collection."""

    #: The HTTP response it came with (status, headers, logid).
    response: HTTPResponse

    def __init__(self, root: SyncRoot, body: AsyncFileHTTPResponse) -> None:
        # The body is opened already: its response (status, headers, logid) is known.
        self.response = body.response
        self._root = root
        self._portal = root._portal
        self._body = body
        self._done = False
        self._content: bytes | None = None

    @property
    def content(self) -> bytes:  # type: ignore[override]
        """The whole body, read on first use (the rest of it, if some was read already)."""
        if self._content is None:
            self._content = self.read()
        return self._content

    @property
    def content_type(self) -> str:
        """The body's media type (``audio/mpeg``, ``audio/wav``...)."""
        return self._body.content_type

    @property
    def content_length(self) -> int | None:
        """The body's size in bytes, when the service announced it."""
        return self._body.content_length

    def __len__(self) -> int:
        """The body's size: as announced, else read whole to count it."""
        length = self.content_length
        return length if length is not None else len(self.content)

    def _next_batch(self) -> list[bytes]:
        if self._done:
            return []
        try:
            batch = self._portal.call(self._body.next_batch)
        except BaseException:
            self.close()
            raise
        if not batch:
            self._done = True
        return batch

    def read(self) -> bytes:
        """The whole body (the rest of it, if some was read already)."""
        if self._content is not None:
            return self._content
        parts: list[bytes] = []
        while batch := self._next_batch():
            parts.extend(batch)
        return b"".join(parts)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks as they arrive (re-cut to ``chunk_size`` bytes when given; the
        last one may be shorter)."""
        size = check_chunk_size(chunk_size)
        if self._content is not None:
            return super().iter_bytes(size or len(self._content) or 1)
        return self._chunks(size)

    def _chunks(self, size: int | None) -> Iterator[bytes]:
        pending = bytearray()
        try:
            while batch := self._next_batch():
                if size is None:
                    yield from batch
                    continue
                for part in batch:
                    pending += part
                start = 0
                while len(pending) - start >= size:
                    yield bytes(pending[start : start + size])
                    start += size
                del pending[:start]
            if pending:
                yield bytes(pending)
        finally:
            if not self._done:
                self.close()

    def write_to_file(
        self, file: str | os.PathLike[str], *, progress: UploadProgress | None = None
    ) -> None:
        """Write the body to ``file`` (created or truncated) as it arrives, a batch at a time
        (memory stays flat); ``progress(written, total)`` is called after each batch. On
        failure the partial file is removed and the error raised."""
        if self._content is not None:
            super().write_to_file(file)
            if progress is not None:
                progress(len(self._content), len(self._content))
            return
        written = 0
        try:
            with open(file, "wb") as out:
                while batch := self._next_batch():
                    out.writelines(batch)
                    if progress is not None:
                        written += sum(map(len, batch))
                        progress(written, self.content_length)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(file)
            raise

    def stream_to_file(self, file: str | os.PathLike[str], chunk_size: int = 64 * 1024) -> None:
        """:meth:`write_to_file` (the body is streamed already; ``chunk_size`` is checked)."""
        check_chunk_size(chunk_size)
        self.write_to_file(file)

    def close(self) -> None:
        """Stop reading and release the connection. Safe to call more than once, and while the
        client is being closed."""
        self._done = True
        with contextlib.suppress(CozeClientClosedError):
            if self._portal.running:
                self._portal.call(self._body.aclose, needs_server=False)
                return
        self._body.close()

    def __del__(self) -> None:
        if not getattr(self, "_done", True):
            self._portal.call_soon(self._body.close)

    def __enter__(self) -> SyncFileHTTPResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        meta = self._body.response
        return (
            f"SyncFileHTTPResponse(status={meta.status_code}, "
            f"content_type={self.content_type!r}, "
            f"logid={meta.logid!r})"
        )
