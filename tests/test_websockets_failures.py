"""What cozepy's websocket clients get wrong, each pinned here (async API; the sync twins are in
test_websockets_sync.py): wait() ends, abnormal closes and drops reach the user typed (close
code, log id), close() flushes or says it did not, no socket or task survives 30 cycles,
keepalive pings, sends on a closed session raise, and cancellation anywhere leaves nothing."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import WSMsgType, web

from coze_async import (
    AsyncCoze,
    AsyncWebsocketsChatEventHandler,
    ConversationClear,
    ConversationMessageCreateEvent,
    CozeClientClosedError,
    CozeConnectionError,
    CozeError,
    CozeInvalidEventError,
    CozeWebsocketClosedError,
    TokenAuth,
    WebsocketsEventType,
)
from coze_async.emulator import ECHO_BOT_ID, TOOL_BOT_ID, Emulator

pytestmark = pytest.mark.timeout(60)

CHAT_DONE = WebsocketsEventType.CONVERSATION_CHAT_COMPLETED


def user_text(text: str) -> ConversationMessageCreateEvent:
    return ConversationMessageCreateEvent(
        data=ConversationMessageCreateEvent.Data(role="user", content_type="text", content=text)
    )


async def settle(condition: Callable[[], bool], within: float = 3.0) -> bool:
    """Poll ``condition`` (the other side of a socket needs a few loop turns)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def tasks() -> set[asyncio.Task[Any]]:
    return {t for t in asyncio.all_tasks() if t is not asyncio.current_task()}


class Recorder(AsyncWebsocketsChatEventHandler):
    def __init__(self) -> None:
        self.errors: list[Any] = []
        self.client_errors: list[Any] = []
        self.closed = 0

    async def on_error(self, cli: Any, e: Any) -> None:
        self.errors.append(e)

    async def on_client_error(self, cli: Any, e: Exception) -> None:
        self.client_errors.append(e)

    async def on_closed(self, cli: Any) -> None:
        self.closed += 1


# -- wait() returns, and ends when the session does -------------------------------------------


async def test_wait_returns_although_other_events_arrived_first(coze: AsyncCoze):
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event={})
    async with chat:
        await chat.conversation_message_create(
            {"role": "user", "content_type": "text", "content": "many words in this answer"}
        )
        await asyncio.sleep(0.2)  # everything, completion included, arrived before wait()
        await asyncio.wait_for(chat.wait(), 5)


@pytest.mark.parametrize(("close_code", "expected"), [(1011, 1011), (None, 1006), (4001, 4001)])
async def test_abnormal_end_ends_wait_with_a_typed_error_and_reaches_the_handlers(
    coze: AsyncCoze, emu: Emulator, close_code: int | None, expected: int
):
    emu.inject(path="/v1/chat", drop_after=3, close_code=close_code)
    handler = Recorder()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
    await chat.connect()
    await chat.conversation_message_create(
        {"role": "user", "content_type": "text", "content": "x y"}
    )
    with pytest.raises(CozeWebsocketClosedError) as caught:
        await asyncio.wait_for(chat.wait(), 5)
    error = caught.value
    assert error.close_code == expected and error.logid == chat.response.logid and error.logid
    assert isinstance(error, CozeConnectionError)
    assert str(expected) in str(error)
    await chat.close()  # nothing was queued: closing an ended session is quiet
    assert [type(e) for e in handler.errors] == [CozeWebsocketClosedError]
    assert handler.errors[0].close_code == expected
    assert handler.closed == 1
    restored = pickle.loads(pickle.dumps(error))
    assert (restored.close_code, restored.logid, str(restored)) == (
        expected,
        error.logid,
        str(error),
    )


async def test_abnormal_end_raises_from_the_iterator(coze: AsyncCoze, emu: Emulator):
    emu.inject(path="/v1/chat", drop_after=5, close_code=1011, msg="server error")
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        await ws.send(user_text("hello there"))
        seen = []
        with pytest.raises(CozeWebsocketClosedError) as caught:
            async for event in ws:
                seen.append(event)
        assert len(seen) == 5  # every event before the close was delivered
        assert caught.value.close_code == 1011 and caught.value.reason == "server error"
        assert ws.closed and ws.close_code == 1011
        with pytest.raises(CozeWebsocketClosedError, match="1011"):
            await ws.receive()


