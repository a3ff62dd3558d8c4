"""Pins for ``_transport`` found by mutation testing: query values, how network failures are
mapped (kind, message, ``may_have_succeeded``), a body read that fails, the type named when a
result does not match, responses linked to list items and empty results, ``reshape`` given the
response, null ``data`` for lists and pages, a non-stream answer where a stream was expected,
and the options a stream is built with. HTTP is mocked with aioresponses or a fake ``send``."""

from __future__ import annotations

import asyncio
import enum
import gc
import logging
import re
import sys
import warnings
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from coze_async import (
    CozeClientClosedError,
    CozeConnectionError,
    CozeError,
    CozeInvalidResponseError,
    CozeStreamTruncatedError,
    CozeTimeoutError,
    Message,
    Timeout,
    TokenAuth,
    _transport,
)
from coze_async._pagination import NumberPaging
from coze_async._request import Request
from coze_async._response import HTTPResponse
from coze_async._retry import RetryPolicy
from coze_async._sse import ServerSentEvent, SSELineTooLongError
from coze_async._transport import Transport, _connection_error, _read_body, structure_response
from coze_async.models.bots import AddBotCollaboratorResp, BotVersionsPage
from tests.conftest import MockHTTP

BASE = "https://api.test"
LOGID = {"x-tt-logid": "L"}


def ok(data: Any) -> dict[str, Any]:
    return {"code": 0, "msg": "", "data": data}


def message(content: str = "hi") -> dict[str, Any]:
    return {
        "id": "m1",
        "conversation_id": "c1",
        "bot_id": "b1",
        "chat_id": "x1",
        "role": "assistant",
        "type": "answer",
        "content": content,
        "content_type": "text",
    }


@pytest.fixture
async def transport() -> AsyncIterator[Transport]:
    t = Transport(auth=TokenAuth("tok"), base_url=BASE, max_retries=0)
    yield t
    await t.close()


# --- query values -------------------------------------------------------------------------------


class Color(enum.Enum):
    RED = "red"


async def test_query_values_are_lowercase_booleans_enum_values_and_strings(
    transport: Transport,
) -> None:
    seen: list[Any] = []
    with MockHTTP() as mocked:
        mocked.get(
            re.compile(r"^https://api\.test/q"),
            payload=ok({}),
            callback=lambda url, **_: seen.append(url),
        )
        params = {"yes": True, "no": False, "color": Color.RED, "n": 3, "skip": None}
        await transport.call_raw(Request("GET", "/q", params=params))
    assert dict(seen[0].query) == {"yes": "true", "no": "false", "color": "red", "n": "3"}


# --- network failures ---------------------------------------------------------------------------

KEY = SimpleNamespace(ssl=True, host="api.test", port=443)


def test_a_refused_connection_names_the_os_error_and_did_not_reach_the_service() -> None:
    error = _connection_error(
        aiohttp.ClientConnectorError(KEY, OSError(111, "refused")),  # type: ignore[arg-type]
        "GET",
        "/p",
    )
    assert type(error) is CozeConnectionError
    assert str(error) == "GET /p: cannot connect ([Errno 111] refused)"
    assert not error.may_have_succeeded


def test_a_connect_timeout_is_a_timeout_that_did_not_reach_the_service() -> None:
    error = _connection_error(aiohttp.ConnectionTimeoutError(), "GET", "/p")
    assert type(error) is CozeTimeoutError
    assert str(error) == "GET /p: cannot connect (timed out)"
    assert not error.may_have_succeeded


def test_a_timeout_after_connecting_may_have_succeeded() -> None:
    error = _connection_error(TimeoutError(), "POST", "/p")
    assert type(error) is CozeTimeoutError
    assert str(error) == "POST /p timed out"
    assert error.may_have_succeeded


def test_another_failure_names_its_type_and_may_have_succeeded() -> None:
    error = _connection_error(aiohttp.ServerDisconnectedError("gone"), "POST", "/p")
    assert type(error) is CozeConnectionError
    assert str(error) == "POST /p failed: ServerDisconnectedError: gone"
    assert error.may_have_succeeded


class FailingBody:
    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.released = False

    async def read(self) -> bytes:
        raise self.error

    def release(self) -> None:
        self.released = True


