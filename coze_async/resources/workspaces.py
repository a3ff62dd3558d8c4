"""The workspaces resource (``coze.workspaces``): workspaces and their members."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncWorkspacesClient", "WorkspacesClient"]


class AsyncWorkspacesClient:
    """``coze.workspaces``: workspaces and their members."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class WorkspacesClient(SyncResource[AsyncWorkspacesClient]):
    """Sync ``coze.workspaces``."""
