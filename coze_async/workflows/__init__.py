"""Workflows, as cozepy's ``cozepy.workflows`` names them, with their collaborators (runs, chat and
versions: the submodules). Every name is the object the rest of the package uses (also exported
by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.bots import PublishStatus
from ..models.workflows import (
    RemoveWorkflowCollaboratorResp,
    WorkflowBasic,
    WorkflowInfo,
    WorkflowInput,
    WorkflowMode,
    WorkflowOutput,
    WorkflowUserInfo,
)
from ..resources.workflows import (
    AsyncWorkflowsClient,
    AsyncWorkflowsCollaboratorsClient,
    WorkflowsClient,
    WorkflowsCollaboratorsClient,
)

__all__ = [
    "AsyncWorkflowsClient",
    "AsyncWorkflowsCollaboratorsClient",
    "PublishStatus",
    "RemoveWorkflowCollaboratorResp",
    "WorkflowBasic",
    "WorkflowInfo",
    "WorkflowInput",
    "WorkflowMode",
    "WorkflowOutput",
    "WorkflowUserInfo",
    "WorkflowsClient",
    "WorkflowsCollaboratorsClient",
]
