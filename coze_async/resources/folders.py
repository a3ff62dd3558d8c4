"""The folders resource (``coze.folders``): folders."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncFoldersClient", "FoldersClient"]


class AsyncFoldersClient:
    """``coze.folders``: folders."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class FoldersClient(SyncResource[AsyncFoldersClient]):
    """Sync ``coze.folders``."""
