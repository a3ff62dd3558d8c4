"""Bill export tasks, as cozepy's ``cozepy.bill_tasks`` names them (a module of cozepy's
repository after 0.20.0). Every name is the object the rest of the package uses (also exported
by ``coze_async`` itself)."""

from __future__ import annotations

from .models.commerce import BenefitBillTask, BillTaskStatus
from .resources.bill_tasks import AsyncBillTasksClient, BillTasksClient

__all__ = ["AsyncBillTasksClient", "BenefitBillTask", "BillTaskStatus", "BillTasksClient"]
