"""Workflow runs and their events, as cozepy's ``cozepy.workflows.runs`` names them. Every name is
the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ...models.chat import ChatUsage
from ...models.workflows import (
    WorkflowEvent,
    WorkflowEventError,
    WorkflowEventInterrupt,
    WorkflowEventInterruptData,
    WorkflowEventMessage,
    WorkflowEventType,
    WorkflowRunResult,
)
from ...resources.workflows import AsyncWorkflowsRunsClient, WorkflowsRunsClient

__all__ = [
    "AsyncWorkflowsRunsClient",
    "ChatUsage",
    "WorkflowEvent",
    "WorkflowEventError",
    "WorkflowEventInterrupt",
    "WorkflowEventInterruptData",
    "WorkflowEventMessage",
    "WorkflowEventType",
    "WorkflowRunResult",
    "WorkflowsRunsClient",
]
