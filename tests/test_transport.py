"""The HTTP transport through the chat resource: request shapes, headers, errors, validation,
timeouts, envelope decoding and client lifecycle. HTTP is mocked with aioresponses."""

from __future__ import annotations

import asyncio
import copy
import email.utils
import inspect
import json
import pickle
import re
import sys
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import attrs
import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

import coze_async
from coze_async import (
    DEFAULT_TIMEOUT,
    AsyncCoze,
    AuthenticationError,
    BadRequestError,
    Chat,
    ChatPoll,
    ChatStatus,
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeInvalidResponseError,
    CozeTimeoutError,
    InternalServerError,
    ListResponse,
    Message,
    MessageContentType,
    MessageRole,
    MessageType,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    Timeout,
    TokenAuth,
    ToolOutput,
)
from coze_async._envelope import decode_envelope
from coze_async._errors import BODY_EXCERPT_CHARS
from coze_async._timeout import to_timeout
from tests.conftest import CHAT_STREAM, CompatClientResponse, fixture_bytes
from tests.sleeps import record_client_sleeps

BASE = "https://api.test"
TOKEN = "tok"
LOGID = "20240101-logid-abc"

CHAT_URL = f"{BASE}/v3/chat"
RETRIEVE_URL = f"{BASE}/v3/chat/retrieve?conversation_id=conv1&chat_id=chat1"
CANCEL_URL = f"{BASE}/v3/chat/cancel"
SUBMIT_URL = f"{BASE}/v3/chat/submit_tool_outputs?conversation_id=conv1&chat_id=chat1"
LIST_URL = f"{BASE}/v3/chat/message/list?conversation_id=conv1&chat_id=chat1"


# -- helpers -----------------------------------------------------------------------------------


def chat_data(status: str = "completed", **extra: Any) -> dict[str, Any]:
    return {"id": "chat1", "conversation_id": "conv1", "bot_id": "bot1", "status": status, **extra}


def ok(data: Any) -> dict[str, Any]:
    return {"code": 0, "msg": "", "data": data}


def answer_data(content: str = "hello") -> dict[str, Any]:
    return {
        "id": "msg1",
        "conversation_id": "conv1",
        "chat_id": "chat1",
        "bot_id": "bot1",
        "role": "assistant",
        "type": "answer",
        "content": content,
        "content_type": "text",
    }


def logid_headers(logid: str = LOGID) -> dict[str, str]:
    return {"x-tt-logid": logid}


class Sent:
    """One recorded request."""

    def __init__(self, method: str, url: URL, kwargs: dict[str, Any]) -> None:
        self.method = method
        self.url = url
        self.kwargs = kwargs

    @property
    def path(self) -> str:
        return self.url.path

    @property
    def query(self) -> dict[str, str]:
        return dict(self.url.query)

    @property
    def headers(self) -> dict[str, str]:
        return dict(self.kwargs["headers"])

    @property
    def json(self) -> Any:
        data = self.kwargs.get("data")
        assert isinstance(data, bytes), f"expected a JSON body as bytes, got {data!r}"
        return json.loads(data)


def sent(m: aioresponses, path: str | None = None, method: str | None = None) -> list[Sent]:
    out = []
    for (meth, url), calls in m.requests.items():
        if path is not None and url.path != path:
            continue
        if method is not None and meth != method:
            continue
        out.extend(Sent(meth, url, call.kwargs) for call in calls)
    return out


def only(m: aioresponses) -> Sent:
    requests = sent(m)
    assert len(requests) == 1, [(r.method, str(r.url)) for r in requests]
    return requests[0]


def assert_standard_headers(headers: dict[str, str]) -> None:
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["User-Agent"].startswith(f"coze-async/{coze_async.__version__}")
    client_ua = json.loads(headers["X-Coze-Client-User-Agent"])
    assert set(client_ua) == {"version", "lang", "lang_version", "os_name", "os_version"}
    assert client_ua["lang"] == "python"
    assert client_ua["version"] == coze_async.__version__
    assert client_ua["lang_version"].startswith(f"{sys.version_info[0]}.{sys.version_info[1]}")
    assert all(isinstance(v, str) and v for v in client_ua.values())


async def drain(stream: Any, sink: list[Any]) -> None:
    async for event in stream:
        sink.append(event)


@pytest.fixture
async def coze() -> AsyncIterator[AsyncCoze]:
    # One attempt per call: these tests map single responses; retries are tested elsewhere.
    async with AsyncCoze(TokenAuth(TOKEN), BASE, max_retries=0) as client:
        yield client


# -- 1. request shapes -------------------------------------------------------------------------