async def test_a_body_read_that_fails_may_have_succeeded_and_names_the_request() -> None:
    response = FailingBody(aiohttp.ClientConnectorError(KEY, OSError(104, "reset")))  # type: ignore[arg-type]
    with pytest.raises(CozeConnectionError) as info:
        await _read_body(response, "GET", "/p")  # type: ignore[arg-type]
    assert str(info.value) == "GET /p: cannot connect ([Errno 104] reset)"
    assert info.value.may_have_succeeded is True
    assert isinstance(info.value.__cause__, aiohttp.ClientConnectorError)
    assert response.released


# --- results ------------------------------------------------------------------------------------


def test_a_result_of_the_wrong_shape_names_the_expected_type() -> None:
    meta = HTTPResponse(200, LOGID)
    with pytest.raises(CozeInvalidResponseError, match=r"response data does not match Message: "):
        structure_response({"role": 1}, Message, meta)
    with pytest.raises(CozeInvalidResponseError, match=r"does not match int \| None: "):
        structure_response("x", int | None, meta)  # type: ignore[arg-type]


async def test_list_items_and_empty_results_are_linked_to_their_response(
    transport: Transport,
) -> None:
    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/l", payload=ok([message("a"), message("b")]), headers=LOGID)
        mocked.get(f"{BASE}/n", payload=ok(None), headers=LOGID)
        mocked.post(f"{BASE}/e", payload={"code": 0, "msg": ""}, headers=LOGID)
        items = await transport.call_list(Request("GET", "/l"), Message)
        none = await transport.call_list(Request("GET", "/n"), Message)
        empty = await transport.call_empty(Request("POST", "/e"), AddBotCollaboratorResp)
    assert [item.content for item in items] == ["a", "b"]
    assert [item.response.logid for item in items] == ["L", "L"]
    assert items.response.logid == "L"
    assert list(none) == []
    assert type(empty) is AddBotCollaboratorResp
    assert empty.response.logid == "L"
    assert empty.response.status_code == 200


async def test_reshape_gets_the_payload_and_the_response(transport: Transport) -> None:
    def reshape(payload: Any, meta: HTTPResponse) -> Any:
        return {**payload["inner"], "content": meta.logid}

    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/r", payload=ok({"inner": message()}), headers=LOGID)
        result = await transport.call(Request("GET", "/r"), Message, reshape=reshape)
    assert result.content == "L"
    assert result.response.logid == "L"


async def test_a_page_with_null_data_is_an_empty_page(transport: Transport) -> None:
    with MockHTTP() as mocked:
        mocked.get(re.compile(r"^https://api\.test/v(\?|$)"), payload=ok(None), headers=LOGID)
        mocked.get(re.compile(r"^https://api\.test/v(\?|$)"), payload=ok(None), headers=LOGID)
        page, meta = await transport.call_page(Request("GET", "/v"), BotVersionsPage)
        paged = await transport.paged(Request("GET", "/v"), BotVersionsPage, NumberPaging(2, 5))
    assert type(page) is BotVersionsPage
    assert page.items == []
    assert meta.logid == "L"
    assert paged.items == []
    assert paged.response.logid == "L"
    assert not paged.has_more


async def test_a_page_request_carries_the_paging_and_the_items(transport: Transport) -> None:
    seen: list[Any] = []
    version = {"bot_id": "b1", "version": "1", "creator_id": "u1", "publish_time": "0"}
    with MockHTTP() as mocked:
        mocked.get(
            re.compile(r"^https://api\.test/v(\?|$)"),
            payload=ok({"items": [version], "has_more": False}),
            headers=LOGID,
            callback=lambda url, **_: seen.append(url),
        )
        paged = await transport.paged(Request("GET", "/v"), BotVersionsPage, NumberPaging(2, 5))
    assert dict(seen[0].query) == {"page_num": "2", "page_size": "5"}
    assert [item.version for item in paged.items] == ["1"]


# --- streams ------------------------------------------------------------------------------------


class FakeContent:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    async def readany(self) -> bytes:
        return self.chunks.pop(0) if self.chunks else b""


