"""Handle errors (twin of cozepy's ``examples/exception.py``): every API error is a
``CozeAPIError`` with ``code``, ``msg``, ``logid`` (quote it to Coze's support) and the HTTP
``status``; catch a subclass to react by meaning (``NotFoundError``, ``AuthenticationError``,
``RateLimitError`` with ``retry_after``...). Network failures are ``CozeConnectionError`` /
``CozeTimeoutError``, and arguments the SDK can check fail before any request. Async, then sync.
Offline against the emulator (with one injected 429) unless COZE_API_TOKEN is set."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AuthenticationError,
    Coze,
    CozeAPIError,
    CozeConnectionError,
    CozeInvalidArgumentError,
    NotFoundError,
    RateLimitError,
    TokenAuth,
)


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        try:  # cozepy's example: a bot in a workspace that does not exist
            await coze.bots.create(space_id="1234567890", name="translator bot")
        except CozeAPIError as error:
            print("[async] API error:", error.code, error.msg, "logid:", error.logid)
        try:
            await coze.conversations.retrieve(conversation_id="1234567890")
        except NotFoundError as error:
            print("[async] not found:", error.code, f"(HTTP {error.status})")
        try:
            await coze.users.me(max_retries=0)  # offline, the emulator answers 429 once
        except RateLimitError as error:
            print("[async] rate limited, retry after", error.retry_after, "s")
        else:
            print("[async] not rate limited this time")
        try:
            await coze.bots.list(space_id=target.space_id, page_size=0)
        except CozeInvalidArgumentError as error:
            print("[async] refused before sending:", error)

    async with AsyncCoze(TokenAuth("pat_wrong"), target.base_url) as coze:
        try:
            await coze.users.me()
        except AuthenticationError as error:
            print("[async] bad token:", error.code, error.msg)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), "http://127.0.0.1:9", max_retries=0) as coze:
        try:  # nothing listens there
            coze.users.me()
        except CozeConnectionError as error:
            print("[sync] connection failed:", type(error).__name__)


if __name__ == "__main__":
    with coze_target() as target:
        if target.emulator:
            target.emulator.inject(path="/v1/users/me", status=429, retry_after=1.5)
        asyncio.run(main_async(target))
        main_sync(target)
