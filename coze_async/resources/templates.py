"""The templates resource (``coze.templates``): copy templates into a workspace."""

from __future__ import annotations

from typing import Final

from .._paths import path
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.templates import TemplateDuplicateResp

__all__ = ["AsyncTemplatesClient", "TemplatesClient"]


class AsyncTemplatesClient(AsyncResource):
    """``coze.templates``: templates."""

    async def duplicate(
        self,
        *,
        template_id: str,
        workspace_id: str,
        name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> TemplateDuplicateResp:
        """Copy a template into a workspace, optionally renaming the copy; returns the new
        entity. ``POST /v1/templates/{template_id}/duplicate``."""
        url = path("/v1/templates/{template_id}/duplicate", template_id=template_id)
        body = omit_none(workspace_id=workspace_id, name=name)
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call(request, TemplateDuplicateResp)


class TemplatesClient(SyncResource[AsyncTemplatesClient]):
    """Sync ``coze.templates``."""

    duplicate: Final = forward(AsyncTemplatesClient.duplicate)
