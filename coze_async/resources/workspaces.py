"""The workspaces resource (``coze.workspaces``): workspaces and their members."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .._pagination import AsyncPaged, forward_paged, number_page_has_more
from .._paths import path
from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
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


class AsyncWorkspacesMembersClient:
    """``coze.workspaces.members``: the members of a workspace."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        return await self._transport.request(
            "POST", url, CreateWorkspaceMemberResp, json=body, options=options
        )

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
        return await self._transport.request(
            "DELETE",
            url,
            DeleteWorkspaceMemberResp,
            json={"user_ids": list(user_ids)},
            options=options,
        )

    async def list(
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
        return await self._page(url, page_num, page_size, options)

    async def _page(
        self, url: str, page_num: int, page_size: int, options: RequestOptions
    ) -> AsyncPaged[WorkspaceMember]:
        params = {"page_num": page_num, "page_size": page_size}
        data = await self._transport.request(
            "GET", url, WorkspaceMembersPage, params=params, options=options
        )
        return AsyncPaged(
            data.items,
            has_more=number_page_has_more(page_num, page_size, len(data.items), data.total_count),
            response=data.response,
            total=data.total_count,
            fetch_next=partial(self._page, url, page_num + 1, page_size, options),
        )


class AsyncWorkspacesClient:
    """``coze.workspaces``: workspaces and their members."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.members = AsyncWorkspacesMembersClient(transport)

    async def list(
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
        filters = {
            "user_id": user_id,
            "coze_account_id": coze_account_id,
            "enterprise_id": enterprise_id,
        }
        return await self._page(page_num, page_size, filters, options)

    async def _page(
        self,
        page_num: int,
        page_size: int,
        filters: dict[str, str | None],
        options: RequestOptions,
    ) -> AsyncPaged[Workspace]:
        params = {"page_num": page_num, "page_size": page_size, **filters}
        data = await self._transport.request(
            "GET", "/v1/workspaces", WorkspacesPage, params=params, options=options
        )
        items = data.workspaces
        return AsyncPaged(
            items,
            has_more=number_page_has_more(page_num, page_size, len(items), data.total_count),
            response=data.response,
            total=data.total_count,
            fetch_next=partial(self._page, page_num + 1, page_size, filters, options),
        )


# -- the sync twins ---------------------------------------------------------------------------


class WorkspacesMembersClient(SyncResource[AsyncWorkspacesMembersClient]):
    """Sync ``coze.workspaces.members``."""

    create = forward(AsyncWorkspacesMembersClient.create)
    delete = forward(AsyncWorkspacesMembersClient.delete)
    list = forward_paged(AsyncWorkspacesMembersClient.list)


class WorkspacesClient(SyncResource[AsyncWorkspacesClient]):
    """Sync ``coze.workspaces``."""

    list = forward_paged(AsyncWorkspacesClient.list)

    @property
    def members(self) -> WorkspacesMembersClient:
        """Sync ``coze.workspaces.members``."""
        return WorkspacesMembersClient(self._portal, self._async.members)
