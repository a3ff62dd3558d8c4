"""What every emulator response shares: log ids, the ``{code, msg, data}`` envelope, API errors,
the token check, fault rules and the SSE writer."""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from typing import Any

import attrs
import orjson
from aiohttp import web

__all__ = [
    "ApiError",
    "Fault",
    "FaultRules",
    "SSEWriter",
    "add_collaborator",
    "bad_request",
    "envelope",
    "int_param",
    "new_id",
    "now",
    "one_collaborator",
    "optional_string",
    "page_of",
    "remove_collaborator",
]

#: The log id of the request being handled (set by the emulator's middleware).
current_logid: ContextVar[str] = ContextVar("coze_emulator_logid", default="")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_ids = itertools.count(7_400_000_000_000_000_001)


def new_id() -> str:
    """A fresh Coze-style id: a 19-digit decimal string."""
    return str(next(_ids))


def now() -> int:
    """Unix time in seconds, as the API reports it."""
    return int(time.time())


def new_logid() -> str:
    """A Coze-style log id: a timestamp and 18 hex digits."""
    return time.strftime("%Y%m%d%H%M%S") + os.urandom(9).hex().upper()


class ApiError(Exception):
    """Raised by a handler to answer with an error envelope (HTTP 200 unless ``status`` says)."""

    def __init__(self, code: int, msg: str, status: int = 200) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.status = status


def envelope(request: web.Request, data: Any = None, **extra: Any) -> web.Response:
    """A success envelope ``{"code": 0, "msg": "", "data": ..., "detail": {"logid": ...}}``."""
    body: dict[str, Any] = {"code": 0, "msg": ""}
    if data is not None:
        body["data"] = data
    body.update(extra)
    body["detail"] = {"logid": current_logid.get()}
    return web.Response(body=orjson.dumps(body), content_type="application/json")


def error_response(request: web.Request, code: int, msg: str, status: int = 200) -> web.Response:
    """An error envelope."""
    body = {"code": code, "msg": msg, "detail": {"logid": current_logid.get()}}
    return web.Response(body=orjson.dumps(body), status=status, content_type="application/json")


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object body, or a 4000 error."""
    raw = await request.read()
    if not raw:
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(4000, "request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(4000, "request body must be a JSON object")
    return body


def require(params: Mapping[str, Any], name: str) -> str:
    """A required non-empty string parameter, or the 4000 error the service gives."""
    value = params.get(name)
    if not isinstance(value, str) or not value:
        raise ApiError(4000, f"Request parameter error: {name} is required")
    return value


def bad_request(msg: str) -> ApiError:
    """The 4000 error the service gives for an invalid parameter."""
    return ApiError(4000, f"Request parameter error: {msg}")


def optional_string(params: Mapping[str, Any], name: str) -> str:
    """An optional string parameter ("" when absent or null), or a 4000 error."""
    value = params.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string")
    return value


def page_of(items: list[Any], page_num: int, page_size: int) -> list[Any]:
    """The items of page ``page_num`` (from 1) of ``page_size`` items each."""
    return items[(page_num - 1) * page_size : page_num * page_size]


def int_param(
    params: Mapping[str, Any], name: str, default: int, *, low: int = 1, high: int | None = None
) -> int:
    """An optional integer parameter (query string or JSON), or a 4000 error."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        raise ApiError(4000, f"Request parameter error: {name} must be an integer")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ApiError(4000, f"Request parameter error: {name} must be an integer") from None
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ApiError(4000, f"Request parameter error: {name} must be {bound}")
    return value


def one_collaborator(body: Mapping[str, Any]) -> str:
    """The ``user_id`` of a collaborator request (``{"collaborators": [{"user_id": ...}]}``,
    one per request), or the 4000 error."""
    collaborators = body.get("collaborators")
    if not isinstance(collaborators, list) or len(collaborators) != 1:
        raise ApiError(4000, "Request parameter error: collaborators must hold exactly one")
    item = collaborators[0]
    user_id = item.get("user_id") if isinstance(item, dict) else None
    if not isinstance(user_id, str) or not user_id:
        raise ApiError(4000, "Request parameter error: collaborators[0].user_id is required")
    return user_id


def add_collaborator(table: dict[str, list[str]], owner_id: str, user_id: str) -> None:
    """Add ``user_id`` to ``owner_id``'s collaborators (adding one twice is a no-op)."""
    collaborators = table.setdefault(owner_id, [])
    if user_id not in collaborators:
        collaborators.append(user_id)


def remove_collaborator(
    table: dict[str, list[str]], owner_id: str, user_id: str, owner: str
) -> None:
    """Remove ``user_id`` from ``owner_id``'s collaborators, or the 4200 error."""
    collaborators = table.get(owner_id, [])
    if user_id not in collaborators:
        raise ApiError(4200, f"user {user_id} is not a collaborator of {owner} {owner_id}")
    collaborators.remove(user_id)


# -- faults -------------------------------------------------------------------------------------