class FakeResponse:
    def __init__(
        self, status: int, headers: dict[str, str], body: bytes, read_error: Exception | None = None
    ) -> None:
        self.status = status
        self.headers = CIMultiDictProxy(CIMultiDict(headers))
        self.body = body
        self.content = FakeContent([body])
        self.read_error = read_error
        self.closed = False
        self.released = False

    async def read(self) -> bytes:
        if self.read_error is not None:
            raise self.read_error
        return self.body

    def release(self) -> None:
        self.released = True

    def close(self) -> None:
        self.closed = True


class FakeSendTransport(Transport):
    def __init__(self, response: FakeResponse, **kwargs: Any) -> None:
        super().__init__(auth=TokenAuth("tok"), base_url=BASE, max_retries=0, **kwargs)
        self.response = response

    async def send(self, request: Request, **_: Any) -> Any:
        return self.response


def decode(sse: ServerSentEvent, meta: HTTPResponse) -> str | None:
    return None if sse.event == "done" else sse.data


async def test_an_answer_without_a_content_type_where_a_stream_was_expected() -> None:
    transport = FakeSendTransport(FakeResponse(200, {}, b'{"code": 0, "msg": ""}'))
    with pytest.raises(
        CozeInvalidResponseError, match=r"expected an event stream, got no content type: "
    ):
        await transport.open_stream(Request("POST", "/s"))


async def test_a_non_stream_answer_whose_body_read_fails_names_the_request() -> None:
    cut = aiohttp.ServerDisconnectedError("gone")
    transport = FakeSendTransport(FakeResponse(200, {"Content-Type": "application/json"}, b"", cut))
    with pytest.raises(CozeConnectionError, match=r"^POST /s failed: ServerDisconnectedError"):
        await transport.open_stream(Request("POST", "/s"))


async def test_a_stream_uses_the_transport_line_limit() -> None:
    body = b"event: a\ndata: " + b"x" * 64 + b"\n\n"
    response = FakeResponse(200, {"Content-Type": "text/event-stream"}, body)
    transport = FakeSendTransport(response, max_line_bytes=32)
    stream = transport.stream(Request("POST", "/s"), decode)
    with pytest.raises(SSELineTooLongError):
        await stream.next_batch()


async def test_a_stream_passes_ends_after_on() -> None:
    body = b"event: a\ndata: last\n\n"
    headers = {"Content-Type": "text/event-stream"}
    ends = FakeSendTransport(FakeResponse(200, headers, body))
    stream = ends.stream(Request("POST", "/s"), decode, ends_after=lambda event: event == "last")
    assert [event async for event in stream] == ["last"]  # a normal end, not a cut
    cut = FakeSendTransport(FakeResponse(200, headers, body)).stream(Request("POST", "/s"), decode)
    with pytest.raises(CozeStreamTruncatedError):
        async for _ in cut:
            pass


async def test_a_body_read_that_fails_names_the_request() -> None:
    cut = aiohttp.ServerDisconnectedError("gone")
    transport = FakeSendTransport(FakeResponse(200, {"Content-Type": "application/json"}, b"", cut))
    with pytest.raises(CozeConnectionError, match=r"^GET /p failed: ServerDisconnectedError"):
        await transport.call_raw(Request("GET", "/p"))


async def test_a_page_of_the_wrong_shape_is_an_invalid_response_with_its_logid(
    transport: Transport,
) -> None:
    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/v", payload=ok({"items": 5}), headers=LOGID)
        with pytest.raises(
            CozeInvalidResponseError, match="does not match BotVersionsPage"
        ) as info:
            await transport.call_page(Request("GET", "/v"), BotVersionsPage)
    assert info.value.logid == "L"


# --- an unclosed transport ----------------------------------------------------------------------

UNCLOSED = r"^unclosed AsyncCoze: use 'async with AsyncCoze\(\.\.\.\)' or 'await coze\.close\(\)'$"


async def test_a_transport_dropped_with_its_session_open_warns() -> None:
    transports = [Transport(auth=TokenAuth("tok"), base_url=BASE)]
    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/p", payload=ok({}))
        await transports[0].call_raw(Request("GET", "/p"))
    session = transports[0]._session
    assert session is not None
    with pytest.warns(ResourceWarning, match=UNCLOSED) as record:
        transports.clear()
        gc.collect()
    assert [w.category for w in record] == [ResourceWarning]
    await session.close()


