"""HTTP transport: one aiohttp session per client, request building, envelope decoding, errors.

Every request of every resource goes through :meth:`Transport.send`; JSON results through
:meth:`Transport.request`, event streams through :meth:`Transport.open_stream`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import os
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from ssl import SSLContext
from typing import Any, TypedDict, TypeVar

import aiohttp
import attrs
import orjson
from yarl import URL

from ._auth import Auth
from ._config import DEFAULT_STREAM_IDLE_TIMEOUT, DEFAULT_TIMEOUT, KEEPALIVE_SECONDS, POOL_LIMIT
from ._converter import structure
from ._envelope import decode_envelope, excerpt
from ._errors import (
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeInvalidResponseError,
    CozeTimeoutError,
)
from ._headers import client_headers, validate_headers
from ._response import LOGID_HEADER, HTTPResponse
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy
from ._sse import DEFAULT_MAX_LINE_BYTES
from .models._base import ListResponse, attach_response

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["RequestOptions", "Timeout", "Transport", "Unpack", "to_client_timeout"]

log = logging.getLogger("coze_async")

T = TypeVar("T")
R = TypeVar("R")

#: Set to ``1`` to allow sending the token over plain http to a non-loopback host.
INSECURE_HTTP_ENV = "COZE_ALLOW_INSECURE_HTTP"

#: A timeout: seconds for the whole call, or an ``aiohttp.ClientTimeout`` for finer control.
Timeout = float | aiohttp.ClientTimeout

_JSON_HEADERS = {"Content-Type": "application/json"}
_OPTION_NAMES = frozenset({"timeout", "headers", "max_retries"})
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class RequestOptions(TypedDict, total=False):
    """Per-call options every resource method accepts as keyword arguments."""

    #: Overrides the client's timeout for this call.
    timeout: Timeout
    #: Extra headers for this call (validated; the mapping is not modified).
    headers: Mapping[str, str]
    #: Overrides the client's retry count for this call (0 disables retries).
    max_retries: int


def to_client_timeout(timeout: Timeout | None) -> aiohttp.ClientTimeout:
    """Normalise a timeout argument: seconds mean a total deadline (connect capped by it)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, aiohttp.ClientTimeout):
        return timeout
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    seconds = float(timeout)
    connect = DEFAULT_TIMEOUT.connect or seconds
    return aiohttp.ClientTimeout(total=seconds, connect=min(connect, seconds))


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _query(params: Mapping[str, Any] | None) -> dict[str, str] | None:
    if not params:
        return None
    return {k: _query_value(v) for k, v in params.items() if v is not None}


def _proxy_configured() -> bool:
    """Whether the environment names a proxy (``HTTPS_PROXY`` and friends). Only then is
    aiohttp told to read it: its lookup costs two thread hops per request."""
    return any(name.lower().endswith("_proxy") and value for name, value in os.environ.items())


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def stream_timeout(timeout: aiohttp.ClientTimeout) -> aiohttp.ClientTimeout:
    """A client-level timeout as applied to streams: no total deadline (a chat may stream for
    long), but the connect limit and an idle limit between reads."""
    return aiohttp.ClientTimeout(
        total=None,
        connect=timeout.connect,
        sock_connect=timeout.sock_connect,
        sock_read=timeout.sock_read or DEFAULT_STREAM_IDLE_TIMEOUT,
    )


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


def _check_options(options: Mapping[str, Any]) -> None:
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")


