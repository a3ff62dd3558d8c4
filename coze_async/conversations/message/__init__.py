"""A conversation's messages, as cozepy's ``cozepy.conversations.message`` names them (their
feedback: ``coze_async.conversations.message.feedback``). ``MessagesClient`` is
``ConversationsMessagesClient``. Every name is the object the rest of the package uses (also
exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ...models.chat import Message, MessageContentType, MessageRole
from ...resources.conversations import (
    AsyncConversationsMessagesClient,
    AsyncMessagesClient,
    ConversationsMessagesClient,
    MessagesClient,
)

__all__ = [
    "AsyncConversationsMessagesClient",
    "AsyncMessagesClient",
    "ConversationsMessagesClient",
    "Message",
    "MessageContentType",
    "MessageRole",
    "MessagesClient",
]
