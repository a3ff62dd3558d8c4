"""The emulator's callback apps, enterprises and commerce routes: through this SDK (async, and
sync once), and through the official cozepy client (unmodified) for the families it has."""

from __future__ import annotations

import time
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from coze_async import (
    APIAppEventType,
    AppType,
    AsyncCoze,
    BadRequestError,
    BenefitActiveMode,
    BenefitEntityType,
    BenefitLimitation,
    BenefitStrategy,
    BenefitTriggerUnit,
    BenefitType,
    BenefitUserLevel,
    BillTaskStatus,
    Coze,
    EnterpriseMember,
    EnterpriseMemberRole,
    NotFoundError,
    PermissionDeniedError,
    TokenAuth,
)
from coze_async.emulator import Emulator
from coze_async.emulator.routes.commerce import (
    DONE_BILL_TASK_ID,
    OLD_BILL_TASK_ID,
    RUNNING_BILL_TASK_ID,
)
from coze_async.emulator.routes.connectors import CUSTOM_CONNECTOR_ID
from coze_async.emulator.routes.enterprises import DEFAULT_ORGANIZATION_ID, ENTERPRISE_ID
from coze_async.emulator.routes.workspaces import EMULATOR_USER_ID

with warnings.catch_warnings(record=True):
    import cozepy

ALICE = "7300000000000000111"
BOB = "7300000000000000112"
UNKNOWN_ID = "7199999999999999999"
#: What a quota needs besides its type and limit (the API requires all three): in force for ever.
FOREVER: dict[str, Any] = {
    "active_mode": "absolute_time",
    "started_at": 0,
    "ended_at": 253402300799,
}


@pytest.fixture
async def env() -> AsyncIterator[tuple[Emulator, AsyncCoze]]:
    async with Emulator(strict=True) as emu, AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        yield emu, coze


@pytest.fixture
def threaded() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emu:
        yield emu


async def collect(paged: Any) -> list[Any]:
    return [item async for item in paged]


def member(user_id: str, role: EnterpriseMemberRole) -> list[EnterpriseMember]:
    return [EnterpriseMember(user_id=user_id, role=role)]


# -- callback apps -------------------------------------------------------------------------------


