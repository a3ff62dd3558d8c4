"""Retries against the emulator's injected faults, over real sockets: what is retried, how
often, how long apart, and what never is."""

from __future__ import annotations

import asyncio
import socket

import pytest

from coze_async import (
    AsyncCoze,
    ChatStatus,
    Coze,
    CozeConnectionError,
    CozeError,
    CozeStreamTruncatedError,
    InternalServerError,
    Message,
    RateLimitError,
    Timeout,
    TokenAuth,
)
from coze_async._errors import CozeAPIError
from coze_async._retry import RetryPolicy, is_retryable
from coze_async.emulator import ECHO_BOT_ID
from tests.sleeps import record_client_sleeps

LIST = "/v3/chat/message/list"
RETRIEVE = "/v3/chat/retrieve"
CHAT = "/v3/chat"


def ask() -> list[Message]:
    return [Message.build_user_question_text("hello")]


async def new_chat(coze: AsyncCoze) -> dict[str, str]:
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    return {"conversation_id": chat.conversation_id, "chat_id": chat.id}


async def test_503_twice_then_success_with_exponential_backoff(emu, coze, monkeypatch):
    ids = await new_chat(coze)
    emu.inject(path=LIST, status=503, times=2)
    sleeps = record_client_sleeps(monkeypatch)
    messages = await coze.chat.messages.list(**ids)
    assert emu.request_counts[LIST] == 3
    assert messages.response.status_code == 200
    # Waits of 0.5 s and 1 s, each shortened by at most 25 % jitter.
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


async def test_429_retry_after_is_honoured(emu, coze, monkeypatch):
    ids = await new_chat(coze)
    emu.inject(path=RETRIEVE, status=429, retry_after=1)
    sleeps = record_client_sleeps(monkeypatch)
    chat = await coze.chat.retrieve(**ids)
    assert chat.id == ids["chat_id"]
    assert emu.request_counts[RETRIEVE] == 2
    assert sleeps == [1.0]


async def test_retry_after_above_the_cap_raises_at_once(emu, coze, monkeypatch):
    ids = await new_chat(coze)
    emu.inject(path=RETRIEVE, status=429, retry_after=121)
    sleeps = record_client_sleeps(monkeypatch)
    with pytest.raises(RateLimitError) as info:
        await coze.chat.retrieve(**ids)
    assert sleeps == []
    assert info.value.retry_after == 121
    assert emu.request_counts[RETRIEVE] == 1


async def test_retry_after_past_the_call_deadline_is_not_slept(emu, coze, monkeypatch):
    ids = await new_chat(coze)
    emu.inject(path=RETRIEVE, status=429, retry_after=2)
    sleeps = record_client_sleeps(monkeypatch)
    with pytest.raises(RateLimitError):
        await coze.chat.retrieve(**ids, timeout=Timeout(5, total=1))
    assert sleeps == []
    assert emu.request_counts[RETRIEVE] == 1


async def test_rate_limit_code_in_http_200_is_retried_even_for_a_creating_post(emu, coze):
    emu.inject(path=CHAT, code=4013, msg="slow down", times=2)
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    assert chat.status is ChatStatus.IN_PROGRESS
    assert emu.request_counts[CHAT] == 3


async def test_server_error_on_every_attempt_gives_up_after_max_retries(emu, coze):
    ids = await new_chat(coze)
    emu.inject(path=LIST, status=500, times=None)
    with pytest.raises(InternalServerError) as info:
        await coze.chat.messages.list(**ids)
    assert info.value.status == 500
    assert emu.request_counts[LIST] == 3


async def test_a_creating_post_is_not_retried_after_a_500(emu, coze):
    emu.inject(path=CHAT, status=500)
    with pytest.raises(InternalServerError):
        await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    assert emu.request_counts[CHAT] == 1


async def test_a_creating_post_is_retried_after_a_503(emu, coze):
    emu.inject(path=CHAT, status=503)
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    assert chat.status is ChatStatus.IN_PROGRESS
    assert emu.request_counts[CHAT] == 2


