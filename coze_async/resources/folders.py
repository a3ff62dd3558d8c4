"""The folders resource (``coze.folders``): the folders of a workspace."""

from __future__ import annotations

from typing import Final

from .._pagination import AsyncPaged, NumberPaging
from .._paths import path
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.folders import FoldersPage, FolderType, SimpleFolder

__all__ = ["AsyncFoldersClient", "FoldersClient"]


class AsyncFoldersClient(AsyncResource):
    """``coze.folders``: the folders of a workspace."""

    async def retrieve(self, *, folder_id: str, **options: Unpack[RequestOptions]) -> SimpleFolder:
        """One folder. ``GET /v1/folders/{folder_id}``."""
        url = path("/v1/folders/{folder_id}", folder_id=folder_id)
        return await self._transport.call(Request("GET", url, options=options), SimpleFolder)

    def list(
        self,
        *,
        workspace_id: str,
        folder_type: FolderType,
        parent_folder_id: str | None = None,
        page_num: int = 1,
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[SimpleFolder]:
        """The folders directly under ``parent_folder_id`` (the workspace's root when omitted),
        page by page (``page_size`` up to 50). ``GET /v1/folders``."""
        params = omit_none(
            workspace_id=workspace_id, folder_type=folder_type, parent_folder_id=parent_folder_id
        )
        return self._transport.paged(
            Request("GET", "/v1/folders", params=params, options=options),
            FoldersPage,
            NumberPaging(page_num, page_size),
        )


class FoldersClient(SyncResource[AsyncFoldersClient]):
    """Sync ``coze.folders``."""

    retrieve: Final = forward(AsyncFoldersClient.retrieve)
    list: Final = forward(AsyncFoldersClient.list)