async def test_a_normal_close_by_the_service_ends_iteration_but_not_a_pending_wait(loopback):
    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str('{"event_type": "chat.created"}')
        await asyncio.sleep(0.05)
        await ws.close(code=1000, message=b"bye")
        return ws

    app = web.Application()
    app.router.add_get("/v1/chat", handler)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        async with coze.websockets.chat.connect(bot_id="1") as ws:
            assert [e.event_type async for e in ws] == ["chat.created"]
            assert ws.close_code == 1000
        chat = coze.websockets.chat.create(bot_id="1", on_event={})
        async with chat:
            with pytest.raises(
                CozeWebsocketClosedError, match=r"before conversation\.chat\.completed"
            ):
                await asyncio.wait_for(chat.wait(), 5)


async def test_a_failed_chat_ends_the_default_wait(coze: AsyncCoze, emu: Emulator):
    def failing(context: Any) -> str:
        raise RuntimeError("the bot broke")

    bot_id = emu.register_responder(failing)
    failed: list[Any] = []
    chat = coze.websockets.chat.create(
        bot_id=bot_id, on_event={"conversation.chat.failed": lambda cli, e: failed.append(e)}
    )
    async with chat:
        await chat.conversation_message_create(
            {"role": "user", "content_type": "text", "content": "?"}
        )
        await asyncio.wait_for(chat.wait(), 5)
    assert failed[0].data.last_error.msg == "the bot broke"


# -- close() sends what was queued, or says it did not -----------------------------------------


async def test_close_sends_everything_sent_or_queued_before_it(coze: AsyncCoze, emu: Emulator):
    ws = await coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
    for _ in range(5):
        ws.queue(ConversationClear())  # not written yet
    await ws.send(user_text("last"))  # written after the queued ones
    for _ in range(3):
        ws.queue(ConversationClear())
    await ws.close()
    log = emu.store.websockets.sessions[-1]
    assert await settle(lambda: log.ended)
    assert [e["event_type"] for e in log.received] == ["conversation.clear"] * 5 + [
        "conversation.message.create"
    ] + ["conversation.clear"] * 3
    assert log.client_close_code == 1000


async def test_close_says_which_queued_events_it_could_not_send(coze: AsyncCoze, emu: Emulator):
    emu.inject(path="/v1/chat", drop_after=0)  # the service drops right after the handshake
    ws = await coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
    await asyncio.sleep(0.1)
    events = [ConversationClear(), user_text("lost")]
    for event in events:
        ws.queue(event)
    with pytest.raises(CozeWebsocketClosedError, match="2 event") as caught:
        await ws.close()
    assert list(caught.value.unsent) == events
    assert ws.closed
    await ws.close()  # reported once


async def test_after_a_drop_queueing_raises_and_close_is_quiet(coze: AsyncCoze, emu: Emulator):
    emu.inject(path="/v1/chat", drop_after=0)
    handler = Recorder()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
    await chat.connect()
    assert await settle(lambda: handler.closed == 1)  # the reading task saw the drop
    with pytest.raises(CozeWebsocketClosedError) as caught:
        chat.session.queue(ConversationClear())
    assert caught.value.close_code == 1006
    await chat.close()
    assert chat.state == "closed"


# -- no socket, no task left behind -------------------------------------------------------------


async def test_thirty_iterator_cycles_leave_no_socket_or_task(coze: AsyncCoze, emu: Emulator):
    before = tasks()
    for i in range(30):
        async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
            if i % 3 == 0:
                await ws.send(user_text(f"turn {i}"))
                async for event in ws:
                    if event.event_type == CHAT_DONE:
                        break
    assert await settle(lambda: emu.open_connections == 0)
    assert await settle(lambda: tasks() <= before), tasks() - before
    assert not coze._transport._websockets
    assert len(emu.store.websockets.sessions) == 30
    assert all(s.client_close_code == 1000 for s in emu.store.websockets.sessions)


async def test_thirty_handler_cycles_leave_no_socket_or_task(coze: AsyncCoze, emu: Emulator):
    before = tasks()
    handler = Recorder()
    for channel in range(30):
        if channel % 3 == 0:
            client: Any = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
        elif channel % 3 == 1:
            client = coze.websockets.audio.speech.create(on_event=handler)
        else:
            client = coze.websockets.audio.transcriptions.create(on_event=handler)
        async with client():
            pass
    assert handler.closed == 30 and not handler.errors
    assert await settle(lambda: emu.open_connections == 0)
    assert await settle(lambda: tasks() <= before), tasks() - before


