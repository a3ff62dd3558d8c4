"""HTTP transport: one aiohttp session per client, request building, envelope decoding, errors.

Every request of every resource goes through :meth:`Transport.send`; JSON results through
:meth:`Transport.request`, event streams through :meth:`Transport.open_stream`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import sys
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any, TypedDict, TypeVar

import aiohttp
import orjson
from yarl import URL

from ._auth import Auth
from ._config import DEFAULT_TIMEOUT, KEEPALIVE_SECONDS, POOL_LIMIT
from ._converter import structure
from ._errors import (
    BODY_EXCERPT_CHARS,
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeInvalidResponseError,
    CozeTimeoutError,
    RateLimitError,
    api_error,
)
from ._headers import client_headers, validate_headers
from ._response import LOGID_HEADER, HTTPResponse
from .models._base import ListResponse, attach_response

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["RequestOptions", "Timeout", "Transport", "Unpack", "to_client_timeout"]

log = logging.getLogger("coze_async")

T = TypeVar("T")

#: A timeout: seconds for the whole call, or an ``aiohttp.ClientTimeout`` for finer control.
Timeout = float | aiohttp.ClientTimeout

_JSON_HEADERS = {"Content-Type": "application/json"}
_OPTION_NAMES = frozenset({"timeout", "headers"})


class RequestOptions(TypedDict, total=False):
    """Per-call options every resource method accepts as keyword arguments."""

    #: Overrides the client's timeout for this call.
    timeout: Timeout
    #: Extra headers for this call (validated; the mapping is not modified).
    headers: Mapping[str, str]


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


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait: ``retry-after-ms``, else ``Retry-After`` as seconds or an
    HTTP date; ``None`` when absent or unreadable."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        with contextlib.suppress(ValueError):
            value = float(millis) / 1000
            if math.isfinite(value) and value >= 0:
                return value
    text = headers.get("Retry-After")
    if text is None:
        return None
    with contextlib.suppress(ValueError):
        value = float(text)
        return value if math.isfinite(value) and value >= 0 else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _excerpt(body: bytes) -> str:
    return body[:BODY_EXCERPT_CHARS].decode("utf-8", "replace")


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
    ) -> None:
        if not isinstance(auth, Auth):
            raise TypeError(f"auth must be an Auth instance (e.g. TokenAuth), not {type(auth)!r}")
        url = URL(base_url.rstrip("/"))
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
        self.auth = auth
        self.base_url = str(url)
        self.timeout = to_client_timeout(timeout)
        self._default_headers = {**client_headers(), **validate_headers(headers)}
        self._session = http_client
        self._owns_session = http_client is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._urls: dict[str, URL] = {}
        self._closed = False

    # -- session lifecycle -------------------------------------------------------------------

    def _get_session(self) -> aiohttp.ClientSession:
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
            session.detach()  # its loop is gone: nothing left to close on it
        connector = aiohttp.TCPConnector(limit=POOL_LIMIT, keepalive_timeout=KEEPALIVE_SECONDS)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=self.timeout,
            trust_env=True,
            json_serialize=lambda obj: orjson.dumps(obj).decode(),
        )
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
    ) -> aiohttp.ClientResponse:
        """Send one request and return the response with its body unread. Network failures
        become :class:`CozeConnectionError` / :class:`CozeTimeoutError`."""
        opts = options or {}
        if opts:
            _check_options(opts)
        headers = dict(self._default_headers)
        headers["Authorization"] = await self.auth.authorization()
        body = data
        if json is not None:
            body = orjson.dumps(json)
            headers.update(_JSON_HEADERS)
        if "headers" in opts:
            headers.update(validate_headers(opts["headers"]))
        timeout = to_client_timeout(opts["timeout"]) if "timeout" in opts else self.timeout
        session = self._get_session()
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
        except asyncio.TimeoutError as exc:
            raise CozeTimeoutError(
                f"{method} {path} timed out", may_have_succeeded=method != "GET"
            ) from exc
        except aiohttp.ClientConnectorError as exc:
            raise CozeConnectionError(f"{method} {path}: cannot connect ({exc.os_error})") from exc
        except aiohttp.ClientError as exc:
            raise CozeConnectionError(
                f"{method} {path} failed: {type(exc).__name__}: {exc}", may_have_succeeded=True
            ) from exc
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
    ) -> ListResponse[T]:
        """Like :meth:`request` for an envelope whose data is a list of ``item``."""
        payload, meta = await self.request_raw(
            method, path, params=params, json=json, data_field=data_field, options=options
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
    ) -> tuple[Any, HTTPResponse]:
        """Send a request and return the envelope's decoded ``data_field`` and the response."""
        response = await self.send(
            method, path, params=params, json=json, data=data, options=options
        )
        try:
            body = await response.read()
        except asyncio.TimeoutError as exc:
            raise CozeTimeoutError(f"{method} {path} timed out reading the response") from exc
        except aiohttp.ClientError as exc:
            raise CozeConnectionError(
                f"{method} {path}: connection lost reading the response: {exc}",
                may_have_succeeded=True,
            ) from exc
        finally:
            response.release()
        return decode_envelope(response.status, response.headers, body, data_field)

    async def open_stream(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        options: Mapping[str, Any] | None = None,
    ) -> aiohttp.ClientResponse:
        """Send a request that should answer with an event stream. An error envelope raises its
        typed error; a successful JSON answer where a stream was expected is an error too."""
        response = await self.send(method, path, params=params, json=json, options=options)
        content_type = response.headers.get("Content-Type", "")
        if response.status == 200 and "text/event-stream" in content_type:
            return response
        try:
            body = await response.read()
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            raise CozeConnectionError(
                f"{method} {path}: connection lost reading the response: {exc}",
                may_have_succeeded=True,
            ) from exc
        finally:
            response.release()
        _, meta = decode_envelope(response.status, response.headers, body, None)
        raise CozeInvalidResponseError(
            None,
            f"expected an event stream, got {content_type or 'no content type'}: {_excerpt(body)}",
            meta.logid,
            status=response.status,
        )

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


