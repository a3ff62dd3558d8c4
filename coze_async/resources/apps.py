"""The apps resource (``coze.apps``): apps and their collaborators."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AppsClient", "AsyncAppsClient"]


class AsyncAppsClient:
    """``coze.apps``: apps and their collaborators."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class AppsClient(SyncResource[AsyncAppsClient]):
    """Sync ``coze.apps``."""
