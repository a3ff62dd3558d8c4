"""Talk with a bot in real time over a websocket: a question in (text, or audio), the answer out
as text deltas and PCM audio. Four ways: the async iterator, async handlers (cozepy's style),
then the same two with the sync client. Offline against the emulator's echo bot unless
COZE_API_TOKEN (and COZE_BOT_ID) are set.

cozepy's counterpart: ``examples/websockets_chat.py``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AsyncWebsocketsChatClient,
    AsyncWebsocketsChatEventHandler,
    ChatUpdateEvent,
    ConversationAudioDeltaEvent,
    ConversationChatCompletedEvent,
    ConversationChatRequiresActionEvent,
    ConversationMessageCreateEvent,
    ConversationMessageDeltaEvent,
    Coze,
    OutputAudio,
    TokenAuth,
    WebsocketsChatClient,
    WebsocketsChatEventHandler,
    WebsocketsErrorEvent,
)

QUESTION = "What is the weather like?"


def question(text: str) -> ConversationMessageCreateEvent:
    data = ConversationMessageCreateEvent.Data(role="user", content_type="text", content=text)
    return ConversationMessageCreateEvent(data=data)


async def iterator_async(target: Target) -> None:
    async with (
        AsyncCoze(TokenAuth(target.token), target.base_url) as coze,
        coze.websockets.chat.connect(bot_id=target.bot_id) as ws,
    ):
        audio_format = ChatUpdateEvent.Data(output_audio=OutputAudio(codec="pcm"))
        await ws.send(ChatUpdateEvent(data=audio_format))
        await ws.send(question(QUESTION))
        audio = bytearray()
        async for event in ws:
            if isinstance(event, ConversationMessageDeltaEvent):
                print(event.data.content, end="", flush=True)
            elif isinstance(event, ConversationAudioDeltaEvent):
                audio += event.get_audio() or b""
            elif isinstance(event, WebsocketsErrorEvent):
                print("\nerror:", event.data.code, event.data.msg)
            elif isinstance(event, ConversationChatCompletedEvent):
                print(f"\n[async iterator] {len(audio)} bytes of audio, logid {ws.logid}")
                break


class AsyncHandlers(AsyncWebsocketsChatEventHandler):
    """cozepy's form: a method per event; the client's senders are awaited in them."""

    async def on_conversation_message_delta(
        self, cli: AsyncWebsocketsChatClient, event: ConversationMessageDeltaEvent
    ) -> None:
        print(event.data.content, end="", flush=True)

    async def on_conversation_chat_requires_action(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatRequiresActionEvent
    ) -> None:
        await cli.conversation_chat_submit_tool_outputs(tool_outputs(event))

    async def on_conversation_chat_completed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatCompletedEvent
    ) -> None:
        print("\n[async handlers] completed")

    async def on_error(self, cli: AsyncWebsocketsChatClient, e: Any) -> None:
        print("\nerror:", e)


def tool_outputs(event: ConversationChatRequiresActionEvent) -> dict[str, Any]:
    """Answer every tool call (the emulator's tool bot asks for the weather)."""
    action = event.data.required_action
    calls = action.submit_tool_outputs.tool_calls if action and action.submit_tool_outputs else []
    outputs = [{"tool_call_id": call.id, "output": "sunny, 24 °C"} for call in calls]
    return {"chat_id": event.data.id, "tool_outputs": outputs}


async def handlers_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        chat = coze.websockets.chat.create(bot_id=target.bot_id, on_event=AsyncHandlers())
        async with chat() as client:
            await client.conversation_message_create(
                {"role": "user", "content_type": "text", "content": QUESTION}
            )
            await client.wait()


def iterator_sync(target: Target) -> None:
    with (
        Coze(TokenAuth(target.token), target.base_url) as coze,
        coze.websockets.chat.connect(bot_id=target.bot_id) as ws,
    ):
        ws.send(question(QUESTION))
        for event in ws:
            if isinstance(event, ConversationMessageDeltaEvent):
                print(event.data.content, end="", flush=True)
            elif isinstance(event, ConversationChatCompletedEvent):
                print("\n[sync iterator] completed")
                break


class SyncHandlers(WebsocketsChatEventHandler):
    """Sync handlers run in the client's own event-loop thread; senders called in them are
    written as soon as the handler returns."""

    def on_conversation_message_delta(
        self, cli: WebsocketsChatClient, event: ConversationMessageDeltaEvent
    ) -> None:
        print(event.data.content, end="", flush=True)

    def on_conversation_chat_requires_action(
        self, cli: WebsocketsChatClient, event: ConversationChatRequiresActionEvent
    ) -> None:
        cli.conversation_chat_submit_tool_outputs(tool_outputs(event))

    def on_conversation_chat_completed(
        self, cli: WebsocketsChatClient, event: ConversationChatCompletedEvent
    ) -> None:
        print("\n[sync handlers] completed")


def handlers_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        chat = coze.websockets.chat.create(bot_id=target.bot_id, on_event=SyncHandlers())
        with chat() as client:
            client.conversation_message_create(
                {"role": "user", "content_type": "text", "content": QUESTION}
            )
            client.wait(timeout=60)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(iterator_async(target))
        asyncio.run(handlers_async(target))
        iterator_sync(target)
        handlers_sync(target)
