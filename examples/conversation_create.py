"""Create, rename, read and clear a conversation (twin of cozepy's
``examples/conversation_create.py`` and ``examples/conversation_update.py``): a conversation
with opening messages and metadata, renamed, read back, its context cleared into a new section,
its messages edited (async); then created and read from sync code. Offline against the emulator
unless COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, Message, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        conversation = await coze.conversations.create(
            bot_id=target.bot_id,
            messages=[
                Message.build_user_question_text("Let's plan a trip."),
                Message.build_assistant_answer("Sure, where to?"),
            ],
            meta_data={"source": "example"},
        )
        print("[async] created", conversation.id, "at", conversation.created_at)
        renamed = await coze.conversations.update(conversation_id=conversation.id, name="Trip")
        print("[async] renamed to", repr(renamed.name))
        again = await coze.conversations.retrieve(conversation_id=conversation.id)
        print("[async] retrieved", again.id, again.name, again.meta_data)
        messages = await coze.conversations.messages.list(conversation_id=conversation.id)
        first = messages.items[-1]  # newest first by default
        assert first.id is not None
        edited = await coze.conversations.messages.update(
            conversation_id=conversation.id, message_id=first.id, content="Let's plan a holiday."
        )
        print("[async] edited a message:", edited.content)
        section = await coze.conversations.clear(conversation_id=conversation.id)
        print("[async] cleared: new section", section.id)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        conversation = coze.conversations.create(bot_id=target.bot_id)
        print("[sync]", coze.conversations.retrieve(conversation_id=conversation.id).id)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