async def test_closing_the_client_ends_open_sessions(emu: Emulator):
    coze = emu.async_client()
    handler = Recorder()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
    await chat.connect()
    ws = await coze.websockets.audio.speech.connect()
    await coze.close()  # returns once the handlers are done
    assert ws.closed and handler.closed == 1
    assert [type(e) for e in handler.errors] == [CozeClientClosedError]
    with pytest.raises(CozeClientClosedError):
        await ws.receive()
    with pytest.raises(CozeClientClosedError):
        await coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
    assert await settle(lambda: emu.open_connections == 0)


async def test_a_stopping_emulator_closes_its_sessions_with_going_away():
    async with Emulator(strict=True) as emu, emu.async_client() as coze:
        ws = await coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
        await ws.receive()
        await emu.stop()
        with pytest.raises(CozeWebsocketClosedError) as caught:
            await ws.receive()
        assert caught.value.close_code == 1001
        await ws.close()


# -- keepalive ---------------------------------------------------------------------------------


async def test_heartbeat_keeps_an_idle_session_alive(coze: AsyncCoze, emu: Emulator):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID, heartbeat=0.05) as ws:
        await ws.receive()  # chat.created
        reading = asyncio.ensure_future(ws.receive())  # reading answers the pongs
        await asyncio.sleep(0.4)  # several pings, each answered
        assert not reading.done()
        await ws.send(user_text("still here"))
        assert (await reading).event_type == "conversation.chat.created"
        async for event in ws:
            if event.event_type == CHAT_DONE:
                break
        assert not ws.closed


def silent_server() -> web.Application:
    """Accepts the websocket, then neither reads (so never answers a ping) nor writes."""

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        await asyncio.sleep(30)
        return ws

    app = web.Application()
    for path in ("/v1/chat", "/v1/audio/speech"):
        app.router.add_get(path, handler)
    return app


async def test_a_missing_pong_ends_the_session_with_a_typed_error(loopback):
    server = await loopback(silent_server())
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        async with coze.websockets.chat.connect(bot_id="1", heartbeat=0.1) as ws:
            with pytest.raises(CozeWebsocketClosedError, match="PONG") as caught:
                await asyncio.wait_for(ws.receive(), 5)
            assert caught.value.close_code == 1006
        handler = Recorder()
        speech = coze.websockets.audio.speech.create(on_event=handler, heartbeat=0.1)
        async with speech:
            with pytest.raises(CozeWebsocketClosedError, match="PONG"):
                await asyncio.wait_for(speech.wait(), 5)
        assert handler.closed == 1 and handler.errors[0].close_code == 1006


async def test_the_client_answers_the_services_pings(loopback):
    pongs: list[bytes] = []

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        await ws.ping(b"are you there")
        async for message in ws:
            if message.type is WSMsgType.PONG:
                pongs.append(message.data)
                await ws.send_str('{"event_type": "chat.created"}')
        return ws

    app = web.Application()
    app.router.add_get("/v1/chat", handler)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        async with coze.websockets.chat.connect(bot_id="1") as ws:
            assert (await ws.receive()).event_type == "chat.created"
    assert pongs == [b"are you there"]


async def test_a_message_over_the_size_limit_ends_the_session(loopback):
    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str('{"event_type": "chat.created", "data": "' + "x" * 5000 + '"}')
        await ws.receive()
        return ws

    app = web.Application()
    app.router.add_get("/v1/chat", handler)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url, max_line_bytes=1000) as coze:
        async with coze.websockets.chat.connect(bot_id="1") as ws:
            with pytest.raises(CozeWebsocketClosedError) as caught:
                await ws.receive()
    assert caught.value.close_code == 1009


# -- sends on a closed session --------------------------------------------------------------------


async def test_sending_on_a_closed_session_raises_a_typed_error(coze: AsyncCoze, emu: Emulator):
    ws = await coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
    await ws.close()
    with pytest.raises(CozeWebsocketClosedError, match="closed"):
        await ws.send(ConversationClear())
    with pytest.raises(CozeWebsocketClosedError):
        ws.queue(ConversationClear())
    with pytest.raises(CozeWebsocketClosedError):
        await ws.open()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event={})
    with pytest.raises(CozeError, match="connect"):
        await chat.conversation_clear()  # not connected yet
    async with chat:
        pass
    with pytest.raises(CozeWebsocketClosedError):
        await chat.conversation_clear()
    with pytest.raises(CozeError, match="cannot connect in the closed state"):
        await chat.connect()
    emu.inject(path="/v1/chat", drop_after=2, close_code=1011)
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        await ws.send(user_text("x"))
        with pytest.raises(CozeWebsocketClosedError):
            async for _ in ws:
                pass
        with pytest.raises(CozeWebsocketClosedError) as caught:
            await ws.send(ConversationClear())
        assert caught.value.close_code == 1011


