"""Connectors, as cozepy's ``cozepy.connectors`` names them (their bots:
``coze_async.connectors.bots``). Every name is the object the rest of the package uses (also
exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.connectors import (
    BindConnectorUserConfigResp,
    InstallConnectorResp,
    UserConfig,
    UserConfigEnum,
)
from ..resources.connectors import AsyncConnectorsClient, ConnectorsClient

__all__ = [
    "AsyncConnectorsClient",
    "BindConnectorUserConfigResp",
    "ConnectorsClient",
    "InstallConnectorResp",
    "UserConfig",
    "UserConfigEnum",
]
