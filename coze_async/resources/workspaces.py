"""The workspaces resource (``coze.workspaces``): workspaces and their members."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._errors import CozeInvalidArgumentTypeError
from .._pagination import AsyncPaged, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.workspaces import (
    CreateWorkspaceMemberResp,
    DeleteWorkspaceMemberResp,
    Workspace,
    WorkspaceMember,
    WorkspaceMembersPage,
    WorkspaceRoleType,
    WorkspacesPage,
)

__all__ = [
    "AsyncWorkspacesClient",
    "AsyncWorkspacesMembersClient",
    "WorkspacesClient",
    "WorkspacesMembersClient",
]


class AsyncWorkspacesMembersClient(AsyncResource):
    """``coze.workspaces.members``: the members of a workspace."""

    async def create(
        self,
        *,
        workspace_id: str,
        users: Sequence[WorkspaceMember],
        **options: Unpack[RequestOptions],
    ) -> CreateWorkspaceMemberResp:
        """Add (or, in a personal workspace, invite) up to 20 users; only each member's
        ``user_id`` and ``role_type`` are sent. ``POST /v1/workspaces/{workspace_id}/members``."""
        url = path("/v1/workspaces/{workspace_id}/members", workspace_id=workspace_id)
        body = {
            "users": [
                {"user_id": u.user_id, "role_type": WorkspaceRoleType(u.role_type).value}
                for u in users
            ]
        }
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call(request, CreateWorkspaceMemberResp)

    async def delete(
        self,
        *,
        workspace_id: str,
        user_ids: Sequence[str],
        **options: Unpack[RequestOptions],
    ) -> DeleteWorkspaceMemberResp:
        """Remove up to 5 users from a workspace.
        ``DELETE /v1/workspaces/{workspace_id}/members``."""
        url = path("/v1/workspaces/{workspace_id}/members", workspace_id=workspace_id)
        if isinstance(user_ids, str):
            raise CozeInvalidArgumentTypeError(
                "user_ids must be a sequence of user ids, not a single str"
            )
        for user_id in user_ids:
            require_id("user_ids[]", user_id)
        request = Request("DELETE", url, json={"user_ids": list(user_ids)}, options=options)
        return await self._transport.call(request, DeleteWorkspaceMemberResp)

    def list(
        self,
        *,
        workspace_id: str,
        page_num: int = 1,
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[WorkspaceMember]:
        """The members of a workspace, page by page (``page_size`` 1-50); iterate the result
        for every member. ``GET /v1/workspaces/{workspace_id}/members``."""
        url = path("/v1/workspaces/{workspace_id}/members", workspace_id=workspace_id)
        request = Request("GET", url, options=options)
        return self._transport.paged(
            request, WorkspaceMembersPage, NumberPaging(page_num, page_size)
        )


class AsyncWorkspacesClient(AsyncResource):
    """``coze.workspaces``: workspaces and their members."""

    members: AsyncWorkspacesMembersClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.members = AsyncWorkspacesMembersClient(transport)

    def list(
        self,
        *,
        user_id: str | None = None,
        coze_account_id: str | None = None,
        page_num: int = 1,
        page_size: int = 20,
        enterprise_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Workspace]:
        """The workspaces the user created or joined, page by page (``page_size`` up to 50);
        iterate the result for every workspace. ``user_id`` and ``coze_account_id`` go together
        (a user's workspaces in one organisation); ``enterprise_id`` limits the list to one
        enterprise. ``GET /v1/workspaces``."""
        params = omit_none(
            user_id=user_id, coze_account_id=coze_account_id, enterprise_id=enterprise_id
        )
        request = Request("GET", "/v1/workspaces", params=params, options=options)
        return self._transport.paged(request, WorkspacesPage, NumberPaging(page_num, page_size))


# -- the sync twins ---------------------------------------------------------------------------


class WorkspacesMembersClient(SyncResource[AsyncWorkspacesMembersClient]):
    """Sync ``coze.workspaces.members``."""

    create: Final = forward(AsyncWorkspacesMembersClient.create)
    delete: Final = forward(AsyncWorkspacesMembersClient.delete)
    list: Final = forward(AsyncWorkspacesMembersClient.list)


class WorkspacesClient(SyncResource[AsyncWorkspacesClient]):
    """Sync ``coze.workspaces``."""

    list: Final = forward(AsyncWorkspacesClient.list)

    members: Final = SubResource(WorkspacesMembersClient)