async def test_a_closed_never_used_or_half_built_transport_is_dropped_silently() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        closed = Transport(auth=TokenAuth("tok"), base_url=BASE)
        with MockHTTP() as mocked:
            mocked.get(f"{BASE}/p", payload=ok({}))
            await closed.call_raw(Request("GET", "/p"))
        await closed.close()
        del closed
        unused = Transport(auth=TokenAuth("tok"), base_url=BASE)
        del unused
        with pytest.raises(ValueError):
            Transport(auth=TokenAuth("tok"), base_url="ftp://x")  # fails before any session
        gc.collect()


async def test_closing_the_transport_ends_an_open_stream_with_the_reason() -> None:
    body = b"event: a\ndata: 1\n\n"
    transport = FakeSendTransport(FakeResponse(200, {"Content-Type": "text/event-stream"}, body))
    stream = transport.stream(Request("POST", "/s"), decode)
    await stream
    await transport.close()
    with pytest.raises(
        CozeClientClosedError, match=r"^the client was closed while this stream was open$"
    ):
        await stream.next_batch()


def test_plain_http_is_allowed_to_a_localhost_subdomain() -> None:
    transport = Transport(auth=TokenAuth("tok"), base_url="http://api.localhost:8080")
    assert transport.base_url == "http://api.localhost:8080"


# --- request bodies, URLs, the session --------------------------------------------------------


async def test_a_data_body_is_sent_as_given_or_built_per_attempt(transport: Transport) -> None:
    bodies: list[Any] = []
    with MockHTTP() as mocked:
        for _ in range(2):
            mocked.post(
                f"{BASE}/u", payload=ok({}), callback=lambda url, **kw: bodies.append(kw["data"])
            )
        await transport.call_raw(Request("POST", "/u", data=b"raw bytes"))
        await transport.call_raw(Request("POST", "/u", data=lambda: b"built"))
    assert bodies == [b"raw bytes", b"built"]


async def test_an_encoded_path_is_sent_as_encoded(transport: Transport) -> None:
    # _paths.path() percent-encodes ids; requoting would turn "%3A" back into ":".
    seen: list[Any] = []
    with MockHTTP() as mocked:
        mocked.get(
            re.compile(r"^https://api\.test/v1/"),
            payload=ok({}),
            callback=lambda url, **_: seen.append(url),
        )
        await transport.call_raw(Request("GET", "/v1/a%3Ab%40c%21"))
    assert seen[0].raw_path == "/v1/a%3Ab%40c%21"
    assert transport._url("/v1/a%3Ab").raw_path == "/v1/a%3Ab"


def test_urls_are_built_once_and_at_most_1024_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = Transport(auth=TokenAuth("tok"), base_url=BASE)
    built: list[str] = []

    def counting_url(value: str, **kwargs: Any) -> URL:
        built.append(value)
        return URL(value, **kwargs)

    monkeypatch.setattr(_transport, "URL", counting_url)
    first = transport._url("/a")
    assert transport._url("/a") is first
    assert built == [f"{BASE}/a"]  # yarl may cache too: count the builds
    assert transport._urls["/a"] == URL(f"{BASE}/a")
    for n in range(1100):
        transport._url(f"/p{n}")
    assert len(transport._urls) == 1024
    assert transport._url("/p1099") == transport._url("/p1099")  # not kept, still right


async def test_the_session_gets_the_pool_limits_and_the_client_timeout(
    transport: Transport,
) -> None:
    from coze_async import DEFAULT_CONNECTION_LIMITS, Limits

    session = await transport._get_session()
    assert session.connector is not None
    assert session.connector.limit == DEFAULT_CONNECTION_LIMITS.max_connections == 1000
    assert session.connector._keepalive_timeout == 15.0  # type: ignore[attr-defined]
    other = Transport(
        auth=TokenAuth("tok"),
        base_url=BASE,
        limits=Limits(max_connections=7, keepalive_expiry=3.5),
    )
    try:
        connector = (await other._get_session()).connector
        assert connector is not None
        assert connector.limit == 7
        assert connector._keepalive_timeout == 3.5  # type: ignore[attr-defined]
    finally:
        await other.close()
    assert session.timeout == transport._client_timeout
    assert session.timeout.total is None


