"""Upload files from a path, from bytes and from an open file, read one back, and send an image
in a multimodal question (async); then the same upload from sync code. Offline against the
emulator unless COZE_API_TOKEN is set (then also set COZE_BOT_ID).

cozepy's counterpart: ``examples/files_upload.py``.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, Message, MessageObjectString, TokenAuth


async def main_async(target: Target, path: Path) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        from_path = await coze.files.upload(file=path)
        from_bytes = await coze.files.upload(file=b"raw bytes, sent as 'upload'")
        with path.open("rb") as handle:  # a file object you opened stays yours to close
            from_handle = await coze.files.upload(file=handle)
        for uploaded in (from_path, from_bytes, from_handle):
            print("uploaded", uploaded.id, uploaded.file_name, uploaded.bytes, "bytes")
        again = await coze.files.retrieve(file_id=from_path.id)
        print("retrieved", again.file_name)
        question = Message.build_user_question_objects(
            [
                MessageObjectString.build_text("What is in this picture?"),
                MessageObjectString.build_image(file_id=from_path.id),
            ]
        )
        poll = await coze.chat.create_and_poll(
            bot_id=target.bot_id, user_id="example-user", additional_messages=[question]
        )
        print("answer:", [m.content for m in poll.messages or []])


def main_sync(target: Target, path: Path) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        print("sync upload:", coze.files.upload(file=path).id)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder, coze_target() as target:
        picture = Path(folder) / "picture.png"
        picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        asyncio.run(main_async(target, picture))
        main_sync(target, picture)
