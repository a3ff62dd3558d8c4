"""The ``coze-async`` command (also ``python -m coze_async``): chat, workflows, files, bots,
conversations, sign-in, and the emulator, from a terminal or a script.

coze-async chat --emulator "Hello"             stream a chat from the embedded emulator
coze-async chat --bot-id ID "Hello"            stream a chat from Coze
coze-async chat --bot-id ID                    chat interactively (on a terminal)
coze-async workflow run ID -p city=Paris       stream a workflow run
coze-async files upload report.pdf             upload a file, with a progress bar
coze-async auth login --client-id ID           sign in (device flow); the token is cached
coze-async emulator --port 8080                serve the emulator until interrupted
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import os
import stat
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ._version import __version__

if TYPE_CHECKING:
    from . import AsyncCoze, Chat, ChatEvent, ChatToolCall
    from ._stream import AsyncStream

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_CONNECTION_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
    "token_file",
]

#: Success.
EXIT_OK = 0
#: The API answered with an error (code, message and logid are printed), or a chat or workflow
#: failed or waits for an answer that was not given.
EXIT_API_ERROR = 1
#: The command line is wrong (unknown option, missing or empty id, no credentials, bad JSON).
EXIT_USAGE = 2
#: The service could not be reached (refused, timed out, cut stream), or the emulator's port
#: is in use.
EXIT_CONNECTION_ERROR = 3
#: Interrupted (Ctrl-C).
EXIT_INTERRUPTED = 130

_PROG = "coze-async"


class CLIError(Exception):
    """An error the command reports in one line and exits with ``exit_code``."""

    def __init__(
        self,
        message: str,
        exit_code: int = EXIT_API_ERROR,
        *,
        code: int | None = None,
        logid: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.code = code
        self.logid = logid


def _usage(message: str) -> NoReturn:
    raise CLIError(message, EXIT_USAGE)


# -- output ------------------------------------------------------------------------------------


class _Out:
    """Human text on stdout, or (``--json``) one JSON object a line; notes and prompts always
    go to stderr, so stdout stays clean for scripts."""

    def __init__(self, json_mode: bool) -> None:
        self.json = json_mode

    def text(self, line: str = "", end: str = "\n") -> None:
        if not self.json:
            sys.stdout.write(line + end)
            sys.stdout.flush()

    def record(self, obj: Mapping[str, Any]) -> None:
        if self.json:
            sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()

    def note(self, line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _dump(model: Any) -> dict[str, Any]:
    """A model as the JSON the API would send (``None`` fields left out)."""
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return dumped


def _ask(prompt: str) -> str | None:
    """One line from stdin (the prompt on stderr); ``None`` at end of input."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        return None
    return line.rstrip("\r\n")


# -- credentials ---------------------------------------------------------------------------------


def _config_dir() -> Path:
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / _PROG
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
        return base / _PROG
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / _PROG
    return Path.home() / ".config" / _PROG


def token_file() -> Path:
    """Where ``coze-async auth login`` caches its token: ``$XDG_CONFIG_HOME/coze-async/token.json``
    (``~/.config`` when unset; ``~/Library/Application Support`` on macOS, ``%APPDATA%`` on
    Windows)."""
    return _config_dir() / "token.json"


def _save_token(data: Mapping[str, Any]) -> Path:
    path = token_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
        json.dump(data, handle)
    return path