async def test_callback_apps_are_created_listed_updated_and_deleted(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    assert (await coze.api_apps.list()).items == []
    hooks = await coze.api_apps.create(app_type=AppType.NORMAL, name="hooks")
    assert hooks.app_type is AppType.NORMAL and hooks.name == "hooks"
    assert len(hooks.verify_token) == 32 and hooks.callback_url == "" and hooks.connector_id is None
    shop = await coze.api_apps.create(app_type=AppType.CONNECTOR, connector_id=CUSTOM_CONNECTOR_ID)
    assert shop.connector_id == CUSTOM_CONNECTOR_ID and shop.name  # the connector's name
    assert shop.verify_token != hooks.verify_token
    extra = [await coze.api_apps.create(app_type="normal", name=f"n{i}") for i in range(3)]

    first = await coze.api_apps.list(page_size=2)
    assert [a.id for a in first.items] == [hooks.id, shop.id] and first.next_page_token
    assert [a.id for a in await collect(first)] == [hooks.id, shop.id, *(a.id for a in extra)]
    normal = await coze.api_apps.list(app_type=AppType.NORMAL)
    assert shop.id not in [a.id for a in normal.items] and len(normal.items) == 4
    (only,) = (await coze.api_apps.list(app_type=AppType.CONNECTOR)).items
    assert only == shop

    await coze.api_apps.update(app_id=hooks.id, name="renamed", callback_url="https://cb.test/x")
    record = emu.store.api_apps.records[0]
    assert (record["name"], record["callback_url"]) == ("renamed", "https://cb.test/x")
    deleted = await coze.api_apps.delete(app_id=hooks.id)
    assert deleted.response.logid
    assert hooks.id not in [a.id for a in await collect(coze.api_apps.list())]
    assert hooks.id not in emu.store.api_apps.events


async def test_callback_app_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    bad_requests = [
        lambda: coze.api_apps.create(app_type=AppType.NORMAL),
        lambda: coze.api_apps.create(app_type=AppType.NORMAL, name="x" * 129),
        lambda: coze.api_apps.create(app_type=AppType.CONNECTOR),
        lambda: coze.api_apps.create(app_type="webhook", name="n"),  # type: ignore[arg-type]
        lambda: coze.api_apps.list(app_type="webhook"),  # type: ignore[arg-type]
        lambda: coze.api_apps.list(page_token="not-a-token"),
        lambda: coze.api_apps.list(page_size=51),
    ]
    for call in bad_requests:
        with pytest.raises(BadRequestError) as excinfo:
            await call()
        assert excinfo.value.code == 4000
    app = await coze.api_apps.create(app_type=AppType.CONNECTOR, connector_id=CUSTOM_CONNECTOR_ID)
    with pytest.raises(BadRequestError):  # one callback app per connector
        await coze.api_apps.create(app_type=AppType.CONNECTOR, connector_id=CUSTOM_CONNECTOR_ID)
    with pytest.raises(BadRequestError):
        await coze.api_apps.update(app_id=app.id, callback_url="ftp://cb.test")
    with pytest.raises(BadRequestError):
        await coze.api_apps.events.create(api_app_id=app.id, event_types=["bot.renamed"])
    not_found = [
        lambda: coze.api_apps.create(app_type=AppType.CONNECTOR, connector_id=UNKNOWN_ID),
        lambda: coze.api_apps.update(app_id=UNKNOWN_ID, name="n"),
        lambda: coze.api_apps.delete(app_id=UNKNOWN_ID),
        lambda: coze.api_apps.events.create(api_app_id=UNKNOWN_ID, event_types=["bot.deleted"]),
        lambda: coze.api_apps.events.delete(api_app_id=UNKNOWN_ID, event_types=["bot.deleted"]),
        lambda: coze.api_apps.events.list(api_app_id=UNKNOWN_ID),
    ]
    for call in not_found:
        with pytest.raises(NotFoundError) as excinfo:
            await call()
        assert excinfo.value.code == 4200


async def test_events_are_subscribed_per_app_and_paged(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    hooks = await coze.api_apps.create(app_type=AppType.NORMAL, name="hooks")
    other = await coze.api_apps.create(app_type=AppType.NORMAL, name="other")
    await coze.api_apps.events.create(
        api_app_id=hooks.id,
        event_types=[APIAppEventType.BOT_PUBLISHED, "bot.deleted", "benefit.usage"],
    )
    await coze.api_apps.events.create(api_app_id=hooks.id, event_types=["bot.published"])
    await coze.api_apps.events.create(api_app_id=other.id, event_types=["bot.unpublished"])

    first = await coze.api_apps.events.list(api_app_id=hooks.id, page_size=2)
    assert first.has_more and first.next_page_token
    events = await collect(first)
    assert [e.event_type for e in events] == ["bot.published", "bot.deleted", "benefit.usage"]
    assert all(e.api_app_id == hooks.id and e.name == "hooks" and e.description for e in events)
    assert events[2].event_type is APIAppEventType.BENEFIT_USAGE

    await coze.api_apps.events.delete(
        api_app_id=hooks.id, event_types=["bot.deleted", "bot.unpublished"]
    )
    assert emu.store.api_apps.events[hooks.id] == ["bot.published", "benefit.usage"]
    assert emu.store.api_apps.events[other.id] == ["bot.unpublished"]


# -- enterprises ---------------------------------------------------------------------------------


async def test_enterprise_members_are_added_changed_and_removed(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    members = emu.store.enterprises.records[ENTERPRISE_ID]["members"]
    assert [m["user_id"] for m in members] == [EMULATOR_USER_ID]
    added = await coze.enterprises.members.create(
        enterprise_id=ENTERPRISE_ID, users=member(ALICE, EnterpriseMemberRole.ENTERPRISE_MEMBER)
    )
    assert added.response.logid
    await coze.enterprises.members.create(
        enterprise_id=ENTERPRISE_ID, users=member(BOB, EnterpriseMemberRole.ENTERPRISE_MEMBER)
    )
    await coze.enterprises.members.update(
        enterprise_id=ENTERPRISE_ID, user_id=BOB, role=EnterpriseMemberRole.ENTERPRISE_ADMIN
    )
    assert [(m["user_id"], m["role"]) for m in members[1:]] == [
        (ALICE, "enterprise_member"),
        (BOB, "enterprise_admin"),
    ]
    org = await coze.enterprises.organizations.create(
        enterprise_id=ENTERPRISE_ID, name="Support", super_admin_user_id=ALICE
    )
    # Removing Alice hands her resources, and the organization she ran, to Bob (an admin).
    await coze.enterprises.members.delete(
        enterprise_id=ENTERPRISE_ID, user_id=ALICE, receiver_user_id=BOB
    )
    assert [m["user_id"] for m in members] == [EMULATOR_USER_ID, BOB]
    assert emu.store.enterprises.transfers == [(ENTERPRISE_ID, ALICE, BOB)]
    organizations = emu.store.enterprises.records[ENTERPRISE_ID]["organizations"]
    assert {o["organization_id"]: o["super_admin_user_id"] for o in organizations} == {
        DEFAULT_ORGANIZATION_ID: EMULATOR_USER_ID,
        org.organization_id: BOB,
    }


async def test_enterprise_member_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    admin = EnterpriseMemberRole.ENTERPRISE_ADMIN
    await coze.enterprises.members.create(enterprise_id=ENTERPRISE_ID, users=member(ALICE, admin))
    bad_requests = [
        # already a member; not a Coze user id; two users at once; no users; a role not settable
        lambda: coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID, users=member(ALICE, admin)
        ),
        lambda: coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID, users=member("alice", admin)
        ),
        lambda: coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID, users=member(BOB, admin) + member(UNKNOWN_ID, admin)
        ),
        lambda: coze.enterprises.members.create(enterprise_id=ENTERPRISE_ID, users=[]),
        lambda: coze.enterprises.members.update(
            enterprise_id=ENTERPRISE_ID,
            user_id=ALICE,
            role="enterprise_super_admin",  # type: ignore[arg-type]
        ),
        # the receiver must be another admin of the enterprise
        lambda: coze.enterprises.members.delete(
            enterprise_id=ENTERPRISE_ID, user_id=ALICE, receiver_user_id=ALICE
        ),
        lambda: coze.enterprises.members.delete(
            enterprise_id=ENTERPRISE_ID, user_id=ALICE, receiver_user_id=UNKNOWN_ID
        ),
    ]
    for call in bad_requests:
        with pytest.raises(BadRequestError) as excinfo:
            await call()
        assert excinfo.value.code == 4000
    for call in (
        lambda: coze.enterprises.members.update(
            enterprise_id=ENTERPRISE_ID, user_id=UNKNOWN_ID, role=admin
        ),
        lambda: coze.enterprises.members.delete(
            enterprise_id=ENTERPRISE_ID, user_id=UNKNOWN_ID, receiver_user_id=ALICE
        ),
    ):
        with pytest.raises(NotFoundError):
            await call()
    # The super admin keeps the role and stays; another enterprise is not the user's to manage.
    forbidden = [
        lambda: coze.enterprises.members.update(
            enterprise_id=ENTERPRISE_ID, user_id=EMULATOR_USER_ID, role=admin
        ),
        lambda: coze.enterprises.members.delete(
            enterprise_id=ENTERPRISE_ID, user_id=EMULATOR_USER_ID, receiver_user_id=ALICE
        ),
        lambda: coze.enterprises.members.create(
            enterprise_id="volcano_1", users=member(BOB, admin)
        ),
        lambda: coze.enterprises.members.update(enterprise_id="volcano_1", user_id=BOB, role=admin),
        lambda: coze.enterprises.members.delete(
            enterprise_id="volcano_1", user_id=BOB, receiver_user_id=ALICE
        ),
        lambda: coze.enterprises.organizations.create(
            enterprise_id="volcano_1", name="x", super_admin_user_id=ALICE
        ),
    ]
    for call in forbidden:
        with pytest.raises(PermissionDeniedError) as excinfo:
            await call()
        assert excinfo.value.code == 4101


