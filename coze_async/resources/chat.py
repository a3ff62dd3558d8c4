"""The chat resource (``coze.chat``): start, stream, poll, inspect, cancel and resume chats."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Literal, overload

import attrs
import orjson

from .._converter import converter, structure, unstructure
from .._errors import CozeAPIError, CozeInvalidEventError, api_error
from .._paths import require_id
from .._portal import SyncResource, SyncStream, forward, forward_stream
from .._response import HTTPResponse
from .._sse import ServerSentEvent
from .._stream import AsyncStream
from .._transport import RequestOptions, Transport, Unpack
from ..models._base import ListResponse
from ..models.chat import (
    Chat,
    ChatEvent,
    ChatEventType,
    ChatPoll,
    Message,
    ToolOutput,
)

__all__ = ["AsyncChatClient", "AsyncChatMessagesClient", "ChatClient", "ChatMessagesClient"]

#: Coze's code for "this chat can no longer be cancelled" (it already finished).
_CODE_CHAT_NOT_CANCELLABLE = 4104

_CHAT_EVENTS = {
    e.value: e
    for e in (
        ChatEventType.CONVERSATION_CHAT_CREATED,
        ChatEventType.CONVERSATION_CHAT_IN_PROGRESS,
        ChatEventType.CONVERSATION_CHAT_COMPLETED,
        ChatEventType.CONVERSATION_CHAT_FAILED,
        ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION,
    )
}
_MESSAGE_EVENTS = {
    e.value: e
    for e in (
        ChatEventType.CONVERSATION_MESSAGE_DELTA,
        ChatEventType.CONVERSATION_MESSAGE_COMPLETED,
        ChatEventType.CONVERSATION_AUDIO_DELTA,
    )
}


def decode_chat_event(
    sse: ServerSentEvent, response: HTTPResponse, *, strict: bool
) -> ChatEvent | None:
    """Turn one server-sent event of a chat stream into a :class:`ChatEvent`; ``None`` for
    ``done``; raise the typed API error for ``error``."""
    return _decode(sse, response, strict)


def chat_event_decoder(strict: bool) -> Callable[[ServerSentEvent, HTTPResponse], ChatEvent | None]:
    """The decoder a chat stream calls per event (positional: no keyword packing per event)."""
    return _decode_strict if strict else _decode


def _decode_strict(sse: ServerSentEvent, response: HTTPResponse) -> ChatEvent | None:
    return _decode(sse, response, True)


def _decode(sse: ServerSentEvent, response: HTTPResponse, strict: bool = False) -> ChatEvent | None:
    name = sse.event
    kind = _MESSAGE_EVENTS.get(name)
    if kind is not None:
        try:
            message = _structure_message(orjson.loads(sse.data), Message)
        except Exception as exc:  # bad JSON or a payload of the wrong shape
            raise CozeInvalidEventError("data", sse.data, response.logid) from exc
        return _chat_event(kind, None, message, None, response)
    if (kind := _CHAT_EVENTS.get(name)) is not None:
        return _chat_event(kind, _load(sse, Chat, response), None, None, response)
    if name == "done":
        return None
    if name == "error":
        raise _stream_error(sse, response)
    if strict:
        raise CozeInvalidEventError("event", name, response.logid)
    unknown = {"event": name, "data": sse.data}
    return _chat_event(ChatEventType.UNKNOWN, None, None, unknown, response)


# The hot path of every chat stream: hooks looked up once, not per event.
_structure_message = converter.get_structure_hook(Message)
_new = object.__new__
_set_attribute = object.__setattr__
# ChatEvent is built slot by slot (what its __init__ does, without the keyword handling), so
# _chat_event must set every field: fail at import, not at run time, if the model changes.
if [a.name for a in attrs.fields(ChatEvent)] != ["event", "chat", "message", "unknown"]:
    raise RuntimeError("ChatEvent's fields changed: update _chat_event")


def _chat_event(
    kind: ChatEventType,
    chat: Chat | None,
    message: Message | None,
    unknown: dict[str, Any] | None,
    response: HTTPResponse,
) -> ChatEvent:
    event: ChatEvent = _new(ChatEvent)
    event.event, event.chat, event.message, event.unknown = kind, chat, message, unknown
    _set_attribute(event, "_response", response)
    return event


def _load(sse: ServerSentEvent, cls: type[Any], response: HTTPResponse) -> Any:
    try:
        return structure(orjson.loads(sse.data), cls)
    except Exception as exc:  # bad JSON or a payload of the wrong shape
        raise CozeInvalidEventError("data", sse.data, response.logid) from exc


def _stream_error(sse: ServerSentEvent, response: HTTPResponse) -> CozeAPIError:
    try:
        data = orjson.loads(sse.data)
    except orjson.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        return api_error(None, f"stream error event: {sse.data[:512]}", logid=response.logid)
    code = data.get("code", data.get("error_code"))
    msg = data.get("msg", data.get("error_message"))
    return api_error(
        code if isinstance(code, int) else None,
        msg if isinstance(msg, str) and msg else f"stream error event: {sse.data[:512]}",
        logid=response.logid,
    )


def _chat_body(
    *,
    bot_id: str,
    user_id: str,
    stream: bool,
    additional_messages: Sequence[Message] | None,
    custom_variables: Mapping[str, str] | None,
    auto_save_history: bool,
    meta_data: Mapping[str, str] | None,
    parameters: Mapping[str, Any] | None,
    enable_card: bool | None,
) -> dict[str, Any]:
    require_id("bot_id", bot_id)
    require_id("user_id", user_id)
    body: dict[str, Any] = {"bot_id": bot_id, "user_id": user_id, "stream": stream}
    if additional_messages is not None:
        body["additional_messages"] = unstructure(list(additional_messages))
    optional = {
        "custom_variables": custom_variables,
        "meta_data": meta_data,
        "parameters": parameters,
        "enable_card": enable_card,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    body["auto_save_history"] = auto_save_history
    return body


class AsyncChatMessagesClient:
    """``coze.chat.messages``: the messages a chat produced."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def list(
        self, *, conversation_id: str, chat_id: str, **options: Unpack[RequestOptions]
    ) -> ListResponse[Message]:
        """The messages of a chat other than the user's query: answers, tool calls, follow-ups.

        ``GET /v3/chat/message/list``.
        """
        require_id("conversation_id", conversation_id)
        require_id("chat_id", chat_id)
        params = {"conversation_id": conversation_id, "chat_id": chat_id}
        return await self._transport.request_list(
            "GET", "/v3/chat/message/list", Message, params=params, options=options
        )


