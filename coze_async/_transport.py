"""HTTP transport: one aiohttp session per client, request building, envelope decoding, errors.

Every request of every resource goes through :meth:`Transport.send`; JSON results through
:meth:`Transport.call`, event streams through :meth:`Transport.open_stream`, binary bodies
(audio) through :meth:`Transport.open_binary`.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
import os
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from enum import Enum
from ssl import SSLContext
from typing import Any, TypeVar

import aiohttp
import attrs
import orjson
from yarl import URL

from ._auth import Auth, check_auth
from ._binary import AsyncFileHTTPResponse
from ._converter import structure
from ._envelope import decode_envelope, excerpt
from ._errors import (
    CozeAPIError,
    CozeClientClosedError,
    CozeConnectionError,
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidResponseError,
    CozeTimeoutError,
    api_error,
)
from ._headers import client_headers, validate_headers
from ._http_client import Limits, to_limits
from ._log import logger as log
from ._pagination import AsyncPaged, PageData, Paging
from ._request import Request
from ._response import LOGID_HEADER, HTTPResponse
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy
from ._sse import DEFAULT_MAX_LINE_BYTES, ServerSentEvent
from ._stream import AsyncStream
from ._timeout import DEFAULT_STREAM_READ_TIMEOUT, Timeout, TimeoutTypes, to_timeout
from ._uploads import FileTypes, UploadProgress, multipart_body, prepare_upload
from .models._base import CozeModel, ListResponse, attach_response, attach_responses

__all__ = [
    "AsyncResource",
    "Transport",
    "invalid_response",
    "is_loopback",
    "structure_response",
    "websocket_url",
]

T = TypeVar("T")
R = TypeVar("R")
E = TypeVar("E")
M = TypeVar("M", bound=CozeModel)
#: One attempt of a request: ``attempt(request, deadline)`` (the call's loop-time deadline).
Attempt = Callable[[Request, "float | None"], Awaitable[R]]

#: Set to ``1`` to allow sending the token over plain http to a non-loopback host.
INSECURE_HTTP_ENV = "COZE_ALLOW_INSECURE_HTTP"

_JSON_HEADERS = {"Content-Type": "application/json"}


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _query(params: Mapping[str, Any] | None) -> dict[str, str] | None:
    if not params:
        return None
    return {
        k: v if v.__class__ is str else _query_value(v) for k, v in params.items() if v is not None
    }


def _proxy_configured() -> bool:
    """Whether the environment names a proxy (``HTTPS_PROXY`` and friends). Only then is
    aiohttp told to read it: its lookup costs two thread hops per request."""
    return any(name.lower().endswith("_proxy") and value for name, value in os.environ.items())


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, ``*.localhost``, a loopback IP)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def websocket_url(base_url: str) -> str:
    """The websocket address matching an HTTP base URL, as the service pairs them: ``https://``
    becomes ``wss://`` and ``http://`` ``ws://``; a first host label ``api`` becomes ``ws``
    (``api.coze.com`` -> ``ws.coze.com``, ``api-xx.coze.cn`` -> ``ws-xx.coze.cn``); any other
    host (an emulator, a self-hosted service) is kept, and so are the port and path."""
    url = URL(base_url)
    host = url.host or ""
    for prefix, replacement in (("api.", "ws."), ("api-", "ws-")):
        if host.startswith(prefix):
            url = url.with_host(replacement + host[len(prefix) :])
            break
    return str(url.with_scheme("wss" if url.scheme == "https" else "ws")).rstrip("/")


def _connection_error(exc: Exception, method: str, path: str) -> CozeConnectionError:
    """Map an aiohttp/asyncio failure to our error, recording whether the request may have
    reached the service (it decides whether a creating request can be retried)."""
    if isinstance(exc, aiohttp.ClientSSLError):
        error = CozeConnectionError(f"{method} {path}: TLS failure: {exc}")
        error.retryable = False
        return error
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        reason = exc.os_error if isinstance(exc, aiohttp.ClientConnectorError) else "timed out"
        cls = CozeTimeoutError if isinstance(exc, asyncio.TimeoutError) else CozeConnectionError
        return cls(f"{method} {path}: cannot connect ({reason})")
    if isinstance(exc, asyncio.TimeoutError):
        return CozeTimeoutError(f"{method} {path} timed out", may_have_succeeded=True)
    return CozeConnectionError(
        f"{method} {path} failed: {type(exc).__name__}: {exc}", may_have_succeeded=True
    )


class Transport:
    """Owns the HTTP session of one client and turns calls into requests and results.
    ``auth`` gives each request its ``Authorization`` header; with ``None`` (the OAuth token
    endpoints) a request carries only the one its options give."""

    def __init__(
        self,
        *,
        auth: Auth | None,
        base_url: str,
        timeout: TimeoutTypes | None = None,
        http_client: aiohttp.ClientSession | None = None,
        limits: Limits | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
        owner: str = "AsyncCoze",
    ) -> None:
        self._owner = owner
        if auth is not None:
            check_auth(auth)
        url = URL(base_url.rstrip("/"))
        if url.scheme not in ("http", "https") or not url.host:
            raise CozeInvalidArgumentError(f"base_url must be an http(s) URL, not {base_url!r}")
        if url.scheme == "http" and not is_loopback(url.host):
            if not (allow_insecure_http or os.environ.get(INSECURE_HTTP_ENV) == "1"):
                raise CozeInvalidArgumentError(
                    f"refusing to send the access token over plain http to {url.host}: use "
                    "https, or pass allow_insecure_http=True (or set "
                    f"{INSECURE_HTTP_ENV}=1), e.g. for a self-hosted coze-studio on your network"
                )
            log.warning("sending the access token over plain http to %s", url.host)
        if ssl is False:
            log.warning("TLS certificate verification is disabled for %s", url.host)
        if max_line_bytes <= 0:
            raise CozeInvalidArgumentError(f"max_line_bytes must be positive, got {max_line_bytes}")
        self.auth = auth
        self.ssl = ssl
        self.max_line_bytes = max_line_bytes
        self.base_url: str = str(url)
        self.timeout: Timeout = to_timeout(timeout)
        #: The connection pool's limits (for the sessions this transport creates).
        self.limits: Limits = to_limits(limits)
        self._client_timeout = _client_timeout(self.timeout)
        # Streams wait 120 s between reads by default; a user's timeout means the same for all.
        stream_read = DEFAULT_STREAM_READ_TIMEOUT if timeout is None else None
        self._stream_client_timeout = _client_timeout(self.timeout, stream_read=stream_read)
        self.retry: RetryPolicy = RetryPolicy(max_retries)
        self._default_headers = {**client_headers(), **validate_headers(headers)}
        self._session: aiohttp.ClientSession | None = http_client
        self._owns_session = http_client is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._urls: dict[str, URL] = {}
        self._closed = False
        #: The open streams and binary bodies, ended by :meth:`close`.
        self._streams: weakref.WeakSet[AsyncStream[Any] | AsyncFileHTTPResponse] = weakref.WeakSet()
        self.websocket_base_url: str = websocket_url(self.base_url)
        #: Open websocket sessions (held until they end), each with what ends it.
        self._websockets: dict[object, Callable[[], Awaitable[None]]] = {}

    # -- session lifecycle -------------------------------------------------------------------

    async def _get_session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise CozeClientClosedError("this client is closed")
        loop = asyncio.get_running_loop()
        session = self._session
        if session is not None and (not self._owns_session or self._loop is loop):
            return session
        if session is not None and self._loop is not None and not self._loop.is_closed():
            raise CozeError(
                "this client is bound to another running event loop; create one client per loop"
            )
        if session is not None:
            # Its loop is gone (a new asyncio.run()): retire it, then build one for this loop.
            connector = session.connector
            session.detach()
            if connector is not None:
                await connector.close()  # only marks it closed: its transports died with the loop
        connector = _connector(self.limits, self.ssl)
        session = aiohttp.ClientSession(
            connector=connector,
            timeout=self._client_timeout,
            trust_env=_proxy_configured(),
        )
        # aiohttp re-sends an idempotent request once, unseen, when a reused connection dies;
        # our retry policy owns every attempt (so that max_retries=0 means one request).
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        self._session = session
        self._loop = loop
        return self._session

    async def close(self) -> None:
        """End the streams and websocket sessions still open (a reader blocked on the network
        wakes with :class:`CozeClientClosedError`), then close the session this client created
        (a caller-supplied session is left open). Idempotent."""
        self._closed = True
        for stream in list(self._streams):
            stream.close(CozeClientClosedError("the client was closed while this stream was open"))
        for end in list(self._websockets.values()):
            await end()
        session, self._session = self._session, None
        if session is not None and self._owns_session and not session.closed:
            await session.close()

    def __del__(self) -> None:
        if getattr(self, "has_open_session", False):
            warnings.warn(
                f"unclosed {self._owner}: use 'async with AsyncCoze(...)' or 'await coze.close()'",
                ResourceWarning,
                stacklevel=2,
            )

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._closed

    @property
    def has_open_session(self) -> bool:
        """True while a session this transport created is open (it must be closed)."""
        session = self._session
        return self._owns_session and session is not None and not session.closed

    # -- requests ----------------------------------------------------------------------------

    def _url(self, path: str) -> URL:
        url = self._urls.get(path)
        if url is None:
            url = URL(self.base_url + path, encoded=True)
            if len(self._urls) < 1024:
                self._urls[path] = url
        return url

    async def send(
        self, request: Request, *, stream: bool = False, deadline: float | None = None
    ) -> aiohttp.ClientResponse:
        """Send one attempt of ``request`` (to end by the loop time ``deadline``, if any) and
        return the response with its body unread. Network failures become
        :class:`CozeConnectionError` / :class:`CozeTimeoutError`."""
        opts = request.options
        headers = dict(self._default_headers)
        auth = self.auth
        if auth is not None:
            headers["Authorization"] = await auth.authorization()
        data = request.data
        body = data() if callable(data) else data
        if request.json is not None:
            body = orjson.dumps(request.json)
            headers.update(_JSON_HEADERS)
        if opts and "headers" in opts:
            headers.update(validate_headers(opts["headers"]))
        timeout = self._attempt_timeout(opts, stream, deadline)
        session = self._session
        if (
            session is None
            or self._closed
            or (self._owns_session and self._loop is not asyncio.get_running_loop())
        ):
            session = await self._get_session()  # the first request, or one to check
        method, path = request.method, request.path
        # Metadata only (never a body, a header, the query or the token).
        debug = log.isEnabledFor(logging.DEBUG)
        started = 0.0
        if debug:
            log.debug("%s %s: sending%s", method, path, " (stream)" if stream else "")
            started = time.monotonic()
        try:
            response = await session.request(
                method,
                self._url(path),
                params=_query(request.params),
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
            )
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            error = _connection_error(exc, method, path)
            if debug:
                log.debug(
                    "%s %s: %s after %.1f ms",
                    method,
                    path,
                    type(error).__name__,
                    (time.monotonic() - started) * 1000,
                )
            raise error from exc
        if debug:
            log.debug(
                "%s %s -> %s in %.1f ms, logid=%s",
                method,
                path,
                response.status,
                (time.monotonic() - started) * 1000,
                response.headers.get(LOGID_HEADER, ""),
            )
        return response

    def _timeout(self, options: Mapping[str, Any]) -> Timeout:
        return to_timeout(options["timeout"]) if "timeout" in options else self.timeout

    def _attempt_timeout(
        self, options: Mapping[str, Any], stream: bool, deadline: float | None
    ) -> aiohttp.ClientTimeout:
        """The aiohttp limits of one attempt; with a call deadline, its ``total`` is the time
        left (for a stream: to open it and read it to the end)."""
        if "timeout" not in options:
            limits = self._stream_client_timeout if stream else self._client_timeout
        else:
            limits = _client_timeout(to_timeout(options["timeout"]))
        if deadline is None:
            return limits
        remaining = max(deadline - asyncio.get_running_loop().time(), 0.001)
        return attrs.evolve(limits, total=remaining)

    def _with_retries(self, request: Request, attempt: Attempt[R]) -> Coroutine[Any, Any, R]:
        """Run ``attempt(request, deadline)`` until it succeeds or the retry policy gives up; the
        call's ``total`` limit, if any, is one deadline for every attempt and wait. (A plain
        function returning the coroutine: no coroutine of its own waits for each call.)"""
        return self._first_attempt(request, attempt, self._deadline(request))

    def _deadline(self, request: Request) -> float | None:
        total = self._timeout(request.options).total
        return None if total is None else asyncio.get_running_loop().time() + total

    async def _first_attempt(
        self, request: Request, attempt: Attempt[R], deadline: float | None
    ) -> R:
        try:
            return await attempt(request, deadline)
        except (CozeAPIError, CozeConnectionError) as exc:
            failure = exc
        # Outside the except clause: a later attempt's error is not chained to this one.
        try:
            return await self._retry(request, attempt, deadline, failure)
        finally:
            del failure  # the error's traceback holds this frame: no cycle through it

    async def _retry(
        self, request: Request, attempt: Attempt[R], deadline: float | None, failure: CozeError
    ) -> R:
        """The attempts after a ``failure``: each after the wait the policy gives, until one
        succeeds or the policy (or the deadline) gives up, raising the last failure."""
        try:
            opts = request.options
            policy = self.retry
            if "max_retries" in opts:
                policy = attrs.evolve(policy, max_retries=opts["max_retries"])
            loop = asyncio.get_running_loop()
            number = 0
            while True:
                timed_out = isinstance(failure, CozeTimeoutError)
                if timed_out and deadline is not None and loop.time() >= deadline:
                    raise _total_exceeded(request, self._timeout(opts).total) from failure
                delay = policy.delay_for(failure, number, idempotent=request.idempotent)
                if delay is None or (deadline is not None and loop.time() + delay > deadline):
                    raise failure
                log.info(
                    "%s %s failed (%s), retry %d of %d in %.2f s",
                    request.method,
                    request.path,
                    _reason(failure),
                    number + 1,
                    policy.max_retries,
                    delay,
                )
                await asyncio.sleep(delay)
                number += 1
                try:
                    return await attempt(request, deadline)
                except (CozeAPIError, CozeConnectionError) as exc:
                    failure = exc
        finally:
            del failure  # the error's traceback holds this frame: no cycle through it

    def call_raw(self, request: Request) -> Coroutine[Any, Any, tuple[Any, HTTPResponse]]:
        """Send ``request`` (retrying per the client's policy) and return the envelope's
        ``data_field`` as decoded JSON, and the response."""
        return self._with_retries(request, self._call_attempt)

    async def _call_attempt(
        self, request: Request, deadline: float | None
    ) -> tuple[Any, HTTPResponse]:
        response = await self.send(request, deadline=deadline)
        body = await _read_body(response, request.method, request.path)
        return decode_envelope(response.status, response.headers, body, request.data_field)

    async def call(
        self,
        request: Request,
        cast: type[T],
        *,
        reshape: Callable[[Any, HTTPResponse], Any] | None = None,
    ) -> T:
        """Send ``request`` and structure its result as ``cast``, linked to its response (a
        ``cast`` without fields needs no ``data``). ``reshape(payload, response)`` first
        brings a result the service shapes unusually into ``cast``'s shape (raising
        :func:`invalid_response` when it cannot)."""
        payload, meta = await self.call_raw(request)
        if reshape is not None:
            payload = reshape(payload, meta)
        if payload is None and attrs.has(cast) and not attrs.fields(cast):
            payload = {}  # an empty result (an update's): no ``data`` to read
        result = structure_response(payload, cast, meta)
        attach_response(result, meta)
        return result

    async def upload(
        self,
        request: Request,
        file: FileTypes,
        cast: type[T],
        *,
        field: str = "file",
        form: Mapping[str, str] | None = None,
        progress: UploadProgress | None = None,
    ) -> T:
        """Send ``request`` with ``file`` streamed as the multipart ``field`` (after the
        ``form`` fields), and structure the result as ``cast``. Each attempt reads the file
        again from its start; one that cannot be rewound (a pipe) is sent once. A failure
        while reading the file raises that failure, not the connection error it caused."""
        source = await prepare_upload(file, progress)
        try:
            options = request.options
            if not source.rewindable:
                options = {**options, "max_retries": 0}
            upload = attrs.evolve(
                request,
                data=lambda: multipart_body(source, field=field, form=form),
                options=options,
            )
            try:
                return await self.call(upload, cast)
            except CozeConnectionError as exc:
                if source.error is not None:
                    raise source.error from exc
                raise
        finally:
            source.close()

    async def call_empty(self, request: Request, cls: type[M]) -> M:
        """Send a request whose envelope carries no result; an empty ``cls`` linked to the
        response stands for it."""
        _, meta = await self.call_raw(request)
        result = cls()
        attach_response(result, meta)
        return result

    async def call_list(self, request: Request, item: type[T]) -> ListResponse[T]:
        """Send a request whose result is a list of ``item`` (each linked to the response)."""
        payload, meta = await self.call_raw(request)
        items = structure_response(payload or [], list[item], meta)  # type: ignore[valid-type]
        attach_responses(items, meta)
        return ListResponse(items, meta)

    async def call_page(
        self, request: Request, page_cls: type[PageData[T]]
    ) -> tuple[PageData[T], HTTPResponse]:
        """One page of a list endpoint, as its page model, and the response."""
        payload, meta = await self.call_raw(request)
        return structure_response(payload or {}, page_cls, meta), meta

    def paged(self, request: Request, page_cls: type[PageData[T]], paging: Paging) -> AsyncPaged[T]:
        """A list endpoint's result: nothing is sent until it is awaited or iterated."""
        return AsyncPaged(self, request, page_cls, paging)

    def open_stream(self, request: Request) -> Coroutine[Any, Any, aiohttp.ClientResponse]:
        """Send a request that should answer with an event stream. An error envelope raises its
        typed error; a successful JSON answer where a stream was expected is an error too.
        Retries happen only here, before the stream was accepted, never after."""
        return self._with_retries(request, self._stream_attempt)

    async def _stream_attempt(
        self, request: Request, deadline: float | None
    ) -> aiohttp.ClientResponse:
        response = await self.send(request, stream=True, deadline=deadline)
        content_type = response.headers.get("Content-Type", "")
        if response.status == 200 and "text/event-stream" in content_type:
            return response
        raise await _unexpected_answer(response, request, "an event stream", content_type)

    def stream(
        self,
        request: Request,
        decode: Callable[[ServerSentEvent, HTTPResponse], E | None],
        *,
        ends_after: Callable[[E], bool] | None = None,
    ) -> AsyncStream[E]:
        """An event stream's result: the request is sent on first use. The client keeps track
        of it until it ends, to end it when the client is closed."""
        stream = AsyncStream(
            functools.partial(self.open_stream, request),
            decode,
            ends_after=ends_after,
            max_line_bytes=self.max_line_bytes,
        )
        self._streams.add(stream)
        return stream

    # -- websockets ------------------------------------------------------------------------------

    async def ws_connect(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = None,
    ) -> tuple[aiohttp.ClientWebSocketResponse[bool], HTTPResponse]:
        """Open a websocket to ``path`` of the service's websocket host, with the client's
        headers, token and TLS settings, on its session; return it and its handshake response.
        A refused handshake raises the typed error of its status; the handshake (nothing sent
        yet) is retried like any idempotent request. ``heartbeat``: seconds between pings (a
        missing pong ends the connection). A message is limited to ``max_line_bytes``, as a
        stream's line is."""
        options = {"headers": headers} if headers else {}
        request = Request("GET", path, params=params, options=options, idempotent=True)
        url = URL(self.websocket_base_url + path, encoded=True)

        async def attempt(
            request: Request, deadline: float | None
        ) -> tuple[aiohttp.ClientWebSocketResponse[bool], HTTPResponse]:
            sent = dict(self._default_headers)
            if self.auth is not None:
                sent["Authorization"] = await self.auth.authorization()
            if headers:
                sent.update(validate_headers(headers))
            session = await self._get_session()
            remaining = None if deadline is None else deadline - asyncio.get_running_loop().time()
            connecting = session.ws_connect(
                url,
                params=_query(params),
                headers=sent,
                heartbeat=heartbeat,
                ssl=self.ssl,
                max_msg_size=self.max_line_bytes,
                timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=_WS_CLOSE_SECONDS),
            )
            try:
                if remaining is None:
                    ws = await connecting
                else:
                    ws = await asyncio.wait_for(connecting, max(remaining, 0.001))
            except aiohttp.WSServerHandshakeError as exc:
                logid = exc.headers.get(LOGID_HEADER) if exc.headers else None
                raise api_error(
                    None,
                    f"websocket handshake for {path} refused: {exc.message}",
                    logid=logid,
                    status=exc.status,
                ) from exc
            except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
                raise _connection_error(exc, "GET", path) from exc
            raw = getattr(ws, "_response", None)  # the handshake's response (no public name)
            meta = (
                HTTPResponse(raw.status, raw.headers) if raw is not None else HTTPResponse(101, {})
            )
            log.debug("websocket %s open, logid=%s", path, meta.logid)
            return ws, meta

        return await self._with_retries(request, attempt)

    def track_websocket(self, session: object, end: Callable[[], Awaitable[None]]) -> None:
        """Have :meth:`close` await ``end()`` first while ``session`` is open."""
        if self._closed:
            raise CozeClientClosedError("this client is closed")
        self._websockets[session] = end

    def untrack_websocket(self, session: object) -> None:
        """``session`` ended: :meth:`close` no longer needs to end it."""
        self._websockets.pop(session, None)

    def open_binary(self, request: Request) -> Coroutine[Any, Any, aiohttp.ClientResponse]:
        """Send a request that should answer with a binary body (audio), and return the
        response with its body unread. An error envelope (the service answers JSON when it
        refuses) raises its typed error; a JSON or event-stream success where a body was
        expected is an invalid response. Retried only here, before the body was accepted."""
        return self._with_retries(request, self._binary_attempt)

    async def _binary_attempt(
        self, request: Request, deadline: float | None
    ) -> aiohttp.ClientResponse:
        response = await self.send(request, stream=True, deadline=deadline)
        content_type = response.headers.get("Content-Type", "").lower()
        if response.status == 200 and not any(
            kind in content_type for kind in ("json", "text/event-stream")
        ):
            return response
        raise await _unexpected_answer(response, request, "a binary body", content_type)

    def binary(self, request: Request) -> AsyncFileHTTPResponse:
        """A binary answer: the request is sent on first use (``await``, ``async with`` or a
        read); the client keeps track of it until its body ends, to end it when it closes."""
        result = AsyncFileHTTPResponse(
            functools.partial(self.open_binary, request), f"{request.method} {request.path}"
        )
        self._streams.add(result)
        return result


