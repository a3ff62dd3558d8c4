"""The variables resource (``coze.variables``): the user variables of bots and apps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._errors import CozeInvalidArgumentTypeError
from .._paths import require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models._base import ListResponse
from ..models.variables import UpdateVariableResp, VariablesData, VariableValue

__all__ = ["AsyncVariablesClient", "VariablesClient"]


class AsyncVariablesClient(AsyncResource):
    """``coze.variables``: the user variables of bots and apps, per end user."""

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
            raise CozeInvalidArgumentTypeError(
                "keywords must be a sequence of names, not a single str"
            )
        require_id("connector_uid", connector_uid)
        params = omit_none(
            app_id=app_id,
            bot_id=bot_id,
            connector_id=connector_id,
            connector_uid=connector_uid,
            keywords=",".join(keywords) or None,
        )
        request = Request("GET", "/v1/variables", params=params, options=options)
        data = await self._transport.call(request, VariablesData)
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
        require_id("connector_uid", connector_uid)
        body = omit_none(
            app_id=app_id,
            bot_id=bot_id,
            connector_id=connector_id,
            connector_uid=connector_uid,
            data=[{"keyword": v.keyword, "value": v.value} for v in data],
        )
        request = Request("PUT", "/v1/variables", json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateVariableResp)


class VariablesClient(SyncResource[AsyncVariablesClient]):
    """Sync ``coze.variables``."""

    retrieve: Final = forward(AsyncVariablesClient.retrieve)
    update: Final = forward(AsyncVariablesClient.update)
