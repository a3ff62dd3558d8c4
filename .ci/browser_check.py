"""The browser check of ``examples/fastapi_app.py``: headless Chromium opens the page, asks the
question, and must show the streamed answer and its end marker; a screenshot is saved.

It drives Chromium over the DevTools protocol with aiohttp (no extra dependency) against the app
served by uvicorn, with the emulator behind it. Usage: ``.venv/bin/python .ci/browser_check.py
[SCREENSHOT.png]`` (Chromium at ``$CHROMIUM`` or ``/usr/bin/chromium``)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))

import fastapi_app  # noqa: E402  (examples/ is not a package)
from _target import coze_target  # noqa: E402

QUESTION = "What can you do?"  # the page's default question; the echo bot repeats it
DONE_MARK = "tokens, logid"  # what the page prints once the stream's done event arrived


class DevTools:
    """One page of a browser, over the DevTools protocol."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        await self._ws.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = json.loads(await self._ws.receive_str(timeout=30))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


@contextlib.asynccontextmanager
async def chromium(session: aiohttp.ClientSession) -> AsyncIterator[DevTools]:
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as profile:
        process = await asyncio.create_subprocess_exec(
            executable,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            assert process.stderr is not None
            endpoint = ""
            while not endpoint:
                line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
                if not line:
                    raise RuntimeError("Chromium exited before it listened")
                if "DevTools listening on ws://" in line:
                    endpoint = line.split("ws://", 1)[1].split("/", 1)[0]
            async with session.get(f"http://{endpoint}/json/list") as response:
                pages = [t for t in await response.json() if t["type"] == "page"]
            async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield DevTools(ws)
        finally:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


async def check() -> tuple[str, bytes]:
    with coze_target() as target:
        async with (
            fastapi_app.serving(fastapi_app.create_app(target)) as url,
            aiohttp.ClientSession() as session,
            chromium(session) as page,
        ):
            await page.call("Page.enable")
            await page.call("Page.navigate", url=url + "/")
            for _ in range(300):
                if await page.evaluate("document.readyState") == "complete":
                    break
                await asyncio.sleep(0.05)
            await page.evaluate("document.querySelector('#ask button').click()")
            text = ""
            for _ in range(400):
                text = await page.evaluate("document.getElementById('answer').textContent") or ""
                if DONE_MARK in text:
                    break
                await asyncio.sleep(0.05)
            shot = await page.call("Page.captureScreenshot", format="png")
    return text, base64.b64decode(shot["data"])


def main() -> None:
    screenshot = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "page.png"
    text, png = asyncio.run(check())
    screenshot.write_bytes(png)
    if QUESTION not in text or DONE_MARK not in text:
        raise SystemExit(f"browser check: the page did not show the streamed answer: {text!r}")
    first_line = text.strip().splitlines()[0]
    size = screenshot.stat().st_size
    print(f"browser check: the page showed {first_line!r}; screenshot {screenshot} ({size} bytes)")


if __name__ == "__main__":
    main()