def _load_token() -> dict[str, Any] | None:
    path = token_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CLIError(
            f"cannot read the cached token {path}: {exc}; run `coze-async auth login` again",
            EXIT_USAGE,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
        _usage(f"the cached token {path} is not valid; run `coze-async auth login` again")
    return data


async def _cached_credentials() -> dict[str, Any] | None:
    """The cached token, renewed with its refresh token when it has expired."""
    data = _load_token()
    if data is None:
        return None
    expires_at = data.get("expires_at")
    if isinstance(expires_at, (int, float)) and expires_at - 30 < time.time():
        refresh, client_id = data.get("refresh_token"), data.get("client_id")
        if not refresh or not client_id:
            _usage("the cached token has expired; run `coze-async auth login` again")
        from . import AsyncDeviceOAuthApp
        from ._config import COZE_COM_BASE_URL

        base_url = data.get("base_url") or COZE_COM_BASE_URL
        token = await AsyncDeviceOAuthApp(client_id, base_url).refresh_access_token(refresh)
        data = _token_record(token, base_url, client_id)
        _save_token(data)
    return data


def _token_record(token: Any, base_url: str, client_id: str) -> dict[str, Any]:
    from .models.auth import expiry_time

    return {
        "access_token": token.access_token,
        "refresh_token": token.refresh_token,
        "expires_at": expiry_time(token.expires_in, time.time()),
        "base_url": base_url,
        "client_id": client_id,
    }


@asynccontextmanager
async def _client(args: argparse.Namespace) -> AsyncIterator[AsyncCoze]:
    """The client an API command uses: the embedded emulator's with ``--emulator``; otherwise
    COZE_API_TOKEN, else the cached token, at --base-url / COZE_API_BASE."""
    from . import AsyncCoze, TokenAuth

    options: dict[str, Any] = {"max_retries": args.max_retries}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.emulator:
        from .emulator import Emulator

        async with Emulator() as emu, AsyncCoze(TokenAuth(emu.token), emu.base_url, **options) as c:
            yield c
        return
    base_url = args.base_url or os.environ.get("COZE_API_BASE") or None
    token = (os.environ.get("COZE_API_TOKEN") or "").strip()
    if not token:
        cached = await _cached_credentials()
        if cached is None:
            _usage(
                "no credentials: set COZE_API_TOKEN, run `coze-async auth login`, "
                "or pass --emulator"
            )
        token = cached["access_token"]
        base_url = base_url or cached.get("base_url")
    if base_url is None:
        from ._config import COZE_COM_BASE_URL

        base_url = COZE_COM_BASE_URL
    async with AsyncCoze(TokenAuth(token), base_url, **options) as coze:
        yield coze


def _id_option(
    args: argparse.Namespace, name: str, emulator_default: str, flag: str | None = None
) -> str:
    """An id option: refused when empty; the emulator's built-in one by default with
    ``--emulator``; required otherwise."""
    value: str | None = getattr(args, name)
    flag = flag or "--" + name.replace("_", "-")
    if value is not None:
        if not value.strip():
            _usage(f"{flag} must not be empty")
        return value.strip()
    if args.emulator:
        return emulator_default
    _usage(f"{flag} is required (it has a default only with --emulator)")


# -- chat ----------------------------------------------------------------------------------------


async def _chat(args: argparse.Namespace, out: _Out) -> int:
    from . import ChatStatus, Message, MessageType, ToolOutput
    from .emulator import ECHO_BOT_ID

    bot_id = _id_option(args, "bot_id", ECHO_BOT_ID)
    interactive = args.interactive or (args.message is None and sys.stdin.isatty())
    if args.message is None and not interactive:
        _usage("give a message to send, or --interactive to read them from stdin")
    tool_answers: list[str] = list(args.tool_output or [])
    conversation_id: str | None = args.conversation_id or None

    async with _client(args) as coze:

        async def turn(text: str) -> None:
            nonlocal conversation_id
            stream = coze.chat.stream(
                bot_id=bot_id,
                user_id=args.user_id,
                conversation_id=conversation_id,
                additional_messages=[Message.build_user_question_text(text)],
            )
            while True:
                chat = await _show_chat_stream(stream, out)
                conversation_id = chat.conversation_id
                if chat.status is ChatStatus.REQUIRES_ACTION:
                    calls = _tool_calls(chat)
                    if not calls:
                        raise CLIError(
                            f"chat {chat.id} requires an action this command does not know",
                            logid=stream.response.logid,
                        )
                    outputs = [
                        ToolOutput(tool_call_id=call.id, output=_tool_output(call, tool_answers))
                        for call in calls
                    ]
                    stream = coze.chat.submit_tool_outputs_stream(
                        conversation_id=chat.conversation_id, chat_id=chat.id, tool_outputs=outputs
                    )
                    continue
                if chat.status is ChatStatus.FAILED:
                    error = chat.last_error
                    raise CLIError(
                        f"chat {chat.id} failed: {error.msg if error else 'no reason given'}",
                        code=error.code if error else None,
                        logid=stream.response.logid,
                    )
                return

        async def polled_turn(text: str) -> None:
            nonlocal conversation_id

            def report(chat: Chat) -> None:
                out.note(f"[chat {chat.id}: {chat.status}]")
                out.record({"event": "poll", "chat": _dump(chat)})

            poll = await coze.chat.create_and_poll(
                bot_id=bot_id,
                user_id=args.user_id,
                conversation_id=conversation_id,
                additional_messages=[Message.build_user_question_text(text)],
                poll_interval=args.poll_interval,
                on_poll=report,
            )
            chat = poll.chat
            conversation_id = chat.conversation_id
            while chat.status is ChatStatus.REQUIRES_ACTION:
                calls = _tool_calls(chat)
                if not calls:
                    raise CLIError(f"chat {chat.id} requires an action this command does not know")
                for call in calls:
                    out.text(f"[tool call: {_describe_call(call)}]")
                outputs = [
                    ToolOutput(tool_call_id=call.id, output=_tool_output(call, tool_answers))
                    for call in calls
                ]
                chat = await coze.chat.submit_tool_outputs(
                    conversation_id=chat.conversation_id, chat_id=chat.id, tool_outputs=outputs
                )
                while not chat.status.is_terminal:
                    await asyncio.sleep(args.poll_interval)
                    chat = await coze.chat.retrieve(
                        conversation_id=chat.conversation_id, chat_id=chat.id
                    )
                    report(chat)
            if chat.status is not ChatStatus.COMPLETED:
                error = chat.last_error
                raise CLIError(
                    f"chat {chat.id} {chat.status}: {error.msg if error else 'no reason given'}",
                    code=error.code if error else None,
                    logid=chat.response.logid,
                )
            messages = await coze.chat.messages.list(
                conversation_id=chat.conversation_id, chat_id=chat.id
            )
            for message in messages:
                out.record({"event": "message", "message": _dump(message)})
                if message.type is MessageType.ANSWER:
                    out.text(message.content)
            usage = chat.usage
            out.record({"event": "completed", "chat": _dump(chat)})
            out.text(
                f"[chat {chat.id} completed: {usage.token_count if usage else 0} tokens, "
                f"logid {chat.response.logid}]"
            )

        send = polled_turn if args.no_stream else turn
        if not interactive:
            await send(args.message)
            return EXIT_OK
        out.note(f"[chatting with bot {bot_id}: one message a line; Ctrl-D or /quit to end]")
        if args.message:
            await send(args.message)
        while True:
            line = _ask("you> ")
            if line is None or line.strip() in ("/quit", "/exit"):
                return EXIT_OK
            if line.strip():
                await send(line.strip())


def _tool_calls(chat: Chat) -> list[ChatToolCall]:
    action = chat.required_action
    if action is None or action.submit_tool_outputs is None:
        return []
    return list(action.submit_tool_outputs.tool_calls)


def _describe_call(call: ChatToolCall) -> str:
    if call.function is None:
        return f"{call.type} (call {call.id})"
    return f"{call.function.name}({call.function.arguments}) (call {call.id})"


def _tool_output(call: ChatToolCall, answers: list[str]) -> str:
    if answers:
        return answers.pop(0)
    answer = _ask(f"output of tool {_describe_call(call)}> ")
    if answer is None:
        raise CLIError(
            f"the chat waits for the output of tool {_describe_call(call)}: "
            "pass --tool-output TEXT or answer on stdin"
        )
    return answer


async def _show_chat_stream(stream: AsyncStream[ChatEvent], out: _Out) -> Chat:
    """Print a chat stream as it arrives; the chat as its last status event left it."""
    from . import ChatEventType

    last: Chat | None = None
    mid_line = False  # a delta left the cursor after some text

    def line(text: str) -> None:
        nonlocal mid_line
        out.text(("\n" if mid_line else "") + text)
        mid_line = False

    async with stream:
        async for event in stream:
            out.record(_dump(event))
            if event.chat is not None:
                last = event.chat
            kind = event.event
            if kind is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                out.text(event.message.content, end="")
                mid_line = mid_line or bool(event.message.content)
            elif kind is ChatEventType.CONVERSATION_CHAT_COMPLETED and event.chat:
                usage = event.chat.usage
                tokens = usage.token_count if usage else 0
                line(
                    f"[chat {event.chat.id} completed: {tokens} tokens, "
                    f"logid {stream.response.logid}]"
                )
            elif kind is ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION and event.chat:
                for call in _tool_calls(event.chat):
                    line(f"[tool call: {_describe_call(call)}]")
            elif kind is ChatEventType.CONVERSATION_CHAT_FAILED and event.chat and mid_line:
                line("")
    if last is None:
        raise CLIError(
            "the chat stream ended without telling how the chat went", logid=stream.response.logid
        )
    return last


# -- workflow run -------------------------------------------------------------------------------


def _parameters(args: argparse.Namespace) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if args.parameters:
        try:
            loaded = json.loads(args.parameters)
        except ValueError as exc:
            _usage(f"--parameters is not valid JSON: {exc}")
        if not isinstance(loaded, dict):
            _usage("--parameters must be a JSON object")
        params.update(loaded)
    for item in args.param or []:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            _usage(f"-p/--param takes KEY=VALUE, got {item!r}")
        try:
            params[key] = json.loads(raw)
        except ValueError:
            params[key] = raw
    return params


async def _workflow_run(args: argparse.Namespace, out: _Out) -> int:
    from . import WorkflowEventType
    from .emulator import ECHO_WORKFLOW_ID

    workflow_id = _id_option(args, "workflow_id", ECHO_WORKFLOW_ID, "WORKFLOW_ID")
    params = _parameters(args)
    answers: list[str] = list(args.resume_data or [])
    async with _client(args) as coze:
        stream = coze.workflows.runs.stream(
            workflow_id=workflow_id,
            parameters=params,
            bot_id=args.bot_id or None,
            app_id=args.app_id or None,
        )
        open_node: str | None = None  # the node whose message is still arriving in chunks

        def end_line() -> None:
            nonlocal open_node
            if open_node is not None:
                out.text("")
                open_node = None

        while True:
            interrupt = None
            async with stream:
                async for event in stream:
                    out.record(_dump(event))
                    kind = event.event
                    if kind is WorkflowEventType.MESSAGE and event.message:
                        message = event.message
                        title = message.node_title or "output"
                        if open_node != title:
                            end_line()
                            out.text(f"[{title}] ", end="")
                        out.text(message.content, end="")
                        open_node = title
                        if message.node_is_finish:
                            end_line()
                    elif kind is WorkflowEventType.ERROR and event.error:
                        end_line()
                        raise CLIError(
                            f"workflow error: {event.error.error_message}",
                            code=event.error.error_code,
                            logid=stream.response.logid,
                        )
                    elif kind is WorkflowEventType.INTERRUPT and event.interrupt:
                        end_line()
                        interrupt = event.interrupt
                        out.text(
                            f"[{interrupt.node_title}] waits for an answer "
                            f"(event {interrupt.interrupt_data.event_id})"
                        )
            end_line()
            if interrupt is None:
                out.text(f"[workflow finished, logid {stream.response.logid}]")
                return EXIT_OK
            data = interrupt.interrupt_data
            answer = answers.pop(0) if answers else _ask("answer> ")
            if answer is None:
                raise CLIError(
                    f"the workflow waits for an answer (interrupt event {data.event_id}): "
                    "pass --resume-data TEXT or answer on stdin",
                    logid=stream.response.logid,
                )
            stream = coze.workflows.runs.resume(
                workflow_id=workflow_id,
                event_id=data.event_id,
                resume_data=answer,
                interrupt_type=data.type,
            )


# -- files, bots, conversations -----------------------------------------------------------------


def _progress_bar(total_hint: int) -> Callable[[int, int | None], None]:
    width = 30

    def draw(sent: int, total: int | None) -> None:
        total = total or total_hint
        fraction = min(sent / total, 1.0) if total else 1.0
        filled = int(fraction * width)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {fraction:6.1%} {sent}/{total} bytes")
        if total and sent >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw


async def _files_upload(args: argparse.Namespace, out: _Out) -> int:
    path = Path(args.path)
    try:
        info = os.stat(path)
    except OSError:
        _usage(f"no such file: {path}")
    if not stat.S_ISREG(info.st_mode):
        _usage(f"not a file: {path}")
    size = info.st_size
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and not out.json)
    progress = _progress_bar(size) if show else None
    async with _client(args) as coze:
        uploaded = await coze.files.upload(file=path, progress=progress)
    out.record(_dump(uploaded))
    out.text(f"{uploaded.id}\t{uploaded.file_name}\t{uploaded.bytes} bytes")
    return EXIT_OK


