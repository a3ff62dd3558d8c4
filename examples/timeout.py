"""Configure timeouts (twin of cozepy's ``examples/timeout.py``): cozepy's spelling
(``SyncHTTPClient``/``AsyncHTTPClient`` with a timeout; an ``httpx.Timeout`` works there too),
the client's ``timeout=``, a per-call ``timeout=`` and ``Timeout(total=...)``, a deadline for the
whole call, retries included. A number limits each network wait (for a stream, the gap between
two events). Offline, the emulator is made slow on ``/v1/users/me`` to show a ``CozeTimeoutError``;
against Coze (COZE_API_TOKEN set) a tiny timeout shows it."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AsyncHTTPClient,
    Coze,
    CozeTimeoutError,
    SyncHTTPClient,
    Timeout,
    TokenAuth,
)


async def main_async(target: Target, slow: float) -> None:
    # cozepy's way: an HTTP client carrying the timeout (600 s per wait, 5 s to connect)
    http_client = AsyncHTTPClient(timeout=Timeout(600.0, connect=5.0))
    async with AsyncCoze(TokenAuth(target.token), target.base_url, http_client) as coze:
        page = await coze.workspaces.list()
        print("[async] with the client's timeout:", [w.name for w in page.items])
        try:  # this call only: give up after `slow` seconds without an answer, no retries
            await coze.users.me(timeout=slow, max_retries=0)
        except CozeTimeoutError as error:
            print("[async] per-call timeout:", error)
    # the same with the client's own keyword, and one deadline for whole calls
    async with AsyncCoze(
        TokenAuth(target.token), target.base_url, timeout=Timeout(10, total=30)
    ) as coze:
        print(
            "[async] within 30 s in all:", len((await coze.workspaces.list()).items), "workspace(s)"
        )


def main_sync(target: Target, slow: float) -> None:
    http_client = SyncHTTPClient(timeout=Timeout(600.0, connect=5.0))
    with Coze(TokenAuth(target.token), target.base_url, http_client=http_client) as coze:
        try:
            coze.users.me(timeout=Timeout(total=slow), max_retries=0)
        except CozeTimeoutError as error:
            print("[sync] total deadline:", type(error).__name__)


if __name__ == "__main__":
    with coze_target() as target:
        slow = 0.001  # against Coze: too short for any answer
        if target.emulator:  # offline: /v1/users/me takes 1 s to answer
            slow = 0.2
            target.emulator.inject(path="/v1/users/me", latency=1.0, times=None)
        asyncio.run(main_async(target, slow))
        main_sync(target, slow)
