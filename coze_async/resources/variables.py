"""The variables resource (``coze.variables``): the user variables of bots and apps."""

from __future__ import annotations

from collections.abc import Sequence

from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
from ..models._base import ListResponse
from ..models.variables import UpdateVariableResp, VariablesData, VariableValue

__all__ = ["AsyncVariablesClient", "VariablesClient"]


class AsyncVariablesClient:
    """``coze.variables``: the user variables of bots and apps, per end user."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def retrieve(
        self,
        *,
        connector_uid: str,
        keywords: Sequence[str],
        app_id: str | None = None,
        bot_id: str | None = None,
        connector_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ListResponse[VariableValue]:
        """The values of the named variables (every variable when ``keywords`` is empty) for
        end user ``connector_uid`` of a bot or an app (give ``bot_id`` or ``app_id``).
        ``GET /v1/variables``."""
        if isinstance(keywords, str):
            raise TypeError("keywords must be a sequence of names, not a single str")
        params = {
            "app_id": app_id,
            "bot_id": bot_id,
            "connector_id": connector_id,
            "connector_uid": connector_uid,
            "keywords": ",".join(keywords) or None,
        }
        data = await self._transport.request(
            "GET", "/v1/variables", VariablesData, params=params, options=options
        )
        return ListResponse(data.items, data.response)

    async def update(
        self,
        *,
        connector_uid: str,
        data: Sequence[VariableValue],
        app_id: str | None = None,
        bot_id: str | None = None,
        connector_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateVariableResp:
        """Set variable values (``keyword`` and ``value`` of each item are sent) for end user
        ``connector_uid`` of a bot or an app (give ``bot_id`` or ``app_id``).
        ``PUT /v1/variables``."""
        body = {
            "app_id": app_id,
            "bot_id": bot_id,
            "connector_id": connector_id,
            "connector_uid": connector_uid,
            "data": [{"keyword": v.keyword, "value": v.value} for v in data],
        }
        return await self._transport.request(
            "PUT",
            "/v1/variables",
            UpdateVariableResp,
            json={k: v for k, v in body.items() if v is not None},
            data_field=None,
            options=options,
        )


class VariablesClient(SyncResource[AsyncVariablesClient]):
    """Sync ``coze.variables``."""

    retrieve = forward(AsyncVariablesClient.retrieve)
    update = forward(AsyncVariablesClient.update)
