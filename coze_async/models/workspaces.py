"""Workspace payloads: workspaces, their members and the results of member changes."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel, DynamicStrEnum, Page

__all__ = [
    "CreateWorkspaceMemberResp",
    "DeleteWorkspaceMemberResp",
    "Workspace",
    "WorkspaceMember",
    "WorkspaceRoleType",
    "WorkspaceType",
]


class WorkspaceRoleType(DynamicStrEnum):
    """A user's role in a workspace."""

    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


class WorkspaceType(DynamicStrEnum):
    """Whether a workspace is a personal one or a team one."""

    PERSONAL = "personal"
    TEAM = "team"


@define(kw_only=True)
class Workspace(CozeModel):
    """A workspace the user created or joined."""

    id: str
    name: str
    icon_url: str = ""
    role_type: WorkspaceRoleType | None = None
    workspace_type: WorkspaceType | None = None
    #: Empty for a workspace of a personal account.
    enterprise_id: str = ""
    description: str | None = None
    owner_uid: str | None = None
    admin_uids: list[str] | None = None
    #: The user's membership state, e.g. ``joined``.
    joined_status: str | None = None


@define(kw_only=True)
class WorkspaceMember(CozeModel):
    """A member of a workspace; to add members only ``user_id`` and ``role_type`` are sent."""

    user_id: str
    role_type: WorkspaceRoleType
    user_nickname: str | None = None
    user_unique_name: str | None = None
    avatar_url: str | None = None


@define(kw_only=True)
class CreateWorkspaceMemberResp(CozeModel):
    """What became of each user asked to join a workspace."""

    #: Added at once (team and enterprise workspaces).
    added_success_user_ids: list[str] = field(factory=list)
    #: Invited and accepted (personal workspaces).
    invited_success_user_ids: list[str] = field(factory=list)
    #: No such user.
    not_exist_user_ids: list[str] = field(factory=list)
    #: Already members: not added again.
    already_joined_user_ids: list[str] = field(factory=list)
    #: Invited earlier and not yet accepted (personal workspaces).
    already_invited_user_ids: list[str] = field(factory=list)


@define(kw_only=True)
class DeleteWorkspaceMemberResp(CozeModel):
    """What became of each user asked to leave a workspace."""

    removed_success_user_ids: list[str] = field(factory=list)
    #: Not members of the workspace: left alone.
    not_in_workspace_user_ids: list[str] = field(factory=list)
    #: The workspace owner cannot be removed.
    owner_not_support_remove_user_ids: list[str] = field(factory=list)


@define(kw_only=True)
class WorkspacesPage(Page[Workspace]):
    """One page of ``GET /v1/workspaces`` as the API sends it (internal)."""

    _items_field = "workspaces"
    _has_more_field = None
    _total_field = "total_count"

    total_count: int | None = None
    workspaces: list[Workspace] = field(factory=list)


@define(kw_only=True)
class WorkspaceMembersPage(Page[WorkspaceMember]):
    """One page of ``GET /v1/workspaces/{workspace_id}/members`` as the API sends it
    (``{items, total_count}``; internal)."""

    _has_more_field = None
    _total_field = "total_count"

    total_count: int | None = None
    items: list[WorkspaceMember] = field(factory=list)
