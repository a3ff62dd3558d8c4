"""Reading ahead: ``next_batch`` hands out every event received by then (the sync iterator's one
thread hop per batch), in order, an error after the events before it; the sync iterator and
``receive()`` give what the async ones give. And handlers found once per event type follow
``on()``."""

from __future__ import annotations

import collections
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from aiohttp import WSMessage, WSMsgType

from coze_async import (
    AsyncCoze,
    ConversationMessageCreateEvent,
    Coze,
    CozeInvalidEventError,
    CozeWebsocketClosedError,
    WebsocketsEventType,
)
from coze_async._websocket import AsyncWebsocketSession
from coze_async.emulator import ECHO_BOT_ID, Emulator
from coze_async.models.websockets_chat import CHAT_EVENTS

pytestmark = pytest.mark.timeout(60)

CHAT_DONE = WebsocketsEventType.CONVERSATION_CHAT_COMPLETED


def user_text(text: str) -> ConversationMessageCreateEvent:
    return ConversationMessageCreateEvent(
        data=ConversationMessageCreateEvent.Data(role="user", content_type="text", content=text)
    )


def delta(n: int) -> WSMessage:
    data = {"role": "assistant", "content": str(n), "content_type": "text"}
    text = orjson.dumps({"event_type": "conversation.message.delta", "id": str(n), "data": data})
    return WSMessage(WSMsgType.TEXT, text.decode(), None)


BAD = WSMessage(WSMsgType.TEXT, "not json", None)
NORMAL_CLOSE = WSMessage(WSMsgType.CLOSE, 1000, "")


class StubTransport:
    def untrack_websocket(self, session: Any) -> None:
        pass


class StubWebsocket:
    """What a session reads: messages received already (in aiohttp's queue, when ``internals``),
    then the end."""

    def __init__(self, messages: list[WSMessage], *, internals: bool = True) -> None:
        self.queue = collections.deque(messages)
        if internals:
            self._reader = type("Reader", (), {"_buffer": self.queue})()
        self.closed = False

    async def receive(self) -> WSMessage:
        if self.queue and not self.closed:
            return self.queue.popleft()
        return WSMessage(WSMsgType.CLOSED, None, None)

    async def close(self) -> None:
        self.closed = True

    def exception(self) -> BaseException | None:
        return None


def session_over(messages: list[WSMessage], *, internals: bool = True) -> AsyncWebsocketSession:
    session = AsyncWebsocketSession(StubTransport(), "/v1/chat", None, CHAT_EVENTS)  # type: ignore[arg-type]
    session._ws = StubWebsocket(messages, internals=internals)  # type: ignore[assignment]
    session._state = "open"
    return session


async def batches(session: AsyncWebsocketSession) -> list[Any]:
    """What successive next_batch() calls give: the events' ids per batch, or the error."""
    out: list[Any] = []
    while True:
        try:
            batch = await session.next_batch()
        except CozeInvalidEventError:
            out.append("invalid")
            continue
        except CozeWebsocketClosedError as exc:
            out.append(exc.close_code)
            return out
        if not batch:
            return out
        out.append([event.id for event in batch])


async def test_a_batch_is_what_was_received_and_an_error_comes_after_the_events_before_it():
    messages = [delta(1), delta(2), BAD, delta(3), NORMAL_CLOSE]
    assert await batches(session_over(messages)) == [["1", "2"], "invalid", ["3"]]
    # The same order, event by event, with next_event().
    session = session_over(messages)
    seen: list[Any] = []
    while True:
        try:
            event = await session.next_event()
        except CozeInvalidEventError:
            seen.append("invalid")
            continue
        if event is None:
            break
        seen.append(event.id)
    assert seen == ["1", "2", "invalid", "3"]


async def test_an_abnormal_end_is_raised_after_the_events_before_it():
    session = session_over([delta(1), delta(2)])  # then the connection drops (no close frame)
    assert await batches(session) == [["1", "2"], 1006]
    with pytest.raises(CozeWebsocketClosedError):  # and stays raised
        await session.next_batch()


async def test_an_error_read_ahead_is_dropped_by_close_as_the_events_are():
    session = session_over([delta(1), BAD, delta(2), NORMAL_CLOSE])
    assert [event.id for event in await session.next_batch()] == ["1"]
    await session.close()
    assert await session.next_event() is None
    assert await session.next_batch() == []


async def test_without_aiohttps_queue_a_batch_holds_one_event():
    session = session_over([delta(1), delta(2), BAD, delta(3), NORMAL_CLOSE], internals=False)
    assert await batches(session) == [["1"], ["2"], "invalid", ["3"]]


async def test_aiohttp_still_has_the_queue_batches_look_at(coze: AsyncCoze):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        reader = ws._ws._reader  # type: ignore[union-attr]
        assert isinstance(reader._buffer, collections.deque)


# -- the sync iterator: the async one's events and errors, in the same order -----------------


@pytest.fixture
def sync_coze(coze_emulator: Emulator) -> Iterator[Coze]:
    with coze_emulator.client() as client:
        yield client


def test_sync_reads_give_the_malformed_message_in_its_place(
    sync_coze: Coze, coze_emulator: Emulator
):
    for read in ("receive", "next"):
        coze_emulator.inject(path="/v1/chat", malformed_after=2)
        with sync_coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
            ws.send(user_text("go on"))
            kinds = []
            while True:
                try:
                    event = ws.receive() if read == "receive" else next(ws)
                except CozeInvalidEventError:
                    kinds.append("invalid")
                    continue
                kinds.append(event.event_type.value)
                if event.event_type == CHAT_DONE:
                    break
        assert kinds[:4] == [
            "chat.created",
            "conversation.chat.created",
            "invalid",
            "conversation.chat.in_progress",
        ], read
        assert kinds.count("invalid") == 1 and "conversation.message.delta" in kinds


def test_sync_reads_after_the_end(sync_coze: Coze):
    with sync_coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        ws.send(user_text("hi"))
        for event in ws:
            if event.event_type == CHAT_DONE:
                break
    assert list(ws) == []  # closed here: iteration ends
    with pytest.raises(CozeWebsocketClosedError):
        ws.receive()


# -- handlers: found once per type, until on() changes them -------------------------------------


async def test_on_during_a_session_takes_effect_for_the_next_event(coze: AsyncCoze):
    got: list[str] = []

    async def first(cli: Any, event: Any) -> None:
        got.append("first")
        cli.on("conversation.message.delta", second)

    async def second(cli: Any, event: Any) -> None:
        got.append("second")

    client = coze.websockets.chat.create(
        bot_id=ECHO_BOT_ID, on_event={"conversation.message.delta": first}
    )
    async with client() as chat:
        await chat.conversation_message_create(
            {"role": "user", "content_type": "text", "content": "a b c"}
        )
        await chat.wait()
    assert got[0] == "first" and got[1:] == ["second"] * (len(got) - 1) and len(got) > 1
