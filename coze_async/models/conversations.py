"""Conversation payloads: conversations, context sections and message feedback (field names as
in cozepy). Messages themselves are :class:`~coze_async.models.chat.Message`."""

from __future__ import annotations

from attrs import Factory, define

from ._base import CozeModel, DynamicStrEnum

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
