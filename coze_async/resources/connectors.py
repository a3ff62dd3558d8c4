"""The connectors resource (``coze.connectors``): connectors."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncConnectorsClient", "ConnectorsClient"]


class AsyncConnectorsClient:
    """``coze.connectors``: connectors."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class ConnectorsClient(SyncResource[AsyncConnectorsClient]):
    """Sync ``coze.connectors``."""