class Transport:
    """Owns the HTTP session of one client and turns calls into requests and results."""

    def __init__(
        self,
        *,
        auth: Auth,
        base_url: str,
        timeout: Timeout | None = None,
        http_client: aiohttp.ClientSession | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        if not isinstance(auth, Auth):
            raise TypeError(f"auth must be an Auth instance (e.g. TokenAuth), not {type(auth)!r}")
        url = URL(base_url.rstrip("/"))
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
        if url.scheme == "http" and not _is_loopback(url.host):
            if not (allow_insecure_http or os.environ.get(INSECURE_HTTP_ENV) == "1"):
                raise ValueError(
                    f"refusing to send the access token over plain http to {url.host}: use "
                    "https, or pass allow_insecure_http=True (or set "
                    f"{INSECURE_HTTP_ENV}=1), e.g. for a self-hosted coze-studio on your network"
                )
            log.warning("sending the access token over plain http to %s", url.host)
        if ssl is False:
            log.warning("TLS certificate verification is disabled for %s", url.host)
        if max_line_bytes <= 0:
            raise ValueError(f"max_line_bytes must be positive, got {max_line_bytes}")
        self.auth = auth
        self.ssl = ssl
        self.max_line_bytes = max_line_bytes
        self.base_url = str(url)
        self.timeout = to_client_timeout(timeout)
        self.stream_timeout = stream_timeout(self.timeout)
        self.retry = RetryPolicy(max_retries)
        self._default_headers = {**client_headers(), **validate_headers(headers)}
        self._session = http_client
        self._owns_session = http_client is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._urls: dict[str, URL] = {}
        self._closed = False

    # -- session lifecycle -------------------------------------------------------------------

    async def _get_session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise CozeError("this client is closed")
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
        connector = aiohttp.TCPConnector(
            limit=POOL_LIMIT, keepalive_timeout=KEEPALIVE_SECONDS, ssl=self.ssl
        )
        session = aiohttp.ClientSession(
            connector=connector,
            timeout=self.timeout,
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
        """Close the session this client created (a caller-supplied session is left open)."""
        self._closed = True
        session, self._session = self._session, None
        if session is not None and self._owns_session and not session.closed:
            await session.close()

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
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        options: Mapping[str, Any] | None = None,
        stream: bool = False,
    ) -> aiohttp.ClientResponse:
        """Send one request (one attempt) and return the response with its body unread.
        Network failures become :class:`CozeConnectionError` / :class:`CozeTimeoutError`.
        ``data`` may be a zero-argument callable building a fresh body for each attempt."""
        opts = options or {}
        headers = dict(self._default_headers)
        headers["Authorization"] = await self.auth.authorization()
        body = data() if callable(data) else data
        if json is not None:
            body = orjson.dumps(json)
            headers.update(_JSON_HEADERS)
        if "headers" in opts:
            headers.update(validate_headers(opts["headers"]))
        if "timeout" in opts:
            timeout = to_client_timeout(opts["timeout"])
        else:
            timeout = self.stream_timeout if stream else self.timeout
        session = await self._get_session()
        started = time.monotonic()
        try:
            response = await session.request(
                method,
                self._url(path),
                params=_query(params),
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
            )
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            raise _connection_error(exc, method, path) from exc
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s -> %s in %.1f ms, logid=%s",
                method,
                path,
                response.status,
                (time.monotonic() - started) * 1000,
                response.headers.get(LOGID_HEADER, ""),
            )
        return response

    async def _with_retries(
        self,
        method: str,
        path: str,
        options: Mapping[str, Any] | None,
        idempotent: bool | None,
        attempt_once: Callable[[], Awaitable[R]],
    ) -> R:
        """Run ``attempt_once`` until it succeeds or the retry policy gives up."""
        opts = options or {}
        if opts:
            _check_options(opts)
        policy = self.retry
        if "max_retries" in opts:
            policy = attrs.evolve(policy, max_retries=opts["max_retries"])
        safe = method in _IDEMPOTENT_METHODS if idempotent is None else idempotent
        timeout = to_client_timeout(opts["timeout"]) if "timeout" in opts else self.timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout.total if timeout.total else None
        attempt = 0
        while True:
            try:
                return await attempt_once()
            except (CozeAPIError, CozeConnectionError) as exc:
                delay = policy.delay_for(exc, attempt, idempotent=safe)
                if delay is None or (deadline is not None and loop.time() + delay > deadline):
                    raise
                log.info(
                    "%s %s failed (%s), retry %d of %d in %.2f s",
                    method,
                    path,
                    type(exc).__name__,
                    attempt + 1,
                    policy.max_retries,
                    delay,
                )
            await asyncio.sleep(delay)
            attempt += 1

    async def request(
        self,
        method: str,
        path: str,
        cast: type[T],
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        data_field: str | None = "data",
        options: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> T:
        """Send a request and structure the envelope's ``data_field`` (dotted paths allowed,
        ``None`` for the whole body) as ``cast``; the result's ``.response`` is set."""
        payload, meta = await self.request_raw(
            method,
            path,
            params=params,
            json=json,
            data=data,
            data_field=data_field,
            options=options,
            idempotent=idempotent,
        )
        result = self._structure(payload, cast, meta)
        attach_response(result, meta)
        return result

    async def request_list(
        self,
        method: str,
        path: str,
        item: type[T],
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data_field: str | None = "data",
        options: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> ListResponse[T]:
        """Like :meth:`request` for an envelope whose data is a list of ``item``."""
        payload, meta = await self.request_raw(
            method,
            path,
            params=params,
            json=json,
            data_field=data_field,
            options=options,
            idempotent=idempotent,
        )
        items = self._structure(payload or [], list[item], meta)  # type: ignore[valid-type]
        return ListResponse(items, meta)

    async def request_raw(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        data_field: str | None = "data",
        options: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> tuple[Any, HTTPResponse]:
        """Send a request (retrying per the client's policy; ``idempotent`` overrides the
        method's default) and return the envelope's decoded ``data_field`` and the response."""

        async def attempt() -> tuple[Any, HTTPResponse]:
            response = await self.send(
                method, path, params=params, json=json, data=data, options=options
            )
            body = await _read_body(response, method, path)
            return decode_envelope(response.status, response.headers, body, data_field)

        return await self._with_retries(method, path, options, idempotent, attempt)

    async def open_stream(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        options: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> aiohttp.ClientResponse:
        """Send a request that should answer with an event stream. An error envelope raises its
        typed error; a successful JSON answer where a stream was expected is an error too.
        Retries happen only here, before the stream was accepted, never after."""

        async def attempt() -> aiohttp.ClientResponse:
            response = await self.send(
                method, path, params=params, json=json, options=options, stream=True
            )
            content_type = response.headers.get("Content-Type", "")
            if response.status == 200 and "text/event-stream" in content_type:
                return response
            body = await _read_body(response, method, path)
            _, meta = decode_envelope(response.status, response.headers, body, None)
            raise CozeInvalidResponseError(
                None,
                f"expected an event stream, got {content_type or 'no content type'}: "
                f"{excerpt(body)}",
                meta.logid,
                status=response.status,
            )

        return await self._with_retries(method, path, options, idempotent, attempt)

    @staticmethod
    def _structure(payload: Any, cast: type[T], meta: HTTPResponse) -> T:
        try:
            return structure(payload, cast)
        except Exception as exc:  # cattrs raises several types; all mean the same here
            raise CozeInvalidResponseError(
                None,
                f"response data does not match {getattr(cast, '__name__', cast)}: {exc}",
                meta.logid,
                status=meta.status_code,
            ) from exc


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