async def _bots_list(args: argparse.Namespace, out: _Out) -> int:
    if args.space_id is not None and not args.space_id.strip():
        _usage("--space-id must not be empty")
    async with _client(args) as coze:
        space_id = args.space_id
        if space_id is None:
            page = await coze.workspaces.list()
            if not page.items:
                raise CLIError("no workspace found: pass --space-id")
            space_id = page.items[0].id
            out.note(f"[workspace {space_id} ({page.items[0].name})]")
        count = 0
        async for bot in coze.bots.list(space_id=space_id):
            count += 1
            out.record(_dump(bot))
            published = "published" if bot.is_published else "draft"
            out.text(f"{bot.id}\t{bot.name}\t{published}")
    if count == 0:
        out.note("[no bots]")
    return EXIT_OK


async def _conversations_list(args: argparse.Namespace, out: _Out) -> int:
    from .emulator import ECHO_BOT_ID

    bot_id = _id_option(args, "bot_id", ECHO_BOT_ID)
    async with _client(args) as coze:
        count = 0
        async for conversation in coze.conversations.list(bot_id=bot_id):
            count += 1
            out.record(_dump(conversation))
            created = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(conversation.created_at))
            out.text(f"{conversation.id}\t{created}\t{conversation.name or ''}".rstrip())
    if count == 0:
        out.note(f"[no conversations with bot {bot_id}]")
    return EXIT_OK


