"""Conversation payloads: conversations, context sections and message feedback (field names as
in cozepy). Messages themselves are :class:`~coze_async.models.chat.Message`."""

from __future__ import annotations

from attrs import Factory, define, field

from ._base import CozeModel, DynamicStrEnum, Page
from .chat import Message

__all__ = [
    "Conversation",
    "CreateConversationMessageFeedbackResp",
    "DeleteConversationMessageFeedbackResp",
    "DeleteConversationResp",
    "FeedbackType",
    "Section",
]


@define(kw_only=True)
class Conversation(CozeModel):
    """A conversation: the messages between a user and a bot, split into context sections."""

    id: str
    created_at: int = 0
    meta_data: dict[str, str] = Factory(dict)
    #: The context section new messages go to; ``conversations.clear`` starts a new one.
    last_section_id: str = ""
    name: str | None = None
    updated_at: int | None = None
    creator_id: str | None = None
    connector_id: str | None = None


@define(kw_only=True)
class Section(CozeModel):
    """A context section of a conversation (``conversations.clear`` returns the new one)."""

    id: str
    conversation_id: str


@define(kw_only=True)
class DeleteConversationResp(CozeModel):
    """The (empty) answer to ``conversations.delete``; :attr:`response` has the logid."""


class FeedbackType(DynamicStrEnum):
    """A user's verdict on a bot's answer."""

    LIKE = "like"
    UNLIKE = "unlike"


@define(kw_only=True)
class CreateConversationMessageFeedbackResp(CozeModel):
    """The (empty) answer to ``conversations.messages.feedback.create``."""


@define(kw_only=True)
class DeleteConversationMessageFeedbackResp(CozeModel):
    """The (empty) answer to ``conversations.messages.feedback.delete``."""


@define(kw_only=True)
class ConversationsPage(Page[Conversation]):
    """One page of ``GET /v1/conversations`` (internal)."""

    _items_field = "conversations"
    _total_field = None

    conversations: list[Conversation] = field(factory=list)
    has_more: bool | None = None


@define(kw_only=True)
class MessagesPage(Page[Message]):
    """One page of ``POST /v1/conversation/message/list``: the whole envelope, whose ``data`` is
    the messages (internal)."""

    _items_field = "data"
    _total_field = None
    _cursor_field = "last_id"
    _back_cursor_field = "first_id"

    data: list[Message] = field(factory=list)
    first_id: str | None = None
    last_id: str | None = None
    has_more: bool | None = None
