"""Chat API v3: ``/v3/chat`` (stream and polled), retrieve, cancel, messages, tool outputs."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import orjson
from aiohttp import web

from .._bots import ChatContext, Responder, ToolCall, reply_chunks
from .._state import STORE, Store
from .._wire import ApiError, SSEWriter, envelope, json_body, new_id, now, require

__all__ = ["ChatRecord", "ChatsState", "add_routes"]


@attrs.define
class ChatRecord:
    """One chat: its API dict, the messages it produced, and its progress."""

    data: dict[str, Any]
    context: ChatContext
    auto_save_history: bool
    messages: list[dict[str, Any]] = attrs.field(factory=list)
    #: The status the chat reaches once its run is over (for polled, non-stream chats).
    outcome: dict[str, Any] | None = None
    task: asyncio.Task[None] | None = None
    #: When (``time.monotonic()``) a polled chat may show its outcome (``ChatsState.delay``).
    ready_at: float = 0.0

    def shown(self) -> dict[str, Any]:
        """The chat as ``retrieve`` shows it now (and ``cancel`` judges it): a polled chat is
        ``in_progress`` until its run is over and its delay has passed, then its outcome."""
        data = self.data
        task, outcome = self.task, self.outcome
        if (
            data["status"] == "in_progress"
            and outcome is not None
            and task is not None
            and task.done()
            and _clock() >= self.ready_at
        ):
            data.clear()
            data.update(copy.deepcopy(outcome))
        return data


@attrs.define
class ChatsState:
    """The chats (of bots, and of chatflows run by the workflow routes)."""

    #: Chats by chat id.
    records: dict[str, ChatRecord] = attrs.field(factory=dict)
    #: Seconds a polled (non-stream) chat shows ``in_progress`` at least, counted from its
    #: creation (``Emulator(chat_delay=...)``). With 0, the first ``retrieve`` after the bot
    #: has answered shows the outcome.
    delay: float = 0.0

    def find(self, conversation_id: str, chat_id: str) -> ChatRecord:
        """The chat of that conversation, or a 4200 error."""
        record = self.records.get(chat_id)
        if record is None or record.data["conversation_id"] != conversation_id:
            raise ApiError(4200, f"chat {chat_id} does not exist in this conversation")
        return record


#: The clock of ``ChatsState.delay`` (a name of its own, for tests).
_clock = time.monotonic

Emit = Callable[[str, dict[str, Any]], Awaitable[None]]

_TERMINAL = frozenset({"completed", "failed", "requires_action", "canceled"})
_ROLES = frozenset({"user", "assistant"})


def add_routes(app: web.Application) -> None:
    """Register the chat endpoints on ``app``."""
    app.router.add_post("/v3/chat", create_chat)
    app.router.add_route("*", "/v3/chat/retrieve", retrieve_chat)
    app.router.add_post("/v3/chat/cancel", cancel_chat)
    app.router.add_route("*", "/v3/chat/message/list", list_chat_messages)
    app.router.add_post("/v3/chat/submit_tool_outputs", submit_tool_outputs)


def question_text(message: dict[str, Any]) -> str:
    """The text of a user message; for multimodal content, its text parts."""
    if message.get("content_type") == "object_string":
        try:
            parts = orjson.loads(message["content"])
        except ValueError:
            return str(message["content"])
        texts = [p.get("text") for p in parts if isinstance(p, dict) and p.get("type") == "text"]
        return " ".join(str(t) for t in texts if t)
    return str(message.get("content", ""))


def check_message(raw: Any, index: int) -> dict[str, Any]:
    """Validate entry ``index`` of a request's ``additional_messages`` and return it."""
    if not isinstance(raw, dict):
        raise ApiError(4000, f"additional_messages[{index}] must be an object")
    if raw.get("role") not in _ROLES:
        raise ApiError(4000, f"additional_messages[{index}].role must be user or assistant")
    if not isinstance(raw.get("content"), str):
        raise ApiError(4000, f"additional_messages[{index}].content must be a string")
    return raw


def request_message(
    store: Store, conversation_id: str, raw: dict[str, Any], *, chat_id: str, bot_id: str = ""
) -> dict[str, Any]:
    """A message dict built from one checked entry of a request's ``additional_messages``."""
    return store.conversations.new_message(
        conversation_id,
        role=raw["role"],
        content=raw["content"],
        content_type=raw.get("content_type") or "text",
        type=raw.get("type") or "",
        meta_data=raw.get("meta_data"),
        bot_id=bot_id,
        chat_id=chat_id,
    )


