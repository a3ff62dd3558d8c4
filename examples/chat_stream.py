"""Stream a chat with a bot, first with the async client, then with the sync one.

Talks to Coze when COZE_API_TOKEN and COZE_BOT_ID are set (COZE_API_BASE selects coze.cn);
otherwise to the embedded emulator's echo bot, so it runs offline as is:

    python examples/chat_stream.py

cozepy's counterpart: ``examples/chat_stream.py``.
"""

from __future__ import annotations

import asyncio
import os

from coze_async import COZE_COM_BASE_URL, AsyncCoze, ChatEventType, Coze, Message, TokenAuth
from coze_async.emulator import ECHO_BOT_ID, Emulator

QUESTION = "What can you do?"


async def chat_async(base_url: str, token: str, bot_id: str) -> None:
    async with AsyncCoze(TokenAuth(token), base_url) as coze:
        stream = coze.chat.stream(
            bot_id=bot_id,
            user_id="example-user",
            additional_messages=[Message.build_user_question_text(QUESTION)],
        )
        async with stream:  # the connection is released however the loop ends
            async for event in stream:
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    print(event.message.content, end="", flush=True)
                elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                    usage = event.chat.usage
                    print(
                        f"\n[async] {usage.token_count if usage else 0} tokens, "
                        f"logid {stream.response.logid}"
                    )


def chat_sync(base_url: str, token: str, bot_id: str) -> None:
    with Coze(TokenAuth(token), base_url) as coze:
        for event in coze.chat.stream(
            bot_id=bot_id,
            user_id="example-user",
            additional_messages=[Message.build_user_question_text(QUESTION)],
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
            elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                print(f"\n[sync] chat {event.chat.id} {event.chat.status.value}")


def main() -> None:
    token = os.environ.get("COZE_API_TOKEN")
    if token:
        base_url = os.environ.get("COZE_API_BASE", COZE_COM_BASE_URL)
        bot_id = os.environ["COZE_BOT_ID"]
        asyncio.run(chat_async(base_url, token, bot_id))
        chat_sync(base_url, token, bot_id)
        return
    with Emulator.run_in_thread(strict=True) as emu:
        assert emu.token is not None
        asyncio.run(chat_async(emu.base_url, emu.token, ECHO_BOT_ID))
        chat_sync(emu.base_url, emu.token, ECHO_BOT_ID)


if __name__ == "__main__":
    main()
