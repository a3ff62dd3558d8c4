"""Copy a template into your workspace (twin of cozepy's ``examples/template_duplicate.py``):
duplicate it under a new name, then read the new bot (async); then duplicate it again from sync
code. Offline against the emulator's template unless COZE_API_TOKEN is set (then also set
COZE_TEMPLATE_ID and COZE_SPACE_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth
from coze_async.emulator.routes.templates import TEMPLATE_ID


async def main_async(target: Target, template_id: str) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        copy = await coze.templates.duplicate(
            template_id=template_id, workspace_id=target.space_id, name="My copy"
        )
        print("[async] new", copy.entity_type.value, copy.entity_id)
        if copy.entity_type.value == "agent":  # an agent template becomes a draft bot
            bot = await coze.bots.retrieve(
                bot_id=copy.entity_id, is_published=False, use_api_version=2
            )
            print("[async] it is the bot", repr(bot.name))


def main_sync(target: Target, template_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        copy = coze.templates.duplicate(template_id=template_id, workspace_id=target.space_id)
        print("[sync] new", copy.entity_type.value, copy.entity_id, "logid:", copy.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        template_id = target.id("COZE_TEMPLATE_ID", TEMPLATE_ID)
        asyncio.run(main_async(target, template_id))
        main_sync(target, template_id)