@attrs.define
class Fault:
    """A misbehaviour applied to the next ``times`` requests whose path starts with ``path``.

    - ``path``: the path prefix of the requests it hits (every path when ``None``).
    - ``status``: answer with this HTTP status (with ``code``/``msg`` in the body if given).
    - ``code``: answer with this Coze error code (HTTP 200 unless ``status`` is set).
    - ``msg``: the error message of that answer.
    - ``retry_after``: the ``Retry-After`` header (seconds) sent with that answer.
    - ``latency``: seconds to wait before answering (before the first event of a stream).
    - ``event_delay``: seconds to wait before each stream event (a slow stream).
    - ``drop_after``: close the connection after this many stream events (a cut stream); on a
      websocket, after this many events sent (0: right after the handshake).
    - ``close_code``: on a websocket, close with this code at ``drop_after`` (e.g. 1011)
      instead of dropping the connection.
    - ``malformed_after``: send one malformed frame after this many stream events, then go on.
    - ``times``: how many requests it hits (every matching one when ``None``).
    - ``probability``: the chance that a matching request is hit (1.0: every one; for soak tests).
    - ``hits``: how many requests it has hit so far (not an argument).
    """

    #: The path prefix of the requests it hits (every path when ``None``).
    path: str | None = None
    #: Answer with this HTTP status (with ``code``/``msg`` in the body if given).
    status: int | None = None
    #: Answer with this Coze error code (HTTP 200 unless ``status`` is set).
    code: int | None = None
    #: The error message of that answer.
    msg: str = "injected fault"
    #: ``Retry-After`` header (seconds) sent with the answer.
    retry_after: float | None = None
    #: Seconds to wait before answering (before the first event of a stream).
    latency: float = 0.0
    #: Seconds to wait before each stream event.
    event_delay: float = 0.0
    #: Close the connection after this many stream events.
    drop_after: int | None = None
    #: On a websocket: close with this code at ``drop_after`` (instead of dropping).
    close_code: int | None = None
    #: Send a malformed frame after this many stream events (then go on).
    malformed_after: int | None = None
    #: How many requests it hits (every matching one when ``None``).
    times: int | None = 1
    #: The chance that a matching request is hit (1.0: every one), for soak tests.
    probability: float = 1.0
    #: How many requests this fault has hit so far.
    hits: int = attrs.field(default=0, init=False)

    def matches(self, path: str) -> bool:
        """Whether this fault applies to a request for ``path`` (counting neither way)."""
        return (
            (self.path is None or path.startswith(self.path))
            and (self.times is None or self.hits < self.times)
            and (self.probability >= 1.0 or random.random() < self.probability)
        )


class FaultRules:
    """The active faults; the first matching one applies to a request."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Activate ``fault`` (after the ones already active) and return it."""
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault."""
        self._faults.clear()

    def take(self, path: str) -> Fault | None:
        """The first fault matching ``path``, counted as a hit; ``None`` if none matches."""
        for fault in self._faults:
            if fault.matches(path):
                fault.hits += 1
                return fault
        return None


#: The fault applied to the request being handled, if any.
current_fault: ContextVar[Fault | None] = ContextVar("coze_emulator_fault", default=None)


class ConnectionDropped(Exception):
    """Raised inside a handler once an injected fault closed the connection."""


# -- streams ------------------------------------------------------------------------------------


class SSEWriter:
    """Writes server-sent events the way Coze frames them: chat streams put no space after the
    colon, workflow streams one space and an ``id`` line. Applies the request's fault."""

    def __init__(self, request: web.Request, *, spaced: bool = False) -> None:
        self._request = request
        self._sep = ": " if spaced else ":"
        self._fault = current_fault.get()
        self._sent = 0
        self.response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "x-tt-logid": current_logid.get(),
            }
        )

    async def start(self) -> None:
        await self.response.prepare(self._request)

    async def send(self, event: str, data: Any, id: str | int | None = None) -> None:
        """Send one event; ``data`` that is not a str is JSON-encoded."""
        fault = self._fault
        if fault is not None:
            if self._sent and fault.event_delay:
                await asyncio.sleep(fault.event_delay)
            if fault.drop_after is not None and self._sent >= fault.drop_after:
                await self._drop()
            if fault.malformed_after is not None and self._sent == fault.malformed_after:
                frame = f"event{self._sep}{event}\ndata{self._sep}{{bad\n\n"
                await self.response.write(frame.encode())
        text = data if isinstance(data, str) else orjson.dumps(data).decode()
        sep = self._sep
        head = f"id{sep}{id}\n" if id is not None else ""
        await self.response.write(f"{head}event{sep}{event}\ndata{sep}{text}\n\n".encode())
        self._sent += 1

    async def _drop(self) -> None:
        transport = self._request.transport
        if transport is not None:
            transport.close()
        raise ConnectionDropped

    async def finish(self) -> web.StreamResponse:
        fault = self._fault
        if fault is not None and fault.drop_after is not None and self._sent >= fault.drop_after:
            await self._drop()
        await self.response.write_eof()
        return self.response
