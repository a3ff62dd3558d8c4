"""The bots resource (``coze.bots``): bots: create, update, publish, list."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncBotsClient", "BotsClient"]


class AsyncBotsClient:
    """``coze.bots``: bots: create, update, publish, list."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class BotsClient(SyncResource[AsyncBotsClient]):
    """Sync ``coze.bots``."""
