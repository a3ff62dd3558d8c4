"""The benefits resource (``coze.benefits``): the plan's benefits and their use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._errors import CozeInvalidArgumentTypeError
from .._paths import require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.commerce import BenefitData, BenefitType

__all__ = ["AsyncBenefitsClient", "BenefitsClient"]


def _comma_list(name: str, values: Sequence[str] | None) -> str | None:
    """A list query parameter as the commerce API takes it: names joined by commas (``None``
    for none). A single str is refused: it is not a list of one."""
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise CozeInvalidArgumentTypeError(
            f"{name} must be a sequence of str, not {type(values).__name__}"
        )
    for value in values:
        require_id(f"{name}[]", value)
    return ",".join(str(value) for value in values) or None


class AsyncBenefitsClient(AsyncResource):
    """``coze.benefits``: the benefits of the account's plan."""

    async def retrieve(
        self,
        *,
        benefit_type_list: Sequence[BenefitType | str] | None = None,
        resource_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> BenefitData:
        """The account's plan, and the benefits of the types asked for: ``api_run_qps`` (the
        QPS of the APIs named by ``resource_id``: ``plugin``, ``chat`` or ``workflow``) and
        ``call_tool_limit`` (paid plugin calls through MCP). Without types, only the plan.
        ``GET /v1/commerce/benefit/benefits/get``."""
        if resource_id is not None:
            require_id("resource_id", resource_id)
        params = omit_none(
            benefit_type_list=_comma_list("benefit_type_list", benefit_type_list),
            resource_id=resource_id,
        )
        request = Request(
            "GET", "/v1/commerce/benefit/benefits/get", params=params, options=options
        )
        return await self._transport.call(request, BenefitData)


# -- the sync twin ----------------------------------------------------------------------------


class BenefitsClient(SyncResource[AsyncBenefitsClient]):
    """Sync ``coze.benefits``."""

    retrieve: Final = forward(AsyncBenefitsClient.retrieve)