class AsyncChatClient:
    """``coze.chat``: talk to a bot (Chat API v3)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.messages = AsyncChatMessagesClient(transport)

    async def create(
        self,
        *,
        bot_id: str,
        user_id: str,
        conversation_id: str | None = None,
        additional_messages: Sequence[Message] | None = None,
        custom_variables: Mapping[str, str] | None = None,
        auto_save_history: bool = True,
        meta_data: Mapping[str, str] | None = None,
        parameters: Mapping[str, Any] | None = None,
        enable_card: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> Chat:
        """Start a chat without streaming; returns at once with the chat in ``created`` or
        ``in_progress`` state (see :meth:`create_and_poll`). ``POST /v3/chat``."""
        body = _chat_body(
            bot_id=bot_id,
            user_id=user_id,
            stream=False,
            additional_messages=additional_messages,
            custom_variables=custom_variables,
            auto_save_history=auto_save_history,
            meta_data=meta_data,
            parameters=parameters,
            enable_card=enable_card,
        )
        params = {"conversation_id": conversation_id or None}
        return await self._transport.request(
            "POST", "/v3/chat", Chat, params=params, json=body, options=options
        )

    def stream(
        self,
        *,
        bot_id: str,
        user_id: str,
        additional_messages: Sequence[Message] | None = None,
        custom_variables: Mapping[str, str] | None = None,
        auto_save_history: bool = True,
        meta_data: Mapping[str, str] | None = None,
        conversation_id: str | None = None,
        parameters: Mapping[str, Any] | None = None,
        enable_card: bool | None = None,
        strict: bool = False,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[ChatEvent]:
        """Start a chat and stream its events. Returns the stream at once; the request is sent
        on first use. ``strict=True`` raises on event names this SDK does not know instead of
        yielding them as ``ChatEventType.UNKNOWN``. ``POST /v3/chat``."""
        body = _chat_body(
            bot_id=bot_id,
            user_id=user_id,
            stream=True,
            additional_messages=additional_messages,
            custom_variables=custom_variables,
            auto_save_history=auto_save_history,
            meta_data=meta_data,
            parameters=parameters,
            enable_card=enable_card,
        )
        params = {"conversation_id": conversation_id or None}
        return self._stream("/v3/chat", params, body, strict, options)

    async def create_and_poll(
        self,
        *,
        bot_id: str,
        user_id: str,
        conversation_id: str | None = None,
        additional_messages: Sequence[Message] | None = None,
        custom_variables: Mapping[str, str] | None = None,
        auto_save_history: bool = True,
        meta_data: Mapping[str, str] | None = None,
        poll_timeout: float | None = None,
        parameters: Mapping[str, Any] | None = None,
        poll_interval: float = 1.0,
        **options: Unpack[RequestOptions],
    ) -> ChatPoll:
        """Start a chat, poll until it reaches a final status, then fetch its messages.

        Polls every ``poll_interval`` seconds, backing off to at most 5 s. After ``poll_timeout``
        seconds the chat is cancelled and returned without messages.
        """
        if poll_interval <= 0:
            raise ValueError(f"poll_interval must be positive, got {poll_interval!r}")
        if poll_timeout is not None and poll_timeout < 0:
            raise ValueError(f"poll_timeout must not be negative, got {poll_timeout!r}")
        chat = await self.create(
            bot_id=bot_id,
            user_id=user_id,
            conversation_id=conversation_id,
            additional_messages=additional_messages,
            custom_variables=custom_variables,
            auto_save_history=auto_save_history,
            meta_data=meta_data,
            parameters=parameters,
            **options,
        )
        deadline = None if poll_timeout is None else time.monotonic() + poll_timeout
        interval = poll_interval
        while not chat.status.is_terminal:
            if deadline is not None and time.monotonic() >= deadline:
                try:
                    chat = await self.cancel(
                        conversation_id=chat.conversation_id, chat_id=chat.id, **options
                    )
                except CozeAPIError as exc:
                    if exc.code != _CODE_CHAT_NOT_CANCELLABLE:
                        raise
                    chat = await self.retrieve(
                        conversation_id=chat.conversation_id, chat_id=chat.id, **options
                    )
                    if chat.status.is_terminal:
                        break
                return ChatPoll(chat=chat)
            delay = interval if deadline is None else min(interval, deadline - time.monotonic())
            await asyncio.sleep(max(delay, 0))
            interval = min(interval * 1.5, max(poll_interval, 5.0))
            chat = await self.retrieve(
                conversation_id=chat.conversation_id, chat_id=chat.id, **options
            )
        messages = await self.messages.list(
            conversation_id=chat.conversation_id, chat_id=chat.id, **options
        )
        return ChatPoll(chat=chat, messages=messages)

    async def retrieve(
        self, *, conversation_id: str, chat_id: str, **options: Unpack[RequestOptions]
    ) -> Chat:
        """The current state of a chat. ``POST /v3/chat/retrieve``."""
        require_id("conversation_id", conversation_id)
        require_id("chat_id", chat_id)
        params = {"conversation_id": conversation_id, "chat_id": chat_id}
        return await self._transport.request(
            "POST", "/v3/chat/retrieve", Chat, params=params, options=options, idempotent=True
        )

    async def cancel(
        self, *, conversation_id: str, chat_id: str, **options: Unpack[RequestOptions]
    ) -> Chat:
        """Cancel a chat in progress. ``POST /v3/chat/cancel``."""
        require_id("conversation_id", conversation_id)
        require_id("chat_id", chat_id)
        body = {"conversation_id": conversation_id, "chat_id": chat_id}
        return await self._transport.request(
            "POST", "/v3/chat/cancel", Chat, json=body, options=options
        )

    @overload
    async def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: Literal[False] = False,
        **options: Unpack[RequestOptions],
    ) -> Chat: ...
    @overload
    async def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: Literal[True],
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[ChatEvent]: ...
    async def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Chat | AsyncStream[ChatEvent]:
        """Send the results of the tool calls a ``requires_action`` chat waits for; with
        ``stream=True`` the chat goes on as an (opened) event stream.
        ``POST /v3/chat/submit_tool_outputs``."""
        if stream:
            return await self.submit_tool_outputs_stream(
                conversation_id=conversation_id,
                chat_id=chat_id,
                tool_outputs=tool_outputs,
                **options,
            )
        params, body = _tool_outputs_request(conversation_id, chat_id, tool_outputs, False)
        return await self._transport.request(
            "POST", "/v3/chat/submit_tool_outputs", Chat, params=params, json=body, options=options
        )

    def submit_tool_outputs_stream(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        strict: bool = False,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[ChatEvent]:
        """Send tool results and stream the rest of the chat; returns the stream at once."""
        params, body = _tool_outputs_request(conversation_id, chat_id, tool_outputs, True)
        return self._stream("/v3/chat/submit_tool_outputs", params, body, strict, options)

    def _stream(
        self,
        path: str,
        params: dict[str, Any],
        body: dict[str, Any],
        strict: bool,
        options: Mapping[str, Any],
    ) -> AsyncStream[ChatEvent]:
        opener = partial(
            self._transport.open_stream, "POST", path, params=params, json=body, options=options
        )
        return AsyncStream(
            opener,
            chat_event_decoder(strict),
            max_line_bytes=self._transport.max_line_bytes,
        )


def _tool_outputs_request(
    conversation_id: str, chat_id: str, tool_outputs: Sequence[ToolOutput], stream: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    require_id("conversation_id", conversation_id)
    require_id("chat_id", chat_id)
    if not tool_outputs:
        raise ValueError("tool_outputs must contain at least one ToolOutput")
    params = {"conversation_id": conversation_id, "chat_id": chat_id}
    return params, {"tool_outputs": unstructure(list(tool_outputs)), "stream": stream}


# -- the sync twins ---------------------------------------------------------------------------


class ChatMessagesClient(SyncResource[AsyncChatMessagesClient]):
    """Sync ``coze.chat.messages``."""

    list = forward(AsyncChatMessagesClient.list)


class ChatClient(SyncResource[AsyncChatClient]):
    """Sync ``coze.chat``."""

    create = forward(AsyncChatClient.create)
    stream = forward_stream(AsyncChatClient.stream)
    create_and_poll = forward(AsyncChatClient.create_and_poll)
    retrieve = forward(AsyncChatClient.retrieve)
    cancel = forward(AsyncChatClient.cancel)
    submit_tool_outputs_stream = forward_stream(AsyncChatClient.submit_tool_outputs_stream)

    @property
    def messages(self) -> ChatMessagesClient:
        """Sync ``coze.chat.messages``."""
        return ChatMessagesClient(self._portal, self._async.messages)

    @overload
    def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: Literal[False] = False,
        **options: Unpack[RequestOptions],
    ) -> Chat: ...
    @overload
    def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: Literal[True],
        **options: Unpack[RequestOptions],
    ) -> SyncStream[ChatEvent]: ...
    def submit_tool_outputs(
        self,
        *,
        conversation_id: str,
        chat_id: str,
        tool_outputs: Sequence[ToolOutput],
        stream: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Chat | SyncStream[ChatEvent]:
        """Sync :meth:`AsyncChatClient.submit_tool_outputs` (a stream when ``stream=True``)."""
        if stream:
            return self.submit_tool_outputs_stream(
                conversation_id=conversation_id,
                chat_id=chat_id,
                tool_outputs=tool_outputs,
                **options,
            )
        submit = partial(
            self._async.submit_tool_outputs,
            conversation_id=conversation_id,
            chat_id=chat_id,
            tool_outputs=tool_outputs,
            **options,
        )
        return self._portal.call(submit)
