"""A workflow's versions, as cozepy's ``cozepy.workflows.versions`` names them. Every name is the
object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.bots import PublishStatus
from ..models.workflows import WorkflowUserInfo, WorkflowVersionInfo
from ..resources.workflows import AsyncWorkflowsVersionsClient, WorkflowsVersionsClient

__all__ = [
    "AsyncWorkflowsVersionsClient",
    "PublishStatus",
    "WorkflowUserInfo",
    "WorkflowVersionInfo",
    "WorkflowsVersionsClient",
]