# -- auth ----------------------------------------------------------------------------------------


async def _auth_login(args: argparse.Namespace, out: _Out) -> int:
    from . import AsyncDeviceOAuthApp

    if args.client_id is not None and not args.client_id.strip():
        _usage("--client-id must not be empty")
    if args.emulator:
        from .emulator import Emulator

        async with Emulator() as emu:
            app_id = emu.register_oauth_app("device", client_id=args.client_id)
            return await _device_login(AsyncDeviceOAuthApp(app_id, emu.base_url), out, emu)
    client_id: str | None = args.client_id or os.environ.get("COZE_CLIENT_ID")
    if not client_id:
        _usage("--client-id is required (the id of a device OAuth app; or COZE_CLIENT_ID)")
    from ._config import COZE_COM_BASE_URL

    base_url = args.base_url or os.environ.get("COZE_API_BASE") or COZE_COM_BASE_URL
    return await _device_login(AsyncDeviceOAuthApp(client_id, base_url), out, None)


async def _device_login(app: Any, out: _Out, emu: Any) -> int:
    code = await app.get_device_code()
    out.note(f"Open {code.verification_url} and enter the code {code.user_code}")
    if emu is not None:
        emu.approve_device(code.user_code)
        out.note("[emulator: the device is approved at once]")
    else:
        out.note("Waiting for approval (Ctrl-C to give up)...")
    token = await app.get_access_token(code, poll=True)
    record = _token_record(token, app.base_url, app.client_id)
    path = _save_token(record)
    expires = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record["expires_at"]))
    out.record({"token_file": str(path), "base_url": app.base_url, "expires_at": expires})
    out.text(f"Signed in to {app.base_url}; token saved to {path} (expires {expires})")
    return EXIT_OK


