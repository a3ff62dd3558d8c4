"""The benefit limitations resource (``coze.benefit_limitations``): quotas of end users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._converter import unstructure
from .._errors import CozeInvalidArgumentTypeError
from .._paths import require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._response import HTTPResponse
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.commerce import BenefitEntityType, BenefitLimitation, CreateBenefitLimitationResp

__all__ = ["AsyncBenefitLimitationsClient", "BenefitLimitationsClient"]


def _object_or_empty(payload: Any, _: HTTPResponse) -> Any:
    return {} if payload is None else payload


class AsyncBenefitLimitationsClient(AsyncResource):
    """``coze.benefit_limitations``: the quotas of an enterprise's end users (devices and
    custom consumers)."""

    async def create(
        self,
        *,
        entity_type: BenefitEntityType | str,
        benefit_info: BenefitLimitation | Mapping[str, Any],
        entity_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateBenefitLimitationResp:
        """Set a quota on every device or custom consumer of the enterprise, or on one
        (``SINGLE_DEVICE`` or ``SINGLE_CUSTOM_CONSUMER`` with its ``entity_id``). The API
        requires ``benefit_info``'s ``benefit_type``, ``limit``, ``active_mode``
        (``ABSOLUTE_TIME``), ``started_at`` and ``ended_at`` (Unix seconds; 253402300799 for
        ever). The enterprise-wide scopes take one cumulative quota and one per period.
        ``POST /v1/commerce/benefit/limitations``."""
        require_id("entity_type", entity_type)
        if entity_id is not None:
            require_id("entity_id", entity_id)
        if isinstance(benefit_info, BenefitLimitation):
            info: dict[str, Any] = unstructure(benefit_info)
        elif isinstance(benefit_info, Mapping):
            info = dict(benefit_info)
        else:
            raise CozeInvalidArgumentTypeError(
                "benefit_info must be a BenefitLimitation or a mapping, not "
                + type(benefit_info).__name__
            )
        body = omit_none(entity_type=entity_type, entity_id=entity_id, benefit_info=info)
        request = Request("POST", "/v1/commerce/benefit/limitations", json=body, options=options)
        return await self._transport.call(
            request, CreateBenefitLimitationResp, reshape=_object_or_empty
        )


# -- the sync twin ----------------------------------------------------------------------------


class BenefitLimitationsClient(SyncResource[AsyncBenefitLimitationsClient]):
    """Sync ``coze.benefit_limitations``."""

    create: Final = forward(AsyncBenefitLimitationsClient.create)
