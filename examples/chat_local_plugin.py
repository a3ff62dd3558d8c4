"""A bot that calls tools running on your side (twin of cozepy's ``examples/chat_local_plugin.py``
and ``examples/local_plugin.py``): when the chat stream says ``conversation.chat.requires_action``,
run the requested functions and submit their outputs, which streams the rest of the answer.
Async first, then sync. Offline against an emulated bot that calls ``get_schedule`` or
``screenshot`` unless COZE_API_TOKEN is set (then set COZE_BOT_ID to a bot with such local
plugins)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AsyncStream,
    ChatEvent,
    ChatEventType,
    Coze,
    Message,
    Stream,
    TokenAuth,
    ToolOutput,
)
from coze_async.emulator import ChatContext, Reply, ToolCall


def get_schedule() -> str:  # local plugins (mock implementations)
    return "I have two interviews in the afternoon."


def screenshot() -> str:
    return "The background of my screen is a little dog running on the beach."


LOCAL_FUNCTIONS: dict[str, Callable[[], str]] = {
    "get_schedule": get_schedule,
    "screenshot": screenshot,
}
QUESTIONS = ["What do I have to do in the afternoon?", "What's on my screen?"]


def plugin_bot(ctx: ChatContext) -> Reply:
    """Offline only: an emulated bot that calls one of the local plugins, then reports."""
    if ctx.tool_outputs:
        return "Here is what I found: " + "; ".join(o["output"] for o in ctx.tool_outputs)
    return ToolCall("screenshot" if "screen" in ctx.question else "get_schedule")


def run_tools(event: ChatEvent) -> list[ToolOutput]:
    action = event.chat.required_action if event.chat else None
    calls = action.submit_tool_outputs.tool_calls if action and action.submit_tool_outputs else []
    outputs: list[ToolOutput] = []
    for call in calls:
        if call.function is None:
            continue
        print(f"\n  function call: {call.function.name} {call.function.arguments}")
        result = LOCAL_FUNCTIONS[call.function.name]()
        outputs.append(ToolOutput(tool_call_id=call.id, output=json.dumps({"output": result})))
    return outputs


async def handle_stream_async(coze: AsyncCoze, stream: AsyncStream[ChatEvent]) -> None:
    async for event in stream:
        if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
            print(event.message.content, end="", flush=True)
        elif event.event is ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION and event.chat:
            await handle_stream_async(
                coze,
                coze.chat.submit_tool_outputs_stream(
                    conversation_id=event.chat.conversation_id,
                    chat_id=event.chat.id,
                    tool_outputs=run_tools(event),
                ),
            )
        elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
            print("\n  token usage:", event.chat.usage.token_count if event.chat.usage else 0)


def handle_stream_sync(coze: Coze, stream: Stream[ChatEvent]) -> None:
    for event in stream:
        if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
            print(event.message.content, end="", flush=True)
        elif event.event is ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION and event.chat:
            handle_stream_sync(
                coze,
                coze.chat.submit_tool_outputs(  # cozepy's spelling: stream=True
                    conversation_id=event.chat.conversation_id,
                    chat_id=event.chat.id,
                    tool_outputs=run_tools(event),
                    stream=True,
                ),
            )
    print()


async def main_async(target: Target, bot_id: str) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        for question in QUESTIONS:
            print("[async]", question)
            stream = coze.chat.stream(
                bot_id=bot_id,
                user_id="example-user",
                additional_messages=[Message.build_user_question_text(question)],
            )
            await handle_stream_async(coze, stream)


def main_sync(target: Target, bot_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        print("[sync]", QUESTIONS[0])
        stream = coze.chat.stream(
            bot_id=bot_id,
            user_id="example-user",
            additional_messages=[Message.build_user_question_text(QUESTIONS[0])],
        )
        handle_stream_sync(coze, stream)


if __name__ == "__main__":
    with coze_target() as target:
        emu = target.emulator
        bot_id = emu.register_responder(plugin_bot) if emu else target.bot_id
        asyncio.run(main_async(target, bot_id))
        main_sync(target, bot_id)
