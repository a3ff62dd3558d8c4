"""The templates resource (``coze.templates``): templates."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncTemplatesClient", "TemplatesClient"]


class AsyncTemplatesClient:
    """``coze.templates``: templates."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class TemplatesClient(SyncResource[AsyncTemplatesClient]):
    """Sync ``coze.templates``."""
