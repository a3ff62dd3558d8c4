"""Conversations and their messages: ``/v1/conversation/*`` and ``/v1/conversations*``.

Conversations are number-paged (``{conversations, has_more}``); messages are cursor-paged with
``first_id``/``last_id``/``has_more`` next to ``data`` at the top level of the envelope, as the
service (and cozepy) has them. Message cursors are positions in the listing's own order:
``after_id`` pages on (pass the last ``last_id``), ``before_id`` pages back (pass ``first_id``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import orjson
from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, envelope, int_param, json_body, new_id, now, require

__all__ = ["ConversationsState", "add_routes"]


@attrs.define
class ConversationsState:
    """The conversations, their messages, and the feedback given on answers."""

    #: Conversation records by conversation id.
    records: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Each conversation's messages, oldest first, by conversation id.
    messages: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: Feedback on bot messages, by message id.
    feedback: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def new(
        self, *, bot_id: str | None = None, meta_data: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Store a new, empty conversation."""
        conversation_id = new_id()
        conversation: dict[str, Any] = {
            "id": conversation_id,
            "created_at": now(),
            "meta_data": meta_data or {},
            "last_section_id": new_id(),
        }
        if bot_id:
            conversation["bot_id"] = bot_id
        self.records[conversation_id] = conversation
        self.messages[conversation_id] = []
        return conversation

    def find(self, conversation_id: str) -> dict[str, Any]:
        """The stored conversation, or a 4200 error."""
        conversation = self.records.get(conversation_id)
        if conversation is None:
            raise ApiError(4200, f"conversation {conversation_id} does not exist")
        return conversation

    def new_message(
        self,
        conversation_id: str,
        *,
        role: str,
        content: str,
        content_type: str = "text",
        type: str = "",
        bot_id: str = "",
        chat_id: str = "",
        meta_data: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """A message dict (not yet stored anywhere)."""
        created = now()
        conversation = self.records.get(conversation_id, {})
        return {
            "id": new_id(),
            "conversation_id": conversation_id,
            "bot_id": bot_id,
            "chat_id": chat_id,
            "section_id": conversation.get("last_section_id", ""),
            "role": role,
            "type": type or ("question" if role == "user" else "answer"),
            "content": content,
            "content_type": content_type,
            "meta_data": meta_data or {},
            "created_at": created,
            "updated_at": created,
        }


_ROLES = frozenset({"user", "assistant"})
_CONTENT_TYPES = frozenset({"text", "object_string"})
_MESSAGE_TYPES = frozenset({"question", "answer", "function_call", "tool_output", "tool_response"})
_OBJECT_TYPES = frozenset({"text", "file", "image", "audio"})
#: Message types the message list shows (intermediate chat messages are left out).
_LISTED_TYPES = frozenset({"question", "answer", ""})
_API_CONNECTOR = "1024"
_MAX_INITIAL_MESSAGES = 16
_MAX_NAME = 100


def add_routes(app: web.Application) -> None:
    """Register the conversations endpoints on ``app``."""
    app.router.add_post("/v1/conversation/create", create_conversation)
    app.router.add_get("/v1/conversation/retrieve", retrieve_conversation)
    app.router.add_get("/v1/conversations", list_conversations)
    app.router.add_put("/v1/conversations/{conversation_id}", update_conversation)
    app.router.add_delete("/v1/conversations/{conversation_id}", delete_conversation)
    app.router.add_post("/v1/conversations/{conversation_id}/clear", clear_conversation)
    app.router.add_post("/v1/conversation/message/create", create_message)
    app.router.add_post("/v1/conversation/message/list", list_messages)
    app.router.add_get("/v1/conversation/message/retrieve", retrieve_message)
    app.router.add_post("/v1/conversation/message/modify", modify_message)
    app.router.add_post("/v1/conversation/message/delete", delete_message)
    feedback = "/v1/conversations/{conversation_id}/messages/{message_id}/feedback"
    app.router.add_post(feedback, create_feedback)
    app.router.add_delete(feedback, delete_feedback)


# -- validation -----------------------------------------------------------------------------------


def _optional_str(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(4000, f"Request parameter error: {name} must be a string")
    return value


def _meta_data(value: Any, where: str = "meta_data") -> dict[str, str] | None:
    """A ``meta_data`` map: at most 16 pairs, keys of 1-64 and values of up to 512 characters."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ApiError(4000, f"Request parameter error: {where} must be an object")
    if len(value) > 16:
        raise ApiError(4000, f"Request parameter error: {where} holds at most 16 pairs")
    for key, item in value.items():
        if not 1 <= len(key) <= 64:
            raise ApiError(4000, f"Request parameter error: {where} keys are 1-64 characters")
        if not isinstance(item, str) or len(item) > 512:
            raise ApiError(
                4000, f"Request parameter error: {where}.{key} must be a string of 0-512 chars"
            )
    return dict(value)


def _content_type(value: Any, where: str = "content_type") -> str:
    if value not in _CONTENT_TYPES:
        raise ApiError(4000, f"Request parameter error: {where} must be text or object_string")
    return str(value)


def _content(value: Any, content_type: str, where: str = "content") -> str:
    """Message content; ``object_string`` content must be a JSON list of typed parts."""
    if not isinstance(value, str):
        raise ApiError(4000, f"Request parameter error: {where} must be a string")
    if content_type != "object_string":
        return value
    try:
        parts = orjson.loads(value)
    except orjson.JSONDecodeError:
        raise ApiError(4000, f"Request parameter error: {where} is not valid JSON") from None
    if not isinstance(parts, list) or not parts:
        raise ApiError(4000, f"Request parameter error: {where} must be a non-empty JSON list")
    for i, part in enumerate(parts):
        if not isinstance(part, dict) or part.get("type") not in _OBJECT_TYPES:
            raise ApiError(
                4000, f"Request parameter error: {where}[{i}].type must be text/file/image/audio"
            )
        if part["type"] == "text":
            if not isinstance(part.get("text"), str):
                raise ApiError(4000, f"Request parameter error: {where}[{i}].text is required")
        elif not (part.get("file_id") or part.get("file_url")):
            raise ApiError(
                4000, f"Request parameter error: {where}[{i}] needs a file_id or a file_url"
            )
    return value


def _role(value: Any, where: str = "role") -> str:
    if value not in _ROLES:
        raise ApiError(4000, f"Request parameter error: {where} must be user or assistant")
    return str(value)


# -- conversations --------------------------------------------------------------------------------


def _conversation_data(conversation: dict[str, Any]) -> dict[str, Any]:
    """A stored conversation as the API shows it (``ConversationData``)."""
    return {
        "id": conversation["id"],
        "name": conversation.get("name", ""),
        "meta_data": conversation.get("meta_data") or {},
        "created_at": conversation["created_at"],
        "updated_at": conversation.get("updated_at", conversation["created_at"]),
        "last_section_id": conversation["last_section_id"],
        "connector_id": conversation.get("connector_id", _API_CONNECTOR),
    }


def _path_conversation(request: web.Request, store: Store) -> dict[str, Any]:
    return store.conversations.find(request.match_info["conversation_id"])


async def create_conversation(request: web.Request) -> web.Response:
    """``POST /v1/conversation/create``: a new conversation, with optional first messages."""
    store = request.app[STORE]
    body = await json_body(request)
    bot_id = _optional_str(body, "bot_id") or None
    if bot_id is not None:
        store.bots.find(bot_id)
    name = _optional_str(body, "name") or ""
    if len(name) > _MAX_NAME:
        raise ApiError(4000, f"Request parameter error: name is at most {_MAX_NAME} characters")
    connector_id = _optional_str(body, "connector_id") or _API_CONNECTOR
    meta_data = _meta_data(body.get("meta_data"))
    raw_messages = body.get("messages") or []
    if not isinstance(raw_messages, list):
        raise ApiError(4000, "Request parameter error: messages must be a list")
    if len(raw_messages) > _MAX_INITIAL_MESSAGES:
        raise ApiError(
            4000, f"Request parameter error: at most {_MAX_INITIAL_MESSAGES} initial messages"
        )
    entered = [_entered_message(raw, i) for i, raw in enumerate(raw_messages)]
    conversation = store.conversations.new(bot_id=bot_id, meta_data=meta_data)
    conversation.update(name=name, updated_at=conversation["created_at"], connector_id=connector_id)
    cid = conversation["id"]
    for message in entered:
        store.conversations.messages[cid].append(store.conversations.new_message(cid, **message))
    return envelope(request, _conversation_data(conversation))


def _entered_message(raw: Any, index: int) -> dict[str, Any]:
    """The ``new_message`` arguments for one of ``messages`` (an ``EnterMessage``)."""
    where = f"messages[{index}]"
    if not isinstance(raw, dict):
        raise ApiError(4000, f"Request parameter error: {where} must be an object")
    role = _role(raw.get("role"), f"{where}.role")
    content_type = _content_type(raw.get("content_type") or "text", f"{where}.content_type")
    content = _content(raw.get("content", ""), content_type, f"{where}.content")
    type_ = raw.get("type") or ""
    if type_ and type_ not in _MESSAGE_TYPES:
        raise ApiError(4000, f"Request parameter error: {where}.type {type_!r} is not supported")
    return {
        "role": role,
        "content": content,
        "content_type": content_type,
        "type": type_,
        "meta_data": _meta_data(raw.get("meta_data"), f"{where}.meta_data"),
    }


async def retrieve_conversation(request: web.Request) -> web.Response:
    """``GET /v1/conversation/retrieve``: one conversation."""
    store = request.app[STORE]
    conversation = store.conversations.find(require(request.query, "conversation_id"))
    return envelope(request, _conversation_data(conversation))


async def list_conversations(request: web.Request) -> web.Response:
    """``GET /v1/conversations``: a bot's conversations, page by page."""
    store = request.app[STORE]
    params = request.query
    bot_id = require(params, "bot_id")
    store.bots.find(bot_id)
    page_num = int_param(params, "page_num", 1)
    page_size = int_param(params, "page_size", 50, high=50)
    order = params.get("sort_order", "DESC").upper()
    if order not in ("ASC", "DESC"):
        raise ApiError(4000, "Request parameter error: sort_order must be ASC or DESC")
    connector_id = params.get("connector_id") or _API_CONNECTOR
    found = [
        c
        for c in store.conversations.records.values()
        if c.get("bot_id") == bot_id and c.get("connector_id", _API_CONNECTOR) == connector_id
    ]
    # Creation order is insertion order (created_at is in seconds and ties often).
    if order == "DESC":
        found.reverse()
    start = (page_num - 1) * page_size
    page = found[start : start + page_size]
    data = {
        "conversations": [_conversation_data(c) for c in page],
        "has_more": start + page_size < len(found),
    }
    return envelope(request, data)


async def update_conversation(request: web.Request) -> web.Response:
    """``PUT /v1/conversations/{conversation_id}``: rename a conversation."""
    store = request.app[STORE]
    conversation = _path_conversation(request, store)
    body = await json_body(request)
    name = require(body, "name")
    if len(name) > _MAX_NAME:
        raise ApiError(4000, f"Request parameter error: name is at most {_MAX_NAME} characters")
    conversation["name"] = name
    conversation["updated_at"] = now()
    return envelope(request, _conversation_data(conversation))


async def delete_conversation(request: web.Request) -> web.Response:
    """``DELETE /v1/conversations/{conversation_id}``: delete a conversation."""
    store = request.app[STORE]
    conversation = _path_conversation(request, store)
    cid = conversation["id"]
    chats = [r for r in store.chats.records.values() if r.data["conversation_id"] == cid]
    if any(r.task is not None and not r.task.done() for r in chats):
        raise ApiError(4016, "a chat is in progress in this conversation")
    del store.conversations.records[cid]
    store.conversations.messages.pop(cid, None)
    for record in chats:
        del store.chats.records[record.data["id"]]
    return envelope(request)


async def clear_conversation(request: web.Request) -> web.Response:
    """``POST /v1/conversations/{conversation_id}/clear``: start a new section (clear the
    context)."""
    store = request.app[STORE]
    conversation = _path_conversation(request, store)
    section_id = new_id()
    conversation["last_section_id"] = section_id
    return envelope(request, {"id": section_id, "conversation_id": conversation["id"]})


# -- messages -------------------------------------------------------------------------------------


def _query_conversation(request: web.Request, store: Store) -> dict[str, Any]:
    return store.conversations.find(require(request.query, "conversation_id"))


def _query_message(request: web.Request, store: Store) -> tuple[dict[str, Any], dict[str, Any]]:
    """The conversation and the message that the query string names."""
    conversation = _query_conversation(request, store)
    message_id = require(request.query, "message_id")
    for message in store.conversations.messages[conversation["id"]]:
        if message["id"] == message_id:
            return conversation, message
    raise ApiError(4200, f"message {message_id} does not exist in this conversation")


async def create_message(request: web.Request) -> web.Response:
    """``POST /v1/conversation/message/create``: add a message to a conversation."""
    store = request.app[STORE]
    conversation = _query_conversation(request, store)
    body = await json_body(request)
    role = _role(body.get("role"))
    if body.get("content_type") is None:
        raise ApiError(4000, "Request parameter error: content_type is required")
    content_type = _content_type(body.get("content_type"))
    if "content" not in body or body["content"] is None:
        raise ApiError(4000, "Request parameter error: content is required")
    content = _content(body["content"], content_type)
    meta_data = _meta_data(body.get("meta_data"))
    cid = conversation["id"]
    message = store.conversations.new_message(
        cid, role=role, content=content, content_type=content_type, meta_data=meta_data
    )
    store.conversations.messages[cid].append(message)
    return envelope(request, message)


def _cursor(body: Mapping[str, Any], name: str) -> int | None:
    """A message-id cursor (``"0"``, empty or absent mean none)."""
    raw = body.get(name)
    if raw is None or raw in ("", "0", 0):
        return None
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ApiError(4000, f"Request parameter error: {name} must be a message id")
    try:
        return int(raw)
    except ValueError:
        raise ApiError(4000, f"Request parameter error: {name} must be a message id") from None


async def list_messages(request: web.Request) -> web.Response:
    """``POST /v1/conversation/message/list``: a conversation's messages, by cursor."""
    store = request.app[STORE]
    conversation = _query_conversation(request, store)
    body = await json_body(request)
    order = body.get("order") or "desc"
    if order not in ("desc", "asc"):
        raise ApiError(4000, "Request parameter error: order must be desc or asc")
    chat_id = _optional_str(body, "chat_id")
    before_id = _cursor(body, "before_id")
    after_id = _cursor(body, "after_id")
    if before_id is not None and after_id is not None:
        raise ApiError(4000, "Request parameter error: pass before_id or after_id, not both")
    limit = int_param(body, "limit", 50, high=50)
    # Message ids grow with creation, so they give the listing's order and serve as cursors.
    listed = sorted(
        (
            m
            for m in store.conversations.messages[conversation["id"]]
            if m.get("type", "") in _LISTED_TYPES and (not chat_id or m.get("chat_id") == chat_id)
        ),
        key=lambda m: int(m["id"]),
        reverse=order == "desc",
    )

    def ahead(message: dict[str, Any], cursor: int) -> bool:
        """Whether ``message`` comes after the ``cursor`` position in the listing's order."""
        return int(message["id"]) < cursor if order == "desc" else int(message["id"]) > cursor

    if before_id is not None:
        preceding = [m for m in listed if not ahead(m, before_id) and int(m["id"]) != before_id]
        page = preceding[-limit:]
        has_more = len(preceding) > limit
    else:
        following = listed if after_id is None else [m for m in listed if ahead(m, after_id)]
        page = following[:limit]
        has_more = len(following) > limit
    return envelope(
        request,
        page,
        first_id=page[0]["id"] if page else "",
        last_id=page[-1]["id"] if page else "",
        has_more=has_more,
    )


async def retrieve_message(request: web.Request) -> web.Response:
    """``GET /v1/conversation/message/retrieve``: one message."""
    store = request.app[STORE]
    _, message = _query_message(request, store)
    return envelope(request, message)


async def modify_message(request: web.Request) -> web.Response:
    """``POST /v1/conversation/message/modify``: change a message's content or metadata."""
    store = request.app[STORE]
    _, message = _query_message(request, store)
    body = await json_body(request)
    content = body.get("content")
    meta_data = _meta_data(body.get("meta_data"))
    if content is None and meta_data is None:
        raise ApiError(4000, "Request parameter error: content and meta_data cannot both be empty")
    raw_type = body.get("content_type")
    content_type = message["content_type"] if raw_type is None else _content_type(raw_type)
    if content is not None:
        message["content"] = _content(content, content_type)
        message["content_type"] = content_type
    elif raw_type is not None:
        raise ApiError(4000, "Request parameter error: content_type is only set with content")
    if meta_data is not None:
        message["meta_data"] = meta_data
    message["updated_at"] = now()
    # The service answers this one with the message under "message", not "data".
    return envelope(request, message=message)


async def delete_message(request: web.Request) -> web.Response:
    """``POST /v1/conversation/message/delete``: delete a message."""
    store = request.app[STORE]
    conversation, message = _query_message(request, store)
    if message.get("type") not in ("question", "answer"):
        raise ApiError(4000, "only question and answer messages can be deleted")
    doomed = {message["id"]}
    chat_id = message.get("chat_id")
    if message["type"] == "answer" and chat_id:
        # An answer takes its chat's intermediate messages (function calls, ...) with it.
        doomed.update(
            m["id"]
            for m in store.conversations.messages[conversation["id"]]
            if m.get("chat_id") == chat_id and m.get("type") not in ("question", "answer")
        )
        record = store.chats.records.get(chat_id)
        if record is not None:
            doomed.update(
                m["id"] for m in record.messages if m.get("type") not in ("question", "answer")
            )
    cid = conversation["id"]
    store.conversations.messages[cid][:] = [
        m for m in store.conversations.messages[cid] if m["id"] not in doomed
    ]
    for record in store.chats.records.values():
        if record.data["conversation_id"] == cid:
            record.messages[:] = [m for m in record.messages if m["id"] not in doomed]
    return envelope(request, message)


# -- feedback on answers ------------------------------------------------------------------------

_FEEDBACK_TYPES = frozenset({"like", "unlike"})


def _path_answer(request: web.Request, store: Store) -> dict[str, Any]:
    """The bot message the path names (feedback applies to the bot's messages only)."""
    conversation = store.conversations.find(request.match_info["conversation_id"])
    message_id = request.match_info["message_id"]
    for message in store.conversations.messages[conversation["id"]]:
        if message["id"] == message_id:
            if message["role"] != "assistant":
                raise ApiError(4000, "feedback can only be given on the bot's messages")
            return message
    raise ApiError(4200, f"message {message_id} does not exist in this conversation")


async def create_feedback(request: web.Request) -> web.Response:
    """Record feedback on a bot answer (``POST`` on the message's feedback path)."""
    store = request.app[STORE]
    message = _path_answer(request, store)
    body = await json_body(request)
    feedback_type = body.get("feedback_type")
    if feedback_type not in _FEEDBACK_TYPES:
        raise ApiError(4000, "Request parameter error: feedback_type must be like or unlike")
    reasons = body.get("reason_types") or []
    if not isinstance(reasons, list) or len(reasons) > 10:
        raise ApiError(4000, "Request parameter error: reason_types takes at most 10 strings")
    comment = body.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > 250):
        raise ApiError(4000, "Request parameter error: comment takes at most 250 characters")
    store.conversations.feedback[message["id"]] = {
        "feedback_type": feedback_type,
        "reason_types": reasons,
        "comment": comment,
    }
    return envelope(request)


async def delete_feedback(request: web.Request) -> web.Response:
    """Remove the feedback on a bot answer (``DELETE`` on the message's feedback path)."""
    store = request.app[STORE]
    message = _path_answer(request, store)
    store.conversations.feedback.pop(message["id"], None)
    return envelope(request)