async def _unexpected_answer(
    response: aiohttp.ClientResponse, request: Request, expected: str, content_type: str
) -> CozeInvalidResponseError:
    """A stream or binary request answered otherwise: raise the typed error of an error
    envelope, or return the invalid-response error naming what was ``expected``."""
    body = await _read_body(response, request.method, request.path)
    _, meta = decode_envelope(response.status, response.headers, body, None)
    return CozeInvalidResponseError(
        None,
        f"expected {expected}, got {content_type or 'no content type'}: {excerpt(body)}",
        meta.logid,
        status=response.status,
    )


def _reason(exc: CozeError) -> str:
    """Why an attempt failed, for the retry log line: the error type, and for an answer its
    status, code and log id (no message: it may quote the request)."""
    if not isinstance(exc, CozeAPIError):
        return type(exc).__name__
    details = [f"status={exc.status}" if exc.status is not None else None]
    details.append(f"code={exc.code}" if exc.code is not None else None)
    details.append(f"logid={exc.logid}" if exc.logid else None)
    return ", ".join([type(exc).__name__, *filter(None, details)])


#: Seconds closing a websocket waits for the service's close frame.
_WS_CLOSE_SECONDS = 5.0


def _total_exceeded(request: Request, total: float | None) -> CozeTimeoutError:
    return CozeTimeoutError(
        f"{request.method} {request.path} did not complete within its total timeout of {total:g} s",
        may_have_succeeded=True,
    )