async def test_organizations_are_created_under_the_enterprise(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    created = await coze.enterprises.organizations.create(
        enterprise_id=ENTERPRISE_ID,
        name="R&D",
        super_admin_user_id=EMULATOR_USER_ID,
        description="Research",
    )
    assert created.organization_id and created.response.logid
    organizations = emu.store.enterprises.records[ENTERPRISE_ID]["organizations"]
    assert organizations[-1] == {
        "organization_id": created.organization_id,
        "name": "R&D",
        "description": "Research",
        "super_admin_user_id": EMULATOR_USER_ID,
    }
    for kwargs in (
        {"name": "x" * 31, "super_admin_user_id": EMULATOR_USER_ID},
        {"name": "", "super_admin_user_id": EMULATOR_USER_ID},
        {"name": "Ops", "super_admin_user_id": EMULATOR_USER_ID, "description": "d" * 101},
        {"name": "Ops", "super_admin_user_id": ALICE},  # not a member of the enterprise
    ):
        with pytest.raises(BadRequestError):
            await coze.enterprises.organizations.create(enterprise_id=ENTERPRISE_ID, **kwargs)
    while len(organizations) < 20:
        await coze.enterprises.organizations.create(
            enterprise_id=ENTERPRISE_ID, name="More", super_admin_user_id=EMULATOR_USER_ID
        )
    with pytest.raises(BadRequestError, match="at most 20"):
        await coze.enterprises.organizations.create(
            enterprise_id=ENTERPRISE_ID, name="One too many", super_admin_user_id=EMULATOR_USER_ID
        )


# -- commerce ------------------------------------------------------------------------------------


async def test_benefits_of_the_plan(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    plan = await coze.benefits.retrieve()
    assert plan.basic_info is not None
    assert plan.basic_info.user_level is BenefitUserLevel.ENTERPRISE
    assert plan.benefit_info == []
    both = await coze.benefits.retrieve(
        benefit_type_list=[BenefitType.API_RUN_QPS, BenefitType.CALL_TOOL_LIMIT],
        resource_id="plugin",
    )
    assert both.benefit_info is not None
    qps, calls = both.benefit_info
    assert (qps.benefit_type, qps.resource_id) == (BenefitType.API_RUN_QPS, "plugin")
    assert qps.basic and qps.effective and qps.basic.item_info and qps.effective.item_info
    assert qps.extra and qps.extra[0].item_info
    # What is in force: the plan's QPS plus the extension bought.
    assert qps.effective.item_info.total == qps.basic.item_info.total + qps.extra[0].item_info.total
    assert calls.benefit_type is BenefitType.CALL_TOOL_LIMIT and calls.effective is not None
    counter = calls.effective.item_info
    assert counter is not None and counter.strategy is BenefitStrategy.BY_QUOTA
    assert counter.used is not None and counter.total is not None and counter.used < counter.total
    chat = await coze.benefits.retrieve(benefit_type_list=["api_run_qps"], resource_id="chat")
    assert chat.benefit_info is not None and chat.benefit_info[0].extra == []
    for kwargs in (
        {"benefit_type_list": ["api_run_qps"]},  # which APIs?
        {"benefit_type_list": ["api_run_qps"], "resource_id": "files"},
        {"benefit_type_list": ["storage"]},
    ):
        with pytest.raises(BadRequestError):
            await coze.benefits.retrieve(**kwargs)  # type: ignore[arg-type]


async def test_quotas_are_kept_per_entity(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    daily = await coze.benefit_limitations.create(
        entity_type=BenefitEntityType.ENTERPRISE_ALL_DEVICES,
        benefit_info=BenefitLimitation(
            benefit_type=BenefitType.RESOURCE_POINT,
            limit=1000,
            trigger_unit=BenefitTriggerUnit.DAY,
            trigger_time=1,
            active_mode=BenefitActiveMode.ABSOLUTE_TIME,
            started_at=0,
            ended_at=253402300799,
        ),
    )
    quota = daily.benefit_info
    assert quota is not None and quota.benefit_id and quota.status == "valid"
    assert quota.entity_type is BenefitEntityType.ENTERPRISE_ALL_DEVICES
    assert quota.entity_id is None and quota.active_mode == "absolute_time"
    assert (quota.started_at, quota.ended_at) == (0, 253402300799)  # in force for ever
    total = await coze.benefit_limitations.create(
        entity_type="enterprise_all_devices",
        benefit_info={"benefit_type": "resource_point", "limit": 5000, **FOREVER},
    )
    assert total.benefit_info is not None
    assert total.benefit_info.trigger_unit is BenefitTriggerUnit.NEVER
    assert total.benefit_info.trigger_time == 1
    # The enterprise-wide scope takes one cumulative quota and one per period.
    for trigger in ("never", "hour"):
        with pytest.raises(BadRequestError, match="already has"):
            await coze.benefit_limitations.create(
                entity_type="enterprise_all_devices",
                benefit_info={
                    "benefit_type": "resource_point",
                    "limit": 1,
                    "trigger_unit": trigger,
                    **FOREVER,
                },
            )
    # One device may have its own, as many as wanted.
    for limit in (200, 300):
        device = await coze.benefit_limitations.create(
            entity_type=BenefitEntityType.SINGLE_DEVICE,
            entity_id="SN-1",
            benefit_info={"benefit_type": BenefitType.RESOURCE_POINT, "limit": limit, **FOREVER},
        )
        assert device.benefit_info is not None and device.benefit_info.entity_id == "SN-1"
    stored = emu.store.commerce.limitations
    assert [(q["entity_type"], q.get("entity_id"), q["limit"]) for q in stored] == [
        ("enterprise_all_devices", None, 1000),
        ("enterprise_all_devices", None, 5000),
        ("single_device", "SN-1", 200),
        ("single_device", "SN-1", 300),
    ]
    bad: list[dict[str, Any]] = [
        {
            "entity_type": "single_device",
            "benefit_info": {"benefit_type": "resource_point", "limit": 1, **FOREVER},
        },
        {
            "entity_type": "everyone",
            "benefit_info": {"benefit_type": "resource_point", "limit": 1, **FOREVER},
        },
        {"entity_type": "single_device", "entity_id": "d", "benefit_info": {"limit": 1, **FOREVER}},
        {
            "entity_type": "single_device",
            "entity_id": "d",
            "benefit_info": {"benefit_type": "x", **FOREVER},
        },
        {
            "entity_type": "single_device",
            "entity_id": "d",
            "benefit_info": {"benefit_type": "resource_point", "limit": 0, **FOREVER},
        },
        {
            "entity_type": "single_device",
            "entity_id": "d",
            "benefit_info": {
                "benefit_type": "resource_point",
                "limit": 1,
                **FOREVER,
                "started_at": 20,
                "ended_at": 10,
            },
        },
        # What the API requires of a quota: its period too.
        {
            "entity_type": "single_device",
            "entity_id": "d",
            "benefit_info": {"benefit_type": "resource_point", "limit": 1},
        },
    ]
    for kwargs in bad:
        with pytest.raises(BadRequestError):
            await coze.benefit_limitations.create(**kwargs)
    assert len(stored) == 4


async def test_bill_tasks_are_listed_by_page_and_progress(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    # The default list: the last 7 days' tasks, newest first (the 10-day-old one is left out).
    page = await coze.bill_tasks.list(page_size=1)
    assert page.total == 2 and page.has_more
    first = page.items[0]
    assert (first.task_id, first.status) == (RUNNING_BILL_TASK_ID, BillTaskStatus.RUNNING)
    assert first.file_urls == []
    # Looked at again, the running task is done and has its files.
    tasks = await collect(await coze.bill_tasks.list(page_size=1))
    assert [t.task_id for t in tasks] == [RUNNING_BILL_TASK_ID, DONE_BILL_TASK_ID]
    assert all(t.status is BillTaskStatus.SUCCEED and t.file_urls for t in tasks)
    named = await coze.bill_tasks.list(task_ids=[OLD_BILL_TASK_ID, UNKNOWN_ID])
    assert [t.task_id for t in named.items] == [OLD_BILL_TASK_ID] and named.total == 1
    old = named.items[0]
    assert old.expires_at is not None and old.created_at is not None
    assert old.expires_at - old.created_at == 7 * 86_400
    for kwargs in ({"page_size": 201}, {"task_ids": [str(n) for n in range(101)]}):
        with pytest.raises(BadRequestError):
            await coze.bill_tasks.list(**kwargs)  # type: ignore[arg-type]

    # A task created over HTTP (cozepy has no method for it) starts at ``init``.
    headers = {"Authorization": f"Bearer {emu.token}"}
    async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as raw:
        day = 86_400
        yesterday = int(time.time()) // day * day - day
        answer = (
            await raw.post(
                "/v1/commerce/benefit/bill_tasks",
                json={"started_at": yesterday - 2 * day + 5, "ended_at": yesterday + 7},
            )
        ).json()
        assert answer["code"] == 0
        task = answer["data"]
        assert task["status"] == "init" and task["ended_at"] == yesterday + day - 1
        assert task["started_at"] == yesterday - 2 * day
        today = (
            await raw.post(
                "/v1/commerce/benefit/bill_tasks",
                json={"started_at": yesterday, "ended_at": yesterday + day},
            )
        ).json()
        assert today["code"] == 4000  # not today's bill
    statuses = [
        (await coze.bill_tasks.list(task_ids=[task["task_id"]])).items[0].status for _ in range(3)
    ]
    assert statuses == ["init", "running", "succeed"]


# -- the sync client and cozepy ------------------------------------------------------------------


def test_sync_client_across_these_families(threaded: Emulator) -> None:
    emu = threaded
    with Coze(TokenAuth(emu.token), emu.base_url) as coze:
        app = coze.api_apps.create(app_type=AppType.NORMAL, name="sync hooks")
        coze.api_apps.events.create(api_app_id=app.id, event_types=["bot.published"])
        assert [e.event_type for e in coze.api_apps.events.list(api_app_id=app.id)] == [
            "bot.published"
        ]
        assert [a.id for a in coze.api_apps.list()] == [app.id]
        coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID, users=member(ALICE, EnterpriseMemberRole.ENTERPRISE_ADMIN)
        )
        org = coze.enterprises.organizations.create(
            enterprise_id=ENTERPRISE_ID, name="Sync", super_admin_user_id=ALICE
        )
        assert org.organization_id
        plan = coze.benefits.retrieve(benefit_type_list=["call_tool_limit"])
        assert plan.benefit_info and plan.benefit_info[0].benefit_type == "call_tool_limit"
        quota = coze.benefit_limitations.create(
            entity_type="single_custom_consumer",
            entity_id="c-1",
            benefit_info={"benefit_type": "voice_unified_duration_system", "limit": 600, **FOREVER},
        )
        assert quota.benefit_info and quota.benefit_info.limit == 600
        assert len(list(coze.bill_tasks.list(page_size=1))) == 2
        with pytest.raises(PermissionDeniedError):
            coze.enterprises.members.delete(
                enterprise_id="volcano_1", user_id=ALICE, receiver_user_id=EMULATOR_USER_ID
            )


def test_cozepy_drives_callback_apps_and_enterprise_members(threaded: Emulator) -> None:
    emu = threaded
    assert emu.token is not None
    with cozepy.SyncHTTPClient() as http:
        coze = cozepy.Coze(
            auth=cozepy.TokenAuth(emu.token), base_url=emu.base_url, http_client=http
        )
        app = coze.api_apps.create(app_type=cozepy.AppType.NORMAL, name="hooks")
        assert isinstance(app, cozepy.APIApp) and app.verify_token
        for i in range(2):
            coze.api_apps.create(app_type=cozepy.AppType.NORMAL, name=f"n{i}")
        shop = coze.api_apps.create(
            app_type=cozepy.AppType.CONNECTOR, connector_id=CUSTOM_CONNECTOR_ID
        )
        assert shop.connector_id == CUSTOM_CONNECTOR_ID
        paged = coze.api_apps.list(page_size=2)
        ids = [a.id for a in paged]
        assert ids[0] == app.id and ids[3] == shop.id and len(ids) == 4
        connectors = coze.api_apps.list(app_type=cozepy.AppType.CONNECTOR)
        assert [a.id for a in connectors] == [shop.id]
        assert coze.api_apps.update(app_id=app.id, callback_url="https://cb.test").response.logid
        coze.api_apps.events.create(
            api_app_id=app.id, event_types=["bot.published", "bot.deleted", "bot.unpublished"]
        )
        events = coze.api_apps.events.list(api_app_id=app.id, page_size=2)
        assert [e.event_type for e in events] == ["bot.published", "bot.deleted", "bot.unpublished"]
        coze.api_apps.events.delete(api_app_id=app.id, event_types=["bot.deleted"])
        assert emu.store.api_apps.events[app.id] == ["bot.published", "bot.unpublished"]
        coze.api_apps.delete(app_id=app.id)
        assert app.id not in [a["id"] for a in emu.store.api_apps.records]
        with pytest.raises(cozepy.CozeAPIError) as excinfo:
            coze.api_apps.delete(app_id=app.id)
        assert excinfo.value.code == 4200

        roles = cozepy.EnterpriseMemberRole
        coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID,
            users=[cozepy.EnterpriseMember(user_id=ALICE, role=roles.ENTERPRISE_MEMBER)],
        )
        coze.enterprises.members.create(
            enterprise_id=ENTERPRISE_ID,
            users=[cozepy.EnterpriseMember(user_id=BOB, role=roles.ENTERPRISE_ADMIN)],
        )
        coze.enterprises.members.update(
            enterprise_id=ENTERPRISE_ID, user_id=ALICE, role=roles.ENTERPRISE_ADMIN
        )
        coze.enterprises.members.delete(
            enterprise_id=ENTERPRISE_ID, user_id=BOB, receiver_user_id=ALICE
        )
        members = emu.store.enterprises.records[ENTERPRISE_ID]["members"]
        assert [(m["user_id"], m["role"]) for m in members][1:] == [(ALICE, "enterprise_admin")]
        with pytest.raises(cozepy.CozeAPIError) as excinfo:
            coze.enterprises.members.update(
                enterprise_id="volcano_1", user_id=ALICE, role=roles.ENTERPRISE_MEMBER
            )
        assert excinfo.value.code == 4101


def test_envelopes_on_the_wire(threaded: Emulator) -> None:
    emu = threaded
    headers = {"Authorization": f"Bearer {emu.token}"}
    with httpx.Client(base_url=emu.base_url, headers=headers) as raw:
        created = raw.post("/v1/api_apps", json={"app_type": "normal", "name": "w"}).json()
        assert set(created) == {"code", "msg", "data", "detail"}
        assert set(created["data"]) == {"id", "app_type", "verify_token", "name", "callback_url"}
        app_id = created["data"]["id"]
        updated = raw.put(f"/v1/api_apps/{app_id}", json={"name": "x"}).json()
        assert set(updated) == {"code", "msg", "detail"}  # no data, as documented
        listed = raw.get("/v1/api_apps", params={"page_token": ""}).json()["data"]
        assert set(listed) == {"items", "has_more", "next_page_token"}
        org = raw.post(
            f"/v1/enterprises/{ENTERPRISE_ID}/organizations",
            json={"name": "w", "super_admin_user_id": EMULATOR_USER_ID},
        ).json()
        assert set(org["data"]) == {"organization_id"}
        tasks = raw.get(
            "/v1/commerce/benefit/bill_tasks", params=[("task_ids", DONE_BILL_TASK_ID)]
        ).json()["data"]
        assert set(tasks) == {"task_infos", "total"}
        repeated = raw.get(
            "/v1/commerce/benefit/bill_tasks",
            params=[("task_ids", DONE_BILL_TASK_ID), ("task_ids", OLD_BILL_TASK_ID)],
        ).json()["data"]
        assert repeated["total"] == 2  # a list parameter may also be repeated
