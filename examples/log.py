"""Turn on the SDK's logs (twin of cozepy's ``examples/log.py``): ``setup_logging(logging.DEBUG)``
shows one line per request and answer (method, path, status, logid, duration) and each retry;
never a body, a header or a token. Unlike cozepy, importing coze_async configures no logging, so
the ``coze_async`` logger also goes wherever your own logging configuration sends it (here: to
stdout, after the one-call switch). Async, then sync, with one retried 500 to show a retry line.
Offline against the emulator unless COZE_API_TOKEN is set."""

from __future__ import annotations

import asyncio
import logging
import sys

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, setup_logging


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        await coze.users.me()  # logged at DEBUG (and the retry, if any, at INFO)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        coze.workspaces.list()


if __name__ == "__main__":
    # the application's own configuration, as most programs have one
    logging.basicConfig(stream=sys.stdout, format="%(name)s %(levelname)s %(message)s")
    setup_logging(logging.DEBUG)  # sets the SDK's level; adds no handler when logging is set up
    with coze_target() as target:
        if target.emulator:  # offline: one failure, retried, to see the INFO line
            target.emulator.inject(path="/v1/users/me", status=500, code=5000, retry_after=0.05)
        asyncio.run(main_async(target))
        main_sync(target)
