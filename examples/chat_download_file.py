"""Save the files a bot answers with (twin of cozepy's ``examples/chat_download_file.py``):
stream a chat, and when an answer delta is a link, download it (with aiohttp, which coze_async
already depends on) into a temporary directory. Async, then the sync client with a plain
``urllib`` download. Offline, the emulated bot answers with a link to a small file server
started here; set COZE_API_TOKEN and COZE_BOT_ID (a bot that answers with file links) to use
Coze."""

from __future__ import annotations

import asyncio
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Thread

import aiohttp
from _target import Target, coze_target
from aiohttp import web

from coze_async import AsyncCoze, ChatEventType, Coze, Message, TokenAuth

QUESTION = [Message.build_user_question_text("Draw me a report, please.")]


def file_name(url: str) -> str:
    return Path(url.split("?")[0]).name or "download"


async def main_async(target: Target, bot_id: str, folder: Path) -> None:
    async with (
        AsyncCoze(TokenAuth(target.token), target.base_url) as coze,
        aiohttp.ClientSession() as http,
    ):
        async for event in coze.chat.stream(
            bot_id=bot_id, user_id="example-user", additional_messages=QUESTION
        ):
            if event.event is not ChatEventType.CONVERSATION_MESSAGE_DELTA or not event.message:
                continue
            url = event.message.content.strip()
            if url.startswith("http"):
                async with http.get(url) as response:
                    response.raise_for_status()
                    path = folder / file_name(url)
                    path.write_bytes(await response.read())
                print("[async] saved", url, "to", path, f"({path.stat().st_size} bytes)")


def main_sync(target: Target, bot_id: str, folder: Path) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for event in coze.chat.stream(
            bot_id=bot_id, user_id="example-user", additional_messages=QUESTION
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                url = event.message.content.strip()
                if url.startswith("http"):
                    path = folder / ("sync-" + file_name(url))
                    with urllib.request.urlopen(url) as response:
                        path.write_bytes(response.read())
                    print("[sync] saved", path.name, f"({path.stat().st_size} bytes)")


@contextmanager
def file_server() -> Iterator[str]:
    """Offline only: a loopback server with one file, standing in for Coze's file storage."""

    async def report(request: web.Request) -> web.Response:
        return web.Response(body=b"quarter,revenue\nQ1,42\n", content_type="text/csv")

    app = web.Application()
    app.router.add_get("/files/report.csv", report)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/files/report.csv?signature=example"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.run_until_complete(runner.cleanup())
        loop.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, coze_target() as target:
        emu = target.emulator
        if emu is None:
            asyncio.run(main_async(target, target.bot_id, Path(tmp)))
            main_sync(target, target.bot_id, Path(tmp))
        else:
            with file_server() as url:
                bot_id = emu.register_responder(lambda ctx: [url])  # the link in one delta
                asyncio.run(main_async(target, bot_id, Path(tmp)))
                main_sync(target, bot_id, Path(tmp))
