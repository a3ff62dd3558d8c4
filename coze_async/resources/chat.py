"""The chat resource (``coze.chat``): start, stream, poll, inspect, cancel and resume chats."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Final, Literal, overload

from .._errors import CozeAPIError, CozeInvalidArgumentError
from .._events import chat_event_decoder
from .._paths import require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._stream import AsyncStream
from .._sync_layer import SubResource, SyncResource, SyncStream, forward
from .._transport import AsyncResource, Transport
from ..models._base import ListResponse
from ..models.chat import Chat, ChatEvent, ChatPoll, Message, ToolOutput

__all__ = ["AsyncChatClient", "AsyncChatMessagesClient", "ChatClient", "ChatMessagesClient"]

#: Coze's code for "this chat can no longer be cancelled" (it already finished).
_CODE_CHAT_NOT_CANCELLABLE = 4104


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
    return omit_none(
        bot_id=bot_id,
        user_id=user_id,
        stream=stream,
        additional_messages=None if additional_messages is None else list(additional_messages),
        custom_variables=custom_variables,
        meta_data=meta_data,
        parameters=parameters,
        enable_card=enable_card,
        auto_save_history=auto_save_history,
    )


class AsyncChatMessagesClient(AsyncResource):
    """``coze.chat.messages``: the messages a chat produced."""

    async def list(
        self, *, conversation_id: str, chat_id: str, **options: Unpack[RequestOptions]
    ) -> ListResponse[Message]:
        """The messages of a chat other than the user's query: answers, tool calls, follow-ups.

        ``GET /v3/chat/message/list``.
        """
        require_id("conversation_id", conversation_id)
        require_id("chat_id", chat_id)
        params = {"conversation_id": conversation_id, "chat_id": chat_id}
        request = Request("GET", "/v3/chat/message/list", params=params, options=options)
        return await self._transport.call_list(request, Message)


class AsyncChatClient(AsyncResource):
    """``coze.chat``: talk to a bot (Chat API v3)."""

    messages: AsyncChatMessagesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
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
        params = omit_none(conversation_id=conversation_id or None)
        request = Request("POST", "/v3/chat", params=params, json=body, options=options)
        return await self._transport.call(request, Chat)

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
        params = omit_none(conversation_id=conversation_id or None)
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
        on_poll: Callable[[Chat], object] | None = None,
        **options: Unpack[RequestOptions],
    ) -> ChatPoll:
        """Start a chat, poll until it reaches a final status, then fetch its messages.

        Checks first after a tenth of ``poll_interval`` (a chat that is over at once is returned
        at once), then every ``poll_interval`` seconds, backing off to at most 5 s. After
        ``poll_timeout`` seconds the chat is cancelled and returned without messages.
        ``on_poll(chat)``, when given, is called with the chat as each poll (each ``retrieve``)
        sees it, final status included (its return value is ignored; what it raises ends the
        call): a progress report.
        """
        if poll_interval <= 0:
            raise CozeInvalidArgumentError(f"poll_interval must be positive, got {poll_interval!r}")
        if poll_timeout is not None and poll_timeout < 0:
            raise CozeInvalidArgumentError(
                f"poll_timeout must not be negative, got {poll_timeout!r}"
            )
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
        interval = poll_interval / 10
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
                    if on_poll is not None:
                        on_poll(chat)
                    if chat.status.is_terminal:
                        break
                return ChatPoll(chat=chat)
            delay = interval if deadline is None else min(interval, deadline - time.monotonic())
            await asyncio.sleep(max(delay, 0))
            interval = (
                poll_interval
                if interval < poll_interval
                else min(interval * 1.5, max(poll_interval, 5.0))
            )
            chat = await self.retrieve(
                conversation_id=chat.conversation_id, chat_id=chat.id, **options
            )
            if on_poll is not None:
                on_poll(chat)
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
        request = Request(
            "POST", "/v3/chat/retrieve", params=params, options=options, idempotent=True
        )
        return await self._transport.call(request, Chat)

    async def cancel(
        self, *, conversation_id: str, chat_id: str, **options: Unpack[RequestOptions]
    ) -> Chat:
        """Cancel a chat in progress. ``POST /v3/chat/cancel``."""
        require_id("conversation_id", conversation_id)
        require_id("chat_id", chat_id)
        body = {"conversation_id": conversation_id, "chat_id": chat_id}
        request = Request("POST", "/v3/chat/cancel", json=body, options=options)
        return await self._transport.call(request, Chat)

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
        request = Request(
            "POST", "/v3/chat/submit_tool_outputs", params=params, json=body, options=options
        )
        return await self._transport.call(request, Chat)

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
        request = Request("POST", path, params=params, json=body, options=options)
        return self._transport.stream(request, chat_event_decoder(strict))


def _tool_outputs_request(
    conversation_id: str, chat_id: str, tool_outputs: Sequence[ToolOutput], stream: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    require_id("conversation_id", conversation_id)
    require_id("chat_id", chat_id)
    if not tool_outputs:
        raise CozeInvalidArgumentError("tool_outputs must contain at least one ToolOutput")
    params = {"conversation_id": conversation_id, "chat_id": chat_id}
    return params, omit_none(tool_outputs=list(tool_outputs), stream=stream)


# -- the sync twins ---------------------------------------------------------------------------


class ChatMessagesClient(SyncResource[AsyncChatMessagesClient]):
    """Sync ``coze.chat.messages``."""

    list: Final = forward(AsyncChatMessagesClient.list)


class ChatClient(SyncResource[AsyncChatClient]):
    """Sync ``coze.chat``."""

    create: Final = forward(AsyncChatClient.create)
    stream: Final = forward(AsyncChatClient.stream)
    create_and_poll: Final = forward(AsyncChatClient.create_and_poll)
    retrieve: Final = forward(AsyncChatClient.retrieve)
    cancel: Final = forward(AsyncChatClient.cancel)
    submit_tool_outputs_stream: Final = forward(AsyncChatClient.submit_tool_outputs_stream)
    messages: Final = SubResource(ChatMessagesClient)

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