def _with_retry_after(error: CozeAPIError, headers: Mapping[str, str]) -> CozeAPIError:
    if isinstance(error, RateLimitError):
        error.retry_after = retry_after_seconds(headers)
    return error


def decode_envelope(
    status: int, headers: Mapping[str, str], body: bytes, data_field: str | None
) -> tuple[Any, HTTPResponse]:
    """Check a ``{code, msg, data}`` body and the HTTP status; return the data and the response
    metadata, or raise the matching :class:`~coze_async.CozeAPIError` subclass."""
    logid = headers.get(LOGID_HEADER) or None
    try:
        parsed = orjson.loads(body) if body else None
    except orjson.JSONDecodeError:
        parsed = None
        if status < 400 or body.lstrip()[:1] in (b"{", b"["):
            raise CozeInvalidResponseError(
                None, f"response is not valid JSON: {_excerpt(body)!r}", logid, status=status
            ) from None
    if isinstance(parsed, dict):
        detail = parsed.get("detail")
        if not logid and isinstance(detail, dict) and isinstance(detail.get("logid"), str):
            logid = detail["logid"]
    meta = HTTPResponse(status, headers, logid)
    if not isinstance(parsed, dict):
        if status >= 400:
            msg = f"HTTP {status}: {_excerpt(body)}" if body else f"HTTP {status}"
            raise _with_retry_after(api_error(None, msg, logid=logid, status=status), headers)
        if data_field is None:
            return parsed, meta
        raise CozeInvalidResponseError(
            None, f"expected a JSON object, got: {_excerpt(body)!r}", logid, status=status
        )
    code = parsed.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        code = None
    text = parsed.get("msg")
    if not isinstance(text, str):
        text = parsed.get("error_message")
    msg = text if isinstance(text, str) else ""
    if (code is not None and code != 0) or status >= 400:
        if not msg and status >= 400:
            msg = f"HTTP {status}: {_excerpt(body)}"
        debug_url = parsed.get("debug_url") if isinstance(parsed.get("debug_url"), str) else None
        raise _with_retry_after(
            api_error(code, msg, logid=logid, debug_url=debug_url, status=status), headers
        )
    if data_field is None:
        return parsed, meta
    value: Any = parsed
    for key in data_field.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value, meta
