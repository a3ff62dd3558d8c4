"""Workspaces, as cozepy's ``cozepy.workspaces`` names them (their members:
``coze_async.workspaces.members``). Every name is the object the rest of the package uses (also
exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.workspaces import Workspace, WorkspaceRoleType, WorkspaceType
from ..resources.workspaces import AsyncWorkspacesClient, WorkspacesClient

__all__ = [
    "AsyncWorkspacesClient",
    "Workspace",
    "WorkspaceRoleType",
    "WorkspaceType",
    "WorkspacesClient",
]
