"""The apps resource (``coze.apps``): the apps of a workspace and their collaborators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._pagination import AsyncPaged, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.apps import (
    AddAppCollaboratorResp,
    AppCollaborator,
    AppsPage,
    RemoveAppCollaboratorResp,
    SimpleApp,
)
from ..models.bots import PublishStatus

__all__ = [
    "AppsClient",
    "AppsCollaboratorsClient",
    "AsyncAppsClient",
    "AsyncAppsCollaboratorsClient",
]


class AsyncAppsCollaboratorsClient(AsyncResource):
    """``coze.apps.collaborators``: the collaborators of an app."""

    async def create(
        self,
        *,
        app_id: str,
        collaborators: Sequence[AppCollaborator],
        **options: Unpack[RequestOptions],
    ) -> AddAppCollaboratorResp:
        """Add collaborators (members of the app's workspace; the service takes one per call).
        ``POST /v1/apps/{app_id}/collaborators``."""
        url = path("/v1/apps/{app_id}/collaborators", app_id=app_id)
        body = {"collaborators": [{"user_id": c.user_id} for c in collaborators]}
        request = Request("POST", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, AddAppCollaboratorResp)

    async def delete(
        self, *, app_id: str, user_id: str, **options: Unpack[RequestOptions]
    ) -> RemoveAppCollaboratorResp:
        """Remove a collaborator; what they created passes to the app's owner.
        ``DELETE /v1/apps/{app_id}/collaborators/{user_id}``."""
        url = path("/v1/apps/{app_id}/collaborators/{user_id}", app_id=app_id, user_id=user_id)
        request = Request("DELETE", url, data_field=None, options=options)
        return await self._transport.call_empty(request, RemoveAppCollaboratorResp)


class AsyncAppsClient(AsyncResource):
    """``coze.apps``: the apps of a workspace and their collaborators."""

    collaborators: AsyncAppsCollaboratorsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.collaborators = AsyncAppsCollaboratorsClient(transport)

    def list(
        self,
        *,
        workspace_id: str,
        publish_status: PublishStatus | None = None,
        connector_id: str | None = None,
        page_num: int = 1,
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[SimpleApp]:
        """The apps of a workspace, page by page; iterate the result for every app.
        ``publish_status`` filters by publication state; ``connector_id`` selects the channel
        of published versions. ``GET /v1/apps``."""
        require_id("workspace_id", workspace_id)
        params = omit_none(
            workspace_id=workspace_id, publish_status=publish_status, connector_id=connector_id
        )
        # cozepy sends the page number as ``page_index``, the API reference names it
        # ``page_num``: send both so either reading of the server pages correctly.
        paging = NumberPaging(page_num, page_size, aliases=("page_index",))
        request = Request("GET", "/v1/apps", params=params, options=options)
        return self._transport.paged(request, AppsPage, paging)


# -- the sync twins ---------------------------------------------------------------------------


class AppsCollaboratorsClient(SyncResource[AsyncAppsCollaboratorsClient]):
    """Sync ``coze.apps.collaborators``."""

    create: Final = forward(AsyncAppsCollaboratorsClient.create)
    delete: Final = forward(AsyncAppsCollaboratorsClient.delete)


class AppsClient(SyncResource[AsyncAppsClient]):
    """Sync ``coze.apps``."""

    list: Final = forward(AsyncAppsClient.list)
    collaborators: Final = SubResource(AppsCollaboratorsClient)
