"""Create a bot, give it a prompt, publish it to the API channel and chat with it (async); then
list the space's published bots (sync). Offline against the emulator unless COZE_API_TOKEN is
set (then also set COZE_SPACE_ID).

cozepy's counterpart: ``examples/bot_create.py``, ``bot_update.py``, ``bot_publish.py`` and
``quickstart/agent-quickstart.py``.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, BotPromptInfo, Coze, Message, TokenAuth


async def main_async(target: Target) -> str:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        bot = await coze.bots.create(
            space_id=target.space_id,
            name="Example bot",
            description="Made by examples/bot_publish.py",
            prompt_info=BotPromptInfo(prompt="You answer briefly."),
        )
        await coze.bots.update(bot_id=bot.bot_id, description="Published by the example")
        published = await coze.bots.publish(bot_id=bot.bot_id)
        print("published bot", published.bot_id, "version", published.version)
        online = await coze.bots.retrieve(bot_id=bot.bot_id)
        print("online as", online.name, "-", online.description)
        poll = await coze.chat.create_and_poll(
            bot_id=bot.bot_id,
            user_id="example-user",
            additional_messages=[Message.build_user_question_text("Hello, new bot!")],
        )
        print("it answered:", [m.content for m in poll.messages or []])
        return bot.bot_id


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for bot in coze.bots.list(space_id=target.space_id):
            print("published:", bot.id, bot.name)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
