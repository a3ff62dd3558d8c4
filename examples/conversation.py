"""A conversation: create it, add context, chat inside it, read its history (async), then list
the bot's conversations (sync). Offline against the emulator unless COZE_API_TOKEN is set (then
also set COZE_BOT_ID).

cozepy's counterpart: ``examples/conversation.py``.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, ChatEventType, Coze, Message, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        conversation = await coze.conversations.create(
            bot_id=target.bot_id,
            messages=[Message.build_user_question_text("My name is Ada.")],
        )
        await coze.conversations.messages.create(
            conversation_id=conversation.id,
            role="assistant",
            content="Nice to meet you, Ada.",
            content_type="text",
        )
        stream = coze.chat.stream(
            bot_id=target.bot_id,
            user_id="example-user",
            conversation_id=conversation.id,
            additional_messages=[Message.build_user_question_text("What is my name?")],
        )
        async for event in stream:
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
        print()
        async for message in await coze.conversations.messages.list(
            conversation_id=conversation.id, order="asc"
        ):
            print(f"  {message.role.value:>9}: {message.content}")


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for conversation in coze.conversations.list(bot_id=target.bot_id, page_size=10):
            print("conversation", conversation.id, "created at", conversation.created_at)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