async def _auth_logout(args: argparse.Namespace, out: _Out) -> int:
    path = token_file()
    removed = path.exists()
    path.unlink(missing_ok=True)
    out.record({"token_file": str(path), "removed": removed})
    out.text(f"Removed {path}" if removed else f"No cached token ({path})")
    return EXIT_OK


# -- emulator ------------------------------------------------------------------------------------


def _fault(spec: str) -> tuple[str, int, int | None]:
    """``PATH:STATUS[:TIMES]`` -> (path, status, times); every request when TIMES is omitted."""
    parts = spec.rsplit(":", 2)
    try:
        if len(parts) == 3 and parts[1].isdigit():
            path, status, times = parts[0], int(parts[1]), int(parts[2])
        else:
            path, raw_status = spec.rsplit(":", 1)
            status, times = int(raw_status), None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected PATH:STATUS[:TIMES] (e.g. /v3/chat:429), got {spec!r}"
        ) from None
    if not path.startswith("/") or not 100 <= status <= 599 or (times is not None and times < 1):
        raise argparse.ArgumentTypeError(
            f"expected PATH:STATUS[:TIMES] with PATH starting with / and STATUS 100-599, "
            f"got {spec!r}"
        )
    return path, status, times


async def _emulator(args: argparse.Namespace, out: _Out) -> int:
    from .emulator import (
        DEFAULT_TOKEN,
        ECHO_BOT_ID,
        ECHO_WORKFLOW_ID,
        ERROR_WORKFLOW_ID,
        INTERRUPT_WORKFLOW_ID,
        PERSONAL_WORKSPACE_ID,
        TOOL_BOT_ID,
        Emulator,
    )

    if args.chat_delay < 0:
        _usage("--chat-delay must not be negative")
    emu = Emulator(
        host=args.host,
        port=args.port,
        token=args.token,
        strict=args.strict,
        chat_delay=args.chat_delay,
    )
    try:
        await emu.start()
    except OSError as exc:
        where = f"{args.host}:{args.port}"
        if exc.errno == errno.EADDRINUSE:
            raise CLIError(
                f"cannot listen on {where}: the port is already in use "
                "(choose another with --port, or --port 0 for a free one)",
                EXIT_CONNECTION_ERROR,
            ) from None
        raise CLIError(
            f"cannot listen on {where}: {exc.strerror or exc}", EXIT_CONNECTION_ERROR
        ) from None
    try:
        for path, status, times in args.fault or []:
            emu.inject(path=path, status=status, times=times)
        token_note = args.token if args.token else f"any (clients may send {DEFAULT_TOKEN})"
        known = {
            "base_url": emu.base_url,
            "token": args.token or DEFAULT_TOKEN,
            "any_token": args.token is None,
            "strict": args.strict,
            "echo_bot_id": ECHO_BOT_ID,
            "tool_bot_id": TOOL_BOT_ID,
            "echo_workflow_id": ECHO_WORKFLOW_ID,
            "interrupt_workflow_id": INTERRUPT_WORKFLOW_ID,
            "error_workflow_id": ERROR_WORKFLOW_ID,
            "workspace_id": PERSONAL_WORKSPACE_ID,
            "faults": [{"path": p, "status": s, "times": t} for p, s, t in args.fault or []],
        }
        out.record(known)
        mode = ", strict" if args.strict else ""
        out.text(f"Coze emulator on {emu.base_url} (token: {token_note}{mode})")
        out.text(f"  echo bot       {ECHO_BOT_ID}")
        out.text(f"  tool bot       {TOOL_BOT_ID}   (asks for get_weather)")
        out.text(f"  workflows      {ECHO_WORKFLOW_ID} echo")
        out.text(f"                 {INTERRUPT_WORKFLOW_ID} ask_city (interrupts)")
        out.text(f"                 {ERROR_WORKFLOW_ID} always_fails")
        out.text(f"  workspace      {PERSONAL_WORKSPACE_ID}")
        for path, status, times in args.fault or []:
            hits = "every request" if times is None else f"{times} request(s)"
            out.text(f"  fault          {path} -> HTTP {status} ({hits})")
        out.text(f"  COZE_API_BASE={emu.base_url} COZE_API_TOKEN={args.token or DEFAULT_TOKEN}")
        out.note("Ctrl-C to stop")
        await asyncio.Event().wait()
    finally:
        await emu.stop()
    return EXIT_OK


