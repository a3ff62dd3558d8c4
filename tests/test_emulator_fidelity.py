"""The emulator behaves like the real service, never more loosely: the status a polled chat
starts in, cancel agreeing with retrieve, unknown workspaces, the bot record's fields, the
bytes of an error answered to a stream request, and how fast a polled chat finishes."""

from __future__ import annotations

import warnings

import aiohttp
import pytest

from coze_async import AsyncCoze, ChatStatus, CozeAPIError, Message, TokenAuth
from coze_async.emulator import ECHO_BOT_ID, Emulator
from tests.sleeps import record_client_sleeps

with warnings.catch_warnings(record=True):
    import cozepy

RETRIEVE = "/v3/chat/retrieve"


def ask(text: str) -> list[Message]:
    return [Message.build_user_question_text(text)]


def headers(emu: Emulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.token}"}


QUESTION = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}


# -- 1. a polled chat starts in_progress ------------------------------------------------------


async def test_a_polled_chat_is_answered_in_progress(emu: Emulator) -> None:
    body = {"bot_id": ECHO_BOT_ID, "user_id": "u", "additional_messages": [QUESTION]}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{emu.base_url}/v3/chat", json=body, headers=headers(emu)) as r:
            chat = (await r.json())["data"]
        assert chat["status"] == "in_progress"
        query = {"conversation_id": chat["conversation_id"], "chat_id": chat["id"]}
        async with http.get(f"{emu.base_url}{RETRIEVE}", params=query, headers=headers(emu)) as r:
            assert (await r.json())["data"]["status"] == "completed"


def test_cozepy_create_and_poll_returns_a_finished_chat(coze_emulator: Emulator) -> None:
    with cozepy.SyncHTTPClient() as http:
        coze = cozepy.Coze(
            auth=cozepy.TokenAuth(coze_emulator.token),
            base_url=coze_emulator.base_url,
            http_client=http,
        )
        poll = coze.chat.create_and_poll(
            bot_id=ECHO_BOT_ID,
            user_id="u",
            additional_messages=[cozepy.Message.build_user_question_text("finished?")],
        )
    assert poll.chat.status == cozepy.ChatStatus.COMPLETED
    assert [m.content for m in poll.messages or []] == ["finished?"]


# -- 4. cancel agrees with retrieve -------------------------------------------------------------


async def test_a_chat_still_in_progress_can_be_cancelled_and_then_shows_cancelled() -> None:
    async with Emulator(chat_delay=60) as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            chat = await coze.chat.create(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("x")
            )
            ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
            # The bot has answered already, but the chat shows in_progress for chat_delay.
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.IN_PROGRESS
            assert (await coze.chat.cancel(**ids)).status is ChatStatus.CANCELED
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.CANCELED
            with pytest.raises(CozeAPIError) as info:
                await coze.chat.cancel(**ids)
            assert info.value.code == 4104


async def test_cancel_right_after_create_agrees_with_retrieve(coze: AsyncCoze) -> None:
    # The echo bot has answered by the time cancel arrives: the chat is over (as retrieve
    # would say), so cancel answers the service's 4104, and retrieve then says completed.
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("x"))
    ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
    with pytest.raises(CozeAPIError) as info:
        await coze.chat.cancel(**ids)
    assert info.value.code == 4104
    assert "completed" in info.value.msg
    assert (await coze.chat.retrieve(**ids)).status is ChatStatus.COMPLETED


async def test_a_completed_chat_refuses_cancel_with_4104(coze: AsyncCoze) -> None:
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("x"))
    ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
    assert (await coze.chat.retrieve(**ids)).status is ChatStatus.COMPLETED
    with pytest.raises(CozeAPIError) as info:
        await coze.chat.cancel(**ids)
    assert info.value.code == 4104
    assert (await coze.chat.retrieve(**ids)).status is ChatStatus.COMPLETED


def test_chat_delay_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="chat_delay"):
        Emulator(chat_delay=-1)


# -- 7. create_and_poll finishes at once ----------------------------------------------------------


async def test_create_and_poll_with_the_defaults_needs_one_retrieve_and_under_a_second(
    emu: Emulator, coze: AsyncCoze, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps = record_client_sleeps(monkeypatch)
    poll = await coze.chat.create_and_poll(
        bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("quick")
    )
    assert poll.chat.status is ChatStatus.COMPLETED
    assert [m.content for m in poll.messages or []] == ["quick"]
    assert emu.request_counts[RETRIEVE] == 1
    assert sum(sleeps) < 1.0, sleeps


async def test_chat_delay_keeps_a_polled_chat_in_progress_that_long(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("coze_async.emulator.routes.chat._clock", lambda: clock[0])
    async with Emulator(chat_delay=5) as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            chat = await coze.chat.create(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("x")
            )
            ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
            clock[0] += 4.9
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.IN_PROGRESS
            clock[0] += 0.1
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.COMPLETED
