"""Shared test helpers: recorded fixtures and a loopback server that replays raw bytes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import os
import re
import subprocess
import sys
import threading
import time
import warnings
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web
from aioresponses import aioresponses
from yarl import URL

from coze_async import AsyncCoze, TokenAuth
from coze_async.emulator import Emulator

with warnings.catch_warnings(record=True):
    # cozepy (the peer SDK the emulator must serve unmodified) imports a deprecated authlib module,
    # and authlib installs an "always" filter for its warning; importing here, recording into a
    # list that is dropped, keeps both out of the tests.
    import cozepy  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures" / "sse"


# Under mutmut (benchmarks/mutation.py) every mutated function, ``__del__`` included, runs
# through a trampoline that does ``ContextVar.set``/``reset``. The cyclic garbage collector may
# run a finalizer (a stream's or a transport's ``__del__``, a dropped coroutine's ``finally``)
# in the middle of another ``ContextVar.set``, and that re-entry crashed CPython 3.11 (SIGSEGV
# in mutmut's stats run, exit 139). There, automatic collection is off during each test and
# the cycles are collected between tests instead. The normal suite is not affected.
def pytest_runtest_setup(item: pytest.Item) -> None:
    if "MUTANT_UNDER_TEST" in os.environ:
        gc.disable()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if "MUTANT_UNDER_TEST" in os.environ:
        gc.collect()


#: The service address of the mocked-HTTP (aioresponses) tests.
MOCK_BASE = "https://api.test"


def route(path: str) -> re.Pattern[str]:
    """Match ``path`` under :data:`MOCK_BASE` with any query string (an aioresponses URL)."""
    return re.compile(re.escape(MOCK_BASE + path) + r"(\?.*)?$")


@dataclass
class Case:
    """One SDK call: the canned answer, the request it must send, and the result it must give."""

    method: str
    path: str
    call: Callable[[Any], Any]
    check: Callable[[Any], None]
    data: Any = None
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


def fixture_bytes(name: str) -> bytes:
    """The bytes of a recorded stream in tests/fixtures/sse/."""
    return (FIXTURES / name).read_bytes()


CHAT_STREAM = "chat_text_stream_resp.txt"
WORKFLOW_STREAM = "workflow_run_stream_resp.txt"

Handler = Callable[[web.Request], "asyncio.Future[web.StreamResponse] | object"]


@dataclass
class Recorded:
    """What the server saw of one request."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return orjson.loads(self.body)


class LoopbackServer:
    """An aiohttp.web app on 127.0.0.1 with a free port; counts open server-side connections."""

    def __init__(self, app: web.Application) -> None:
        self.app = app
        self.runner: web.AppRunner | None = None
        self.url = ""
        self.requests: list[Recorded] = []
        self.open_connections = 0
        self.accepted = 0

    def _on_connect(self) -> None:
        self.open_connections += 1
        self.accepted += 1

    async def start(self) -> None:
        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            body = await request.read()
            self.requests.append(
                Recorded(
                    request.method,
                    request.path,
                    dict(request.query),
                    dict(request.headers),
                    body,
                )
            )
            return await handler(request)  # type: ignore[misc,no-any-return]

        self.app.middlewares.append(record)
        self.runner = web.AppRunner(self.app, handle_signals=False, handler_cancellation=True)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    def live_connections(self) -> int:
        """Server-side connections currently open (accepted and not yet closed)."""
        assert self.runner is not None
        server = self.runner.server
        assert server is not None
        return len(server.connections)

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


@pytest.fixture
async def loopback() -> AsyncIterator[Callable[[web.Application], asyncio.Future[LoopbackServer]]]:
    """Start an app on a real loopback socket: ``server = await loopback(app)``."""
    servers: list[LoopbackServer] = []

    async def start(app: web.Application) -> LoopbackServer:
        server = LoopbackServer(app)
        await server.start()
        servers.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in servers:
        await server.stop()


class ThreadedServer:
    """The same loopback server, run in its own thread and loop (for sync-API tests)."""

    def __init__(self, app: web.Application) -> None:
        self.server = LoopbackServer(app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self._loop).result(10)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def threaded_server() -> Iterator[Callable[[web.Application], LoopbackServer]]:
    """Start an app on a loopback socket in a background thread: ``server = threaded_server(app)``."""
    started: list[ThreadedServer] = []

    def start(app: web.Application) -> LoopbackServer:
        ts = ThreadedServer(app)
        started.append(ts)
        return ts.__enter__()

    yield start
    for ts in started:
        ts.__exit__(None, None, None)