async def create_chat(request: web.Request) -> web.StreamResponse:
    """``POST /v3/chat``: start a chat, answered as a stream or as a pollable record."""
    store = request.app[STORE]
    body = await json_body(request)
    bot_id = require(body, "bot_id")
    user_id = require(body, "user_id")
    responder = store.bots.chat_responder(bot_id)
    stream = bool(body.get("stream", False))
    auto_save = body.get("auto_save_history", True) is not False
    if not stream and not auto_save:
        raise ApiError(4000, "auto_save_history must be true for a non-streaming chat")
    conversation_id = request.query.get("conversation_id")
    if conversation_id:
        conversation = store.conversations.find(conversation_id)
        if any(
            r.task is not None and not r.task.done()
            for r in store.chats.records.values()
            if r.data["conversation_id"] == conversation_id
        ):
            raise ApiError(4016, "a chat is already in progress in this conversation")
    else:
        conversation = store.conversations.new(bot_id=bot_id)
    conversation_id = conversation["id"]
    chat_id = new_id()
    raw_messages = body.get("additional_messages") or []
    if not isinstance(raw_messages, list):
        raise ApiError(4000, "additional_messages must be a list")
    added = [
        request_message(store, conversation_id, check_message(raw, i), chat_id=chat_id)
        for i, raw in enumerate(raw_messages)
    ]
    section = conversation["last_section_id"]
    history = [
        m for m in store.conversations.messages[conversation_id] if m["section_id"] == section
    ] + added
    questions = [m for m in history if m["role"] == "user"]
    if not questions:
        raise ApiError(4000, "no user message: pass the question in additional_messages")
    if auto_save:
        store.conversations.messages[conversation_id].extend(added)
    data: dict[str, Any] = {
        "id": chat_id,
        "conversation_id": conversation_id,
        "bot_id": bot_id,
        "created_at": now(),
        "last_error": {"code": 0, "msg": ""},
        "meta_data": body.get("meta_data") or {},
        "section_id": conversation["last_section_id"],
        "status": "created",
        "usage": {"token_count": 0, "output_count": 0, "input_count": 0},
    }
    context = ChatContext(
        bot_id=bot_id,
        user_id=user_id,
        conversation_id=conversation_id,
        chat_id=chat_id,
        question=question_text(questions[-1]),
        messages=history,
        custom_variables=dict(body.get("custom_variables") or {}),
        parameters=dict(body.get("parameters") or {}),
    )
    record = ChatRecord(data=data, context=context, auto_save_history=auto_save)
    store.chats.records[chat_id] = record
    return await _run(request, store, record, responder, stream)


async def _run(
    request: web.Request,
    store: Store,
    record: ChatRecord,
    responder: Responder,
    stream: bool,
    *,
    resumed: bool = False,
) -> web.StreamResponse:
    """Answer a started (or resumed) chat: as an event stream, or at once and run it behind."""
    if not stream:
        # The service answers a polled chat as already running (the docs' example too).
        record.data["status"] = "in_progress"
        record.outcome = copy.deepcopy(record.data)
        record.ready_at = _clock() + store.chats.delay
        record.task = asyncio.create_task(drive_chat(store, record, responder, record.outcome))
        return envelope(request, record.data)
    writer = SSEWriter(request)
    await writer.start()

    async def emit(event: str, data: dict[str, Any]) -> None:
        await writer.send(event, data)

    if not resumed:
        await emit("conversation.chat.created", record.data)
    await drive_chat(store, record, responder, record.data, emit)
    await writer.send("done", '"[DONE]"')
    return await writer.finish()


async def drive_chat(
    store: Store,
    record: ChatRecord,
    responder: Responder,
    data: dict[str, Any],
    emit: Emit | None = None,
) -> None:
    """Run a chat to its end, updating ``data`` (and emitting events when streaming)."""
    context = record.context
    data["status"] = "in_progress"
    if emit:
        await emit("conversation.chat.in_progress", data)
    base = {
        "conversation_id": context.conversation_id,
        "bot_id": context.bot_id,
        "chat_id": context.chat_id,
        "section_id": data.get("section_id", ""),
        "role": "assistant",
    }
    try:
        reply = await reply_chunks(responder, context)
        if isinstance(reply, ToolCall):
            await _ask_for_tool(store, record, reply, data, emit)
            return
        answer_id = new_id()
        parts: list[str] = []
        async for chunk in reply:
            if data["status"] == "canceled":
                return
            parts.append(chunk)
            if emit:
                delta = {"id": answer_id, **base, "type": "answer", "content": chunk}
                await emit("conversation.message.delta", {**delta, "content_type": "text"})
    except Exception as exc:  # a responder failure fails the chat, as a bot error would
        data.update(status="failed", failed_at=now(), last_error={"code": 5000, "msg": str(exc)})
        if emit:
            await emit("conversation.chat.failed", data)
        return
    answer = store.conversations.new_message(
        context.conversation_id,
        role="assistant",
        type="answer",
        content="".join(parts),
        bot_id=context.bot_id,
        chat_id=context.chat_id,
    )
    answer["id"] = answer_id
    record.messages.append(answer)
    saved = store.conversations.messages.get(context.conversation_id)  # None if deleted meanwhile
    if record.auto_save_history and saved is not None:
        saved.append(answer)
    if emit:
        await emit("conversation.message.completed", answer)
    input_count = sum(len(m["content"]) for m in context.messages) // 2 + 1
    output_count = len(answer["content"]) // 2 + 1
    data.update(
        status="completed",
        completed_at=now(),
        usage={
            "token_count": input_count + output_count,
            "output_count": output_count,
            "input_count": input_count,
        },
    )
    if emit:
        await emit("conversation.chat.completed", data)


