"""The bill tasks resource (``coze.bill_tasks``): bill export tasks and their files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._pagination import AsyncPaged, NumberPaging
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.commerce import BenefitBillTask, BillTasksPage
from .benefits import _comma_list

__all__ = ["AsyncBillTasksClient", "BillTasksClient"]


class AsyncBillTasksClient(AsyncResource):
    """``coze.bill_tasks``: the bill export tasks of the enterprise's end users."""

    def list(
        self,
        *,
        task_ids: Sequence[str] | None = None,
        page_num: int = 1,
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[BenefitBillTask]:
        """Bill export tasks: those of ``task_ids`` (up to 100), else the ones created in the
        last 7 days, page by page (``page_size`` 1-200); iterate the result for every task.
        ``GET /v1/commerce/benefit/bill_tasks``."""
        params = omit_none(task_ids=_comma_list("task_ids", task_ids))
        request = Request("GET", "/v1/commerce/benefit/bill_tasks", params=params, options=options)
        return self._transport.paged(request, BillTasksPage, NumberPaging(page_num, page_size))


# -- the sync twin ----------------------------------------------------------------------------


class BillTasksClient(SyncResource[AsyncBillTasksClient]):
    """Sync ``coze.bill_tasks``."""

    list: Final = forward(AsyncBillTasksClient.list)
