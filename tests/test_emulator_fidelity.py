"""The emulator behaves like the real service, never more loosely: the status a polled chat
starts in, cancel agreeing with retrieve, unknown workspaces, the bot record's fields, the
bytes of an error answered to a stream request, and how fast a polled chat finishes."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator

import aiohttp
import orjson
import pytest

from coze_async import (
    AsyncCoze,
    BotModelInfo,
    ChatEventType,
    ChatStatus,
    CozeAPIError,
    Message,
    NotFoundError,
    TokenAuth,
)
from coze_async.emulator import ECHO_BOT_ID, ECHO_WORKFLOW_ID, PERSONAL_WORKSPACE_ID, Emulator
from coze_async.emulator.routes.workspaces import EMULATOR_USER_ID
from tests.sleeps import record_client_sleeps

with warnings.catch_warnings(record=True):
    import cozepy

RETRIEVE = "/v3/chat/retrieve"


def ask(text: str) -> list[Message]:
    return [Message.build_user_question_text(text)]


def headers(emu: Emulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.token}"}


QUESTION = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}


# -- a polled chat starts in_progress ------------------------------------------------------


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


# -- bots.create in an unknown workspace ---------------------------------------------------


async def test_creating_a_bot_in_an_unknown_space_fails_naming_the_space(
    emu: Emulator, coze: AsyncCoze
) -> None:
    unknown = "7300000000000000999"
    with pytest.raises(NotFoundError) as info:
        await coze.bots.create(space_id=unknown, name="Lost")
    assert info.value.code == 4200
    assert unknown in info.value.msg
    assert all(bot.get("space_id") != unknown for bot in emu.store.bots.records.values())


def test_cozepy_bots_create_in_an_unknown_space_fails_too(coze_emulator: Emulator) -> None:
    with cozepy.SyncHTTPClient() as http:
        coze = cozepy.Coze(
            auth=cozepy.TokenAuth(coze_emulator.token),
            base_url=coze_emulator.base_url,
            http_client=http,
        )
        with pytest.raises(cozepy.CozeAPIError) as info:
            coze.bots.create(space_id="7300000000000000999", name="Lost")
    assert info.value.code == 4200
    assert "7300000000000000999" in (info.value.msg or "")


# -- the bot record carries what the service always returns ---------------------------------


async def test_a_bot_carries_its_model_knowledge_and_the_other_fields_the_service_returns(
    coze: AsyncCoze,
) -> None:
    created = await coze.bots.create(space_id=PERSONAL_WORKSPACE_ID, name="Plain")
    await coze.bots.publish(bot_id=created.bot_id)
    for bot_id in (ECHO_BOT_ID, created.bot_id):
        bot = await coze.bots.retrieve(bot_id=bot_id)
        assert bot.model_info is not None
        assert bot.model_info.model_id and bot.model_info.model_name
        assert bot.knowledge is not None and bot.knowledge.knowledge_infos == []
        assert bot.shortcut_commands == [] and bot.variables == []
        assert bot.background_image_info is not None
        assert bot.background_image_info.web_background_image is not None
        assert bot.background_image_info.mobile_background_image is not None
        assert bot.owner_user_id == EMULATOR_USER_ID
        draft = await coze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
        assert draft.model_info == bot.model_info


async def test_a_configured_model_is_named_in_model_info(coze: AsyncCoze) -> None:
    created = await coze.bots.create(
        space_id=PERSONAL_WORKSPACE_ID,
        name="Tuned",
        model_info_config=BotModelInfo(model_id="1737521813", temperature=0.5),
    )
    bot = await coze.bots.retrieve(bot_id=created.bot_id, is_published=False, use_api_version=2)
    assert bot.model_info is not None
    assert (bot.model_info.model_id, bot.model_info.temperature) == ("1737521813", 0.5)
    assert bot.model_info.model_name


def test_cozepy_reads_the_bot_model_info(coze_emulator: Emulator) -> None:
    with cozepy.SyncHTTPClient() as http:
        coze = cozepy.Coze(
            auth=cozepy.TokenAuth(coze_emulator.token),
            base_url=coze_emulator.base_url,
            http_client=http,
        )
        bot = coze.bots.retrieve(bot_id=ECHO_BOT_ID)
    assert bot.model_info is not None and bot.model_info.model_id


# -- cancel agrees with retrieve -------------------------------------------------------------


async def test_a_chat_still_in_progress_can_be_cancelled_and_then_shows_cancelled() -> None:
    async with Emulator(chat_delay=60, strict=True) as emu:
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


# -- a stream refused before it starts: a JSON envelope with no trailing newline ----------


REFUSED_STREAMS = {
    "chat-unknown-bot": ("/v3/chat", {"bot_id": "7199999999999999999", "stream": True}),
    "chat-bad-token": ("/v3/chat", {"bot_id": ECHO_BOT_ID, "stream": True}),
    "workflow-unknown": ("/v1/workflow/stream_run", {"workflow_id": "7199999999999999999"}),
    "chatflow-unknown": ("/v1/workflows/chat", {"workflow_id": "7199999999999999999"}),
    "resume-unknown": (
        "/v1/workflow/stream_resume",
        {
            "workflow_id": "7199999999999999999",
            "event_id": "1",
            "resume_data": "x",
            "interrupt_type": 2,
        },
    ),
}


@pytest.mark.parametrize("case", list(REFUSED_STREAMS))
async def test_a_refused_stream_is_a_json_envelope_ending_without_a_newline(
    emu: Emulator, case: str
) -> None:
    path, body = REFUSED_STREAMS[case]
    if path == "/v3/chat":
        body = {**body, "user_id": "u", "additional_messages": [QUESTION]}
    elif path == "/v1/workflows/chat":
        body = {**body, "parameters": {}, "additional_messages": [QUESTION]}
    elif path == "/v1/workflow/stream_run":
        body = {**body, "parameters": {}}
    token = "wrong" if case.endswith("bad-token") else emu.token
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{emu.base_url}{path}", json=body, headers={"Authorization": f"Bearer {token}"}
        ) as response:
            raw = await response.read()
            assert response.content_type == "application/json"
    assert raw[-1:] == b"}"  # the service's bytes: no trailing newline
    assert orjson.loads(raw)["code"] != 0


async def test_an_injected_fault_on_a_stream_route_ends_without_a_newline(emu: Emulator) -> None:
    emu.inject(path="/v3/chat", status=429, code=4013, msg="slow down")
    body = {
        "bot_id": ECHO_BOT_ID,
        "user_id": "u",
        "stream": True,
        "additional_messages": [QUESTION],
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{emu.base_url}/v3/chat", json=body, headers=headers(emu)) as r:
            raw = await r.read()
    assert raw[-1:] == b"}"
    assert orjson.loads(raw)["code"] == 4013


# -- strict mode: what it found in this SDK ------------------------------------------------


@pytest.fixture
async def strict_coze() -> AsyncIterator[tuple[Emulator, AsyncCoze]]:
    async with Emulator(strict=True) as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            yield emu, coze


async def test_unpublish_sends_no_bot_id_in_the_body(
    strict_coze: tuple[Emulator, AsyncCoze],
) -> None:
    _, coze = strict_coze
    bot = await coze.bots.create(space_id=PERSONAL_WORKSPACE_ID, name="Short-lived")
    await coze.bots.publish(bot_id=bot.bot_id)
    await coze.bots.unpublish(bot_id=bot.bot_id, connector_id="1024")  # no "unknown field"


async def test_a_chatflow_without_parameters_sends_an_empty_object(
    strict_coze: tuple[Emulator, AsyncCoze],
) -> None:
    _, coze = strict_coze
    stream = coze.workflows.chat.stream(
        workflow_id=ECHO_WORKFLOW_ID, bot_id=ECHO_BOT_ID, additional_messages=ask("hi")
    )
    events = [e async for e in stream]  # no "missing required field parameters"
    assert events[-1].event is ChatEventType.CONVERSATION_CHAT_COMPLETED


# -- create_and_poll finishes at once ----------------------------------------------------------


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
    async with Emulator(chat_delay=5, strict=True) as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            chat = await coze.chat.create(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("x")
            )
            ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
            clock[0] += 4.9
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.IN_PROGRESS
            clock[0] += 0.1
            assert (await coze.chat.retrieve(**ids)).status is ChatStatus.COMPLETED
