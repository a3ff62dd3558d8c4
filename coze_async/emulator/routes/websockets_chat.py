"""``/v1/chat`` over a websocket: realtime voice chat with a bot.

Text (``conversation.message.create``) or audio (``input_audio_buffer.*``, recognised with the
emulator's speech code, see ``_speech_code``) starts a chat, answered by the bot's responder as in
``/v3/chat``: ``conversation.chat.created``, ``in_progress``, a ``conversation.message.delta``
per chunk each followed by its ``conversation.audio.sentence_start`` and
``conversation.audio.delta`` (PCM), ``conversation.message.completed``,
``conversation.audio.completed``, ``conversation.chat.completed``; the tool bot ends with
``conversation.chat.requires_action``, resumed by ``conversation.chat.submit_tool_outputs``.
A chat runs beside the receiving loop, so ``conversation.chat.cancel`` (or a new message, or
the user speaking in ``server_vad`` mode) interrupts it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
from typing import Any

from aiohttp import web

from .._bots import ChatContext, Responder, split_words
from .._speech_code import is_silence, recognise, speak
from .._state import STORE, Store
from .._wire import ApiError, new_id, now
from .chat import ChatRecord, drive_chat, question_text
from .websockets import (
    Channel,
    EventError,
    EventHandler,
    base64_audio,
    check_input_audio,
    check_output_audio,
    serve,
)

__all__ = ["chat_session"]

_DEFAULT_USER = "websocket-user"
_TURN_DETECTION = frozenset({"server_vad", "client_interrupt"})


async def chat_session(request: web.Request) -> web.StreamResponse:
    """``GET /v1/chat?bot_id=...`` upgraded to a websocket. A missing bot id is refused with
    HTTP 400, an unknown bot with 404, before the upgrade."""
    store = request.app[STORE]
    bot_id = request.query.get("bot_id", "")
    if not bot_id:
        raise ApiError(4000, "Request parameter error: bot_id is required", status=400)
    try:
        responder = store.bots.chat_responder(bot_id)
    except ApiError as exc:
        raise ApiError(exc.code, exc.msg, status=404 if exc.code == 4200 else 400) from None
    session = _ChatSession(store, bot_id, responder)
    return await serve(request, session.start, session.stop)


class _ChatSession:
    """The state of one chat connection."""

    def __init__(self, store: Store, bot_id: str, responder: Responder) -> None:
        self.store = store
        self.bot_id = bot_id
        self.responder = responder
        self.settings: dict[str, Any] = {
            "output_audio": {"codec": "pcm"},
            "input_audio": {"format": "pcm", "sample_rate": 24000},
            "chat_config": {},
            "turn_detection": {"type": "client_interrupt"},
        }
        self.audio = bytearray()
        self.speaking = False
        self.conversation_id: str | None = None
        self.chats: dict[str, ChatRecord] = {}
        self.task: asyncio.Task[None] | None = None
        self.channel: Channel | None = None

    async def start(self, channel: Channel) -> dict[str, EventHandler]:
        self.channel = channel
        await channel.emit("chat.created")
        return {
            "chat.update": self.update,
            "conversation.message.create": self.message_create,
            "input_audio_buffer.append": self.audio_append,
            "input_audio_buffer.complete": self.audio_complete,
            "input_audio_buffer.clear": self.audio_clear,
            "conversation.chat.submit_tool_outputs": self.submit_tool_outputs,
            "conversation.chat.cancel": self.cancel,
            "conversation.clear": self.clear,
            "input_text.generate_audio": self.generate_audio,
        }

    async def stop(self) -> None:
        await self._interrupt()

    @property
    def _channel(self) -> Channel:
        assert self.channel is not None
        return self.channel

    # -- settings ----------------------------------------------------------------------------

    async def update(self, data: dict[str, Any], origin: str) -> None:
        output = check_output_audio(data)
        given_input = check_input_audio(data)
        chat_config = data.get("chat_config")
        if chat_config is not None:
            if not isinstance(chat_config, dict):
                raise EventError("data.chat_config must be an object")
            conversation_id = chat_config.get("conversation_id")
            if conversation_id:
                try:
                    self.store.conversations.find(str(conversation_id))
                except ApiError as exc:
                    raise EventError(exc.msg, exc.code) from None
                self.conversation_id = str(conversation_id)
        subscriptions = data.get("event_subscriptions")
        if subscriptions is not None and (
            not isinstance(subscriptions, list)
            or not all(isinstance(s, str) for s in subscriptions)
        ):
            raise EventError("data.event_subscriptions must be a list of event types")
        turn = data.get("turn_detection")
        if turn is not None and (
            not isinstance(turn, dict)
            or turn.get("type", "client_interrupt") not in _TURN_DETECTION
        ):
            raise EventError("data.turn_detection.type must be server_vad or client_interrupt")
        for name, value in data.items():
            if value is not None:
                self.settings[name] = value
        if output is not None:
            self.settings["output_audio"] = output
        if given_input is not None:
            self.settings["input_audio"] = given_input
        if subscriptions is not None:
            self._channel.subscriptions = set(subscriptions) or None
        await self._channel.emit("chat.updated", self.settings)
        if data.get("need_play_prologue"):
            prologue = data.get("prologue_content") or "Hello, I am the emulator's bot."
            await self._speak(str(prologue))

    def _server_vad(self) -> bool:
        turn = self.settings.get("turn_detection") or {}
        return bool(turn.get("type") == "server_vad")

    def _chat_config(self) -> dict[str, Any]:
        config = self.settings.get("chat_config")
        return config if isinstance(config, dict) else {}

    # -- input ---------------------------------------------------------------------------------

    async def message_create(self, data: dict[str, Any], origin: str) -> None:
        role = data.get("role")
        content_type = data.get("content_type") or "text"
        content = data.get("content")
        if role not in ("user", "assistant"):
            raise EventError("data.role must be user or assistant")
        if content_type not in ("text", "object_string") or not isinstance(content, str):
            raise EventError("data.content must be text (content_type text or object_string)")
        if role == "assistant":
            conversation_id = self._conversation()
            message = self.store.conversations.new_message(
                conversation_id, role="assistant", content=content, content_type=content_type
            )
            self.store.conversations.messages[conversation_id].append(message)
            return
        await self._start_chat(content, content_type)

    async def audio_append(self, data: dict[str, Any], origin: str) -> None:
        pcm = base64_audio(data)
        if not self._server_vad():
            self.audio.extend(pcm)
            return
        if is_silence(pcm):
            if self.speaking:
                await self._channel.emit("input_audio_buffer.speech_stopped")
                await self._finish_audio()
            return
        if not self.speaking:
            self.speaking = True
            await self._interrupt(code=1, msg="the user started speaking")
            await self._channel.emit("input_audio_buffer.speech_started")
        self.audio.extend(pcm)

    async def audio_complete(self, data: dict[str, Any], origin: str) -> None:
        if self._server_vad() and self.speaking:
            await self._channel.emit("input_audio_buffer.speech_stopped")
        await self._finish_audio()

    async def audio_clear(self, data: dict[str, Any], origin: str) -> None:
        self.audio.clear()
        self.speaking = False
        await self._channel.emit("input_audio_buffer.cleared")

    async def _finish_audio(self) -> None:
        pcm = bytes(self.audio)
        self.audio.clear()
        self.speaking = False
        await self._channel.emit("input_audio_buffer.completed")
        if not pcm:
            raise EventError("the input audio buffer is empty")
        text = recognise(pcm)
        heard = ""
        for piece in split_words(text):
            heard += piece
            await self._channel.emit("conversation.audio_transcript.update", {"content": heard})
        await self._channel.emit("conversation.audio_transcript.completed", {"content": text})
        await self._start_chat(text, "text")

    async def generate_audio(self, data: dict[str, Any], origin: str) -> None:
        text = data.get("text")
        if data.get("mode") != "text" or not isinstance(text, str) or not text:
            raise EventError("data must have mode text and a non-empty text")
        await self._interrupt(code=3, msg="text was submitted to be spoken")
        await self._speak(text)

    async def clear(self, data: dict[str, Any], origin: str) -> None:
        await self._interrupt(code=3, msg="the context was cleared")
        if self.conversation_id is not None:
            conversation = self.store.conversations.records.get(self.conversation_id)
            if conversation is not None:
                conversation["last_section_id"] = new_id()
        await self._channel.emit("conversation.cleared")

    async def cancel(self, data: dict[str, Any], origin: str) -> None:
        if not await self._interrupt(code=2, msg="the client cancelled the reply"):
            raise EventError("no reply is in progress")

    # -- chats -------------------------------------------------------------------------------

    def _conversation(self) -> str:
        if self.conversation_id is None:
            self.conversation_id = self.store.conversations.new(bot_id=self.bot_id)["id"]
        return self.conversation_id

    async def _start_chat(self, content: str, content_type: str) -> None:
        await self._interrupt(code=3, msg="a new message interrupted the reply")
        store, config = self.store, self._chat_config()
        conversation_id = self._conversation()
        conversation = store.conversations.find(conversation_id)
        chat_id = new_id()
        auto_save = config.get("auto_save_history", True) is not False
        question = store.conversations.new_message(
            conversation_id,
            role="user",
            content=content,
            content_type=content_type,
            chat_id=chat_id,
        )
        section = conversation["last_section_id"]
        saved = store.conversations.messages[conversation_id]
        history = [m for m in saved if m["section_id"] == section] + [question]
        if auto_save:
            saved.append(question)
        data: dict[str, Any] = {
            "id": chat_id,
            "conversation_id": conversation_id,
            "bot_id": self.bot_id,
            "created_at": now(),
            "last_error": {"code": 0, "msg": ""},
            "meta_data": config.get("meta_data") or {},
            "section_id": section,
            "status": "created",
            "usage": {"token_count": 0, "output_count": 0, "input_count": 0},
        }
        context = ChatContext(
            bot_id=self.bot_id,
            user_id=str(config.get("user_id") or _DEFAULT_USER),
            conversation_id=conversation_id,
            chat_id=chat_id,
            question=question_text(question),
            messages=history,
            custom_variables=dict(config.get("custom_variables") or {}),
            parameters=dict(config.get("parameters") or {}),
        )
        record = ChatRecord(data=data, context=context, auto_save_history=auto_save)
        store.chats.records[chat_id] = record
        self.chats[chat_id] = record
        self.task = asyncio.get_running_loop().create_task(self._run(record))

    async def submit_tool_outputs(self, data: dict[str, Any], origin: str) -> None:
        record = self.chats.get(str(data.get("chat_id", "")))
        if record is None:
            raise EventError(f"chat {data.get('chat_id')!r} does not exist in this session", 4200)
        current = record.data
        if current.get("status") != "requires_action":
            raise EventError("the chat is not waiting for tool outputs")
        outputs = data.get("tool_outputs")
        if not isinstance(outputs, list) or not outputs:
            raise EventError("data.tool_outputs must be a non-empty list")
        calls = current["required_action"]["submit_tool_outputs"]["tool_calls"]
        expected = {call["id"] for call in calls}
        given = {o.get("tool_call_id") for o in outputs if isinstance(o, dict)}
        if given != expected:
            raise EventError(f"tool_outputs must answer exactly the tool calls {sorted(expected)}")
        context = record.context
        for output in outputs:
            record.messages.append(
                self.store.conversations.new_message(
                    context.conversation_id,
                    role="assistant",
                    type="tool_response",
                    content=str(output.get("output", "")),
                    bot_id=context.bot_id,
                    chat_id=context.chat_id,
                )
            )
        context.tool_outputs = outputs
        current.pop("required_action", None)
        current["status"] = "in_progress"
        self.task = asyncio.get_running_loop().create_task(self._run(record, resumed=True))

    async def _run(self, record: ChatRecord, *, resumed: bool = False) -> None:
        channel = self._channel
        spoke: list[dict[str, Any]] = []

        async def emit(event: str, data: dict[str, Any]) -> None:
            if event == "conversation.chat.completed" and spoke:
                await channel.emit("conversation.audio.completed", _audio_message(spoke[-1], ""))
            await channel.emit(event, data)
            if event == "conversation.message.delta" and data.get("type") == "answer":
                await channel.emit("conversation.audio.sentence_start", {"text": data["content"]})
                spoken = _audio_message(data, _b64(speak(str(data["content"]))))
                await channel.emit("conversation.audio.delta", spoken)
                spoke.append(data)

        with contextlib.suppress(Exception):  # the connection ended under the chat
            if not resumed:
                await channel.emit("conversation.chat.created", record.data)
            await drive_chat(self.store, record, self.responder, record.data, emit)

    async def _interrupt(self, *, code: int = 2, msg: str = "") -> bool:
        """Stop the reply in progress (telling the client why, when ``msg``); whether one was."""
        task, self.task = self.task, None
        if task is None or task.done():
            return False
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        for record in self.chats.values():
            if record.data.get("status") in ("created", "in_progress"):
                record.data["status"] = "canceled"
        if msg:
            await self._channel.emit("conversation.chat.canceled", {"code": code, "msg": msg})
        return True

    async def _speak(self, text: str) -> None:
        message = {
            "id": new_id(),
            "conversation_id": self.conversation_id or "",
            "bot_id": self.bot_id,
            "role": "assistant",
            "type": "answer",
        }
        for piece in split_words(text):
            await self._channel.emit(
                "conversation.audio.delta", _audio_message(message, _b64(speak(piece)))
            )
        await self._channel.emit("conversation.audio.completed", _audio_message(message, ""))


def _audio_message(message: dict[str, Any], content: str) -> dict[str, Any]:
    return {**message, "content": content, "content_type": "audio"}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
