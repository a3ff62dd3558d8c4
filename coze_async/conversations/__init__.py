"""Conversations, as cozepy's ``cozepy.conversations`` names them (their messages:
``coze_async.conversations.message``). Every name is the object the rest of the package uses
(also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.chat import Message
from ..models.conversations import Conversation, DeleteConversationResp, Section
from ..resources.conversations import AsyncConversationsClient, ConversationsClient

__all__ = [
    "AsyncConversationsClient",
    "Conversation",
    "ConversationsClient",
    "DeleteConversationResp",
    "Message",
    "Section",
]
