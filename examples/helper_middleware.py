"""Watch or change every request (twin of cozepy's ``examples/helper_middleware.py``). cozepy
takes ``middlewares=`` wrapping its httpx calls; coze_async runs on aiohttp, so the same hook is
aiohttp's own ``TraceConfig`` on a session you give ``AsyncCoze`` (the session stays yours to
close), and extra headers go in ``headers=`` (client or call). Async only: a session belongs to
one event loop, so the sync ``Coze`` takes ``headers=`` but no session. Offline against the
emulator unless COZE_API_TOKEN is set (then also set COZE_SPACE_ID)."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import aiohttp
from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def before(
    session: aiohttp.ClientSession, ctx: SimpleNamespace, params: aiohttp.TraceRequestStartParams
) -> None:
    ctx.started = time.perf_counter()
    print("before", params.method, params.url.path)


async def after(
    session: aiohttp.ClientSession, ctx: SimpleNamespace, params: aiohttp.TraceRequestEndParams
) -> None:
    elapsed = (time.perf_counter() - ctx.started) * 1000
    logid = params.response.headers.get("x-tt-logid", "")
    print(f"after  {params.response.status} in {elapsed:.0f} ms, logid {logid}")


async def main_async(target: Target) -> None:
    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(before)
    trace.on_request_end.append(after)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        coze = AsyncCoze(
            TokenAuth(target.token),
            target.base_url,
            session,
            headers={"x-example": "helper_middleware"},  # sent with every request
        )
        async with coze:
            page = await coze.bots.list(space_id=target.space_id)
            print("[async] bots:", [bot.name for bot in page.items])


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url, headers={"x-example": "sync"}) as coze:
        page = coze.bots.list(space_id=target.space_id, headers={"x-request-tag": "list"})
        print("[sync] bots:", len(page.items), "logid:", page.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
