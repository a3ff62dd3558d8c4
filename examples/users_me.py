"""Who the token belongs to (twin of cozepy's ``examples/users_me.py``): ``users.me()`` from the
async client, then the sync one. Offline against the emulator unless COZE_API_TOKEN is set."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        user = await coze.users.me()
        print("[async] user", user.user_id, user.user_name, f"({user.nick_name})")
        print("[async] as JSON:", user.model_dump_json())


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        user = coze.users.me()
        print("[sync]", user.user_name, "logid:", user.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