# -- the parser ----------------------------------------------------------------------------------

_EPILOG = f"""\
commands:
  chat [MESSAGE]               stream a chat; interactive without MESSAGE on a terminal
  workflow run [WORKFLOW_ID]   stream a workflow run, answering its questions
  files upload PATH            upload a file, with a progress bar
  bots list                    list the bots of a workspace
  conversations list           list the conversations with a bot
  auth login                   sign in with the device flow and cache the token
  auth logout                  remove the cached token
  emulator                     serve the Coze-compatible emulator

credentials: --emulator runs an embedded emulator (its built-in bot, workflow and workspace
are the defaults); otherwise COZE_API_TOKEN, and when it is unset the token cached by
`coze-async auth login` (token.json in $XDG_CONFIG_HOME/{_PROG}, ~/.config/{_PROG} by default).
COZE_API_BASE or --base-url selects the address (api.coze.com by default; with the cached
token, the address it was issued by).

exit codes:
  0    success
  1    API error (code, message and logid are printed), or a chat or workflow
       that failed or waits for an answer that was not given
  2    usage error (bad option, empty or missing id, no credentials)
  3    connection error (refused, timed out, stream cut), or the emulator's port is
       in use
  130  interrupted

--json prints one JSON object a line on stdout (every event of a stream; every item of a
list); errors then also come as {{"error": {{...}}}}. Notes and prompts go to stderr.
"""


