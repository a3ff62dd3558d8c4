"""The ``Emulator``: a Coze-compatible aiohttp.web server on loopback, with its lifecycle."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import web

from ._bots import Responder
from ._state import STORE, Store
from ._strict import check_request, operations
from ._wire import (
    ApiError,
    ConnectionDropped,
    Fault,
    FaultRules,
    Handler,
    current_fault,
    current_logid,
    error_response,
    new_id,
    new_logid,
)
from .routes import add_all_routes, new_store
from .routes.oauth import OAUTH_PATH_PREFIX, ClientType

if TYPE_CHECKING:
    from coze_async import AsyncCoze, Coze

__all__ = ["DEFAULT_TOKEN", "Emulator"]

#: The token the emulator accepts unless told otherwise.
DEFAULT_TOKEN = "emulator-token"

_FAULTS = web.AppKey("coze_emulator_faults", FaultRules)
_TOKEN = web.AppKey("coze_emulator_token", object)
_COUNTS = web.AppKey("coze_emulator_counts", dict)
_STRICT = web.AppKey("coze_emulator_strict", bool)


@web.middleware
async def _coze_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Log id on every response, the Bearer check, injected faults, error envelopes."""
    logid = new_logid()
    current_logid.set(logid)
    current_fault.set(None)
    counts: dict[str, int] = request.app[_COUNTS]
    counts[request.path] = counts.get(request.path, 0) + 1
    response = await _answer(request, handler)
    if not response.prepared:
        response.headers["x-tt-logid"] = logid
    return response


def _authenticated(request: web.Request) -> bool:
    """Whether the request carries the emulator's token or an unexpired one issued by its
    OAuth endpoints (any token when the emulator was made with ``token=None``)."""
    token = request.app[_TOKEN]
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not given:
        return False
    return token is None or given == token or request.app[STORE].oauth.accepts(given)


async def _answer(request: web.Request, handler: Handler) -> web.StreamResponse:
    # The OAuth endpoints hand out tokens: they authenticate their callers themselves.
    if not request.path.startswith(OAUTH_PATH_PREFIX) and not _authenticated(request):
        return error_response(
            request, 4100, "authentication is invalid: check your access token", status=401
        )
    fault = request.app[_FAULTS].take(request.path)
    if fault is not None:
        current_fault.set(fault)
        if fault.latency:
            await asyncio.sleep(fault.latency)
        if fault.status is not None or fault.code is not None:
            body: dict[str, Any] = {"msg": fault.msg, "detail": {"logid": current_logid.get()}}
            if fault.code is not None:
                body["code"] = fault.code
            response = web.Response(
                body=orjson.dumps(body), status=fault.status or 200, content_type="application/json"
            )
            if fault.retry_after is not None:
                response.headers["Retry-After"] = f"{fault.retry_after:g}"
            return response
    try:
        if request.app[_STRICT] and not request.path.startswith(OAUTH_PATH_PREFIX):
            await check_request(request)
        return await handler(request)
    except ApiError as exc:
        return error_response(request, exc.code, exc.msg, exc.status)
    except ConnectionDropped:
        return web.Response(status=499)


