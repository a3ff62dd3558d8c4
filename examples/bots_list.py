"""List a workspace's bots and read one (twin of cozepy's ``examples/bots_list.py`` and
``examples/bot_retrieve.py``): every bot with ``async for`` (pages fetched as needed), the
drafts too, one bot's published configuration and its versions (async); the first page in sync
code. Offline against the emulator unless COZE_API_TOKEN is set (then also set COZE_SPACE_ID and
COZE_BOT_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, PublishStatus, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        async for bot in coze.bots.list(space_id=target.space_id, page_size=10):
            print("[async] published:", bot.id, bot.name, "updated", bot.updated_at)
        everything = await coze.bots.list(
            space_id=target.space_id, publish_status=PublishStatus.ALL
        )
        print("[async] drafts included:", [b.name for b in everything.items])
        one = await coze.bots.retrieve(bot_id=target.bot_id)
        print("[async] bot", one.bot_id, repr(one.name), "version", one.version)
        async for version in coze.bots.versions.list(bot_id=target.bot_id):
            print("   version", version.version, "created", version.created_at, version.changelog)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        page = coze.bots.list(space_id=target.space_id)
        print(f"[sync] {page.total} bot(s), more pages: {page.has_more}")


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
