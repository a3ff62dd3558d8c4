"""The nodes of a workflow run, as cozepy's ``cozepy.workflows.runs.run_histories.execute_nodes``
names them. Every name is the object the rest of the package uses (also exported by
``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ....models.workflows import WorkflowNodeExecuteHistory
from ....resources.workflows import (
    AsyncWorkflowsRunsRunHistoriesExecuteNodesClient,
    WorkflowsRunsRunHistoriesExecuteNodesClient,
)

__all__ = [
    "AsyncWorkflowsRunsRunHistoriesExecuteNodesClient",
    "WorkflowNodeExecuteHistory",
    "WorkflowsRunsRunHistoriesExecuteNodesClient",
]
