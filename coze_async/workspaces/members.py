"""A workspace's members, as cozepy's ``cozepy.workspaces.members`` names them. Every name is the
object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.workspaces import (
    CreateWorkspaceMemberResp,
    DeleteWorkspaceMemberResp,
    WorkspaceMember,
    WorkspaceRoleType,
)
from ..resources.workspaces import AsyncWorkspacesMembersClient, WorkspacesMembersClient

__all__ = [
    "AsyncWorkspacesMembersClient",
    "CreateWorkspaceMemberResp",
    "DeleteWorkspaceMemberResp",
    "WorkspaceMember",
    "WorkspaceRoleType",
    "WorkspacesMembersClient",
]