async def test_create_sends_minimal_body_without_conversation_id(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")), headers=logid_headers())

    chat = await coze.chat.create(
        bot_id="bot1",
        user_id="user1",
        additional_messages=[Message.build_user_question_text("hi")],
    )

    req = only(mocked)
    assert req.method == "POST"
    assert req.path == "/v3/chat"
    assert req.query == {}
    assert "conversation_id" not in str(req.url)
    assert req.json == {
        "bot_id": "bot1",
        "user_id": "user1",
        "stream": False,
        "additional_messages": [
            {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
        ],
        "auto_save_history": True,
    }
    assert req.headers["Content-Type"] == "application/json"
    assert_standard_headers(req.headers)
    assert isinstance(chat, Chat)
    assert chat.id == "chat1"
    assert chat.status is ChatStatus.CREATED
    assert chat.response.logid == LOGID
    assert chat.response.status_code == 200


async def test_create_sends_every_optional_argument(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(f"{CHAT_URL}?conversation_id=conv1", payload=ok(chat_data("in_progress")))

    await coze.chat.create(
        bot_id="bot1",
        user_id="user1",
        conversation_id="conv1",
        additional_messages=[
            Message.build_user_question_text("hi", meta_data={"k": "v"}),
            Message.build_assistant_answer("hello"),
        ],
        custom_variables={"name": "Ada"},
        auto_save_history=False,
        meta_data={"trace": "1"},
        parameters={"p": 1, "nested": {"a": [1, 2]}},
        enable_card=True,
    )

    req = only(mocked)
    assert req.path == "/v3/chat"
    assert req.query == {"conversation_id": "conv1"}
    assert req.json == {
        "bot_id": "bot1",
        "user_id": "user1",
        "stream": False,
        "additional_messages": [
            {
                "role": "user",
                "type": "question",
                "content": "hi",
                "content_type": "text",
                "meta_data": {"k": "v"},
            },
            {"role": "assistant", "type": "answer", "content": "hello", "content_type": "text"},
        ],
        "custom_variables": {"name": "Ada"},
        "auto_save_history": False,
        "meta_data": {"trace": "1"},
        "parameters": {"p": 1, "nested": {"a": [1, 2]}},
        "enable_card": True,
    }


async def test_create_omits_none_optionals_and_empty_conversation_id(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))

    await coze.chat.create(
        bot_id="bot1",
        user_id="user1",
        conversation_id="",
        additional_messages=None,
        custom_variables=None,
        meta_data=None,
        parameters=None,
        enable_card=None,
    )

    req = only(mocked)
    assert req.query == {}
    assert "conversation_id" not in str(req.url)
    assert req.json == {
        "bot_id": "bot1",
        "user_id": "user1",
        "stream": False,
        "auto_save_history": True,
    }


async def test_create_sends_enum_values_as_plain_strings(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    msg = Message(
        role=MessageRole.USER,
        type=MessageType.QUESTION,
        content="x",
        content_type=MessageContentType.TEXT,
    )

    await coze.chat.create(bot_id="bot1", user_id="user1", additional_messages=[msg])

    raw = only(mocked).kwargs["data"]
    # The exact wire text: enum members are their values, not "MessageRole.USER".
    assert b'"role":"user"' in raw
    assert b'"type":"question"' in raw
    assert b"MessageRole" not in raw
    assert b"null" not in raw


async def test_retrieve_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("in_progress")), headers=logid_headers())

    chat = await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    req = only(mocked)
    assert req.method == "POST"
    assert req.path == "/v3/chat/retrieve"
    assert req.query == {"conversation_id": "conv1", "chat_id": "chat1"}
    assert req.kwargs["data"] is None
    assert "Content-Type" not in req.headers
    assert_standard_headers(req.headers)
    assert chat.status is ChatStatus.IN_PROGRESS
    assert chat.response.logid == LOGID


async def test_cancel_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(CANCEL_URL, payload=ok(chat_data("canceled")))

    chat = await coze.chat.cancel(conversation_id="conv1", chat_id="chat1")

    req = only(mocked)
    assert req.method == "POST"
    assert req.path == "/v3/chat/cancel"
    assert req.query == {}
    assert req.json == {"conversation_id": "conv1", "chat_id": "chat1"}
    assert req.headers["Content-Type"] == "application/json"
    assert_standard_headers(req.headers)
    assert chat.status is ChatStatus.CANCELED


async def test_submit_tool_outputs_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(SUBMIT_URL, payload=ok(chat_data("in_progress")), headers=logid_headers())

    chat = await coze.chat.submit_tool_outputs(
        conversation_id="conv1",
        chat_id="chat1",
        tool_outputs=[ToolOutput(tool_call_id="call1", output='{"temp": 21}')],
    )

    req = only(mocked)
    assert req.method == "POST"
    assert req.path == "/v3/chat/submit_tool_outputs"
    assert req.query == {"conversation_id": "conv1", "chat_id": "chat1"}
    assert req.json == {
        "tool_outputs": [{"tool_call_id": "call1", "output": '{"temp": 21}'}],
        "stream": False,
    }
    assert_standard_headers(req.headers)
    assert isinstance(chat, Chat)
    assert chat.response.logid == LOGID


async def test_messages_list_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.get(
        LIST_URL,
        payload=ok([answer_data("one"), answer_data("two")]),
        headers=logid_headers(),
    )

    messages = await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    req = only(mocked)
    assert req.method == "GET"
    assert req.path == "/v3/chat/message/list"
    assert req.query == {"conversation_id": "conv1", "chat_id": "chat1"}
    assert req.kwargs.get("data") is None
    assert_standard_headers(req.headers)
    assert isinstance(messages, ListResponse)
    assert isinstance(messages, list)
    assert [msg.content for msg in messages] == ["one", "two"]
    assert all(isinstance(msg, Message) for msg in messages)
    assert messages[0].role is MessageRole.ASSISTANT
    assert messages.response.logid == LOGID


async def test_messages_list_with_null_data_is_empty(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.get(LIST_URL, payload=ok(None), headers=logid_headers())

    messages = await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    assert list(messages) == []
    assert messages.response.logid == LOGID


async def test_stream_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    created = json.dumps(chat_data("created"))
    completed = json.dumps(chat_data("completed"))
    body = (
        f"event:conversation.chat.created\ndata:{created}\n\n"
        f"event:conversation.chat.completed\ndata:{completed}\n\n"
        'event:done\ndata:"[DONE]"\n\n'
    )
    mocked.post(
        f"{CHAT_URL}?conversation_id=conv1",
        body=body,
        content_type="text/event-stream",
        headers=logid_headers(),
    )

    events: list[Any] = []
    await drain(coze.chat.stream(bot_id="bot1", user_id="user1", conversation_id="conv1"), events)

    req = only(mocked)
    assert req.path == "/v3/chat"
    assert req.query == {"conversation_id": "conv1"}
    assert req.json == {
        "bot_id": "bot1",
        "user_id": "user1",
        "stream": True,
        "auto_save_history": True,
    }
    assert_standard_headers(req.headers)
    assert [e.chat.status for e in events] == [ChatStatus.CREATED, ChatStatus.COMPLETED]
    assert events[0].response.logid == LOGID


async def test_every_chat_method_sends_auth_and_client_headers(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.post(CANCEL_URL, payload=ok(chat_data("canceled")))
    mocked.post(SUBMIT_URL, payload=ok(chat_data("in_progress")))
    mocked.get(LIST_URL, payload=ok([]))

    await coze.chat.create(bot_id="bot1", user_id="user1")
    await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
    await coze.chat.cancel(conversation_id="conv1", chat_id="chat1")
    await coze.chat.submit_tool_outputs(
        conversation_id="conv1",
        chat_id="chat1",
        tool_outputs=[ToolOutput(tool_call_id="t", output="o")],
    )
    await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    requests = sent(mocked)
    assert sorted(r.path for r in requests) == sorted(
        [
            "/v3/chat",
            "/v3/chat/retrieve",
            "/v3/chat/cancel",
            "/v3/chat/submit_tool_outputs",
            "/v3/chat/message/list",
        ]
    )
    for req in requests:
        assert_standard_headers(req.headers)


async def test_client_and_call_headers_are_sent_and_not_mutated(mocked: aioresponses) -> None:
    client_headers = {"X-Tenant": "t1", "X-Shared": "client"}
    call_headers = {"X-Request-Id": "r1", "X-Shared": "call"}
    client_before = copy.deepcopy(client_headers)
    call_before = copy.deepcopy(call_headers)
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)

    async with AsyncCoze(TokenAuth(TOKEN), BASE, headers=client_headers) as coze:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1", headers=call_headers)
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    first, second = sent(mocked)
    assert first.headers["X-Tenant"] == "t1"
    assert first.headers["X-Request-Id"] == "r1"
    assert first.headers["X-Shared"] == "call"  # the per-call header wins for its call
    assert_standard_headers(first.headers)
    # Per-call headers apply to that call only; client headers to every call.
    assert second.headers["X-Tenant"] == "t1"
    assert second.headers["X-Shared"] == "client"
    assert "X-Request-Id" not in second.headers
    assert_standard_headers(second.headers)
    assert client_headers == client_before
    assert call_headers == call_before


# -- 1b. create_and_poll -----------------------------------------------------------------------


async def test_create_and_poll_polls_until_completed_then_lists_messages(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("in_progress")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")), headers=logid_headers("L2"))
    mocked.get(LIST_URL, payload=ok([answer_data("the answer")]), headers=logid_headers("L3"))

    result = await coze.chat.create_and_poll(
        bot_id="bot1",
        user_id="user1",
        additional_messages=[Message.build_user_question_text("hi")],
        poll_interval=0.01,
    )

    assert isinstance(result, ChatPoll)
    assert result.chat.status is ChatStatus.COMPLETED
    assert result.chat.id == "chat1"
    assert result.chat.response.logid == "L2"
    assert result.messages is not None
    assert [msg.content for msg in result.messages] == ["the answer"]
    assert result.messages.response.logid == "L3"
    assert len(sent(mocked, "/v3/chat")) == 1
    assert len(sent(mocked, "/v3/chat/retrieve")) == 2
    assert len(sent(mocked, "/v3/chat/message/list", "GET")) == 1
    assert sent(mocked, "/v3/chat/cancel") == []


async def test_create_and_poll_checks_first_after_a_tenth_of_the_interval_then_backs_off(
    coze: AsyncCoze, mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A chat that is over at once is returned at once; a long one is polled every
    # poll_interval (1 s by default, as cozepy), backing off by half up to 5 s.
    sleeps = record_client_sleeps(monkeypatch)
    mocked.post(CHAT_URL, payload=ok(chat_data("in_progress")))
    for _ in range(6):
        mocked.post(RETRIEVE_URL, payload=ok(chat_data("in_progress")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.get(LIST_URL, payload=ok([]))

    await coze.chat.create_and_poll(bot_id="bot1", user_id="user1")

    assert sleeps == pytest.approx([0.1, 1.0, 1.5, 2.25, 3.375, 5.0, 5.0])


async def test_create_and_poll_does_not_return_a_created_chat(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    # Regression found in the peer SDK: "created" is not a final status and must be polled.
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.get(LIST_URL, payload=ok([answer_data()]))

    result = await coze.chat.create_and_poll(
        bot_id="bot1", user_id="user1", poll_interval=0.01, poll_timeout=5
    )

    assert result.chat.status is ChatStatus.COMPLETED
    assert len(sent(mocked, "/v3/chat/retrieve")) == 1
    assert result.messages is not None
    assert len(result.messages) == 1


async def test_create_and_poll_cancels_after_poll_timeout(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    retrieves = 0

    def still_running(url: URL, **kwargs: Any) -> CallbackResult:
        nonlocal retrieves
        retrieves += 1
        return CallbackResult(
            payload=ok(chat_data("in_progress")), response_class=CompatClientResponse
        )

    mocked.post(CHAT_URL, payload=ok(chat_data("in_progress")))
    mocked.post(RETRIEVE_URL, callback=still_running, repeat=True)
    mocked.post(CANCEL_URL, payload=ok(chat_data("canceled")))

    result = await coze.chat.create_and_poll(
        bot_id="bot1", user_id="user1", poll_timeout=0.05, poll_interval=0.01
    )

    cancels = sent(mocked, "/v3/chat/cancel")
    assert len(cancels) == 1
    assert cancels[0].json == {"conversation_id": "conv1", "chat_id": "chat1"}
    assert result.messages is None
    assert result.chat.status is ChatStatus.CANCELED
    assert retrieves >= 1
    assert sent(mocked, "/v3/chat/message/list") == []


async def test_create_and_poll_falls_back_to_retrieve_when_cancel_is_too_late(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("in_progress")))
    mocked.post(CANCEL_URL, payload={"code": 4104, "msg": "chat already finished"})
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.get(LIST_URL, payload=ok([answer_data("late answer")]))

    result = await coze.chat.create_and_poll(
        bot_id="bot1", user_id="user1", poll_timeout=0, poll_interval=0.01
    )

    assert len(sent(mocked, "/v3/chat/cancel")) == 1
    assert result.chat.status is ChatStatus.COMPLETED
    assert result.messages is not None
    assert [m.content for m in result.messages] == ["late answer"]


async def test_create_and_poll_sends_call_options_on_every_request(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.get(LIST_URL, payload=ok([]))

    await coze.chat.create_and_poll(
        bot_id="bot1",
        user_id="user1",
        poll_interval=0.01,
        headers={"X-Trace": "abc"},
        timeout=12,
    )

    requests = sent(mocked)
    assert len(requests) == 3
    for req in requests:
        assert req.headers["X-Trace"] == "abc"
        assert req.kwargs["timeout"] == attempt_timeout(pool=12, connect=12, read=12)


# -- 2. error paths ----------------------------------------------------------------------------

CODE_CASES = [
    (4100, AuthenticationError),
    (4101, PermissionDeniedError),
    (4000, BadRequestError),
    (4200, NotFoundError),
    (4013, RateLimitError),
    (5000, InternalServerError),
]


@pytest.mark.parametrize(("code", "cls"), CODE_CASES)
async def test_error_code_in_http_200_envelope_maps_to_class(
    coze: AsyncCoze, mocked: aioresponses, code: int, cls: type[CozeAPIError]
) -> None:
    mocked.post(RETRIEVE_URL, payload={"code": code, "msg": "bad token"}, headers=logid_headers())

    with pytest.raises(CozeAPIError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is cls
    assert isinstance(exc, CozeError)
    assert exc.code == code
    assert exc.msg == "bad token"
    assert exc.status == 200
    assert exc.logid == LOGID
    assert exc.debug_url is None
    assert LOGID in str(exc)


async def test_unmapped_error_code_is_plain_api_error(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(RETRIEVE_URL, payload={"code": 4999, "msg": "odd"}, headers=logid_headers())

    with pytest.raises(CozeAPIError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is CozeAPIError
    assert isinstance(exc, CozeError)
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4999, "odd", 200, LOGID)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
    ],
)
async def test_http_error_status_without_code_maps_to_class(
    coze: AsyncCoze, mocked: aioresponses, status: int, cls: type[CozeAPIError]
) -> None:
    mocked.get(LIST_URL, status=status, payload={"msg": "denied"}, headers=logid_headers())

    with pytest.raises(CozeAPIError) as info:
        await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is cls
    assert exc.code is None
    assert exc.msg == "denied"
    assert exc.status == status
    assert exc.status_code == status
    assert exc.logid == LOGID


async def test_http_error_status_with_json_body_without_msg_quotes_body(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.get(LIST_URL, status=401, payload={"error": "no auth"}, headers=logid_headers())

    with pytest.raises(AuthenticationError) as info:
        await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert exc.code is None
    assert exc.status == 401
    assert exc.msg.startswith("HTTP 401: ")
    assert "no auth" in exc.msg
    assert exc.logid == LOGID


async def test_code_wins_over_http_status(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(
        RETRIEVE_URL, status=400, payload={"code": 4100, "msg": "expired"}, headers=logid_headers()
    )

    with pytest.raises(CozeAPIError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is AuthenticationError
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4100, "expired", 400, LOGID)


async def test_http_503_with_html_body_quotes_bounded_excerpt(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    html = "<html><body>Service Unavailable" + "x" * 3000 + "TAIL-MARKER</body></html>"
    mocked.post(
        RETRIEVE_URL, status=503, body=html, content_type="text/html", headers=logid_headers()
    )

    with pytest.raises(InternalServerError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is InternalServerError
    assert exc.code is None
    assert exc.status == 503
    assert exc.logid == LOGID
    assert "<html><body>Service Unavailable" in exc.msg
    assert "TAIL-MARKER" not in exc.msg
    assert len(exc.msg) <= BODY_EXCERPT_CHARS + 32
    assert BODY_EXCERPT_CHARS == 512


async def test_http_200_with_non_json_body_is_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    body = "<html>gateway says hi</html>" + "y" * 3000 + "TAIL-MARKER"
    mocked.post(RETRIEVE_URL, body=body, content_type="text/html", headers=logid_headers())

    with pytest.raises(CozeInvalidResponseError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert isinstance(exc, CozeAPIError)
    assert exc.code is None
    assert exc.status == 200
    assert exc.logid == LOGID
    assert "<html>gateway says hi</html>" in exc.msg
    assert "TAIL-MARKER" not in exc.msg
    assert len(exc.msg) <= BODY_EXCERPT_CHARS + 64


async def test_logid_comes_from_header(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(
        RETRIEVE_URL,
        payload={"code": 4000, "msg": "x", "detail": {"logid": "from-body"}},
        headers=logid_headers("from-header"),
    )

    with pytest.raises(BadRequestError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert info.value.logid == "from-header"


async def test_logid_falls_back_to_body_detail(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload={"code": 4000, "msg": "x", "detail": {"logid": "from-body"}})

    with pytest.raises(BadRequestError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4000, "x", 200, "from-body")


async def test_success_logid_falls_back_to_body_detail(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(RETRIEVE_URL, payload={**ok(chat_data()), "detail": {"logid": "body-logid"}})

    chat = await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert chat.response.logid == "body-logid"


async def test_error_without_any_logid_has_none(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload={"code": 4000, "msg": "x"})

    with pytest.raises(BadRequestError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert info.value.logid is None


async def test_debug_url_is_carried(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(
        RETRIEVE_URL,
        payload={"code": 4200, "msg": "no chat", "debug_url": "https://debug.test/trace/1"},
        headers=logid_headers(),
    )

    with pytest.raises(NotFoundError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert exc.debug_url == "https://debug.test/trace/1"
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4200, "no chat", 200, LOGID)
    assert "https://debug.test/trace/1" in str(exc)


async def test_stream_json_error_envelope_raises_before_any_event(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload={"code": 4000, "msg": "x"}, headers=logid_headers())
    events: list[Any] = []

    with pytest.raises(BadRequestError) as info:
        await drain(coze.chat.stream(bot_id="bot1", user_id="user1"), events)

    assert events == []
    exc = info.value
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4000, "x", 200, LOGID)


async def test_stream_http_error_status_raises_mapped_error(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, status=401, payload={"msg": "who are you"}, headers=logid_headers())
    events: list[Any] = []

    with pytest.raises(AuthenticationError) as info:
        await drain(coze.chat.stream(bot_id="bot1", user_id="user1"), events)

    assert events == []
    exc = info.value
    assert (exc.code, exc.msg, exc.status, exc.logid) == (None, "who are you", 401, LOGID)


async def test_stream_json_success_is_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")), headers=logid_headers())
    events: list[Any] = []

    with pytest.raises(CozeInvalidResponseError) as info:
        await drain(coze.chat.stream(bot_id="bot1", user_id="user1"), events)

    assert events == []
    exc = info.value
    assert exc.code is None
    assert exc.status == 200
    assert exc.logid == LOGID
    assert "application/json" in exc.msg


async def test_connection_error_becomes_coze_connection_error(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    cause = aiohttp.ClientConnectionError("connection reset by peer")
    mocked.post(RETRIEVE_URL, exception=cause)

    with pytest.raises(CozeConnectionError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert type(exc) is CozeConnectionError
    assert not isinstance(exc, aiohttp.ClientError)
    assert isinstance(exc, CozeError)
    assert exc.__cause__ is cause
    assert "/v3/chat/retrieve" in str(exc)
    assert exc.may_have_succeeded is True


@pytest.mark.parametrize(
    ("method", "cause", "may_have_succeeded"),
    [
        # A read timeout: the request may have reached the service, whatever the method.
        ("POST", asyncio.TimeoutError(), True),
        ("GET", asyncio.TimeoutError(), True),
        # A connect timeout: it certainly did not.
        ("GET", aiohttp.ConnectionTimeoutError(), False),
    ],
)
async def test_timeout_becomes_coze_timeout_error(
    coze: AsyncCoze,
    mocked: aioresponses,
    method: str,
    cause: BaseException,
    may_have_succeeded: bool,
) -> None:
    if method == "POST":
        mocked.post(RETRIEVE_URL, exception=cause)
        call = coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
    else:
        mocked.get(LIST_URL, exception=cause)
        call = coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    with pytest.raises(CozeTimeoutError) as info:
        await call

    exc = info.value
    assert isinstance(exc, CozeConnectionError)
    assert not isinstance(exc, asyncio.TimeoutError)
    assert exc.__cause__ is cause
    assert exc.may_have_succeeded is may_have_succeeded


async def test_data_not_matching_model_is_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(RETRIEVE_URL, payload=ok({"conversation_id": "conv1"}), headers=logid_headers())

    with pytest.raises(CozeInvalidResponseError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    exc = info.value
    assert exc.code is None
    assert exc.status == 200
    assert exc.logid == LOGID
    assert "Chat" in exc.msg


async def test_list_data_not_a_list_is_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.get(LIST_URL, payload=ok({"unexpected": "object"}), headers=logid_headers())

    with pytest.raises(CozeInvalidResponseError) as info:
        await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    assert info.value.logid == LOGID
    assert info.value.status == 200


async def test_json_body_that_is_not_an_object_is_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(RETRIEVE_URL, body="[1, 2]", headers=logid_headers())

    with pytest.raises(CozeInvalidResponseError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert info.value.logid == LOGID


# -- 3. input validation -----------------------------------------------------------------------

Call = Callable[[AsyncCoze], Any]

EMPTY_ID_CALLS: dict[str, Call] = {
    "create-bot_id": lambda c: c.chat.create(bot_id="", user_id="u"),
    "create-user_id": lambda c: c.chat.create(bot_id="b", user_id=""),
    "stream-bot_id": lambda c: c.chat.stream(bot_id="", user_id="u"),
    "stream-user_id": lambda c: c.chat.stream(bot_id="b", user_id=""),
    "create_and_poll-bot_id": lambda c: c.chat.create_and_poll(bot_id="", user_id="u"),
    "retrieve-conversation_id": lambda c: c.chat.retrieve(conversation_id="", chat_id="x"),
    "retrieve-chat_id": lambda c: c.chat.retrieve(conversation_id="c", chat_id=""),
    "cancel-conversation_id": lambda c: c.chat.cancel(conversation_id="", chat_id="x"),
    "cancel-chat_id": lambda c: c.chat.cancel(conversation_id="c", chat_id=""),
    "submit-conversation_id": lambda c: c.chat.submit_tool_outputs(
        conversation_id="", chat_id="x", tool_outputs=[ToolOutput(tool_call_id="t", output="o")]
    ),
    "submit-chat_id": lambda c: c.chat.submit_tool_outputs(
        conversation_id="c", chat_id="", tool_outputs=[ToolOutput(tool_call_id="t", output="o")]
    ),
    "submit-empty-outputs": lambda c: c.chat.submit_tool_outputs(
        conversation_id="c", chat_id="x", tool_outputs=[]
    ),
    "submit-stream-empty-outputs": lambda c: c.chat.submit_tool_outputs_stream(
        conversation_id="c", chat_id="x", tool_outputs=[]
    ),
    "list-conversation_id": lambda c: c.chat.messages.list(conversation_id="", chat_id="x"),
    "list-chat_id": lambda c: c.chat.messages.list(conversation_id="c", chat_id=""),
    "poll_interval-zero": lambda c: c.chat.create_and_poll(
        bot_id="b", user_id="u", poll_interval=0
    ),
    "poll_interval-negative": lambda c: c.chat.create_and_poll(
        bot_id="b", user_id="u", poll_interval=-1
    ),
    "poll_timeout-negative": lambda c: c.chat.create_and_poll(
        bot_id="b", user_id="u", poll_timeout=-1
    ),
}


async def invoke(call: Call, coze: AsyncCoze) -> None:
    """Run a call that returns a coroutine or a stream (consumed) or raises at once."""
    result = call(coze)
    if inspect.iscoroutine(result):
        await result
    else:
        await drain(result, [])


@pytest.mark.parametrize("call", list(EMPTY_ID_CALLS.values()), ids=list(EMPTY_ID_CALLS))
async def test_invalid_arguments_raise_value_error_before_sending(
    coze: AsyncCoze, mocked: aioresponses, call: Call
) -> None:
    mocked.post(re.compile(r"https://api\.test/.*"), payload=ok(chat_data()), repeat=True)
    mocked.get(re.compile(r"https://api\.test/.*"), payload=ok([]), repeat=True)

    with pytest.raises(ValueError, match="must"):
        await invoke(call, coze)

    assert mocked.requests == {}


UNKNOWN_OPTION_CALLS: dict[str, Call] = {
    "retrieve": lambda c: c.chat.retrieve(conversation_id="c", chat_id="x", bogus=1),
    "cancel": lambda c: c.chat.cancel(conversation_id="c", chat_id="x", bogus=1),
    "create": lambda c: c.chat.create(bot_id="b", user_id="u", bogus=1),
    "list": lambda c: c.chat.messages.list(conversation_id="c", chat_id="x", bogus=1),
    "submit": lambda c: c.chat.submit_tool_outputs(
        conversation_id="c",
        chat_id="x",
        tool_outputs=[ToolOutput(tool_call_id="t", output="o")],
        bogus=1,
    ),
    "stream": lambda c: c.chat.stream(bot_id="b", user_id="u", bogus=1),
    "create_and_poll": lambda c: c.chat.create_and_poll(bot_id="b", user_id="u", bogus=1),
}


@pytest.mark.parametrize(
    "call", list(UNKNOWN_OPTION_CALLS.values()), ids=list(UNKNOWN_OPTION_CALLS)
)
async def test_unknown_keyword_option_raises_type_error_before_sending(
    coze: AsyncCoze, mocked: aioresponses, call: Call
) -> None:
    mocked.post(re.compile(r"https://api\.test/.*"), payload=ok(chat_data()), repeat=True)
    mocked.get(re.compile(r"https://api\.test/.*"), payload=ok([]), repeat=True)

    with pytest.raises(TypeError, match="bogus"):
        await invoke(call, coze)

    assert mocked.requests == {}


BAD_HEADER_VALUES = [
    "canary-value\r\nX-Evil: 1",
    "canary-value\nX-Evil: 1",
    "canary-value\rX",
    "canary-value\0",
]


@pytest.mark.parametrize("value", BAD_HEADER_VALUES)
async def test_per_call_header_injection_is_rejected(
    coze: AsyncCoze, mocked: aioresponses, value: str
) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)

    with pytest.raises(ValueError, match="X-Trace") as info:
        await coze.chat.retrieve(
            conversation_id="conv1", chat_id="chat1", headers={"X-Trace": value}
        )

    assert "canary-value" not in str(info.value)
    assert mocked.requests == {}


@pytest.mark.parametrize("value", BAD_HEADER_VALUES)
def test_client_header_injection_is_rejected(value: str) -> None:
    with pytest.raises(ValueError, match="X-Trace") as info:
        AsyncCoze(TokenAuth(TOKEN), BASE, headers={"X-Trace": value})

    assert "canary-value" not in str(info.value)


def test_header_name_injection_is_rejected() -> None:
    with pytest.raises(ValueError, match="header name"):
        AsyncCoze(TokenAuth(TOKEN), BASE, headers={"X-A\r\nX-Evil": "1"})


@pytest.mark.parametrize("token", ["", "   "])
def test_token_auth_rejects_empty_token(token: str) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        TokenAuth(token)


def test_token_auth_rejects_non_string_token() -> None:
    with pytest.raises(TypeError):
        TokenAuth(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "token", ["canary-secret\r\nX-Evil: 1", "canary-secret\nX", "canary-secret\0"]
)
def test_token_auth_rejects_header_injection_without_quoting_token(token: str) -> None:
    with pytest.raises(ValueError, match="Authorization") as info:
        TokenAuth(token)

    assert "canary-secret" not in str(info.value)
    assert "canary-secret" not in repr(info.value)


CANARY = "sk-CANARY-7f3a9c-do-not-leak"


def test_token_auth_repr_and_str_hide_token() -> None:
    auth = TokenAuth(CANARY)

    assert CANARY not in repr(auth)
    assert CANARY not in str(auth)
    assert CANARY not in f"{auth!r} {auth}"
    assert auth.token == CANARY  # still usable


async def test_token_never_appears_in_client_repr_or_errors(mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, status=401, payload={"code": 4100, "msg": "bad token"})
    mocked.post(CANCEL_URL, exception=aiohttp.ClientConnectionError("reset"))

    async with AsyncCoze(TokenAuth(CANARY), BASE) as coze:
        assert CANARY not in repr(coze)
        assert CANARY not in repr(coze.auth)
        with pytest.raises(AuthenticationError) as auth_info:
            await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
        with pytest.raises(CozeConnectionError) as conn_info:
            await coze.chat.cancel(conversation_id="conv1", chat_id="chat1")

    for exc in (auth_info.value, conn_info.value):
        assert CANARY not in str(exc)
        assert CANARY not in repr(exc)
    # It was still sent where it belongs.
    assert sent(mocked, "/v3/chat/retrieve")[0].headers["Authorization"] == f"Bearer {CANARY}"


def test_token_auth_cannot_be_pickled() -> None:
    auth = TokenAuth(CANARY)

    with pytest.raises(TypeError) as info:
        pickle.dumps(auth)

    assert CANARY not in str(info.value)


@pytest.mark.parametrize("base_url", ["ftp://x", "api.test", "", "https://", "file:///etc/passwd"])
def test_non_http_base_url_is_rejected(base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        AsyncCoze(TokenAuth("t"), base_url)


def test_auth_must_be_an_auth_instance() -> None:
    with pytest.raises(TypeError, match="Auth"):
        AsyncCoze("plain-token", BASE)  # type: ignore[arg-type]


async def test_trailing_slash_in_base_url_is_ignored(mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()))

    async with AsyncCoze(TokenAuth(TOKEN), BASE + "/") as coze:
        assert coze.base_url == BASE
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert only(mocked).url.path == "/v3/chat/retrieve"


# -- 4. timeouts -------------------------------------------------------------------------------


def attempt_timeout(**limits: float | None) -> aiohttp.ClientTimeout:
    """The aiohttp limits of one attempt: pool wait as ``connect``, no aiohttp total (the
    call's total is enforced around every attempt)."""
    return aiohttp.ClientTimeout(
        total=None,
        connect=limits.get("pool"),
        sock_connect=limits.get("connect"),
        sock_read=limits.get("read"),
    )


DEFAULT_ATTEMPT = attempt_timeout(pool=600, connect=5, read=600)


def test_default_timeout_constant() -> None:
    assert Timeout(600, connect=5) == coze_async.DEFAULT_TIMEOUT
    assert (DEFAULT_TIMEOUT.connect, DEFAULT_TIMEOUT.read, DEFAULT_TIMEOUT.total) == (5, 600, None)
    assert to_timeout(None) is DEFAULT_TIMEOUT


def test_timeout_object_is_httpx_shaped() -> None:
    assert Timeout(10) == Timeout(connect=10, read=10, write=10, pool=10)
    t = Timeout(10, connect=3, read=None, total=60)
    assert (t.connect, t.read, t.write, t.pool, t.total) == (3, None, 10, 10, 60)
    assert to_timeout(2) == Timeout(2.0)


async def test_default_timeout_is_sent(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()))

    await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert only(mocked).kwargs["timeout"] == DEFAULT_ATTEMPT


async def test_client_timeout_seconds_and_per_call_override(mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)

    async with AsyncCoze(TokenAuth(TOKEN), BASE, timeout=30) as coze:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1", timeout=2.5)
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    first, overridden, after = (r.kwargs["timeout"] for r in sent(mocked))
    assert first == attempt_timeout(pool=30, connect=30, read=30)
    assert overridden == attempt_timeout(pool=2.5, connect=2.5, read=2.5)
    assert after == first


async def test_a_bare_number_means_the_same_for_streams(mocked: aioresponses) -> None:
    """B7: a client's timeout=10 used to leave streams at 120 s between reads, and a per-call
    timeout=10 gave a stream a 10 s hard total; now both are the gap between reads."""
    body = fixture_bytes(CHAT_STREAM)
    headers = {"Content-Type": "text/event-stream"}
    mocked.post(CHAT_URL, body=body, headers=headers, repeat=True)

    async with AsyncCoze(TokenAuth(TOKEN), BASE) as default_client:
        [e async for e in default_client.chat.stream(bot_id="b", user_id="u")]
    async with AsyncCoze(TokenAuth(TOKEN), BASE, timeout=10) as coze:
        [e async for e in coze.chat.stream(bot_id="b", user_id="u")]
        [e async for e in coze.chat.stream(bot_id="b", user_id="u", timeout=4)]

    default, client_level, per_call = (r.kwargs["timeout"] for r in sent(mocked))
    assert default == attempt_timeout(pool=600, connect=5, read=120)
    assert client_level == attempt_timeout(pool=10, connect=10, read=10)
    assert per_call == attempt_timeout(pool=4, connect=4, read=4)


async def test_aiohttp_client_timeout_is_still_accepted(mocked: aioresponses) -> None:
    client_timeout = aiohttp.ClientTimeout(total=90, connect=3, sock_read=20)
    call_timeout = aiohttp.ClientTimeout(total=None, sock_connect=1, sock_read=7)
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)

    async with AsyncCoze(TokenAuth(TOKEN), BASE, timeout=client_timeout) as coze:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1", timeout=call_timeout)

    first, second = (r.kwargs["timeout"] for r in sent(mocked))
    # Its total becomes the call's deadline: the first attempt gets (nearly) all of it.
    assert 89 < first.total <= 90
    assert attrs.evolve(first, total=None) == attempt_timeout(pool=3, connect=3, read=20)
    assert second == attempt_timeout(connect=1, read=7)


async def test_total_deadline_spans_every_attempt(loopback: Any) -> None:
    """B7: the total used to restart with each retry; now it bounds the whole call. The first
    attempt fails at once (503, retried), the second hangs: it gets only what is left of the
    call's total, not a fresh one."""
    from aiohttp import web

    async def busy_then_hanging(request: web.Request) -> web.Response:
        if len(server.requests) > 1:
            await asyncio.sleep(30)
        return web.json_response({"code": 5000, "msg": "busy"}, status=503)

    app = web.Application()
    app.router.add_post("/v3/chat/retrieve", busy_then_hanging)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth(TOKEN), server.url, max_retries=10) as coze:
        started = time.monotonic()
        with pytest.raises(CozeTimeoutError, match="total timeout of 3 s") as info:
            await coze.chat.retrieve(conversation_id="c", chat_id="x", timeout=Timeout(20, total=3))
        elapsed = time.monotonic() - started
    assert info.value.may_have_succeeded
    assert elapsed < 8  # a fresh total per attempt would have waited past 3 + 3 s
    assert len(server.requests) == 2


@pytest.mark.parametrize("bad", [0, -1, -0.5, True, False, float("nan")])
def test_invalid_client_timeout_is_rejected(bad: Any) -> None:
    with pytest.raises(ValueError, match="timeout"):
        AsyncCoze(TokenAuth(TOKEN), BASE, timeout=bad)


def test_timeout_of_a_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="timeout must be seconds or a Timeout, not str"):
        AsyncCoze(TokenAuth(TOKEN), BASE, timeout="5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout read must be a positive number"):
        Timeout(5, read=-1)


@pytest.mark.parametrize("bad", [0, -1, True])
async def test_invalid_per_call_timeout_is_rejected_before_sending(
    coze: AsyncCoze, mocked: aioresponses, bad: Any
) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)

    with pytest.raises(ValueError, match="timeout"):
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1", timeout=bad)

    assert mocked.requests == {}


# -- 5. envelope decoding ----------------------------------------------------------------------


def test_decode_envelope_default_data_field() -> None:
    body = json.dumps(ok({"id": "x"})).encode()

    data, meta = decode_envelope(200, {"x-tt-logid": "L"}, body, "data")

    assert data == {"id": "x"}
    assert meta.status_code == 200
    assert meta.logid == "L"


def test_decode_envelope_dotted_data_field() -> None:
    body = json.dumps({"code": 0, "msg": "", "data": {"data": [1, 2], "has_more": False}}).encode()

    data, _ = decode_envelope(200, {}, body, "data.data")

    assert data == [1, 2]


def test_decode_envelope_dotted_data_field_through_non_object_is_none() -> None:
    body = json.dumps({"code": 0, "data": [1, 2]}).encode()

    data, _ = decode_envelope(200, {}, body, "data.data")

    assert data is None


def test_decode_envelope_without_data_field_returns_whole_body() -> None:
    payload = {"code": 0, "msg": "", "first_id": "a", "items": [{"x": 1}]}

    data, meta = decode_envelope(200, {}, json.dumps(payload).encode(), None)

    assert data == payload
    assert meta.logid == ""


def test_decode_envelope_missing_data_key_gives_none() -> None:
    data, _ = decode_envelope(200, {}, b'{"code":0,"msg":""}', "data")

    assert data is None


def test_decode_envelope_body_without_code_is_success() -> None:
    data, _ = decode_envelope(200, {}, b'{"data":{"a":1}}', "data")

    assert data == {"a": 1}


def test_decode_envelope_uses_error_message_when_msg_absent() -> None:
    body = b'{"code":4000,"error_message":"the field is bad"}'

    with pytest.raises(BadRequestError) as info:
        decode_envelope(200, {"x-tt-logid": "L"}, body, "data")

    exc = info.value
    assert (exc.code, exc.msg, exc.status, exc.logid) == (4000, "the field is bad", 200, "L")


def test_decode_envelope_prefers_msg_over_error_message() -> None:
    body = b'{"code":4000,"msg":"primary","error_message":"secondary"}'

    with pytest.raises(BadRequestError, match="primary") as info:
        decode_envelope(200, {}, body, "data")

    assert info.value.msg == "primary"


def test_decode_envelope_body_logid_fallback() -> None:
    body = b'{"code":5000,"msg":"boom","detail":{"logid":"BODY"}}'

    with pytest.raises(InternalServerError) as info:
        decode_envelope(200, {}, body, "data")

    assert info.value.logid == "BODY"


def test_decode_envelope_truncated_json_is_invalid_even_on_error_status() -> None:
    with pytest.raises(CozeInvalidResponseError) as info:
        decode_envelope(502, {"x-tt-logid": "L"}, b'{"code": 5000, "msg": "cut', "data")

    assert info.value.status == 502
    assert info.value.logid == "L"


def test_decode_envelope_empty_error_body() -> None:
    with pytest.raises(NotFoundError) as info:
        decode_envelope(404, {}, b"", "data")

    assert info.value.msg == "HTTP 404"
    assert info.value.code is None


# -- 6. client lifecycle -----------------------------------------------------------------------


async def test_close_twice_is_fine_and_calls_after_close_fail(mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)
    coze = AsyncCoze(TokenAuth(TOKEN), BASE)
    await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
    assert len(sent(mocked)) == 1

    await coze.close()
    await coze.close()

    with pytest.raises(CozeError, match="closed"):
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
    assert len(sent(mocked)) == 1


async def test_close_before_any_request_is_fine() -> None:
    coze = AsyncCoze(TokenAuth(TOKEN), BASE)
    await coze.close()
    await coze.close()

    with pytest.raises(CozeError):
        await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")


async def test_user_supplied_session_is_used_and_not_closed(mocked: aioresponses) -> None:
    mocked.post(RETRIEVE_URL, payload=ok(chat_data()), repeat=True)
    session = aiohttp.ClientSession(headers={"X-From-User-Session": "yes"})
    try:
        async with AsyncCoze(TokenAuth(TOKEN), BASE, http_client=session) as coze:
            chat = await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")
            assert chat.id == "chat1"

        assert not session.closed
        await coze.close()
        assert not session.closed
        # Still usable by its owner.
        async with session.post(RETRIEVE_URL) as response:
            assert response.status == 200
    finally:
        await session.close()

    first = sent(mocked)[0]
    # aioresponses merges the session's default headers only for the session that sent it.
    assert first.headers["X-From-User-Session"] == "yes"
    assert_standard_headers(first.headers)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"retry-after-ms": "300"}, 0.3),
        ({"retry-after-ms": "300", "Retry-After": "9"}, 0.3),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
async def test_rate_limit_error_carries_retry_after(
    coze: AsyncCoze, mocked: aioresponses, headers: dict[str, str], expected: float | None
) -> None:
    mocked.get(LIST_URL, status=429, payload={"msg": "slow down"}, headers=headers)

    with pytest.raises(RateLimitError) as info:
        await coze.chat.messages.list(conversation_id="conv1", chat_id="chat1")

    assert info.value.retry_after == expected


async def test_rate_limit_retry_after_as_http_date(coze: AsyncCoze, mocked: aioresponses) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    mocked.post(RETRIEVE_URL, payload={"code": 4013, "msg": "quota"}, headers={"Retry-After": when})

    with pytest.raises(RateLimitError) as info:
        await coze.chat.retrieve(conversation_id="conv1", chat_id="chat1")

    assert info.value.retry_after is not None
    assert 25 <= info.value.retry_after <= 31


async def test_create_and_poll_reports_each_poll_to_on_poll(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("in_progress")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("completed")))
    mocked.get(LIST_URL, payload=ok([answer_data("the answer")]))
    seen: list[ChatStatus] = []

    result = await coze.chat.create_and_poll(
        bot_id="bot1",
        user_id="user1",
        poll_interval=0.01,
        on_poll=lambda chat: seen.append(chat.status),
    )

    assert seen == [ChatStatus.IN_PROGRESS, ChatStatus.COMPLETED]
    assert result.chat.status is ChatStatus.COMPLETED


async def test_create_and_poll_stops_when_on_poll_raises(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(CHAT_URL, payload=ok(chat_data("created")))
    mocked.post(RETRIEVE_URL, payload=ok(chat_data("in_progress")), repeat=True)

    def give_up(chat: Chat) -> None:
        raise LookupError(chat.id)

    with pytest.raises(LookupError, match="chat1"):
        await coze.chat.create_and_poll(
            bot_id="bot1", user_id="user1", poll_interval=0.01, on_poll=give_up
        )
    assert len(sent(mocked, "/v3/chat/retrieve")) == 1