# -- the sync layer's threads and whole-process checks ----------------------------------------


def portal_threads() -> int:
    """How many sync-client event-loop threads (``coze-async-portal``) are alive."""
    return sum(1 for t in threading.enumerate() if t.name == "coze-async-portal")


def portal_threads_drop_to(count: int, within: float = 5.0) -> int:
    """Wait (bounded) until at most ``count`` portal threads are alive and return how many are:
    a client collected on its own loop thread ends that thread a moment later."""
    deadline = time.monotonic() + within
    while (alive := portal_threads()) > count and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive


@contextlib.contextmanager
def cyclic_garbage(keep: Callable[[object], bool] = lambda obj: True) -> Iterator[list[str]]:
    """Yields a list that, after the block, names each object (of those ``keep`` accepts) that
    the block left in a reference cycle (found by a collection; automatic collection is off in
    the block)."""
    found: list[str] = []
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield found
        gc.collect()
        found.extend(sorted(type(o).__qualname__ for o in gc.garbage if keep(o)))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


class LivenessAtReads:
    """Watches a sync reader's batches: ``seen(item)`` records an item handed out;
    ``at_reads`` lists, at each later call of ``owner.next_batch``, which of them were alive
    (``owner``: the async stream or session behind the sync one)."""

    def __init__(self, owner: Any) -> None:
        self._handed_out: list[weakref.ref[Any]] = []
        self.at_reads: list[list[bool]] = []
        read = owner.next_batch

        async def watched_read() -> Any:
            self.at_reads.append([ref() is not None for ref in self._handed_out])
            return await read()

        owner.next_batch = watched_read

    def seen(self, item: Any) -> None:
        self._handed_out.append(weakref.ref(item))

    @property
    def handed_out(self) -> int:
        return len(self._handed_out)


def run_python(script: str, *flags: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter (``python *flags -c script``) that imports this
    checkout; raises ``subprocess.TimeoutExpired`` if it has not exited within ``timeout``."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, *flags, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


# -- aioresponses on aiohttp 3.14 ---------------------------------------------------------


class CompatClientResponse(aiohttp.ClientResponse):
    """aioresponses 0.7.9 builds responses without the ``stream_writer`` argument aiohttp 3.14
    made required (pnuckowski/aioresponses#289): supply one for a request already sent."""

    def __init__(self, method: str, url: URL, **kwargs: Any) -> None:
        if _NEEDS_STREAM_WRITER:
            kwargs.setdefault("stream_writer", SimpleNamespace(output_size=0))
        super().__init__(method, url, **kwargs)


_NEEDS_STREAM_WRITER = "stream_writer" in inspect.signature(aiohttp.ClientResponse).parameters


class MockHTTP(aioresponses):
    """aioresponses whose mocked responses use :class:`CompatClientResponse`."""

    def add(self, url: Any, method: str = "GET", **kwargs: Any) -> None:
        kwargs.setdefault("response_class", CompatClientResponse)
        super().add(url, method, **kwargs)


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    """Mock aiohttp requests (aioresponses), working on aiohttp 3.14 too."""
    with MockHTTP() as m:
        yield m


# -- what aioresponses recorded --------------------------------------------------------------


@dataclass
class Sent:
    """One request aioresponses recorded."""

    method: str
    url: URL
    kwargs: dict[str, Any]

    @property
    def path(self) -> str:
        return self.url.raw_path

    @property
    def query(self) -> dict[str, str]:
        return dict(self.url.query)

    @property
    def json(self) -> Any:
        """The JSON body (``None`` when the request had none)."""
        data = self.kwargs.get("data")
        return None if data is None else orjson.loads(data)

    @property
    def headers(self) -> dict[str, str]:
        return dict(self.kwargs["headers"])


def sent(m: aioresponses) -> list[Sent]:
    """Every request the mock recorded, in order per URL."""
    return [
        Sent(method, url, call.kwargs)
        for (method, url), calls in m.requests.items()
        for call in calls
    ]


def only(m: aioresponses) -> Sent:
    """The one request the mock recorded (fails if there were more or none)."""
    requests = sent(m)
    assert len(requests) == 1, [(r.method, str(r.url)) for r in requests]
    return requests[0]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """An emulator on a loopback port for one test."""
    async with Emulator(strict=True) as emulator:
        yield emulator


@pytest.fixture
async def coze(emu: Emulator) -> AsyncIterator[AsyncCoze]:
    """An ``AsyncCoze`` talking to ``emu`` (files that mock HTTP define their own ``coze``)."""
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as client:
        yield client
