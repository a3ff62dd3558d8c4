"""The API apps, enterprises and commerce families over mocked HTTP: each checklist method sends
its route, query and body and returns its model (async and sync), optional arguments left out
are not sent, bad arguments fail before any request, and the lists walk every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aioresponses import aioresponses

from coze_async import (
    APIApp,
    APIAppEvent,
    APIAppEventType,
    AppType,
    AsyncCoze,
    BenefitActiveMode,
    BenefitBillTask,
    BenefitData,
    BenefitEntityType,
    BenefitLimitation,
    BenefitStatus,
    BenefitStrategy,
    BenefitTriggerUnit,
    BenefitType,
    BenefitUserLevel,
    BillTaskStatus,
    Coze,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    CreateAPIAppsEventsResp,
    CreateBenefitLimitationResp,
    CreateEnterpriseMemberResp,
    CreateEnterpriseOrganizationResp,
    DeleteAPIAppsEventsResp,
    DeleteAPIAppsResp,
    DeleteEnterpriseMemberResp,
    EnterpriseMember,
    EnterpriseMemberRole,
    PermissionDeniedError,
    TokenAuth,
    UpdateAPIAppsResp,
    UpdateEnterpriseMemberResp,
)
from tests.conftest import MOCK_BASE, Case, route, sent

BASE = MOCK_BASE
LOGID = "apps-commerce-logid"
HEADERS = {"x-tt-logid": LOGID}
FAMILIES = ("api_apps", "enterprises", "benefits", "benefit_limitations", "bill_tasks")


def ok(data: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": "", "detail": {"logid": LOGID}}
    if data is not None:
        body["data"] = data
    return body


API_APP = {
    "id": "app-1",
    "app_type": "normal",
    "verify_token": "tok",
    "name": "hooks",
    "callback_url": "https://hooks.test/cb",
}
CONNECTOR_APP = {
    "id": "app-2",
    "app_type": "connector",
    "verify_token": "tok2",
    "name": "Shop",
    "connector_id": "c-1",
    "callback_url": "",
}
EVENT = {
    "api_app_id": "app-1",
    "name": "hooks",
    "event_type": "bot.published",
    "description": "A bot was published.",
}
COUNTER = {"start_at": 1, "end_at": 2, "strategy": "by_quota", "total": 50, "used": 1.5}
BENEFIT = {
    "basic_info": {"user_level": "enterprise"},
    "benefit_info": [
        {
            "benefit_type": "api_run_qps",
            "resource_id": "plugin",
            "basic": {"item_info": {**COUNTER, "total": 20}, "status": "valid"},
            "extra": [{"item_info": {**COUNTER, "total": 30}, "status": "valid"}],
            "effective": {"item_info": COUNTER, "status": "valid"},
        }
    ],
}
LIMITATION = {
    "benefit_id": "b-1",
    "benefit_type": "resource_point",
    "entity_type": "single_device",
    "entity_id": "dev-1",
    "limit": 1000,
    "trigger_unit": "day",
    "trigger_time": 1,
    "active_mode": "absolute_time",
    "started_at": 10,
    "ended_at": 20,
    "status": "valid",
}
BILL_TASK = {
    "task_id": "t-1",
    "status": "succeed",
    "started_at": 1,
    "ended_at": 2,
    "created_at": 3,
    "expires_at": 4,
    "file_urls": ["https://bills.test/1.csv"],
}


def check_app(app: Any) -> None:
    assert app == APIApp(
        id="app-1",
        app_type=AppType.NORMAL,
        verify_token="tok",
        name="hooks",
        callback_url="https://hooks.test/cb",
    )
    assert app.connector_id is None


def check_apps(page: Any) -> None:
    assert [a.id for a in page.items] == ["app-1", "app-2"]
    assert page.items[1].app_type is AppType.CONNECTOR and page.items[1].connector_id == "c-1"
    assert page.has_more is False and page.total is None


def check_events(page: Any) -> None:
    [event] = page.items
    assert event == APIAppEvent(
        api_app_id="app-1",
        name="hooks",
        event_type=APIAppEventType.BOT_PUBLISHED,
        description="A bot was published.",
    )
    assert event.event_type == "bot.published"  # still a str, as in cozepy


def check_benefits(data: Any) -> None:
    assert isinstance(data, BenefitData)
    assert data.basic_info is not None
    assert data.basic_info.user_level is BenefitUserLevel.ENTERPRISE
    assert data.benefit_info is not None
    [info] = data.benefit_info
    assert info.benefit_type is BenefitType.API_RUN_QPS and info.resource_id == "plugin"
    assert info.effective is not None and info.effective.status is BenefitStatus.VALID
    item = info.effective.item_info
    assert item is not None and item.strategy is BenefitStrategy.BY_QUOTA
    assert (item.total, item.used, item.start_at, item.end_at) == (50.0, 1.5, 1, 2)
    assert info.extra is not None and info.extra[0].item_info is not None
    assert info.extra[0].item_info.total == 30.0


def check_limitation(resp: Any) -> None:
    assert isinstance(resp, CreateBenefitLimitationResp)
    assert resp.benefit_info == BenefitLimitation(
        benefit_id="b-1",
        benefit_type=BenefitType.RESOURCE_POINT,
        entity_type=BenefitEntityType.SINGLE_DEVICE,
        entity_id="dev-1",
        limit=1000,
        trigger_unit=BenefitTriggerUnit.DAY,
        trigger_time=1,
        active_mode=BenefitActiveMode.ABSOLUTE_TIME,
        started_at=10,
        ended_at=20,
        status=BenefitStatus.VALID,
    )


def check_bill_tasks(page: Any) -> None:
    [task] = page.items
    assert isinstance(task, BenefitBillTask)
    assert task.status is BillTaskStatus.SUCCEED and task.file_urls == ["https://bills.test/1.csv"]
    assert page.total == 1 and page.has_more is False


def check_organization(resp: Any) -> None:
    assert isinstance(resp, CreateEnterpriseOrganizationResp)
    assert resp.organization_id == "org-9"


def is_a(cls: type) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert type(result) is cls

    return check


CASES: dict[str, Case] = {
    "api_apps.create": Case(
        "POST",
        "/v1/api_apps",
        lambda c: c.api_apps.create(app_type=AppType.NORMAL, name="hooks"),
        check_app,
        data=API_APP,
        body={"app_type": "normal", "name": "hooks"},
    ),
    "api_apps.list": Case(
        "GET",
        "/v1/api_apps",
        lambda c: c.api_apps.list(app_type=AppType.CONNECTOR, page_size=5),
        check_apps,
        data={"items": [API_APP, CONNECTOR_APP], "has_more": False, "next_page_token": ""},
        query={"app_type": "connector", "page_size": "5"},
    ),
    "api_apps.update": Case(
        "PUT",
        "/v1/api_apps/app-1",
        lambda c: c.api_apps.update(app_id="app-1", callback_url="https://hooks.test/cb"),
        is_a(UpdateAPIAppsResp),
        body={"callback_url": "https://hooks.test/cb"},
    ),
    "api_apps.delete": Case(
        "DELETE",
        "/v1/api_apps/app-1",
        lambda c: c.api_apps.delete(app_id="app-1"),
        is_a(DeleteAPIAppsResp),
    ),
    "api_apps.events.create": Case(
        "POST",
        "/v1/api_apps/app-1/events",
        lambda c: c.api_apps.events.create(
            api_app_id="app-1", event_types=[APIAppEventType.BOT_PUBLISHED, "benefit.usage"]
        ),
        is_a(CreateAPIAppsEventsResp),
        body={"event_types": ["bot.published", "benefit.usage"]},
    ),
    "api_apps.events.list": Case(
        "GET",
        "/v1/api_apps/app-1/events",
        lambda c: c.api_apps.events.list(api_app_id="app-1", page_token="tk-2"),
        check_events,
        data={"items": [EVENT], "has_more": False},
        query={"page_size": "20", "page_token": "tk-2"},
    ),
    "api_apps.events.delete": Case(
        "DELETE",
        "/v1/api_apps/app-1/events",
        lambda c: c.api_apps.events.delete(api_app_id="app-1", event_types=["bot.deleted"]),
        is_a(DeleteAPIAppsEventsResp),
        body={"event_types": ["bot.deleted"]},
    ),
    "enterprises.members.create": Case(
        "POST",
        "/v1/enterprises/ent-1/members",
        lambda c: c.enterprises.members.create(
            enterprise_id="ent-1",
            users=[EnterpriseMember(user_id="u-2", role=EnterpriseMemberRole.ENTERPRISE_ADMIN)],
        ),
        is_a(CreateEnterpriseMemberResp),
        body={"users": [{"user_id": "u-2", "role": "enterprise_admin"}]},
    ),
    "enterprises.members.update": Case(
        "PUT",
        "/v1/enterprises/ent-1/members/u-2",
        lambda c: c.enterprises.members.update(
            enterprise_id="ent-1", user_id="u-2", role=EnterpriseMemberRole.ENTERPRISE_MEMBER
        ),
        is_a(UpdateEnterpriseMemberResp),
        body={"role": "enterprise_member"},
    ),
    "enterprises.members.delete": Case(
        "DELETE",
        "/v1/enterprises/ent-1/members/u-2",
        lambda c: c.enterprises.members.delete(
            enterprise_id="ent-1", user_id="u-2", receiver_user_id="u-1"
        ),
        is_a(DeleteEnterpriseMemberResp),
        body={"receiver_user_id": "u-1"},
    ),
    "enterprises.organizations.create": Case(
        "POST",
        "/v1/enterprises/ent-1/organizations",
        lambda c: c.enterprises.organizations.create(
            enterprise_id="ent-1", name="R&D", super_admin_user_id="u-1", description="labs"
        ),
        check_organization,
        data={"organization_id": "org-9"},
        body={"name": "R&D", "super_admin_user_id": "u-1", "description": "labs"},
    ),
    "benefits.retrieve": Case(
        "GET",
        "/v1/commerce/benefit/benefits/get",
        lambda c: c.benefits.retrieve(
            benefit_type_list=[BenefitType.API_RUN_QPS, "call_tool_limit"], resource_id="plugin"
        ),
        check_benefits,
        data=BENEFIT,
        query={"benefit_type_list": "api_run_qps,call_tool_limit", "resource_id": "plugin"},
    ),
    "benefit_limitations.create": Case(
        "POST",
        "/v1/commerce/benefit/limitations",
        lambda c: c.benefit_limitations.create(
            entity_type=BenefitEntityType.SINGLE_DEVICE,
            entity_id="dev-1",
            benefit_info=BenefitLimitation(
                benefit_type=BenefitType.RESOURCE_POINT,
                limit=1000,
                trigger_unit=BenefitTriggerUnit.DAY,
                trigger_time=1,
            ),
        ),
        check_limitation,
        data={"benefit_info": LIMITATION},
        body={
            "entity_type": "single_device",
            "entity_id": "dev-1",
            "benefit_info": {
                "benefit_type": "resource_point",
                "limit": 1000,
                "trigger_unit": "day",
                "trigger_time": 1,
            },
        },
    ),
    "bill_tasks.list": Case(
        "GET",
        "/v1/commerce/benefit/bill_tasks",
        lambda c: c.bill_tasks.list(task_ids=["t-1", "t-2"], page_size=50),
        check_bill_tasks,
        data={"task_infos": [BILL_TASK], "total": 1},
        query={"task_ids": "t-1,t-2", "page_num": "1", "page_size": "50"},
    ),
}


def expect(mocked: aioresponses, case: Case) -> None:
    mocked.add(route(case.path), case.method, payload=ok(case.data), headers=HEADERS)


def assert_sent(mocked: aioresponses, case: Case, result: Any) -> None:
    [request] = sent(mocked)
    assert (request.method, request.url.path) == (case.method, case.path)
    assert request.query == case.query
    assert request.json == case.body
    case.check(result)
    assert result.response.logid == LOGID


def test_every_checklist_method_of_these_families_is_covered() -> None:
    checklist = Path(__file__).parent / "fixtures" / "api-checklist.tsv"
    listed = {
        line.split("\t")[0].removeprefix("coze.")
        for line in checklist.read_text(encoding="utf-8").splitlines()
        if line.startswith(tuple(f"coze.{name}." for name in FAMILIES))
    }
    assert listed == set(CASES)
    assert len(CASES) == 14


@pytest.mark.parametrize("name", CASES)
async def test_async_call_sends_the_request_and_returns_the_model(
    mocked: aioresponses, name: str
) -> None:
    case = CASES[name]
    expect(mocked, case)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        result = await case.call(coze)
    assert_sent(mocked, case, result)


@pytest.mark.parametrize("name", CASES)
def test_sync_call_sends_the_request_and_returns_the_model(mocked: aioresponses, name: str) -> None:
    case = CASES[name]
    expect(mocked, case)
    with Coze(TokenAuth("t"), BASE) as coze:
        result = case.call(coze)
    assert_sent(mocked, case, result)


# -- details --------------------------------------------------------------------------------------


async def test_optional_arguments_left_out_are_not_sent(mocked: aioresponses) -> None:
    mocked.post(route("/v1/api_apps"), payload=ok({**CONNECTOR_APP}))
    mocked.get(route("/v1/api_apps"), payload=ok({"items": [], "has_more": False}))
    mocked.put(route("/v1/api_apps/app-1"), payload=ok())
    mocked.get(route("/v1/api_apps/app-1/events"), payload=ok({"items": [], "has_more": False}))
    mocked.post(route("/v1/enterprises/e/organizations"), payload=ok({"organization_id": "o"}))
    mocked.get(route("/v1/commerce/benefit/benefits/get"), payload=ok({"basic_info": {}}))
    mocked.post(route("/v1/commerce/benefit/limitations"), payload=ok())
    mocked.get(route("/v1/commerce/benefit/bill_tasks"), payload=ok({"task_infos": []}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        app = await coze.api_apps.create(app_type=AppType.CONNECTOR, connector_id="c-1")
        apps = await coze.api_apps.list()
        await coze.api_apps.update(app_id="app-1", name="renamed")
        events = await coze.api_apps.events.list(api_app_id="app-1")
        await coze.enterprises.organizations.create(
            enterprise_id="e", name="Ops", super_admin_user_id="u-1"
        )
        plan = await coze.benefits.retrieve()
        quota = await coze.benefit_limitations.create(
            entity_type="enterprise_all_devices",
            benefit_info={"benefit_type": "resource_point", "limit": 5},
        )
        tasks = await coze.bill_tasks.list()
    assert app.app_type is AppType.CONNECTOR and apps.items == [] and events.items == []
    assert plan.benefit_info is None and plan.basic_info is not None
    assert plan.basic_info.user_level is None
    assert quota.benefit_info is None  # no data in the answer: an empty result, not an error
    assert tasks.items == [] and tasks.total is None and tasks.has_more is False
    requests = sent(mocked)
    by_route = {(r.method, r.url.path): r for r in requests}
    assert by_route["POST", "/v1/api_apps"].json == {"app_type": "connector", "connector_id": "c-1"}
    assert by_route["GET", "/v1/api_apps"].query == {"page_size": "20"}
    assert by_route["PUT", "/v1/api_apps/app-1"].json == {"name": "renamed"}
    assert by_route["GET", "/v1/api_apps/app-1/events"].query == {"page_size": "20"}
    assert by_route["POST", "/v1/enterprises/e/organizations"].json == {
        "name": "Ops",
        "super_admin_user_id": "u-1",
    }
    assert by_route["GET", "/v1/commerce/benefit/benefits/get"].query == {}
    assert by_route["POST", "/v1/commerce/benefit/limitations"].json == {
        "entity_type": "enterprise_all_devices",
        "benefit_info": {"benefit_type": "resource_point", "limit": 5},
    }
    assert by_route["GET", "/v1/commerce/benefit/bill_tasks"].query == {
        "page_num": "1",
        "page_size": "20",
    }


async def test_members_may_be_given_as_mappings_and_models_with_plain_values(
    mocked: aioresponses,
) -> None:
    mocked.post(route("/v1/enterprises/e/members"), payload=ok(), repeat=True)
    mocked.post(route("/v1/commerce/benefit/limitations"), payload=ok(), repeat=True)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        await coze.enterprises.members.create(
            enterprise_id="e", users=[{"user_id": "u-3", "role": "enterprise_member"}]
        )
        await coze.enterprises.members.create(
            enterprise_id="e",
            users=[EnterpriseMember(user_id="u-4", role="enterprise_admin")],  # type: ignore[arg-type]
        )
        await coze.benefit_limitations.create(
            entity_type="enterprise_all_devices",
            benefit_info=BenefitLimitation(benefit_type="resource_point", limit=7),  # type: ignore[arg-type]
        )
    members = [r.json for r in sent(mocked) if r.url.path.endswith("/members")]
    assert members == [
        {"users": [{"user_id": "u-3", "role": "enterprise_member"}]},
        {"users": [{"user_id": "u-4", "role": "enterprise_admin"}]},
    ]
    [quota] = [r.json for r in sent(mocked) if r.url.path.endswith("/limitations")]
    assert quota["benefit_info"] == {"benefit_type": "resource_point", "limit": 7}


async def test_unknown_enum_values_from_the_server_are_kept(mocked: aioresponses) -> None:
    mocked.get(
        route("/v1/api_apps"),
        payload=ok({"items": [{**API_APP, "app_type": "webhook"}], "has_more": False}),
    )
    mocked.get(
        route("/v1/commerce/benefit/bill_tasks"),
        payload=ok({"task_infos": [{**BILL_TASK, "status": "queued"}], "total": 1}),
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        [app] = (await coze.api_apps.list()).items
        [task] = (await coze.bill_tasks.list()).items
    assert app.app_type.value == "webhook" and app.app_type.is_dynamic
    assert task.status is not None and task.status.is_dynamic and task.status == "queued"


def test_enums_keep_cozepys_names_and_values() -> None:
    assert [t.value for t in AppType] == ["normal", "connector"]
    assert [r.value for r in EnterpriseMemberRole] == ["enterprise_admin", "enterprise_member"]
    assert APIAppEventType("bot.renamed").name == "BOT_RENAMED"
    assert BillTaskStatus.SUCCEED == "succeed" and BenefitStrategy.UNLIMIT == "unlimit"


BAD_CALLS: dict[str, tuple[type[Exception], Callable[[Any], Any]]] = {
    "events as one str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.api_apps.events.create(api_app_id="a", event_types="bot.published"),
    ),
    "an empty event type": (
        CozeInvalidArgumentError,
        lambda c: c.api_apps.events.delete(api_app_id="a", event_types=[""]),
    ),
    "a name that is not a str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.api_apps.create(app_type=AppType.NORMAL, name=5),
    ),
    "an empty connector id": (
        CozeInvalidArgumentError,
        lambda c: c.api_apps.create(app_type=AppType.CONNECTOR, connector_id=""),
    ),
    "a callback url that is not a str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.api_apps.update(app_id="a", callback_url=b"https://x"),
    ),
    "a page size of 0": (CozeInvalidArgumentError, lambda c: c.api_apps.list(page_size=0)),
    "users as one member": (
        CozeInvalidArgumentTypeError,
        lambda c: c.enterprises.members.create(
            enterprise_id="e", users=EnterpriseMember(user_id="u", role="enterprise_admin")
        ),
    ),
    "a member without a role": (
        CozeInvalidArgumentError,
        lambda c: c.enterprises.members.create(enterprise_id="e", users=[{"user_id": "u"}]),
    ),
    "an empty role": (
        CozeInvalidArgumentError,
        lambda c: c.enterprises.members.update(enterprise_id="e", user_id="u", role=""),
    ),
    "no receiver": (
        CozeInvalidArgumentError,
        lambda c: c.enterprises.members.delete(enterprise_id="e", user_id="u", receiver_user_id=""),
    ),
    "an organization name that is not a str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.enterprises.organizations.create(
            enterprise_id="e", name=None, super_admin_user_id="u"
        ),
    ),
    "benefit types as one str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.benefits.retrieve(benefit_type_list="api_run_qps"),
    ),
    "benefit info of the wrong type": (
        CozeInvalidArgumentTypeError,
        lambda c: c.benefit_limitations.create(entity_type="single_device", benefit_info=[1]),
    ),
    "an empty entity type": (
        CozeInvalidArgumentError,
        lambda c: c.benefit_limitations.create(entity_type="", benefit_info={}),
    ),
    "task ids as one str": (
        CozeInvalidArgumentTypeError,
        lambda c: c.bill_tasks.list(task_ids="t-1"),
    ),
    "a page number of 0": (CozeInvalidArgumentError, lambda c: c.bill_tasks.list(page_num=0)),
}


@pytest.mark.parametrize("name", BAD_CALLS)
async def test_bad_arguments_fail_before_any_request(mocked: aioresponses, name: str) -> None:
    error, call = BAD_CALLS[name]
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(error):
            result = call(coze)
            if not hasattr(result, "iter_pages"):
                await result
    assert mocked.requests == {}


PATH_ID_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "api_apps.update": lambda c, bad: c.api_apps.update(app_id=bad, name="n"),
    "api_apps.delete": lambda c, bad: c.api_apps.delete(app_id=bad),
    "api_apps.events.create": lambda c, bad: c.api_apps.events.create(
        api_app_id=bad, event_types=["bot.published"]
    ),
    "api_apps.events.list": lambda c, bad: c.api_apps.events.list(api_app_id=bad),
    "api_apps.events.delete": lambda c, bad: c.api_apps.events.delete(
        api_app_id=bad, event_types=["bot.published"]
    ),
    "enterprises.members.create": lambda c, bad: c.enterprises.members.create(
        enterprise_id=bad, users=[]
    ),
    "enterprises.members.update(enterprise_id)": lambda c, bad: c.enterprises.members.update(
        enterprise_id=bad, user_id="u", role="enterprise_admin"
    ),
    "enterprises.members.update(user_id)": lambda c, bad: c.enterprises.members.update(
        enterprise_id="e", user_id=bad, role="enterprise_admin"
    ),
    "enterprises.members.delete(user_id)": lambda c, bad: c.enterprises.members.delete(
        enterprise_id="e", user_id=bad, receiver_user_id="r"
    ),
    "enterprises.organizations.create": lambda c, bad: c.enterprises.organizations.create(
        enterprise_id=bad, name="n", super_admin_user_id="u"
    ),
}


@pytest.mark.parametrize("name", PATH_ID_CALLS)
async def test_ids_in_paths_are_validated_before_any_request(
    mocked: aioresponses, name: str
) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        for bad in ("../other", "a/b", "x?y=1", ""):
            with pytest.raises(ValueError):
                result = PATH_ID_CALLS[name](coze, bad)
                if not hasattr(result, "iter_pages"):
                    await result
    assert mocked.requests == {}


def test_bad_arguments_fail_in_the_sync_api_too(mocked: aioresponses) -> None:
    with Coze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(ValueError):
            coze.enterprises.members.delete(
                enterprise_id="e/../x", user_id="u", receiver_user_id="r"
            )
        with pytest.raises(TypeError):
            coze.bill_tasks.list(task_ids="t-1")  # type: ignore[arg-type]
    assert mocked.requests == {}


async def test_ids_are_percent_encoded_in_paths(mocked: aioresponses) -> None:
    mocked.put(route("/v1/enterprises/volcano%20x/members/u%201"), payload=ok())
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        await coze.enterprises.members.update(
            enterprise_id="volcano x", user_id="u 1", role=EnterpriseMemberRole.ENTERPRISE_ADMIN
        )
    [request] = sent(mocked)
    assert request.url.raw_path == "/v1/enterprises/volcano%20x/members/u%201"


async def test_api_errors_are_raised(mocked: aioresponses) -> None:
    mocked.post(
        route("/v1/enterprises/other/members"),
        payload={"code": 4101, "msg": "no permission", "detail": {"logid": LOGID}},
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(PermissionDeniedError) as info:
            await coze.enterprises.members.create(
                enterprise_id="other",
                users=[EnterpriseMember(user_id="u", role=EnterpriseMemberRole.ENTERPRISE_MEMBER)],
            )
    assert info.value.code == 4101 and info.value.logid == LOGID


# -- paging ---------------------------------------------------------------------------------------


def pages_of_api_apps(mocked: aioresponses) -> None:
    answers = [
        ({"items": [API_APP], "has_more": True, "next_page_token": "p2"}),
        ({"items": [CONNECTOR_APP], "has_more": True, "next_page_token": "p3"}),
        ({"items": [{**API_APP, "id": "app-3"}], "has_more": False, "next_page_token": ""}),
    ]
    for data in answers:
        mocked.get(route("/v1/api_apps"), payload=ok(data))


async def test_api_apps_list_walks_every_page_by_token(mocked: aioresponses) -> None:
    pages_of_api_apps(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.api_apps.list(app_type=AppType.NORMAL, page_size=1)
        assert page.next_page_token == "p2" and page.has_more
        ids = [a.id async for a in page]
    assert ids == ["app-1", "app-2", "app-3"]
    assert [r.query for r in sent(mocked)] == [
        {"app_type": "normal", "page_size": "1"},
        {"app_type": "normal", "page_size": "1", "page_token": "p2"},
        {"app_type": "normal", "page_size": "1", "page_token": "p3"},
    ]


def test_api_apps_list_walks_every_page_by_token_sync(mocked: aioresponses) -> None:
    pages_of_api_apps(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        sizes = [len(p.items) for p in coze.api_apps.list(page_size=1).iter_pages()]
    assert sizes == [1, 1, 1]


async def test_a_repeated_page_token_ends_the_walk(mocked: aioresponses) -> None:
    for _ in range(2):
        mocked.get(
            route("/v1/api_apps/a/events"),
            payload=ok({"items": [EVENT], "has_more": True, "next_page_token": "same"}),
        )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        events = [e async for e in coze.api_apps.events.list(api_app_id="a", page_token="same")]
    assert len(events) == 1 and len(sent(mocked)) == 1


def pages_of_bill_tasks(mocked: aioresponses) -> None:
    for first in (1, 3):
        tasks = [{**BILL_TASK, "task_id": f"t-{n}"} for n in range(first, min(first + 2, 4))]
        mocked.get(
            route("/v1/commerce/benefit/bill_tasks"), payload=ok({"task_infos": tasks, "total": 3})
        )


async def test_bill_tasks_list_walks_every_page_by_number(mocked: aioresponses) -> None:
    pages_of_bill_tasks(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.bill_tasks.list(page_size=2)
        assert page.total == 3 and page.has_more
        ids = [t.task_id async for t in page]
    assert ids == ["t-1", "t-2", "t-3"]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2"]


def test_bill_tasks_list_walks_every_page_by_number_sync(mocked: aioresponses) -> None:
    pages_of_bill_tasks(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        ids = [t.task_id for t in coze.bill_tasks.list(page_size=2)]
    assert ids == ["t-1", "t-2", "t-3"]


# -- cozepy's module paths of these families beyond 0.20.0 ----------------------------------------

#: Paths of cozepy's repository (after 0.20.0, so not in tests/test_module_paths.py's table, which
#: follows the installed cozepy) and the names defined there.
HEAD_PATHS = {
    "enterprises.organizations": """
        AsyncEnterprisesOrganizationsClient CreateEnterpriseOrganizationResp
        EnterprisesOrganizationsClient
    """,
    "benefits": """
        AsyncBenefitsClient BenefitBasicInfo BenefitData BenefitInfo BenefitItemInfo
        BenefitStatusInfo BenefitsClient
    """,
    "benefit_limitations": """
        AsyncBenefitLimitationsClient BenefitLimitationsClient CreateBenefitLimitationResp
    """,
    "bill_tasks": "AsyncBillTasksClient BenefitBillTask BillTasksClient",
}


@pytest.mark.parametrize("path", sorted(HEAD_PATHS))
def test_cozepys_later_module_paths_hold_their_names(path: str) -> None:
    import importlib

    import coze_async

    module = importlib.import_module(f"coze_async.{path}")
    assert set(HEAD_PATHS[path].split()) <= set(module.__all__)
    for name in module.__all__:
        if name in coze_async._EXPORTS:
            assert getattr(module, name) is getattr(coze_async, name)
    client = getattr(module, next(n for n in module.__all__ if n.startswith("Async")))
    family = path.split(".")[0]
    assert client.__module__ == f"coze_async.resources.{family}"
