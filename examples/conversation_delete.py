"""Delete a conversation (twin of cozepy's ``examples/conversation_delete.py`` and
``examples/conversation_delete_async.py``): create three and delete them concurrently with
``asyncio.gather``, show that a deleted one is gone (a typed ``NotFoundError``), then create and
delete one from sync code. Offline against the emulator
unless COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, CozeAPIError, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        created = await asyncio.gather(
            *(coze.conversations.create(bot_id=target.bot_id) for _ in range(3))
        )
        ids = [conversation.id for conversation in created]
        await asyncio.gather(*(coze.conversations.delete(conversation_id=i) for i in ids))
        print("[async] deleted", ids)
        try:
            await coze.conversations.retrieve(conversation_id=ids[0])
        except CozeAPIError as error:
            print(f"[async] retrieving a deleted one: {type(error).__name__} {error.code}")


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        conversation = coze.conversations.create(bot_id=target.bot_id)
        result = coze.conversations.delete(conversation_id=conversation.id)
        print("[sync] deleted", conversation.id, "logid:", result.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
