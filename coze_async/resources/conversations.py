"""The conversations resource (``coze.conversations``): conversations, their messages, and
feedback on messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from .._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from .._pagination import AsyncPaged, CursorPaging, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none, positive
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.chat import Message, MessageContentType, MessageRole
from ..models.conversations import (
    Conversation,
    ConversationsPage,
    CreateConversationMessageFeedbackResp,
    DeleteConversationMessageFeedbackResp,
    DeleteConversationResp,
    FeedbackType,
    MessagesPage,
    Section,
)

__all__ = [
    "AsyncConversationsClient",
    "AsyncConversationsMessagesClient",
    "AsyncConversationsMessagesFeedbackClient",
    "AsyncMessagesClient",
    "AsyncMessagesFeedbackClient",
    "ConversationsClient",
    "ConversationsMessagesClient",
    "ConversationsMessagesFeedbackClient",
    "MessagesClient",
]

_FEEDBACK = "/v1/conversations/{conversation_id}/messages/{message_id}/feedback"


# -- feedback ---------------------------------------------------------------------------------


class AsyncConversationsMessagesFeedbackClient(AsyncResource):
    """``coze.conversations.messages.feedback``: like or unlike a bot's answer."""

    async def create(
        self,
        *,
        conversation_id: str,
        message_id: str,
        feedback_type: FeedbackType | str,
        reason_types: Sequence[str] | None = None,
        comment: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateConversationMessageFeedbackResp:
        """Rate a bot's answer (``like``/``unlike``), optionally with reason tags (at most 10,
        each up to 30 characters) and a comment (up to 250 characters).
        ``POST /v1/conversations/{conversation_id}/messages/{message_id}/feedback``."""
        route = path(_FEEDBACK, conversation_id=conversation_id, message_id=message_id)
        if isinstance(reason_types, str):
            raise CozeInvalidArgumentTypeError(
                "reason_types must be a sequence of strings, not a str"
            )
        body = omit_none(
            feedback_type=FeedbackType(feedback_type),
            reason_types=None if reason_types is None else [str(r) for r in reason_types],
            comment=comment,
        )
        request = Request("POST", route, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, CreateConversationMessageFeedbackResp)

    async def delete(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteConversationMessageFeedbackResp:
        """Withdraw the feedback on a message.
        ``DELETE /v1/conversations/{conversation_id}/messages/{message_id}/feedback``."""
        route = path(_FEEDBACK, conversation_id=conversation_id, message_id=message_id)
        request = Request("DELETE", route, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteConversationMessageFeedbackResp)


#: cozepy's name for the async feedback client.
AsyncMessagesFeedbackClient = AsyncConversationsMessagesFeedbackClient


# -- messages ---------------------------------------------------------------------------------


class AsyncConversationsMessagesClient(AsyncResource):
    """``coze.conversations.messages``: the messages of a conversation."""

    feedback: AsyncConversationsMessagesFeedbackClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.feedback = AsyncConversationsMessagesFeedbackClient(transport)

    async def create(
        self,
        *,
        conversation_id: str,
        role: MessageRole | str,
        content: str,
        content_type: MessageContentType | str,
        meta_data: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Add a message to a conversation (it joins the conversation's latest context section).
        ``POST /v1/conversation/message/create``."""
        require_id("conversation_id", conversation_id)
        if not isinstance(content, str):
            raise CozeInvalidArgumentTypeError(
                f"content must be a str, not {type(content).__name__}"
            )
        body = omit_none(
            role=MessageRole(role),
            content=content,
            content_type=MessageContentType(content_type),
            meta_data=meta_data,
        )
        params = {"conversation_id": conversation_id}
        request = Request(
            "POST", "/v1/conversation/message/create", params=params, json=body, options=options
        )
        return await self._transport.call(request, Message)

    async def retrieve(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> Message:
        """One message of a conversation. ``GET /v1/conversation/message/retrieve``."""
        params = _message_params(conversation_id, message_id)
        request = Request(
            "GET", "/v1/conversation/message/retrieve", params=params, options=options
        )
        return await self._transport.call(request, Message)

    async def update(
        self,
        *,
        conversation_id: str,
        message_id: str,
        content: str | None = None,
        content_type: MessageContentType | str | None = None,
        meta_data: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Change a message's content (and its ``content_type``) and/or its ``meta_data``;
        returns the message as changed. ``POST /v1/conversation/message/modify``."""
        params = _message_params(conversation_id, message_id)
        if content is None and meta_data is None:
            raise CozeInvalidArgumentError("pass content and/or meta_data to update a message")
        body = omit_none(
            content=content,
            content_type=None if content_type is None else MessageContentType(content_type),
            meta_data=meta_data,
        )
        # The service answers this one with the message under "message", not "data".
        request = Request(
            "POST",
            "/v1/conversation/message/modify",
            params=params,
            json=body,
            data_field="message",
            options=options,
        )
        return await self._transport.call(request, Message)

    async def delete(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> Message:
        """Delete a ``question`` or ``answer`` message (an answer takes its chat's intermediate
        messages with it); returns the deleted message. ``POST /v1/conversation/message/delete``."""
        params = _message_params(conversation_id, message_id)
        request = Request("POST", "/v1/conversation/message/delete", params=params, options=options)
        return await self._transport.call(request, Message)

    def list(
        self,
        *,
        conversation_id: str,
        order: str = "desc",
        chat_id: str | None = None,
        before_id: str | None = None,
        after_id: str | None = None,
        limit: int = 50,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Message]:
        """The messages of a conversation, newest first (``order="asc"``: oldest first), at most
        ``limit`` (1-50) a page; ``chat_id`` keeps those of one chat.
        ``POST /v1/conversation/message/list``.

        Returns the first page, fetched; iterating it (``async for``) walks on through later
        pages. As in cozepy, each next page is requested with ``after_id`` set to the page's
        ``last_id``. A listing started with ``before_id`` (the messages that precede a position)
        pages on in that direction instead, with ``before_id`` set to each page's ``first_id``.
        """
        require_id("conversation_id", conversation_id)
        if not isinstance(order, str) or not order:
            raise CozeInvalidArgumentError(f"order must be 'desc' or 'asc', got {order!r}")
        body = omit_none(order=order, chat_id=chat_id or None, limit=positive("limit", limit))
        request = Request(
            "POST",
            "/v1/conversation/message/list",
            params={"conversation_id": conversation_id},
            json=body,
            data_field=None,
            options=options,
            idempotent=True,  # a read, though a POST: safe to retry
        )
        paging = CursorPaging(before_id=before_id or None, after_id=after_id or None, in_body=True)
        return self._transport.paged(request, MessagesPage, paging)


#: cozepy's name for the async messages client.
AsyncMessagesClient = AsyncConversationsMessagesClient


def _message_params(conversation_id: str, message_id: str) -> dict[str, str]:
    require_id("conversation_id", conversation_id)
    require_id("message_id", message_id)
    return {"conversation_id": conversation_id, "message_id": message_id}


# -- conversations ----------------------------------------------------------------------------


class AsyncConversationsClient(AsyncResource):
    """``coze.conversations``: conversations and their messages."""

    messages: AsyncConversationsMessagesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.messages = AsyncConversationsMessagesClient(transport)

    async def create(
        self,
        *,
        messages: Sequence[Message] | None = None,
        bot_id: str | None = None,
        name: str | None = None,
        connector_id: str | None = None,
        meta_data: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Create a conversation, optionally with its first messages (at most 16) and bound to
        a bot (so that :meth:`list` finds it). ``POST /v1/conversation/create``."""
        body = omit_none(
            messages=None if messages is None else list(messages),
            meta_data=meta_data,
            bot_id=bot_id,
            name=name,
            connector_id=connector_id,
        )
        request = Request("POST", "/v1/conversation/create", json=body, options=options)
        return await self._transport.call(request, Conversation)

    async def retrieve(
        self, *, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """One conversation. ``GET /v1/conversation/retrieve``."""
        require_id("conversation_id", conversation_id)
        params = {"conversation_id": conversation_id}
        request = Request("GET", "/v1/conversation/retrieve", params=params, options=options)
        return await self._transport.call(request, Conversation)

    async def update(
        self, *, conversation_id: str, name: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Rename a conversation (at most 100 characters); returns it as changed.
        ``PUT /v1/conversations/{conversation_id}``."""
        route = path("/v1/conversations/{conversation_id}", conversation_id=conversation_id)
        if not isinstance(name, str):
            raise CozeInvalidArgumentTypeError(f"name must be a str, not {type(name).__name__}")
        request = Request("PUT", route, json={"name": name}, options=options)
        return await self._transport.call(request, Conversation)

    async def delete(
        self, *, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteConversationResp:
        """Delete a conversation and its messages for good.
        ``DELETE /v1/conversations/{conversation_id}``."""
        route = path("/v1/conversations/{conversation_id}", conversation_id=conversation_id)
        request = Request("DELETE", route, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteConversationResp)

    async def clear(self, *, conversation_id: str, **options: Unpack[RequestOptions]) -> Section:
        """Clear the conversation's context: later chats no longer see earlier messages (they
        stay listed). Returns the new context section.
        ``POST /v1/conversations/{conversation_id}/clear``."""
        route = path("/v1/conversations/{conversation_id}/clear", conversation_id=conversation_id)
        return await self._transport.call(Request("POST", route, options=options), Section)

    def list(
        self,
        *,
        bot_id: str,
        page_num: int = 1,
        page_size: int = 50,
        sort_order: str | None = None,
        connector_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Conversation]:
        """A bot's conversations (those created through the API or Chat SDK), ``page_size``
        (1-50) a page from ``page_num`` on; ``sort_order`` is ``"DESC"`` (newest first, the
        default) or ``"ASC"``. Returns the first page, fetched; ``async for`` walks on through
        later pages. ``GET /v1/conversations``."""
        require_id("bot_id", bot_id)
        params = omit_none(bot_id=bot_id, sort_order=sort_order, connector_id=connector_id)
        request = Request("GET", "/v1/conversations", params=params, options=options)
        return self._transport.paged(request, ConversationsPage, NumberPaging(page_num, page_size))


# -- the sync twins ---------------------------------------------------------------------------


class ConversationsMessagesFeedbackClient(SyncResource[AsyncConversationsMessagesFeedbackClient]):
    """Sync ``coze.conversations.messages.feedback``."""

    create: Final = forward(AsyncConversationsMessagesFeedbackClient.create)
    delete: Final = forward(AsyncConversationsMessagesFeedbackClient.delete)


class ConversationsMessagesClient(SyncResource[AsyncConversationsMessagesClient]):
    """Sync ``coze.conversations.messages``."""

    create: Final = forward(AsyncConversationsMessagesClient.create)
    retrieve: Final = forward(AsyncConversationsMessagesClient.retrieve)
    update: Final = forward(AsyncConversationsMessagesClient.update)
    delete: Final = forward(AsyncConversationsMessagesClient.delete)
    list: Final = forward(AsyncConversationsMessagesClient.list)
    feedback: Final = SubResource(ConversationsMessagesFeedbackClient)


#: cozepy's name for the sync messages client.
MessagesClient = ConversationsMessagesClient


class ConversationsClient(SyncResource[AsyncConversationsClient]):
    """Sync ``coze.conversations``."""

    create: Final = forward(AsyncConversationsClient.create)
    retrieve: Final = forward(AsyncConversationsClient.retrieve)
    update: Final = forward(AsyncConversationsClient.update)
    delete: Final = forward(AsyncConversationsClient.delete)
    clear: Final = forward(AsyncConversationsClient.clear)
    list: Final = forward(AsyncConversationsClient.list)
    messages: Final = SubResource(ConversationsMessagesClient)