class Emulator:
    """A Coze-compatible server with in-memory state, for offline development and tests.

    ``async with Emulator() as emu:`` serves on ``emu.base_url`` (127.0.0.1, a free port) until
    the block ends; ``with Emulator.run_in_thread() as emu:`` does the same from sync code.
    Requests must carry ``Authorization: Bearer <emu.token>`` (any token if ``token=None``) or
    an access token its OAuth endpoints issued (apps: :meth:`register_oauth_app`).
    Two bots exist from the start: ``ECHO_BOT_ID`` and ``TOOL_BOT_ID``.

    A chat started without streaming is answered ``in_progress``, as the service answers it;
    ``retrieve`` shows its outcome once the bot has answered and ``chat_delay`` seconds
    (0 by default: at the first ``retrieve``) have passed since it started, and ``cancel``
    judges it by what ``retrieve`` would show.

    With ``strict=True`` every request's query and JSON body are checked against the request
    schema of its operation in the Coze OpenAPI (shipped with the package, corrected for the
    spec's known errors): an unknown field, a missing required one or a value of the wrong type
    is refused with code 4000 (HTTP 200, as the service answers a parameter error) and a message
    naming the field, as is a method the API does not define for the path. Refusing unknown
    fields is stricter than the service, on purpose: it catches a client sending what the API
    does not define (the few such fields cozepy 0.20 sends are accepted from cozepy alone).
    The OAuth endpoints are not checked (the spec gives most of them no body schema), nor the
    parts of a multipart upload (each route checks its own). ``strict`` is fixed once the
    emulator is made; ``chat_delay`` can be changed later through ``emu.store.chats.delay``.
    """

    #: The token to send (``DEFAULT_TOKEN`` when the emulator accepts any token).
    token: str

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = DEFAULT_TOKEN,
        keepalive_timeout: float = 75.0,
        chat_delay: float = 0.0,
        strict: bool = False,
    ) -> None:
        if chat_delay < 0:
            raise ValueError(f"chat_delay must not be negative, got {chat_delay!r}")
        self.host = host
        #: The port it listens on (the one chosen, once started with ``port=0``).
        self.port: int = port
        self.token = token if token is not None else DEFAULT_TOKEN
        self._strict = strict
        #: Seconds an idle keep-alive connection stays open on the server side.
        self.keepalive_timeout = keepalive_timeout
        #: The emulator's in-memory state, one attribute per API family.
        self.store: Store = new_store()
        self.store.chats.delay = chat_delay
        #: The faults injected into the answers (:meth:`FaultRules.add`).
        self.faults: FaultRules = FaultRules()
        self.request_counts: dict[str, int] = {}
        #: The aiohttp application serving the API.
        self.app: web.Application = web.Application(
            middlewares=[_coze_middleware], client_max_size=512 * 1024**2
        )
        self.app[STORE] = self.store
        self.app[_FAULTS] = self.faults
        self.app[_TOKEN] = token
        self.app[_COUNTS] = self.request_counts
        if strict:
            operations()  # load the schemas now: a broken installation fails here, not later
        self.app[_STRICT] = strict
        add_all_routes(self.app)
        self._runner: web.AppRunner | None = None

    @property
    def strict(self) -> bool:
        """Whether requests are checked against the spec's request schemas."""
        return self._strict

    @property
    def base_url(self) -> str:
        """The URL to pass as ``base_url`` to a client (available once started)."""
        if self._runner is None:
            raise RuntimeError("the emulator is not running")
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Start serving (on a free port when ``port=0``)."""
        runner = web.AppRunner(
            self.app,
            handle_signals=False,
            handler_cancellation=True,
            access_log=None,
            keepalive_timeout=self.keepalive_timeout,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, backlog=1024)
        await site.start()
        if self.port == 0:
            self.port = runner.addresses[0][1]
        self._runner = runner

    async def stop(self) -> None:
        """Stop serving and drop open connections."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @classmethod
    @contextmanager
    def run_in_thread(cls, **kwargs: Any) -> Iterator[Emulator]:
        """Run an emulator in a background thread with its own event loop (for sync code)."""
        emulator = cls(**kwargs)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="coze-emulator", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(emulator.start(), loop).result(30)
            yield emulator
        finally:
            asyncio.run_coroutine_threadsafe(emulator.stop(), loop).result(30)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(30)
            loop.close()

    # -- clients -----------------------------------------------------------------------------

    def async_client(self, **options: Any) -> AsyncCoze:
        """An ``AsyncCoze(TokenAuth(self.token), self.base_url, **options)`` for this emulator
        (the SDK is imported here, when asked for: the server itself shares no code with it)."""
        from coze_async import AsyncCoze, TokenAuth

        return AsyncCoze(TokenAuth(self.token), self.base_url, **options)

    def client(self, **options: Any) -> Coze:
        """A sync ``Coze`` for this emulator (see :meth:`async_client`); for an emulator
        started with :meth:`run_in_thread` (one served by your own thread's loop cannot answer
        a blocking call)."""
        from coze_async import Coze, TokenAuth

        return Coze(TokenAuth(self.token), self.base_url, **options)

    # -- hooks for tests and development ------------------------------------------------------

    def register_responder(
        self, responder: Responder, *, bot_id: str | None = None, name: str = "Custom bot"
    ) -> str:
        """Make a bot answer with ``responder``; creates the bot (published) if needed and
        returns its id."""
        bot_id = bot_id or new_id()
        self.store.bots.add(bot_id, name, responder)
        return bot_id

    def inject(
        self,
        fault: Fault | None = None,
        /,
        *,
        path: str | None = None,
        status: int | None = None,
        code: int | None = None,
        msg: str = "injected fault",
        retry_after: float | None = None,
        latency: float = 0.0,
        event_delay: float = 0.0,
        drop_after: int | None = None,
        close_code: int | None = None,
        malformed_after: int | None = None,
        times: int | None = 1,
        probability: float = 1.0,
    ) -> Fault:
        """Add a fault, ``fault`` or one made of the keywords (the fields of :class:`Fault`):
        ``emu.inject(path="/v3/chat", status=429, retry_after=1)``."""
        if fault is None:
            fault = Fault(
                path=path,
                status=status,
                code=code,
                msg=msg,
                retry_after=retry_after,
                latency=latency,
                event_delay=event_delay,
                drop_after=drop_after,
                close_code=close_code,
                malformed_after=malformed_after,
                times=times,
                probability=probability,
            )
        return self.faults.add(fault)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self.faults.clear()

    def register_oauth_app(
        self,
        client_type: ClientType,
        *,
        client_id: str | None = None,
        public_key: str | bytes | None = None,
        public_key_id: str | None = None,
        client_secret: str | None = None,
        redirect_uris: Sequence[str] = (),
    ) -> str:
        """Register an OAuth app and return its client id (generated when ``None``).

        A ``"jwt"`` app needs ``public_key`` (the PEM of its RSA public key; the cryptography
        package) and ``public_key_id``; a ``"web"`` app gets a generated ``client_secret`` when
        none is given (``emu.store.oauth.apps[client_id].client_secret``). ``redirect_uris``
        restricts the authorization code flow to those URIs (any URI when empty).
        """
        app = self.store.oauth.register_app(
            client_type,
            client_id=client_id,
            public_key=public_key,
            public_key_id=public_key_id,
            client_secret=client_secret,
            redirect_uris=redirect_uris,
        )
        return app.client_id

    def approve_device(self, user_code: str) -> None:
        """Approve the device authorization showing ``user_code`` (KeyError if none waits)."""
        self.store.oauth.decide_device(user_code, approve=True)

    def deny_device(self, user_code: str) -> None:
        """Deny the device authorization showing ``user_code`` (KeyError if none waits)."""
        self.store.oauth.decide_device(user_code, approve=False)

    def advance_clock(self, seconds: float) -> None:
        """Move the clock that OAuth codes and tokens expire by ``seconds`` forward."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.store.oauth.clock_offset += seconds

    @property
    def open_connections(self) -> int:
        """Client connections the server currently holds open."""
        if self._runner is None or self._runner.server is None:
            return 0
        return len(self._runner.server.connections)
