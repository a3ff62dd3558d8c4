"""A chat without streaming (twin of cozepy's ``examples/chat_no_stream.py``): step by step
(create, poll with retrieve, cancel when it takes too long, list the messages) with the async
client, then in one call with ``create_and_poll`` in sync code. Offline against the emulator
unless COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio
import time

from _target import Target, coze_target

from coze_async import AsyncCoze, ChatStatus, Coze, Message, TokenAuth

HISTORY = [
    Message.build_user_question_text("Who are you?"),
    Message.build_assistant_answer("I am a bot made with Coze."),
    Message.build_user_question_text("What about you?"),
]


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        chat = await coze.chat.create(
            bot_id=target.bot_id, user_id="example-user", additional_messages=HISTORY
        )
        deadline = time.monotonic() + 600
        while chat.status is ChatStatus.IN_PROGRESS or chat.status is ChatStatus.CREATED:
            if time.monotonic() > deadline:  # too long: give up on it
                chat = await coze.chat.cancel(conversation_id=chat.conversation_id, chat_id=chat.id)
                break
            await asyncio.sleep(0.2)  # does not block the event loop
            chat = await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
        print("[async] chat", chat.id, chat.status.value)
        for message in await coze.chat.messages.list(
            conversation_id=chat.conversation_id, chat_id=chat.id
        ):
            print(f"  role={message.role.value} type={message.type.value}: {message.content}")


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        # create, poll and list in one call, with backoff and a deadline
        poll = coze.chat.create_and_poll(
            bot_id=target.bot_id, user_id="example-user", additional_messages=HISTORY
        )
        print("[sync]", "".join(m.content for m in poll.messages or []))
        if poll.chat.status is ChatStatus.COMPLETED and poll.chat.usage:
            print("[sync] token usage:", poll.chat.usage.token_count)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
