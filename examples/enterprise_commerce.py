"""Enterprise administration and the plan's commerce APIs: add a member and give them an
organization (async), read the plan's benefits, cap what every device of the enterprise may
spend, and list the recent bill export tasks (sync). Offline against the emulator unless
COZE_API_TOKEN is set (then also set COZE_ENTERPRISE_ID and COZE_MEMBER_ID, a Coze user id;
these APIs need an enterprise plan and an admin's token).

cozepy has no example of this family; this one is coze_async's own.
"""

from __future__ import annotations

import asyncio
import os
import time

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    BenefitActiveMode,
    BenefitEntityType,
    BenefitLimitation,
    BenefitTriggerUnit,
    BenefitType,
    Coze,
    EnterpriseMember,
    EnterpriseMemberRole,
    TokenAuth,
)
from coze_async.emulator.routes.enterprises import ENTERPRISE_ID

OFFLINE = not os.environ.get("COZE_API_TOKEN")
ENTERPRISE = ENTERPRISE_ID if OFFLINE else os.environ.get("COZE_ENTERPRISE_ID", "")
NEW_MEMBER = "7300000000000000111" if OFFLINE else os.environ.get("COZE_MEMBER_ID", "")


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        await coze.enterprises.members.create(
            enterprise_id=ENTERPRISE,
            users=[
                EnterpriseMember(user_id=NEW_MEMBER, role=EnterpriseMemberRole.ENTERPRISE_MEMBER)
            ],
        )
        await coze.enterprises.members.update(
            enterprise_id=ENTERPRISE, user_id=NEW_MEMBER, role=EnterpriseMemberRole.ENTERPRISE_ADMIN
        )
        print("member", NEW_MEMBER, "is now an admin of", ENTERPRISE)
        org = await coze.enterprises.organizations.create(
            enterprise_id=ENTERPRISE,
            name="Example organization",
            super_admin_user_id=NEW_MEMBER,
            description="Made by examples/enterprise_commerce.py",
        )
        print("created organization", org.organization_id)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        plan = coze.benefits.retrieve(
            benefit_type_list=[BenefitType.API_RUN_QPS], resource_id="workflow"
        )
        level = plan.basic_info.user_level if plan.basic_info else None
        print("plan:", level)
        for benefit in plan.benefit_info or []:
            counter = benefit.effective.item_info if benefit.effective else None
            qps = counter.total if counter else None
            print(f"   {benefit.benefit_type} of {benefit.resource_id} APIs: {qps} QPS in force")
        quota = coze.benefit_limitations.create(
            entity_type=BenefitEntityType.ENTERPRISE_ALL_DEVICES,
            benefit_info=BenefitLimitation(
                benefit_type=BenefitType.RESOURCE_POINT,
                limit=1000,
                trigger_unit=BenefitTriggerUnit.DAY,
                trigger_time=1,
                active_mode=BenefitActiveMode.ABSOLUTE_TIME,
                started_at=int(time.time()),
                ended_at=253402300799,  # for ever
            ),
        )
        if quota.benefit_info is not None:
            print(
                "daily quota per device:", quota.benefit_info.limit, quota.benefit_info.benefit_type
            )
        for task in coze.bill_tasks.list(page_size=10):
            print("bill task", task.task_id, task.status, task.file_urls or "")


if __name__ == "__main__":
    if not ENTERPRISE or not NEW_MEMBER:
        raise SystemExit("set COZE_ENTERPRISE_ID and COZE_MEMBER_ID to run against Coze")
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
