"""The conversations resource (``coze.conversations``): conversations, their messages, and
feedback on messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from .._converter import unstructure
from .._pagination import AsyncPaged, forward_paged
from .._paths import path, require_id
from .._portal import SyncResource, forward
from .._response import HTTPResponse
from .._transport import RequestOptions, Transport, Unpack
from ..models.chat import Message, MessageContentType, MessageRole
from ..models.conversations import (
    Conversation,
    CreateConversationMessageFeedbackResp,
    DeleteConversationMessageFeedbackResp,
    DeleteConversationResp,
    FeedbackType,
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


def _positive(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return value


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


# -- feedback ---------------------------------------------------------------------------------


class AsyncConversationsMessagesFeedbackClient:
    """``coze.conversations.messages.feedback``: like or unlike a bot's answer."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        body: dict[str, Any] = {"feedback_type": FeedbackType(feedback_type).value}
        if reason_types is not None:
            if isinstance(reason_types, str):
                raise TypeError("reason_types must be a sequence of strings, not a str")
            body["reason_types"] = [str(reason) for reason in reason_types]
        if comment is not None:
            body["comment"] = comment
        return await self._transport.request(
            "POST",
            route,
            CreateConversationMessageFeedbackResp,
            json=body,
            data_field=None,
            options=options,
        )

    async def delete(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteConversationMessageFeedbackResp:
        """Withdraw the feedback on a message.
        ``DELETE /v1/conversations/{conversation_id}/messages/{message_id}/feedback``."""
        route = path(_FEEDBACK, conversation_id=conversation_id, message_id=message_id)
        return await self._transport.request(
            "DELETE", route, DeleteConversationMessageFeedbackResp, data_field=None, options=options
        )


#: cozepy's name for the async feedback client.
AsyncMessagesFeedbackClient = AsyncConversationsMessagesFeedbackClient


# -- messages ---------------------------------------------------------------------------------


class AsyncConversationsMessagesClient:
    """``coze.conversations.messages``: the messages of a conversation."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
            raise TypeError(f"content must be a str, not {type(content).__name__}")
        body: dict[str, Any] = {
            "role": MessageRole(role).value,
            "content": content,
            "content_type": MessageContentType(content_type).value,
        }
        if meta_data is not None:
            body["meta_data"] = dict(meta_data)
        return await self._transport.request(
            "POST",
            "/v1/conversation/message/create",
            Message,
            params={"conversation_id": conversation_id},
            json=body,
            options=options,
        )

    async def retrieve(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> Message:
        """One message of a conversation. ``GET /v1/conversation/message/retrieve``."""
        return await self._transport.request(
            "GET",
            "/v1/conversation/message/retrieve",
            Message,
            params=_message_params(conversation_id, message_id),
            options=options,
        )

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
            raise ValueError("pass content and/or meta_data to update a message")
        body: dict[str, Any] = {}
        if content is not None:
            body["content"] = content
        if content_type is not None:
            body["content_type"] = MessageContentType(content_type).value
        if meta_data is not None:
            body["meta_data"] = dict(meta_data)
        # The service answers this one with the message under "message", not "data".
        return await self._transport.request(
            "POST",
            "/v1/conversation/message/modify",
            Message,
            params=params,
            json=body,
            data_field="message",
            options=options,
        )

    async def delete(
        self, *, conversation_id: str, message_id: str, **options: Unpack[RequestOptions]
    ) -> Message:
        """Delete a ``question`` or ``answer`` message (an answer takes its chat's intermediate
        messages with it); returns the deleted message. ``POST /v1/conversation/message/delete``."""
        return await self._transport.request(
            "POST",
            "/v1/conversation/message/delete",
            Message,
            params=_message_params(conversation_id, message_id),
            options=options,
        )

    async def list(
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
            raise ValueError(f"order must be 'desc' or 'asc', got {order!r}")
        _positive("limit", limit)
        before_id, after_id = before_id or None, after_id or None
        if before_id is not None and after_id is not None:
            raise ValueError("pass before_id or after_id, not both")
        query = _MessageQuery(
            conversation_id=conversation_id,
            order=order,
            chat_id=chat_id or None,
            limit=limit,
            options=options,
        )
        return await self._page(query, before_id, after_id)

    async def _page(
        self, query: _MessageQuery, before_id: str | None, after_id: str | None
    ) -> AsyncPaged[Message]:
        body: dict[str, Any] = {"order": query.order}
        if query.chat_id is not None:
            body["chat_id"] = query.chat_id
        if before_id is not None:
            body["before_id"] = before_id
        if after_id is not None:
            body["after_id"] = after_id
        body["limit"] = query.limit
        raw, meta = await self._transport.request_raw(
            "POST",
            "/v1/conversation/message/list",
            params={"conversation_id": query.conversation_id},
            json=body,
            data_field=None,
            options=query.options,
            idempotent=True,  # a read, though a POST: safe to retry
        )
        envelope = raw if isinstance(raw, dict) else {}
        items = _messages(envelope.get("data"), meta)
        first_id = _optional_str(envelope.get("first_id"))
        last_id = _optional_str(envelope.get("last_id"))
        has_more = envelope.get("has_more") is True
        # Page on in the direction the listing started in; stop rather than loop when the
        # service gives no cursor or the same cursor again.
        backward = before_id is not None
        cursor = first_id if backward else last_id
        fetch_next = None
        if has_more and items and cursor is not None and cursor != (before_id or after_id):
            if backward:
                fetch_next = partial(self._page, query, cursor, None)
            else:
                fetch_next = partial(self._page, query, None, cursor)
        return AsyncPaged(
            items,
            has_more=has_more,
            response=meta,
            fetch_next=fetch_next,
            first_id=first_id,
            last_id=last_id,
        )


#: cozepy's name for the async messages client.
AsyncMessagesClient = AsyncConversationsMessagesClient


class _MessageQuery:
    """What stays the same from one page of a message listing to the next."""

    __slots__ = ("chat_id", "conversation_id", "limit", "options", "order")

    def __init__(
        self,
        *,
        conversation_id: str,
        order: str,
        chat_id: str | None,
        limit: int,
        options: Mapping[str, Any],
    ) -> None:
        self.conversation_id = conversation_id
        self.order = order
        self.chat_id = chat_id
        self.limit = limit
        self.options = options


def _message_params(conversation_id: str, message_id: str) -> dict[str, str]:
    require_id("conversation_id", conversation_id)
    require_id("message_id", message_id)
    return {"conversation_id": conversation_id, "message_id": message_id}


def _messages(data: Any, meta: HTTPResponse) -> list[Message]:
    return Transport._structure(data or [], list[Message], meta)


def _conversations(data: Any, meta: HTTPResponse) -> list[Conversation]:
    return Transport._structure(data or [], list[Conversation], meta)


# -- conversations ----------------------------------------------------------------------------


class AsyncConversationsClient:
    """``coze.conversations``: conversations and their messages."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
        body: dict[str, Any] = {}
        if messages is not None:
            body["messages"] = unstructure(list(messages))
        if meta_data is not None:
            body["meta_data"] = dict(meta_data)
        optional = {"bot_id": bot_id, "name": name, "connector_id": connector_id}
        body.update({k: v for k, v in optional.items() if v is not None})
        return await self._transport.request(
            "POST", "/v1/conversation/create", Conversation, json=body, options=options
        )

    async def retrieve(
        self, *, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """One conversation. ``GET /v1/conversation/retrieve``."""
        require_id("conversation_id", conversation_id)
        return await self._transport.request(
            "GET",
            "/v1/conversation/retrieve",
            Conversation,
            params={"conversation_id": conversation_id},
            options=options,
        )

    async def update(
        self, *, conversation_id: str, name: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Rename a conversation (at most 100 characters); returns it as changed.
        ``PUT /v1/conversations/{conversation_id}``."""
        route = path("/v1/conversations/{conversation_id}", conversation_id=conversation_id)
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        return await self._transport.request(
            "PUT", route, Conversation, json={"name": name}, options=options
        )

    async def delete(
        self, *, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteConversationResp:
        """Delete a conversation and its messages for good.
        ``DELETE /v1/conversations/{conversation_id}``."""
        route = path("/v1/conversations/{conversation_id}", conversation_id=conversation_id)
        return await self._transport.request(
            "DELETE", route, DeleteConversationResp, data_field=None, options=options
        )

    async def clear(self, *, conversation_id: str, **options: Unpack[RequestOptions]) -> Section:
        """Clear the conversation's context: later chats no longer see earlier messages (they
        stay listed). Returns the new context section.
        ``POST /v1/conversations/{conversation_id}/clear``."""
        route = path("/v1/conversations/{conversation_id}/clear", conversation_id=conversation_id)
        return await self._transport.request("POST", route, Section, options=options)

    async def list(
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
        _positive("page_num", page_num)
        _positive("page_size", page_size)
        params: dict[str, Any] = {"bot_id": bot_id, "page_size": page_size}
        if sort_order is not None:
            params["sort_order"] = sort_order
        if connector_id is not None:
            params["connector_id"] = connector_id
        return await self._conversation_page(params, page_num, options)

    async def _conversation_page(
        self, params: dict[str, Any], page_num: int, options: Mapping[str, Any]
    ) -> AsyncPaged[Conversation]:
        data, meta = await self._transport.request_raw(
            "GET", "/v1/conversations", params={**params, "page_num": page_num}, options=options
        )
        payload = data if isinstance(data, dict) else {}
        items = _conversations(payload.get("conversations"), meta)
        has_more = payload.get("has_more") is True
        # An empty page that claims more would page forever: stop there.
        fetch_next = (
            partial(self._conversation_page, params, page_num + 1, options)
            if has_more and items
            else None
        )
        return AsyncPaged(items, has_more=has_more, response=meta, fetch_next=fetch_next)


# -- the sync twins ---------------------------------------------------------------------------


class ConversationsMessagesFeedbackClient(SyncResource[AsyncConversationsMessagesFeedbackClient]):
    """Sync ``coze.conversations.messages.feedback``."""

    create = forward(AsyncConversationsMessagesFeedbackClient.create)
    delete = forward(AsyncConversationsMessagesFeedbackClient.delete)


class ConversationsMessagesClient(SyncResource[AsyncConversationsMessagesClient]):
    """Sync ``coze.conversations.messages``."""

    create = forward(AsyncConversationsMessagesClient.create)
    retrieve = forward(AsyncConversationsMessagesClient.retrieve)
    update = forward(AsyncConversationsMessagesClient.update)
    delete = forward(AsyncConversationsMessagesClient.delete)
    list = forward_paged(AsyncConversationsMessagesClient.list)

    @property
    def feedback(self) -> ConversationsMessagesFeedbackClient:
        """Sync ``coze.conversations.messages.feedback``."""
        return ConversationsMessagesFeedbackClient(self._portal, self._async.feedback)


#: cozepy's name for the sync messages client.
MessagesClient = ConversationsMessagesClient


class ConversationsClient(SyncResource[AsyncConversationsClient]):
    """Sync ``coze.conversations``."""

    create = forward(AsyncConversationsClient.create)
    retrieve = forward(AsyncConversationsClient.retrieve)
    update = forward(AsyncConversationsClient.update)
    delete = forward(AsyncConversationsClient.delete)
    clear = forward(AsyncConversationsClient.clear)
    list = forward_paged(AsyncConversationsClient.list)

    @property
    def messages(self) -> ConversationsMessagesClient:
        """Sync ``coze.conversations.messages``."""
        return ConversationsMessagesClient(self._portal, self._async.messages)
