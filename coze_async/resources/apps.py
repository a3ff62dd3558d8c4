"""The apps resource (``coze.apps``): the apps of a workspace and their collaborators."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .._pagination import AsyncPaged, forward_paged, number_page_has_more
from .._paths import path
from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
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


class AsyncAppsCollaboratorsClient:
    """``coze.apps.collaborators``: the collaborators of an app."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        return await self._transport.request(
            "POST", url, AddAppCollaboratorResp, json=body, data_field=None, options=options
        )

    async def delete(
        self, *, app_id: str, user_id: str, **options: Unpack[RequestOptions]
    ) -> RemoveAppCollaboratorResp:
        """Remove a collaborator; what they created passes to the app's owner.
        ``DELETE /v1/apps/{app_id}/collaborators/{user_id}``."""
        url = path("/v1/apps/{app_id}/collaborators/{user_id}", app_id=app_id, user_id=user_id)
        return await self._transport.request(
            "DELETE", url, RemoveAppCollaboratorResp, data_field=None, options=options
        )


class AsyncAppsClient:
    """``coze.apps``: the apps of a workspace and their collaborators."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.collaborators = AsyncAppsCollaboratorsClient(transport)

    async def list(
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
        filters = {
            "workspace_id": workspace_id,
            "publish_status": publish_status,
            "connector_id": connector_id,
        }
        return await self._page(page_num, page_size, filters, options)

    async def _page(
        self,
        page_num: int,
        page_size: int,
        filters: dict[str, str | None],
        options: RequestOptions,
    ) -> AsyncPaged[SimpleApp]:
        # cozepy sends the page number as ``page_index``, the API reference names it
        # ``page_num``: send both so either reading of the server pages correctly.
        params = {"page_num": page_num, "page_index": page_num, "page_size": page_size, **filters}
        data = await self._transport.request(
            "GET", "/v1/apps", AppsPage, params=params, options=options
        )
        return AsyncPaged(
            data.items,
            has_more=number_page_has_more(page_num, page_size, len(data.items), data.total),
            response=data.response,
            total=data.total,
            fetch_next=partial(self._page, page_num + 1, page_size, filters, options),
        )


# -- the sync twins ---------------------------------------------------------------------------


class AppsCollaboratorsClient(SyncResource[AsyncAppsCollaboratorsClient]):
    """Sync ``coze.apps.collaborators``."""

    create = forward(AsyncAppsCollaboratorsClient.create)
    delete = forward(AsyncAppsCollaboratorsClient.delete)


class AppsClient(SyncResource[AsyncAppsClient]):
    """Sync ``coze.apps``."""

    list = forward_paged(AsyncAppsClient.list)

    @property
    def collaborators(self) -> AppsCollaboratorsClient:
        """Sync ``coze.apps.collaborators``."""
        return AppsCollaboratorsClient(self._portal, self._async.collaborators)
