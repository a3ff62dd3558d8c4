"""The ``coze-async`` command (also ``python -m coze_async``).

coze-async chat --emulator "Hello"        stream a chat from the embedded emulator
coze-async chat --bot-id ID "Hello"       stream a chat from Coze (needs COZE_API_TOKEN)
coze-async emulator --port 8080           serve the emulator until interrupted
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coze-async", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="stream one chat and print the answer as it arrives")
    chat.add_argument("message", help="what to ask the bot")
    chat.add_argument(
        "--emulator",
        action="store_true",
        help="chat with the embedded emulator (the default when COZE_API_TOKEN is not set)",
    )
    chat.add_argument("--bot-id", help="the bot to chat with (the emulator's echo bot by default)")
    chat.add_argument("--user-id", default="coze-async-cli", help="the user id to chat as")
    chat.add_argument(
        "--base-url",
        default=os.environ.get("COZE_API_BASE"),
        help="the API address (COZE_API_BASE, else api.coze.com)",
    )

    emulator = commands.add_parser("emulator", help="run the Coze-compatible emulator")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8080)
    emulator.add_argument("--token", default=None, help="accept only this token (default: any)")
    return parser


async def _stream_chat(base_url: str, token: str, bot_id: str, user_id: str, text: str) -> None:
    from . import AsyncCoze, ChatEventType, Message, TokenAuth

    async with AsyncCoze(TokenAuth(token), base_url) as coze:
        stream = coze.chat.stream(
            bot_id=bot_id,
            user_id=user_id,
            additional_messages=[Message.build_user_question_text(text)],
        )
        async with stream:
            async for event in stream:
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    print(event.message.content, end="", flush=True)
                elif event.event is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                    usage = event.chat.usage
                    tokens = usage.token_count if usage else 0
                    print(
                        f"\n[chat {event.chat.id} completed: {tokens} tokens, "
                        f"logid {stream.response.logid}]"
                    )
                elif event.event is ChatEventType.CONVERSATION_CHAT_FAILED and event.chat:
                    error = event.chat.last_error
                    print(f"\n[chat failed: {error.msg if error else 'unknown error'}]")


async def _chat(args: argparse.Namespace) -> int:
    token = os.environ.get("COZE_API_TOKEN")
    if args.emulator or not token:
        from .emulator import ECHO_BOT_ID, Emulator

        if not args.emulator:
            print("[COZE_API_TOKEN is not set: using the embedded emulator]", file=sys.stderr)
        async with Emulator() as emu:
            assert emu.token is not None
            bot_id = args.bot_id or ECHO_BOT_ID
            await _stream_chat(emu.base_url, emu.token, bot_id, args.user_id, args.message)
        return 0
    if not args.bot_id:
        print("coze-async chat: --bot-id is required when talking to Coze", file=sys.stderr)
        return 2
    from ._config import COZE_COM_BASE_URL

    base_url = args.base_url or COZE_COM_BASE_URL
    await _stream_chat(base_url, token, args.bot_id, args.user_id, args.message)
    return 0


async def _serve(args: argparse.Namespace) -> int:
    from .emulator import ECHO_BOT_ID, TOOL_BOT_ID, Emulator

    async with Emulator(host=args.host, port=args.port, token=args.token) as emu:
        print(f"Coze emulator on {emu.base_url} (token: {args.token or 'any'})")
        print(f"echo bot: {ECHO_BOT_ID}   tool bot: {TOOL_BOT_ID}   Ctrl-C to stop", flush=True)
        await asyncio.Event().wait()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from ._errors import CozeError

    try:
        return asyncio.run(_chat(args) if args.command == "chat" else _serve(args))
    except KeyboardInterrupt:
        return 130
    except CozeError as exc:
        print(f"coze-async: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
