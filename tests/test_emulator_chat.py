"""The emulator's chat API over real sockets: this SDK (async and sync), cozepy, the raw wire,
error codes, responders and fault injection."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import orjson
import pytest

from coze_async import (
    AsyncCoze,
    AuthenticationError,
    BadRequestError,
    ChatEventType,
    ChatStatus,
    Coze,
    CozeAPIError,
    CozeInvalidEventError,
    CozeStreamTruncatedError,
    InternalServerError,
    Message,
    NotFoundError,
    RateLimitError,
    TokenAuth,
    ToolOutput,
)
from coze_async.emulator import ECHO_BOT_ID, TOOL_BOT_ID, ChatContext

ROOT = Path(__file__).resolve().parent.parent


def ask(text: str) -> list[Message]:
    return [Message.build_user_question_text(text)]


async def answer_of(stream) -> str:  # type: ignore[no-untyped-def]
    parts = []
    async for event in stream:
        if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA:
            parts.append(event.message.content)
    return "".join(parts)


# -- chat flows with this SDK -----------------------------------------------------------------


async def test_echo_bot_streams_the_question_back_in_small_deltas(coze: AsyncCoze):
    events = [
        e
        async for e in coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("one two three four")
        )
    ]
    names = [e.event for e in events]
    assert names[:2] == [
        ChatEventType.CONVERSATION_CHAT_CREATED,
        ChatEventType.CONVERSATION_CHAT_IN_PROGRESS,
    ]
    assert names[-2:] == [
        ChatEventType.CONVERSATION_MESSAGE_COMPLETED,
        ChatEventType.CONVERSATION_CHAT_COMPLETED,
    ]
    deltas = [
        e.message.content for e in events if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
    ]
    assert len(deltas) == 4
    assert "".join(deltas) == "one two three four"
    final = events[-1].chat
    assert final.status is ChatStatus.COMPLETED
    assert final.usage.token_count > 0
    assert events[-2].message.content == "one two three four"
    assert events[0].response.logid


async def test_polled_chat_goes_from_in_progress_to_completed(coze: AsyncCoze):
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("poll"))
    seen = [chat.status]
    while not chat.status.is_terminal:
        await asyncio.sleep(0.01)
        chat = await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
        seen.append(chat.status)
    assert seen == [ChatStatus.IN_PROGRESS, ChatStatus.COMPLETED]
    messages = await coze.chat.messages.list(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert [m.content for m in messages] == ["poll"]


async def test_create_and_poll_returns_the_answer(coze: AsyncCoze):
    poll = await coze.chat.create_and_poll(
        bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("polled"), poll_interval=0.01
    )
    assert poll.chat.status is ChatStatus.COMPLETED
    assert poll.messages is not None
    assert [m.content for m in poll.messages] == ["polled"]


async def test_cancel_a_running_chat_and_refuse_to_cancel_a_finished_one(emu, coze: AsyncCoze):
    release = asyncio.Event()

    async def slow(context: ChatContext) -> AsyncIterator[str]:
        yield "thinking"
        await release.wait()
        yield "done"

    bot = emu.register_responder(slow)
    chat = await coze.chat.create(bot_id=bot, user_id="u", additional_messages=ask("x"))
    canceled = await coze.chat.cancel(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert canceled.status is ChatStatus.CANCELED
    release.set()
    with pytest.raises(CozeAPIError) as info:
        await coze.chat.cancel(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert info.value.code == 4104


async def test_tool_bot_requires_action_then_streams_after_tool_outputs(coze: AsyncCoze):
    events = [
        e
        async for e in coze.chat.stream(
            bot_id=TOOL_BOT_ID, user_id="u", additional_messages=ask("Paris")
        )
    ]
    chat = events[-1].chat
    assert events[-1].event is ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION
    assert chat.status is ChatStatus.REQUIRES_ACTION
    call = chat.required_action.submit_tool_outputs.tool_calls[0]
    assert call.function.name == "get_weather"
    assert orjson.loads(call.function.arguments) == {"location": "Paris"}
    stream = await coze.chat.submit_tool_outputs(
        conversation_id=chat.conversation_id,
        chat_id=chat.id,
        tool_outputs=[ToolOutput(tool_call_id=call.id, output="sunny, 21 C")],
        stream=True,
    )
    assert await answer_of(stream) == "The tool says: sunny, 21 C"


async def test_tool_outputs_without_streaming_then_polling(coze: AsyncCoze):
    poll = await coze.chat.create_and_poll(
        bot_id=TOOL_BOT_ID, user_id="u", additional_messages=ask("Oslo"), poll_interval=0.01
    )
    assert poll.chat.status is ChatStatus.REQUIRES_ACTION
    call = poll.chat.required_action.submit_tool_outputs.tool_calls[0]
    chat = await coze.chat.submit_tool_outputs(
        conversation_id=poll.chat.conversation_id,
        chat_id=poll.chat.id,
        tool_outputs=[ToolOutput(tool_call_id=call.id, output="rain")],
    )
    while not chat.status.is_terminal:
        await asyncio.sleep(0.01)
        chat = await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert chat.status is ChatStatus.COMPLETED
    messages = await coze.chat.messages.list(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert [m.type.value for m in messages] == ["function_call", "tool_response", "answer"]
    assert messages[-1].content == "The tool says: rain"
    with pytest.raises(BadRequestError):
        await coze.chat.submit_tool_outputs(
            conversation_id=chat.conversation_id,
            chat_id=chat.id,
            tool_outputs=[ToolOutput(tool_call_id=call.id, output="again")],
        )


async def test_conversation_history_reaches_the_responder(emu, coze: AsyncCoze):
    def count_turns(context: ChatContext) -> str:
        return f"{sum(m['role'] == 'user' for m in context.messages)} questions so far"

    bot = emu.register_responder(count_turns)
    first = [
        e async for e in coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask("a"))
    ]
    conversation_id = first[-1].chat.conversation_id
    second = coze.chat.stream(
        bot_id=bot, user_id="u", conversation_id=conversation_id, additional_messages=ask("b")
    )
    assert await answer_of(second) == "2 questions so far"
    unsaved = coze.chat.stream(
        bot_id=bot,
        user_id="u",
        conversation_id=conversation_id,
        additional_messages=ask("c"),
        auto_save_history=False,
    )
    assert await answer_of(unsaved) == "3 questions so far"
    third = coze.chat.stream(
        bot_id=bot, user_id="u", conversation_id=conversation_id, additional_messages=ask("d")
    )
    assert await answer_of(third) == "3 questions so far"


@pytest.mark.parametrize("style", ["sync", "async", "async_gen", "chunks"])
async def test_responders_of_every_style(emu, coze: AsyncCoze, style: str):
    def sync_fn(ctx: ChatContext) -> str:
        return f"sync {ctx.question}"

    async def async_fn(ctx: ChatContext) -> str:
        await asyncio.sleep(0)
        return f"async {ctx.question}"

    async def async_gen(ctx: ChatContext) -> AsyncIterator[str]:
        for part in ("gen ", ctx.question):
            yield part

    def chunks(ctx: ChatContext) -> list[str]:
        return ["chunk ", "list ", ctx.question]

    responders = {"sync": sync_fn, "async": async_fn, "async_gen": async_gen, "chunks": chunks}
    bot = emu.register_responder(responders[style])
    stream = coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask("q"))
    expected = {
        "sync": "sync q",
        "async": "async q",
        "async_gen": "gen q",
        "chunks": "chunk list q",
    }
    assert await answer_of(stream) == expected[style]


async def test_a_failing_responder_fails_the_chat(emu, coze: AsyncCoze):
    def broken(ctx: ChatContext) -> str:
        raise RuntimeError("model exploded")

    bot = emu.register_responder(broken)
    events = [
        e async for e in coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask("q"))
    ]
    assert events[-1].event is ChatEventType.CONVERSATION_CHAT_FAILED
    assert events[-1].chat.last_error.msg == "model exploded"


async def test_multimodal_question_text_parts_reach_the_bot(coze: AsyncCoze):
    from coze_async import MessageObjectString

    message = Message.build_user_question_objects(
        [MessageObjectString.build_text("describe"), MessageObjectString.build_image(file_id="f1")]
    )
    stream = coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=[message])
    assert await answer_of(stream) == "describe"


# -- errors -----------------------------------------------------------------------------------


async def test_bad_token_is_rejected_with_401_and_4100(emu):
    async with AsyncCoze(TokenAuth("wrong"), emu.base_url) as coze:
        with pytest.raises(AuthenticationError) as info:
            await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q"))
        with pytest.raises(AuthenticationError):
            [
                e
                async for e in coze.chat.stream(
                    bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q")
                )
            ]
    assert (info.value.code, info.value.status) == (4100, 401)
    assert info.value.logid


async def test_unknown_ids_give_coze_error_codes(coze: AsyncCoze):
    with pytest.raises(NotFoundError) as info:
        await coze.chat.create(bot_id="1234", user_id="u", additional_messages=ask("q"))
    assert info.value.code == 4200
    with pytest.raises(NotFoundError):
        await coze.chat.retrieve(conversation_id="1", chat_id="2")
    with pytest.raises(NotFoundError):
        await coze.chat.create(
            bot_id=ECHO_BOT_ID, user_id="u", conversation_id="999", additional_messages=ask("q")
        )
    with pytest.raises(BadRequestError, match="no user message"):
        await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u")


async def test_raw_wire_framing_envelope_and_logid(emu):
    headers = {"Authorization": f"Bearer {emu.token}"}
    body = {
        "bot_id": ECHO_BOT_ID,
        "user_id": "u",
        "stream": True,
        "additional_messages": [{"role": "user", "content": "hi", "content_type": "text"}],
    }
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emu.base_url}/v3/chat", json=body, headers=headers) as resp:
            raw = await resp.read()
            assert resp.headers["Content-Type"].startswith("text/event-stream")
            assert resp.headers["x-tt-logid"]
        assert raw.startswith(b"event:conversation.chat.created\ndata:{")
        assert raw.endswith(b'event:done\ndata:"[DONE]"\n\n')
        assert b"event: " not in raw
        async with session.post(
            f"{emu.base_url}/v3/chat", json={"user_id": "u"}, headers=headers
        ) as resp:
            envelope = await resp.json()
            assert resp.status == 200
            assert envelope["code"] == 4000
            assert envelope["detail"]["logid"] == resp.headers["x-tt-logid"]


# -- faults -----------------------------------------------------------------------------------


async def test_fault_drop_after_n_events_is_a_typed_truncation(emu, coze: AsyncCoze):
    emu.inject(path="/v3/chat", drop_after=3)
    received = []
    with pytest.raises(CozeStreamTruncatedError) as info:
        async for event in coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("a b c d")
        ):
            received.append(event)
    assert len(received) == 3
    assert info.value.events_seen == 3
    assert (
        await answer_of(
            coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("ok"))
        )
        == "ok"
    )


async def test_fault_429_with_retry_after(emu, coze: AsyncCoze):
    fault = emu.inject(path="/v3/chat", status=429, code=4013, msg="too many", retry_after=2)
    with pytest.raises(RateLimitError) as info:
        await coze.chat.create(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q"), max_retries=0
        )
    assert (info.value.status, info.value.code, info.value.retry_after) == (429, 4013, 2.0)
    assert fault.hits == 1
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q"))
    assert chat.status is ChatStatus.IN_PROGRESS


async def test_fault_error_code_and_status_only(emu, coze: AsyncCoze):
    emu.inject(path="/v3/chat/retrieve", code=5000, msg="busy", times=None)
    chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q"))
    ids = {"conversation_id": chat.conversation_id, "chat_id": chat.id}
    for _ in range(2):
        with pytest.raises(InternalServerError) as info:
            await coze.chat.retrieve(**ids, max_retries=0)
        assert info.value.msg == "busy"
    emu.clear_faults()
    emu.inject(path="/v3/chat/retrieve", status=503)
    with pytest.raises(InternalServerError) as info:
        await coze.chat.retrieve(**ids, max_retries=0)
    assert info.value.status == 503


async def test_fault_malformed_frame_after_events(emu, coze: AsyncCoze):
    emu.inject(path="/v3/chat", malformed_after=2)
    received = []
    with pytest.raises(CozeInvalidEventError) as info:
        async for event in coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("q")
        ):
            received.append(event)
    assert len(received) == 2
    assert info.value.field == "data"


async def test_fault_latency_and_event_delay(emu, coze: AsyncCoze):
    emu.inject(path="/v3/chat", latency=0.2, event_delay=0.05)
    loop = asyncio.get_running_loop()
    started = loop.time()
    stream = coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("a b"))
    first = await stream.__anext__()
    first_at = loop.time() - started
    rest = [e async for e in stream]
    total = loop.time() - started
    assert first.event is ChatEventType.CONVERSATION_CHAT_CREATED
    assert first_at >= 0.2
    assert total >= 0.2 + 0.05 * len(rest)


async def test_five_hundred_concurrent_streams_all_complete_in_order(emu, coze: AsyncCoze):
    def fifty(ctx: ChatContext) -> list[str]:
        return [f"{i} " for i in range(50)]

    bot = emu.register_responder(fifty)

    async def one() -> list[str]:
        stream = coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask("go"))
        return [
            e.message.content
            async for e in stream
            if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
        ]

    results = await asyncio.gather(*(one() for _ in range(500)))
    assert len(results) == 500
    assert all(r == [f"{i} " for i in range(50)] for r in results)
    assert sum(len(r) for r in results) == 25_000


# -- sync API, cozepy, the command line -------------------------------------------------------


def test_sync_client_against_the_emulator_fixture(coze_emulator):
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        events = list(
            coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("sync hi"))
        )
        poll = coze.chat.create_and_poll(
            bot_id=ECHO_BOT_ID,
            user_id="u",
            additional_messages=ask("sync poll"),
            poll_interval=0.01,
        )
    assert events[-1].chat.status is ChatStatus.COMPLETED
    assert (
        "".join(
            e.message.content for e in events if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
        )
        == "sync hi"
    )
    assert [m.content for m in poll.messages] == ["sync poll"]


def test_cozepy_chat_stream_poll_and_tools_against_the_emulator(coze_emulator):
    import cozepy

    # cozepy never closes its own HTTP client: give it one this test owns and closes.
    with cozepy.SyncHTTPClient() as http:
        _cozepy_chat_flows(cozepy, coze_emulator, http)


def _cozepy_chat_flows(cozepy, coze_emulator, http) -> None:  # type: ignore[no-untyped-def]
    coze = cozepy.Coze(
        auth=cozepy.TokenAuth(coze_emulator.token),
        base_url=coze_emulator.base_url,
        http_client=http,
    )
    question = [cozepy.Message.build_user_question_text("cozepy streams")]
    text = "".join(
        e.message.content
        for e in coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=question)
        if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_DELTA
    )
    assert text == "cozepy streams"
    poll = coze.chat.create_and_poll(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=question)
    assert [m.content for m in poll.messages] == ["cozepy streams"]
    events = list(coze.chat.stream(bot_id=TOOL_BOT_ID, user_id="u", additional_messages=question))
    chat = events[-1].chat
    assert chat.status == cozepy.ChatStatus.REQUIRES_ACTION
    call = chat.required_action.submit_tool_outputs.tool_calls[0]
    resumed = coze.chat.submit_tool_outputs(
        conversation_id=chat.conversation_id,
        chat_id=chat.id,
        tool_outputs=[cozepy.ToolOutput(tool_call_id=call.id, output="cloudy")],
        stream=True,
    )
    text = "".join(
        e.message.content
        for e in resumed
        if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_DELTA
    )
    assert text == "The tool says: cloudy"
    messages = coze.chat.messages.list(conversation_id=chat.conversation_id, chat_id=chat.id)
    assert messages[-1].content == "The tool says: cloudy"


def test_command_line_streams_a_chat_from_the_emulator():
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "coze_async",
            "chat",
            "--emulator",
            "hello from the CLI",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("hello from the CLI\n[chat ")
    assert "completed" in result.stdout


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("[!_]*.py")))
def test_examples_run_offline_against_the_emulator(example: str):
    env = {k: v for k, v in __import__("os").environ.items() if k != "COZE_API_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-W", "error", str(ROOT / "examples" / example)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


async def test_clearing_a_conversation_starts_a_fresh_context(emu, coze: AsyncCoze):
    def count_turns(context: ChatContext) -> str:
        return f"{sum(m['role'] == 'user' for m in context.messages)} questions so far"

    bot = emu.register_responder(count_turns)
    first = [
        e async for e in coze.chat.stream(bot_id=bot, user_id="u", additional_messages=ask("a"))
    ]
    conversation_id = first[-1].chat.conversation_id
    headers = {"Authorization": f"Bearer {emu.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{emu.base_url}/v1/conversations/{conversation_id}/clear", headers=headers
        ) as resp,
    ):
        assert (await resp.json())["code"] == 0
    after = coze.chat.stream(
        bot_id=bot, user_id="u", conversation_id=conversation_id, additional_messages=ask("b")
    )
    assert await answer_of(after) == "1 questions so far"


def test_the_emulator_command_serves_until_interrupted():
    import signal
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "coze_async", "emulator", "--port", str(port), "--token", "secret"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner
        with Coze(TokenAuth("secret"), f"http://127.0.0.1:{port}") as coze:
            events = list(
                coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask("cli"))
            )
        assert events[-1].chat.status is ChatStatus.COMPLETED
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 130
        server.stdout.close()
        server.stderr.close()


def test_sync_create_and_poll_forwards_on_poll(coze_emulator):
    seen: list[ChatStatus] = []
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        poll = coze.chat.create_and_poll(
            bot_id=ECHO_BOT_ID,
            user_id="u",
            additional_messages=ask("polled"),
            poll_interval=0.01,
            on_poll=lambda chat: seen.append(chat.status),
        )
    assert seen and seen[-1] is ChatStatus.COMPLETED
    assert [m.content for m in poll.messages] == ["polled"]