async def test_max_retries_per_call_and_per_client(emu):
    emu.inject(path=LIST, status=503, times=None)
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url, max_retries=1) as coze:
        ids = await new_chat(coze)
        with pytest.raises(InternalServerError):
            await coze.chat.messages.list(**ids)
        assert emu.request_counts[LIST] == 2
        with pytest.raises(InternalServerError):
            await coze.chat.messages.list(**ids, max_retries=0)
        assert emu.request_counts[LIST] == 3
    with pytest.raises(ValueError, match="max_retries"):
        AsyncCoze(TokenAuth("t"), "https://api.test", max_retries=-1)


async def test_a_stream_is_retried_before_it_was_accepted(emu, coze):
    emu.inject(path=CHAT, status=503)
    stream = coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    events = [e async for e in stream]
    assert events[-1].chat.status is ChatStatus.COMPLETED
    assert emu.request_counts[CHAT] == 2


async def test_a_stream_is_never_retried_after_its_first_event(emu, coze):
    emu.inject(path=CHAT, drop_after=2)
    received = []
    with pytest.raises(CozeStreamTruncatedError):
        async for event in coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask()
        ):
            received.append(event)
    assert len(received) == 2
    assert emu.request_counts[CHAT] == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_connection_refused_is_retried_then_raised_typed(monkeypatch):
    url = f"http://127.0.0.1:{_free_port()}"
    sleeps = record_client_sleeps(monkeypatch)
    async with AsyncCoze(TokenAuth("t"), url) as coze:
        with pytest.raises(CozeConnectionError) as info:
            await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
    assert info.value.may_have_succeeded is False
    assert "cannot connect" in str(info.value)
    # A creating POST that never connected is retried twice, with the exponential backoff.
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


def test_sync_client_retries_the_same_way(coze_emulator):
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        chat = coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        coze_emulator.inject(path=RETRIEVE, status=503, times=2)
        retrieved = coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert retrieved.id == chat.id
    assert coze_emulator.request_counts[RETRIEVE] == 3


@pytest.mark.parametrize(
    ("error", "idempotent", "expected"),
    [
        (CozeAPIError(None, "x", status=500), True, True),
        (CozeAPIError(None, "x", status=500), False, False),
        (CozeAPIError(None, "x", status=503), False, True),
        (CozeAPIError(None, "x", status=429), False, True),
        (CozeAPIError(4013, "x", status=200), False, True),
        (CozeAPIError(5000, "x", status=200), True, True),
        (CozeAPIError(5000, "x", status=200), False, False),
        (CozeAPIError(4000, "x", status=200), True, False),
        (CozeAPIError(None, "x", status=404), True, False),
        (CozeConnectionError("refused"), False, True),
        (CozeConnectionError("reset", may_have_succeeded=True), False, False),
        (CozeConnectionError("reset", may_have_succeeded=True), True, True),
        (CozeError("other"), True, False),
    ],
)
def test_retry_rule(error: CozeError, idempotent: bool, expected: bool):
    assert is_retryable(error, idempotent=idempotent) is expected


def test_tls_failures_are_never_retried():
    error = CozeConnectionError("certificate verify failed")
    error.retryable = False
    assert not is_retryable(error, idempotent=True)


def test_backoff_grows_exponentially_within_jitter_bounds():
    policy = RetryPolicy()
    for attempt, full in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        for _ in range(50):
            assert 0.75 * full <= policy.backoff(attempt) <= full


async def test_no_connection_is_left_open_after_retries(emu, coze):
    ids = await new_chat(coze)
    emu.inject(path=LIST, status=500, times=None)
    with pytest.raises(InternalServerError):
        await coze.chat.messages.list(**ids)
    await coze.close()
    for _ in range(50):
        if emu.open_connections == 0:
            break
        await asyncio.sleep(0.02)
    assert emu.open_connections == 0
