"""Take a bot off a channel (twin of cozepy's ``examples/bot_unpublish.py``): create and publish
a bot to the API channel, then unpublish it from there, with a reason (async); then check from
sync code that it is no longer listed as published. Offline against the emulator unless
COZE_API_TOKEN is set (then also set COZE_SPACE_ID; the example makes its own bot)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, BotPromptInfo, Coze, TokenAuth

API_CONNECTOR_ID = "1024"  # the "API" channel


async def main_async(target: Target) -> str:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        bot = await coze.bots.create(
            space_id=target.space_id,
            name="Short-lived bot",
            prompt_info=BotPromptInfo(prompt="Answer briefly."),
        )
        await coze.bots.publish(bot_id=bot.bot_id, connector_ids=[API_CONNECTOR_ID])
        print("[async] published", bot.bot_id)
        result = await coze.bots.unpublish(
            bot_id=bot.bot_id, connector_id=API_CONNECTOR_ID, unpublish_reason="made by an example"
        )
        print("[async] unpublished, logid:", result.response.logid)
        return bot.bot_id


def main_sync(target: Target, bot_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        published = {bot.id for bot in coze.bots.list(space_id=target.space_id)}
        print("[sync] still published:", bot_id in published)


if __name__ == "__main__":
    with coze_target() as target:
        bot_id = asyncio.run(main_async(target))
        main_sync(target, bot_id)