async def _ask_for_tool(
    store: Store, record: ChatRecord, call: ToolCall, data: dict[str, Any], emit: Emit | None
) -> None:
    context = record.context
    call_id = new_id()
    function = {"name": call.name, "arguments": call.arguments_json()}
    message = store.conversations.new_message(
        context.conversation_id,
        role="assistant",
        type="function_call",
        content=orjson.dumps({"name": call.name, "arguments": function["arguments"]}).decode(),
        bot_id=context.bot_id,
        chat_id=context.chat_id,
    )
    record.messages.append(message)
    if emit:
        await emit("conversation.message.completed", message)
    data.update(
        status="requires_action",
        required_action={
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {
                "tool_calls": [{"id": call_id, "type": "function", "function": function}]
            },
        },
    )
    if emit:
        await emit("conversation.chat.requires_action", data)


def _record_from_query(request: web.Request, store: Store) -> ChatRecord:
    params = request.query
    return store.chats.find(require(params, "conversation_id"), require(params, "chat_id"))


async def retrieve_chat(request: web.Request) -> web.Response:
    """``/v3/chat/retrieve``: the state of one chat."""
    store = request.app[STORE]
    record = _record_from_query(request, store)
    return envelope(request, record.shown())


async def cancel_chat(request: web.Request) -> web.Response:
    """``POST /v3/chat/cancel``: cancel a chat that is still in progress (as ``retrieve`` would
    show it now); a finished one is the service's 4104."""
    store = request.app[STORE]
    body = await json_body(request)
    record = store.chats.find(require(body, "conversation_id"), require(body, "chat_id"))
    shown = record.shown()
    if shown["status"] in _TERMINAL:
        raise ApiError(4104, f"the chat is {shown['status']} and cannot be canceled")
    if record.task is not None:
        record.task.cancel()
    for data in (record.data, record.outcome):
        if data is not None:
            data["status"] = "canceled"
    return envelope(request, record.data)


async def list_chat_messages(request: web.Request) -> web.Response:
    """``/v3/chat/message/list``: the messages a chat produced."""
    store = request.app[STORE]
    record = _record_from_query(request, store)
    return envelope(request, record.messages)


async def submit_tool_outputs(request: web.Request) -> web.StreamResponse:
    """``POST /v3/chat/submit_tool_outputs``: answer a chat's tool calls and let it go on."""
    store = request.app[STORE]
    record = _record_from_query(request, store)
    body = await json_body(request)
    outputs = body.get("tool_outputs")
    if not isinstance(outputs, list) or not outputs:
        raise ApiError(4000, "tool_outputs must be a non-empty list")
    current = record.shown()
    if current.get("status") != "requires_action":
        raise ApiError(4000, "the chat is not waiting for tool outputs")
    expected = {
        call["id"] for call in current["required_action"]["submit_tool_outputs"]["tool_calls"]
    }
    given = {o.get("tool_call_id") for o in outputs if isinstance(o, dict)}
    if given != expected:
        raise ApiError(4000, f"tool_outputs must answer exactly the tool calls {sorted(expected)}")
    context = record.context
    for output in outputs:
        record.messages.append(
            store.conversations.new_message(
                context.conversation_id,
                role="assistant",
                type="tool_response",
                content=str(output.get("output", "")),
                bot_id=context.bot_id,
                chat_id=context.chat_id,
            )
        )
    context.tool_outputs = outputs
    data = record.data
    resumed = {k: v for k, v in current.items() if k != "required_action"}
    data.clear()
    data.update(resumed)
    data["status"] = "in_progress"
    record.task = None
    responder = store.bots.chat_responder(context.bot_id)
    stream = bool(body.get("stream"))
    return await _run(request, store, record, responder, stream, resumed=True)