def _api_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group(
        "connection and output",
        "Credentials: --emulator, else COZE_API_TOKEN, else the token cached by "
        "`coze-async auth login` (when COZE_API_TOKEN is unset).",
    )
    group.add_argument(
        "--emulator", action="store_true", help="talk to an embedded emulator (no account needed)"
    )
    group.add_argument(
        "--base-url", help="the API address (default: COZE_API_BASE, else api.coze.com)"
    )
    group.add_argument("--json", action="store_true", help="print JSON, one object a line")
    group.add_argument(
        "--max-retries", type=int, default=2, metavar="N", help="retries of a failed request (2)"
    )
    group.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="limit on each network wait"
    )
    return common


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="The Coze API from a terminal or a script: chat, workflows, files, bots, "
        "conversations, sign-in, and a Coze-compatible emulator.",
        epilog=_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{_PROG} {__version__} (Python {sys.version.split()[0]})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    api = _api_options()

    def leaf(
        group: Any,
        name: str,
        handler: Callable[[argparse.Namespace, _Out], Awaitable[int]],
        help: str,
        parents: Sequence[argparse.ArgumentParser] = (),
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(
            name, help=help, description=help, parents=list(parents)
        )
        sub.set_defaults(handler=handler)
        return sub

    chat = leaf(
        commands, "chat", _chat, "stream a chat with a bot (interactive without a message)", [api]
    )
    chat.add_argument("message", nargs="?", help="what to ask (omit on a terminal to chat)")
    chat.add_argument(
        "--bot-id", help="the bot to chat with (required; the echo bot with --emulator)"
    )
    chat.add_argument("--user-id", default="coze-async-cli", help="the user id to chat as")
    chat.add_argument("--conversation-id", help="continue this conversation")
    chat.add_argument(
        "-i", "--interactive", action="store_true", help="read one message a line from stdin"
    )
    chat.add_argument(
        "--no-stream",
        action="store_true",
        help="start the chat and poll it until it is over, reporting each poll on stderr",
    )
    chat.add_argument(
        "--poll-interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="with --no-stream: seconds between polls (1)",
    )
    chat.add_argument(
        "--tool-output",
        action="append",
        metavar="TEXT",
        help="the output of the next tool call (repeatable; asked on stdin otherwise)",
    )

    workflow = commands.add_parser("workflow", help="run workflows").add_subparsers(
        dest="workflow_command", required=True, metavar="COMMAND"
    )
    run = leaf(
        workflow, "run", _workflow_run, "stream a workflow run, answering its questions", [api]
    )
    run.add_argument(
        "workflow_id", nargs="?", help="the workflow (required; the echo workflow with --emulator)"
    )
    run.add_argument("--parameters", metavar="JSON", help="the input parameters, a JSON object")
    run.add_argument(
        "-p",
        "--param",
        action="append",
        metavar="KEY=VALUE",
        help="one input parameter (repeatable)",
    )
    run.add_argument(
        "--resume-data",
        action="append",
        metavar="TEXT",
        help="the answer to the next interrupt (repeatable; asked on stdin otherwise)",
    )
    run.add_argument("--bot-id", help="the bot the workflow runs for")
    run.add_argument("--app-id", help="the app the workflow belongs to")

    files = commands.add_parser("files", help="upload files").add_subparsers(
        dest="files_command", required=True, metavar="COMMAND"
    )
    upload = leaf(files, "upload", _files_upload, "upload a file and print its id", [api])
    upload.add_argument("path", help="the file to upload")
    upload.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw a progress bar on stderr (default: when stderr is a terminal)",
    )

    bots = commands.add_parser("bots", help="list bots").add_subparsers(
        dest="bots_command", required=True, metavar="COMMAND"
    )
    bots_list = leaf(bots, "list", _bots_list, "list the bots of a workspace", [api])
    bots_list.add_argument("--space-id", help="the workspace (default: your first one)")

    conversations = commands.add_parser("conversations", help="list conversations").add_subparsers(
        dest="conversations_command", required=True, metavar="COMMAND"
    )
    conv_list = leaf(
        conversations, "list", _conversations_list, "list the conversations with a bot", [api]
    )
    conv_list.add_argument("--bot-id", help="the bot (required; the echo bot with --emulator)")

    auth = commands.add_parser("auth", help="sign in and out").add_subparsers(
        dest="auth_command", required=True, metavar="COMMAND"
    )
    login = leaf(
        auth,
        "login",
        _auth_login,
        "sign in with the device flow; the token is cached (0600) and used by the other "
        "commands when COZE_API_TOKEN is unset",
    )
    login.add_argument("--client-id", help="the device OAuth app's client id (or COZE_CLIENT_ID)")
    login.add_argument(
        "--base-url", help="the API address (default: COZE_API_BASE, else api.coze.com)"
    )
    login.add_argument(
        "--emulator",
        action="store_true",
        help="sign in against an embedded emulator, which approves at once (for trying it out)",
    )
    login.add_argument("--json", action="store_true", help="print JSON (never the token)")
    logout = leaf(auth, "logout", _auth_logout, "remove the cached token")
    logout.add_argument("--json", action="store_true", help="print JSON")

    emulator = leaf(
        commands, "emulator", _emulator, "serve the Coze-compatible emulator until interrupted"
    )
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8080, help="0 for a free port (8080)")
    emulator.add_argument("--token", default=None, help="accept only this token (default: any)")
    emulator.add_argument(
        "--strict",
        action="store_true",
        help="check each request against the API's request schemas (refuse unknown fields)",
    )
    emulator.add_argument(
        "--fault",
        action="append",
        type=_fault,
        metavar="PATH:STATUS[:TIMES]",
        help="answer requests under PATH with HTTP STATUS (TIMES times, else always; repeatable)",
    )
    emulator.add_argument(
        "--chat-delay", type=float, default=0.0, metavar="SECONDS", help="how long a chat takes"
    )
    emulator.add_argument("--json", action="store_true", help="print the start-up facts as JSON")
    return parser


