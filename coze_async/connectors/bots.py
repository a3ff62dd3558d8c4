"""A connector's bots, as cozepy's ``cozepy.connectors.bots`` names them. Every name is the object
the rest of the package uses (also exported by ``coze_async`` itself where it is a top-level name
there)."""

from __future__ import annotations

from ..models.connectors import AuditStatus, UpdateConnectorBotResp
from ..resources.connectors import AsyncConnectorsBotsClient, ConnectorsBotsClient

__all__ = [
    "AsyncConnectorsBotsClient",
    "AuditStatus",
    "ConnectorsBotsClient",
    "UpdateConnectorBotResp",
]
