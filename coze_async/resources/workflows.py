"""The workflows resource (``coze.workflows``): workflows: runs, streams, histories, chat."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncWorkflowsClient", "WorkflowsClient"]


class AsyncWorkflowsClient:
    """``coze.workflows``: workflows: runs, streams, histories, chat."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class WorkflowsClient(SyncResource[AsyncWorkflowsClient]):
    """Sync ``coze.workflows``."""