# -- main ----------------------------------------------------------------------------------------


def _report(out: _Out, kind: str, message: str, exit_code: int, **fields: Any) -> int:
    details = ", ".join(f"{k} {v}" for k, v in fields.items() if v is not None)
    out.note(f"{_PROG}: {kind}: {message}" + (f" ({details})" if details else ""))
    out.record({"error": {"type": kind, "message": message, "exit_code": exit_code, **fields}})
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``coze-async --help``)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors: argparse has printed them
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE if exc.code else EXIT_OK
    out = _Out(bool(getattr(args, "json", False)))
    from ._errors import (
        CozeAPIError,
        CozeConnectionError,
        CozeError,
        CozeInvalidArgumentError,
        CozeStreamTruncatedError,
    )

    try:
        code: int = asyncio.run(args.handler(args, out))
        return code
    except KeyboardInterrupt:
        out.note(f"{_PROG}: interrupted")
        return EXIT_INTERRUPTED
    except CLIError as exc:
        kind = "usage error" if exc.exit_code == EXIT_USAGE else "error"
        return _report(out, kind, exc.message, exc.exit_code, code=exc.code, logid=exc.logid)
    except CozeAPIError as exc:
        return _report(
            out,
            f"API error ({type(exc).__name__})",
            exc.msg or str(exc),
            EXIT_API_ERROR,
            code=exc.code,
            status=exc.status,
            logid=exc.logid,
        )
    except CozeStreamTruncatedError as exc:
        return _report(out, "connection error", str(exc), EXIT_CONNECTION_ERROR, logid=exc.logid)
    except CozeConnectionError as exc:
        return _report(out, "connection error", str(exc), EXIT_CONNECTION_ERROR)
    except CozeInvalidArgumentError as exc:
        return _report(out, "usage error", str(exc), EXIT_USAGE)
    except CozeError as exc:
        return _report(out, f"error ({type(exc).__name__})", str(exc), EXIT_API_ERROR)
    except OSError as exc:
        return _report(out, "error", f"{exc.strerror or exc}", EXIT_API_ERROR)
    except Exception as exc:  # never a traceback; COZE_ASYNC_DEBUG=1 shows it
        if os.environ.get("COZE_ASYNC_DEBUG"):
            raise
        return _report(out, f"unexpected error ({type(exc).__name__})", str(exc), EXIT_API_ERROR)
