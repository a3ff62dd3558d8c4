"""A streamed chat with text and an image in one question (twin of cozepy's
``examples/chat_multimode_stream.py``): upload the picture, then refer to it by file id in
``Message.build_user_question_objects``. Async, then sync. Pass an image path as the
first argument (a tiny PNG is made otherwise). Offline against the emulator (whose bot describes
what it received) unless COZE_API_TOKEN is set (then also set COZE_BOT_ID)."""

from __future__ import annotations

import asyncio
import json
import struct
import sys
import tempfile
import zlib
from pathlib import Path

from _target import Target, coze_target

from coze_async import AsyncCoze, ChatEventType, Coze, Message, MessageObjectString, TokenAuth
from coze_async.emulator import ChatContext


def tiny_png(path: Path) -> Path:
    """A 1x1 white PNG, so the example needs no file of yours."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xff\xff")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def vision_bot(ctx: ChatContext) -> str:
    """Offline only: an emulated bot that says which parts of the question it got."""
    parts = json.loads(ctx.messages[-1]["content"])
    kinds = ", ".join(p["type"] + (f" {p['file_id']}" if "file_id" in p else "") for p in parts)
    return f"I received: {kinds}. The text asks: {ctx.question}"


async def main_async(target: Target, bot_id: str, image: Path) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        file = await coze.files.upload(file=image)
        print("[async] uploaded", file.file_name, "as", file.id)
        stream = coze.chat.stream(
            bot_id=bot_id,
            user_id="example-user",
            additional_messages=[
                Message.build_user_question_objects(
                    [
                        MessageObjectString.build_text("What text is on the picture?"),
                        MessageObjectString.build_image(file_id=file.id),
                    ]
                )
            ],
        )
        async for event in stream:
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
        print()


def main_sync(target: Target, bot_id: str, image: Path) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        file = coze.files.upload(file=image)
        question = Message.build_user_question_objects(
            [
                MessageObjectString.build_text("Describe it in one word."),
                MessageObjectString.build_image(file_id=file.id),
            ]
        )
        for event in coze.chat.stream(
            bot_id=bot_id, user_id="example-user", additional_messages=[question]
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
        print(" [sync]")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, coze_target() as target:
        image = Path(sys.argv[1]) if len(sys.argv) > 1 else tiny_png(Path(tmp, "dot.png"))
        emu = target.emulator
        bot_id = emu.register_responder(vision_bot) if emu else target.bot_id
        asyncio.run(main_async(target, bot_id, image))
        main_sync(target, bot_id, image)