# -- undecodable messages, misbehaving handlers ----------------------------------------------------


async def test_a_malformed_message_is_reported_and_the_session_goes_on(
    coze: AsyncCoze, emu: Emulator
):
    emu.inject(path="/v1/chat", malformed_after=2)
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        await ws.send(user_text("go on"))
        kinds = []
        invalid: list[CozeInvalidEventError] = []
        while True:
            try:
                event = await ws.receive()
            except CozeInvalidEventError as exc:
                kinds.append("invalid")
                invalid.append(exc)
                continue
            kinds.append(event.event_type.value)
            if event.event_type == CHAT_DONE:
                break
    assert invalid[0].logid == ws.logid and "bad" in invalid[0].data
    assert kinds[:4] == [
        "chat.created",
        "conversation.chat.created",
        "invalid",
        "conversation.chat.in_progress",
    ]


async def test_a_raising_handler_reaches_on_client_error_and_delivery_goes_on(coze: AsyncCoze):
    class Broken(Recorder):
        async def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
            raise ValueError("handler bug")

    handler = Broken()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
    async with chat:
        await chat.conversation_message_create(
            {"role": "user", "content_type": "text", "content": "a b"}
        )
        await chat.wait()
        with pytest.raises(CozeError, match="inside an event handler"):
            chat._reader = asyncio.current_task()  # as seen from a handler
            await chat.wait()
        chat._reader = None
    assert [str(e) for e in handler.client_errors] == ["handler bug", "handler bug"]


# -- cancellation -------------------------------------------------------------------------------


async def iterator_scenario(coze: AsyncCoze) -> None:
    async with coze.websockets.chat.connect(bot_id=TOOL_BOT_ID) as ws:
        await ws.send(user_text("Lima"))
        async for event in ws:
            if event.event_type == "conversation.chat.requires_action":
                break


async def handler_scenario(coze: AsyncCoze) -> None:
    class Answer(AsyncWebsocketsChatEventHandler):
        async def on_conversation_chat_requires_action(self, cli: Any, event: Any) -> None:
            call = event.data.required_action.submit_tool_outputs.tool_calls[0]
            await cli.conversation_chat_submit_tool_outputs(
                {
                    "chat_id": event.data.id,
                    "tool_outputs": [{"tool_call_id": call.id, "output": "ok"}],
                }
            )

    async with coze.websockets.chat.create(bot_id=TOOL_BOT_ID, on_event=Answer())() as chat:
        await chat.conversation_message_create(
            {"role": "user", "content_type": "text", "content": "Lima"}
        )
        await chat.wait()


@pytest.mark.parametrize("scenario", [iterator_scenario, handler_scenario])
async def test_cancellation_at_any_point_leaves_nothing_running(
    coze: AsyncCoze, emu: Emulator, scenario: Callable[[AsyncCoze], Awaitable[None]]
):
    emu.inject(path="/v1/chat", event_delay=0.002, times=None)
    await scenario(coze)  # the whole scenario, once, to know it works
    before = tasks()
    for turns in range(0, 60, 3):
        task = asyncio.ensure_future(scenario(coze))
        for _ in range(turns):
            await asyncio.sleep(0)
        for _ in range(turns // 6):
            await asyncio.sleep(0.002)
        task.cancel()
        await asyncio.wait({task})
        assert task.cancelled() or task.exception() is None, task.exception()
        assert await settle(lambda: tasks() <= before), (turns, tasks() - before)
        assert not coze._transport._websockets, turns
    assert await settle(lambda: emu.open_connections == 0)


async def test_cancelling_close_still_closes(coze: AsyncCoze, emu: Emulator):
    before = tasks()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=Recorder())
    await chat.connect()
    closing = asyncio.ensure_future(chat.close())
    await asyncio.sleep(0)
    closing.cancel()
    await asyncio.wait({closing})
    assert chat.session.closed
    assert await settle(lambda: tasks() <= before), tasks() - before
    assert await settle(lambda: emu.open_connections == 0)


async def test_cancelled_handshake_leaves_nothing(coze: AsyncCoze, emu: Emulator):
    emu.inject(path="/v1/chat", latency=5)
    before = tasks()
    task = asyncio.ensure_future(coze.websockets.chat.connect(bot_id=ECHO_BOT_ID).open())
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.wait({task})
    assert task.cancelled()
    assert await settle(lambda: tasks() <= before), tasks() - before
    assert await settle(lambda: emu.open_connections == 0)