async def test_a_closed_transport_says_so(transport: Transport) -> None:
    await transport.close()
    with pytest.raises(CozeClientClosedError, match=r"^this client is closed$"):
        await transport.call_raw(Request("GET", "/p"))


def test_another_running_loop_is_refused_and_a_dead_loops_session_is_retired() -> None:
    transport = Transport(auth=TokenAuth("tok"), base_url=BASE)

    async def get() -> None:
        with MockHTTP() as mocked:
            mocked.get(f"{BASE}/p", payload=ok({}))
            await transport.call_raw(Request("GET", "/p"))

    first = asyncio.new_event_loop()
    try:
        first.run_until_complete(get())
        old = transport._session
        assert old is not None and old.connector is not None
        connector = old.connector
        with pytest.raises(CozeError) as info:
            asyncio.run(get())  # the first loop is still open
        assert str(info.value) == (
            "this client is bound to another running event loop; create one client per loop"
        )
    finally:
        first.close()
    assert not connector.closed

    async def get_and_close() -> None:
        await get()
        await transport.close()

    asyncio.run(get_and_close())  # its loop is gone: the old session is retired
    assert connector.closed
    assert old.connector is None  # detached, so dropping it does not warn


async def test_an_attempt_started_past_its_deadline_gets_a_tiny_budget(
    transport: Transport,
) -> None:
    loop = asyncio.get_running_loop()
    timeout = transport._attempt_timeout({}, False, loop.time() - 5)
    assert timeout.total == 0.001


def test_a_transport_whose_init_never_ran_is_dropped_silently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # E.g. a subclass whose __init__ fails before calling Transport.__init__.
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        transport = Transport.__new__(Transport)
        del transport  # no cycle: __del__ runs here, not in the garbage collector
    assert [str(w.message) for w in record] == []
    assert unraisable == []


async def test_a_failed_send_names_the_method_and_the_path(transport: Transport) -> None:
    with MockHTTP() as mocked:
        mocked.delete(f"{BASE}/p", exception=aiohttp.ServerDisconnectedError("gone"))
        with pytest.raises(CozeConnectionError) as info:
            await transport.call_raw(Request("DELETE", "/p"))
    assert str(info.value) == "DELETE /p failed: ServerDisconnectedError: gone"


async def test_each_response_is_logged_at_debug_with_its_time_and_logid(
    transport: Transport, caplog: pytest.LogCaptureFixture
) -> None:
    async def slow(url: Any, **_: Any) -> None:
        await asyncio.sleep(0.05)

    caplog.set_level(logging.DEBUG, logger="coze_async")
    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/p", payload=ok({}), headers=LOGID, callback=slow)
        mocked.post(f"{BASE}/q", payload=ok({}))
        await transport.call_raw(Request("GET", "/p"))
        await transport.call_raw(Request("POST", "/q"))
    lines = [r.getMessage() for r in caplog.records if " -> " in r.getMessage()]
    assert len(lines) == 2
    first = re.fullmatch(r"GET /p -> 200 in (\d+\.\d) ms, logid=L", lines[0])
    assert first is not None
    assert 50 <= float(first.group(1)) < 60_000
    assert re.fullmatch(r"POST /q -> 200 in \d+\.\d ms, logid=", lines[1])


async def test_each_retry_is_logged_with_the_request_the_error_and_the_count(
    transport: Transport, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="coze_async")
    with MockHTTP() as mocked:
        mocked.get(f"{BASE}/p", exception=aiohttp.ServerDisconnectedError("gone"))
        mocked.get(f"{BASE}/p", payload=ok({}))
        await transport.call_raw(Request("GET", "/p", options={"max_retries": 2}))
    lines = [r.getMessage() for r in caplog.records if "retry" in r.getMessage()]
    assert len(lines) == 1
    assert re.fullmatch(
        r"GET /p failed \(CozeConnectionError\), retry 1 of 2 in \d+\.\d\d s", lines[0]
    ), lines


# --- the call deadline at its boundary (a clock that gives chosen times, then the real one) ----


def fake_clock(loop: asyncio.AbstractEventLoop, *times: float) -> None:
    real = loop.time
    given = list(times)
    loop.time = lambda: given.pop(0) if given else real()  # type: ignore[method-assign]


