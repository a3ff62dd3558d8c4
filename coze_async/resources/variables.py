"""The variables resource (``coze.variables``): bot and app variables."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncVariablesClient", "VariablesClient"]


class AsyncVariablesClient:
    """``coze.variables``: bot and app variables."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class VariablesClient(SyncResource[AsyncVariablesClient]):
    """Sync ``coze.variables``."""
