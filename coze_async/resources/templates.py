"""The templates resource (``coze.templates``): copy templates into a workspace."""

from __future__ import annotations

from .._paths import path
from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
from ..models.templates import TemplateDuplicateResp

__all__ = ["AsyncTemplatesClient", "TemplatesClient"]


class AsyncTemplatesClient:
    """``coze.templates``: templates."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        body = {"workspace_id": workspace_id, "name": name}
        return await self._transport.request(
            "POST",
            url,
            TemplateDuplicateResp,
            json={k: v for k, v in body.items() if v is not None},
            options=options,
        )


class TemplatesClient(SyncResource[AsyncTemplatesClient]):
    """Sync ``coze.templates``."""

    duplicate = forward(AsyncTemplatesClient.duplicate)
