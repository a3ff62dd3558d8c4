"""The folders resource (``coze.folders``): the folders of a workspace."""

from __future__ import annotations

from functools import partial

from .._pagination import AsyncPaged, forward_paged, number_page_has_more
from .._paths import path
from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
from ..models.folders import FoldersPage, FolderType, SimpleFolder

__all__ = ["AsyncFoldersClient", "FoldersClient"]


class AsyncFoldersClient:
    """``coze.folders``: the folders of a workspace."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def retrieve(self, *, folder_id: str, **options: Unpack[RequestOptions]) -> SimpleFolder:
        """One folder. ``GET /v1/folders/{folder_id}``."""
        url = path("/v1/folders/{folder_id}", folder_id=folder_id)
        return await self._transport.request("GET", url, SimpleFolder, options=options)

    async def list(
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
        page by page (``page_size`` up to 50); iterate the result for every folder.
        ``GET /v1/folders``."""
        filters = {
            "workspace_id": workspace_id,
            "folder_type": folder_type,
            "parent_folder_id": parent_folder_id,
        }
        return await self._page(page_num, page_size, filters, options)

    async def _page(
        self,
        page_num: int,
        page_size: int,
        filters: dict[str, str | None],
        options: RequestOptions,
    ) -> AsyncPaged[SimpleFolder]:
        params = {"page_num": page_num, "page_size": page_size, **filters}
        data = await self._transport.request(
            "GET", "/v1/folders", FoldersPage, params=params, options=options
        )
        has_more = number_page_has_more(
            page_num, page_size, len(data.items), data.total_count, data.has_more
        )
        return AsyncPaged(
            data.items,
            has_more=has_more,
            response=data.response,
            total=data.total_count,
            fetch_next=partial(self._page, page_num + 1, page_size, filters, options),
        )


class FoldersClient(SyncResource[AsyncFoldersClient]):
    """Sync ``coze.folders``."""

    retrieve = forward(AsyncFoldersClient.retrieve)
    list = forward_paged(AsyncFoldersClient.list)
