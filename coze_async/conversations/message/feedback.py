"""Feedback on a message, as cozepy's ``cozepy.conversations.message.feedback`` names it.
``AsyncMessagesFeedbackClient`` is ``AsyncConversationsMessagesFeedbackClient``. Every name is
the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ...models.conversations import (
    CreateConversationMessageFeedbackResp,
    DeleteConversationMessageFeedbackResp,
    FeedbackType,
)
from ...resources.conversations import (
    AsyncConversationsMessagesFeedbackClient,
    AsyncMessagesFeedbackClient,
    ConversationsMessagesFeedbackClient,
)

__all__ = [
    "AsyncConversationsMessagesFeedbackClient",
    "AsyncMessagesFeedbackClient",
    "ConversationsMessagesFeedbackClient",
    "CreateConversationMessageFeedbackResp",
    "DeleteConversationMessageFeedbackResp",
    "FeedbackType",
]
