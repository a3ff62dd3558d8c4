"""The conversations resource (``coze.conversations``): conversations and their messages."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncConversationsClient", "ConversationsClient"]


class AsyncConversationsClient:
    """``coze.conversations``: conversations and their messages."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class ConversationsClient(SyncResource[AsyncConversationsClient]):
    """Sync ``coze.conversations``."""
