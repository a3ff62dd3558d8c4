"""List a bot's conversations (twin of cozepy's ``examples/conversation_list.py``): walk every
conversation with ``async for``, newest first, and page by page with ``iter_pages()``; then the
same walk in sync code. Offline against the emulator (after creating a few conversations) unless
COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        if target.emulator:  # offline, the bot has no conversations yet
            for name in ("first", "second", "third"):
                await coze.conversations.create(bot_id=target.bot_id, name=name)
        async for conversation in coze.conversations.list(bot_id=target.bot_id, sort_order="DESC"):
            print("[async]", conversation.id, conversation.name, conversation.created_at)
        first = await coze.conversations.list(bot_id=target.bot_id, page_size=2)
        async for page in first.iter_pages():
            print("[async] a page of", len(page.items), "- more:", page.has_more)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        names = [c.name for c in coze.conversations.list(bot_id=target.bot_id, page_size=2)]
        print("[sync]", names)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