async def test_a_timeout_exactly_at_the_deadline_is_the_total_timeout(
    transport: Transport,
) -> None:
    loop = asyncio.get_running_loop()
    request = Request("GET", "/p", options={"timeout": Timeout(total=8)})

    async def attempt(_: Request, deadline: float | None) -> None:
        assert deadline == 108.0
        raise CozeTimeoutError("GET /p timed out", may_have_succeeded=True)

    fake_clock(loop, 100.0, 108.0)  # the deadline, then the time of the check
    try:
        with pytest.raises(CozeTimeoutError, match=r"did not complete within its total timeout"):
            await transport._with_retries(request, attempt)
    finally:
        del loop.time  # type: ignore[method-assign]


async def test_a_retry_whose_wait_ends_exactly_at_the_deadline_is_made(
    transport: Transport, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop = asyncio.get_running_loop()
    request = Request("GET", "/p", options={"timeout": Timeout(total=8), "max_retries": 1})
    monkeypatch.setattr(RetryPolicy, "delay_for", lambda *_, **__: 0.015625)
    attempts: list[float | None] = []

    async def attempt(_: Request, deadline: float | None) -> str:
        attempts.append(deadline)
        if len(attempts) == 1:
            raise CozeConnectionError("GET /p failed")
        return "ok"

    fake_clock(loop, 100.0, 107.984375)  # the deadline, then now + wait == deadline
    try:
        assert await transport._with_retries(request, attempt) == "ok"
    finally:
        del loop.time  # type: ignore[method-assign]
    assert attempts == [108.0, 108.0]


async def test_the_last_failure_of_a_retried_call_is_raised_alone(
    transport: Transport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error of the last attempt is raised as it came: not chained to the earlier
    attempts' errors (no "during handling of the above exception" in the traceback)."""
    request = Request("GET", "/p")
    monkeypatch.setattr(RetryPolicy, "delay_for", lambda _, __, n, **___: 0.0 if n < 2 else None)
    errors = [CozeConnectionError(f"GET /p failed {n}") for n in range(3)]
    seen = list(errors)

    async def attempt(_: Request, deadline: float | None) -> str:
        raise seen.pop(0)

    with pytest.raises(CozeConnectionError) as caught:
        await transport._with_retries(request, attempt)
    assert caught.value is errors[2]
    assert caught.value.__context__ is None and caught.value.__cause__ is None


# --- construction ------------------------------------------------------------------------------


def test_construction_defaults_and_argument_errors() -> None:
    transport = Transport(auth=TokenAuth("tok"), base_url="https://h/pathX/")
    assert transport.base_url == "https://h/pathX"
    assert transport.ssl is True
    assert transport.closed is False
    with pytest.raises(TypeError, match=r"^auth must be an Auth instance \(e\.g\. TokenAuth\), "):
        Transport(auth="tok", base_url=BASE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r", not <class 'str'>$"):
        Transport(auth="tok", base_url=BASE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^max_line_bytes must be positive, got 0$"):
        Transport(auth=TokenAuth("tok"), base_url=BASE, max_line_bytes=0)
    assert Transport(auth=TokenAuth("tok"), base_url=BASE, max_line_bytes=1).max_line_bytes == 1


def test_plain_http_to_another_host_is_refused_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COZE_ALLOW_INSECURE_HTTP", raising=False)
    with pytest.raises(ValueError) as info:
        Transport(auth=TokenAuth("tok"), base_url="http://coze.example")
    assert str(info.value) == (
        "refusing to send the access token over plain http to coze.example: use https, or pass "
        "allow_insecure_http=True (or set COZE_ALLOW_INSECURE_HTTP=1), e.g. for a self-hosted "
        "coze-studio on your network"
    )


def test_plain_http_and_unverified_tls_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="coze_async")
    Transport(auth=TokenAuth("tok"), base_url="http://coze.example", allow_insecure_http=True)
    Transport(auth=TokenAuth("tok"), base_url=BASE, ssl=False)
    assert [r.getMessage() for r in caplog.records] == [
        "sending the access token over plain http to coze.example",
        "TLS certificate verification is disabled for api.test",
    ]
