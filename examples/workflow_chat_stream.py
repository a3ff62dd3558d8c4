"""Chat with a chatflow (a workflow in chat mode), streamed (twin of cozepy's
``examples/workflow_chat_stream.py`` and ``examples/workflow_chat_multimode_stream.py``): a text
question, then one with text and an uploaded image, in the same conversation. Async, then sync.
Offline against the emulator's echo workflow unless COZE_API_TOKEN is set (then set
COZE_PLAIN_WORKFLOW_ID to a chatflow and COZE_BOT_ID to the bot or app it runs in)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, ChatEventType, Coze, Message, MessageObjectString, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        conversation = await coze.conversations.create()
        image = await coze.files.upload(file=b"\x89PNG\r\n\x1a\n (an image)")
        questions = [
            Message.build_user_question_text("Tell me a joke."),
            Message.build_user_question_objects(
                [
                    MessageObjectString.build_text("What is in this image?"),
                    MessageObjectString.build_image(file_id=image.id),
                ]
            ),
        ]
        for question in questions:
            stream = coze.workflows.chat.stream(
                workflow_id=target.plain_workflow_id,
                bot_id=target.bot_id,
                conversation_id=conversation.id,
                additional_messages=[question],
            )
            async for event in stream:
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    print(event.message.content, end="", flush=True)
                elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                    tokens = event.chat.usage.token_count if event.chat.usage else 0
                    print(f"\n[async] completed, {tokens} tokens, logid {stream.response.logid}")


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for event in coze.workflows.chat.stream(
            workflow_id=target.plain_workflow_id,
            bot_id=target.bot_id,
            additional_messages=[Message.build_user_question_text("And another one.")],
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
        print(" [sync]")


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
