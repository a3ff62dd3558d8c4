"""A multi-turn chat inside one conversation, streamed (twin of cozepy's
``examples/chat_conversation_stream.py``): create a conversation, then ask one question after
another in it, each answer streamed; the bot sees the earlier turns. Async first, then the same
in sync code. Offline against the emulator (its bot here says which turn it answers) unless
COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, ChatEventType, Coze, Message, TokenAuth
from coze_async.emulator import ChatContext

QUESTIONS = ["Hi, I am Ada.", "What did I just tell you?"]


def remembering_bot(ctx: ChatContext) -> str:
    """Offline only: an emulated bot that shows it sees the whole conversation."""
    turns = [m["content"] for m in ctx.messages if m.get("role") == "user"]
    return f"(turn {len(turns)}) earlier you said: {turns[:-1]}"


async def main_async(target: Target, bot_id: str) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        conversation = await coze.conversations.create()
        print("[async] conversation", conversation.id)
        for question in QUESTIONS:
            print("user:", question)
            print("bot: ", end="")
            async for event in coze.chat.stream(
                bot_id=bot_id,
                user_id="example-user",
                conversation_id=conversation.id,
                additional_messages=[Message.build_user_question_text(question)],
            ):
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    print(event.message.content, end="", flush=True)
            print()


def main_sync(target: Target, bot_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        conversation = coze.conversations.create()
        for question in QUESTIONS:
            answer = ""
            for event in coze.chat.stream(
                bot_id=bot_id,
                user_id="example-user",
                conversation_id=conversation.id,
                additional_messages=[Message.build_user_question_text(question)],
            ):
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    answer += event.message.content
            print(f"[sync] {question!r} -> {answer!r}")


if __name__ == "__main__":
    with coze_target() as target:
        emu = target.emulator
        bot_id = emu.register_responder(remembering_bot) if emu else target.bot_id
        asyncio.run(main_async(target, bot_id))
        main_sync(target, bot_id)
