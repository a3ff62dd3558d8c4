"""A chat's messages, as cozepy's ``cozepy.chat.message`` names them. Every name is the object the
rest of the package uses (also exported by ``coze_async`` itself where it is a top-level name
there)."""

from __future__ import annotations

from ..models.chat import Message
from ..resources.chat import AsyncChatMessagesClient, ChatMessagesClient

__all__ = ["AsyncChatMessagesClient", "ChatMessagesClient", "Message"]
