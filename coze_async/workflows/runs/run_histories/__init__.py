"""A workflow run's history, as cozepy's ``cozepy.workflows.runs.run_histories`` names it. Every
name is the object the rest of the package uses (also exported by ``coze_async`` itself where it
is a top-level name there)."""

from __future__ import annotations

from ....models.chat import ChatUsage
from ....models.workflows import (
    WorkflowExecuteStatus,
    WorkflowRunHistory,
    WorkflowRunHistoryNodeExecuteStatus,
    WorkflowRunMode,
)
from ....resources.workflows import (
    AsyncWorkflowsRunsRunHistoriesClient,
    WorkflowsRunsRunHistoriesClient,
)

__all__ = [
    "AsyncWorkflowsRunsRunHistoriesClient",
    "ChatUsage",
    "WorkflowExecuteStatus",
    "WorkflowRunHistory",
    "WorkflowRunHistoryNodeExecuteStatus",
    "WorkflowRunMode",
    "WorkflowsRunsRunHistoriesClient",
]
