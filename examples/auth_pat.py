"""Authenticate with a personal access token (twin of cozepy's ``examples/auth_pat.py``):
``TokenAuth("pat_...")``, or ``TokenAuth(function)`` to read the current token on every request
(a token rotated by your secret store is picked up without a new client); cozepy's
``AsyncTokenAuth`` is accepted too. Async, then sync. Create a token at
https://www.coze.com/open/oauth/pats (https://www.coze.cn/open/oauth/pats for coze.cn). Offline
against the emulator (its token) unless COZE_API_TOKEN is set."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, AsyncTokenAuth, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(token=target.token), base_url=target.base_url) as coze:
        me = await coze.users.me()
        print("[async] signed in as", me.user_name)
    # cozepy's async spelling, the same class of token
    async with AsyncCoze(auth=AsyncTokenAuth(token=target.token), base_url=target.base_url) as coze:
        print("[async] AsyncTokenAuth works too:", (await coze.users.me()).user_id)
    print("[async] the token stays out of reprs:", TokenAuth(target.token))


def main_sync(target: Target) -> None:
    calls = 0

    def current_token() -> str:  # e.g. read from your secret store
        nonlocal calls
        calls += 1
        return target.token

    with Coze(TokenAuth(current_token), base_url=target.base_url) as coze:
        coze.users.me()
        coze.workspaces.list()
    print(f"[sync] the token function was asked {calls} times")


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