def invalid_response(meta: HTTPResponse, message: str) -> CozeInvalidResponseError:
    """The error for a response that does not have the documented shape."""
    return CozeInvalidResponseError(None, message, meta.logid or None, status=meta.status_code)


def structure_response(payload: Any, cast: type[T], meta: HTTPResponse) -> T:
    """Structure received data as ``cast``; data of the wrong shape is an invalid response."""
    try:
        return structure(payload, cast)
    except Exception as exc:  # cattrs raises several types; all mean the same here
        name = getattr(cast, "__name__", cast)
        raise invalid_response(meta, f"response data does not match {name}: {exc}") from exc


def _connector(limits: Limits, ssl: SSLContext | bool) -> aiohttp.TCPConnector:
    """The connection pool a session gets from ``limits`` (see ``_http_client``'s table)."""
    if limits.max_keepalive_connections == 0:
        return aiohttp.TCPConnector(limit=limits.max_connections or 0, force_close=True, ssl=ssl)
    return aiohttp.TCPConnector(
        limit=limits.max_connections or 0, keepalive_timeout=limits.keepalive_expiry, ssl=ssl
    )


def _client_timeout(timeout: Timeout, *, stream_read: float | None = None) -> aiohttp.ClientTimeout:
    """One attempt's aiohttp limits (``total`` is enforced around the whole call instead)."""
    read = timeout.read if stream_read is None else stream_read
    return aiohttp.ClientTimeout(
        total=None, connect=timeout.pool, sock_connect=timeout.connect, sock_read=read
    )


async def _read_body(response: aiohttp.ClientResponse, method: str, path: str) -> bytes:
    """The whole body; the connection goes back to the pool (or is closed) either way."""
    try:
        return await response.read()
    except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
        error = _connection_error(exc, method, path)
        error.may_have_succeeded = True
        raise error from exc
    finally:
        response.release()


class AsyncResource:
    """Base of the async resource clients: they describe requests, the transport runs them."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
