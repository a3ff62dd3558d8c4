"""The smaller resource families: workspaces (and members), users, variables, templates, folders,
apps (and collaborators), connectors (and bots). HTTP is mocked with aioresponses; every call is
checked from the async API and from the sync API: the request sent and the model returned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aioresponses import aioresponses

from coze_async import AsyncCoze, Coze, CozeAPIError, ListResponse, TokenAuth
from coze_async.models.apps import (
    AddAppCollaboratorResp,
    AppCollaborator,
    RemoveAppCollaboratorResp,
    SimpleApp,
)
from coze_async.models.bots import PublishStatus
from coze_async.models.connectors import (
    AuditStatus,
    BindConnectorUserConfigResp,
    InstallConnectorResp,
    UpdateConnectorBotResp,
    UserConfig,
    UserConfigEnum,
)
from coze_async.models.folders import FolderType, SimpleFolder
from coze_async.models.templates import TemplateDuplicateResp, TemplateEntityType
from coze_async.models.users import User
from coze_async.models.variables import UpdateVariableResp, VariableValue
from coze_async.models.workspaces import (
    CreateWorkspaceMemberResp,
    DeleteWorkspaceMemberResp,
    Workspace,
    WorkspaceMember,
    WorkspaceRoleType,
    WorkspaceType,
)
from tests.conftest import MOCK_BASE, Case, Sent, route, sent

BASE = MOCK_BASE
LOGID = "misc-logid-1"
HEADERS = {"x-tt-logid": LOGID}


def ok(data: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": "", "detail": {"logid": LOGID}}
    if data is not None:
        body["data"] = data
    return body


# -- one call per checklist method -------------------------------------------------------------


WORKSPACE = {
    "id": "ws-1",
    "name": "Team",
    "icon_url": "https://icon",
    "role_type": "owner",
    "workspace_type": "team",
    "enterprise_id": "ent-1",
    "owner_uid": "u-1",
    "admin_uids": ["u-1", "u-2"],
    "joined_status": "joined",
    "description": "the team's space",
}
MEMBER = {
    "user_id": "u-2",
    "role_type": "member",
    "user_nickname": "Bo",
    "user_unique_name": "bo",
}
FOLDER = {
    "id": "f-1",
    "name": "Drafts",
    "description": "work",
    "workspace_id": "ws-1",
    "creator_user_id": "u-1",
    "folder_type": "development",
    "parent_folder_id": "f-0",
    "children_count": 2,
}
APP = {
    "id": "app-1",
    "name": "Helper",
    "description": "helps",
    "icon_url": "https://icon",
    "is_published": True,
    "owner_user_id": "u-1",
    "updated_at": 1700000000,
    "folder_id": "f-1",
    "published_at": 1690000000,
}


def check_workspaces(page: Any) -> None:
    assert page.total == 1 and page.has_more is False
    [ws] = page.items
    assert isinstance(ws, Workspace)
    assert ws.id == "ws-1" and ws.role_type is WorkspaceRoleType.OWNER
    assert ws.workspace_type is WorkspaceType.TEAM and ws.enterprise_id == "ent-1"
    assert ws.admin_uids == ["u-1", "u-2"] and ws.joined_status == "joined"


def check_members(page: Any) -> None:
    assert page.total == 1 and page.has_more is False
    [member] = page.items
    assert member == WorkspaceMember(
        user_id="u-2", role_type=WorkspaceRoleType.MEMBER, user_nickname="Bo", user_unique_name="bo"
    )


def check_member_added(resp: Any) -> None:
    assert isinstance(resp, CreateWorkspaceMemberResp)
    assert resp.added_success_user_ids == ["u-2"] and resp.not_exist_user_ids == ["u-9"]
    assert resp.invited_success_user_ids == []  # absent from the answer: empty


def check_member_removed(resp: Any) -> None:
    assert isinstance(resp, DeleteWorkspaceMemberResp)
    assert resp.removed_success_user_ids == ["u-2"]
    assert resp.owner_not_support_remove_user_ids == ["u-1"]
    assert resp.not_in_workspace_user_ids == []


def check_user(user: Any) -> None:
    assert user == User(user_id="u-1", user_name="ann", nick_name="Ann", avatar_url="https://a")


def check_variables(values: Any) -> None:
    assert isinstance(values, ListResponse)
    assert values.items == [
        VariableValue(keyword="city", value="Paris", create_time=1, update_time=2),
        VariableValue(keyword="name", value="Ann"),
    ]


def check_duplicate(resp: Any) -> None:
    assert isinstance(resp, TemplateDuplicateResp)
    assert resp.entity_id == "bot-9" and resp.entity_type is TemplateEntityType.AGENT


def check_folder(folder: Any) -> None:
    assert isinstance(folder, SimpleFolder)
    assert folder.id == "f-1" and folder.folder_type is FolderType.DEVELOPMENT
    assert folder.parent_folder_id == "f-0" and folder.children_count == 2


def check_folders(page: Any) -> None:
    assert page.total == 1 and page.has_more is False
    check_folder(page.items[0])


def check_apps(page: Any) -> None:
    assert page.total == 1 and page.has_more is False
    [app] = page.items
    assert isinstance(app, SimpleApp)
    assert app.id == "app-1" and app.is_published is True and app.published_at == 1690000000


def is_a(cls: type) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert isinstance(result, cls)

    return check


CASES: dict[str, Case] = {
    "workspaces.list": Case(
        "GET",
        "/v1/workspaces",
        lambda c: c.workspaces.list(user_id="u-1", coze_account_id="acc-1", page_size=10),
        check_workspaces,
        data={"total_count": 1, "workspaces": [WORKSPACE]},
        query={"page_num": "1", "page_size": "10", "user_id": "u-1", "coze_account_id": "acc-1"},
    ),
    "workspaces.members.create": Case(
        "POST",
        "/v1/workspaces/ws-1/members",
        lambda c: c.workspaces.members.create(
            workspace_id="ws-1",
            users=[
                WorkspaceMember(user_id="u-2", role_type=WorkspaceRoleType.MEMBER),
                WorkspaceMember(user_id="u-9", role_type=WorkspaceRoleType.ADMIN, avatar_url="x"),
            ],
        ),
        check_member_added,
        data={"added_success_user_ids": ["u-2"], "not_exist_user_ids": ["u-9"]},
        body={
            "users": [
                {"user_id": "u-2", "role_type": "member"},
                {"user_id": "u-9", "role_type": "admin"},
            ]
        },
    ),
    "workspaces.members.list": Case(
        "GET",
        "/v1/workspaces/ws-1/members",
        lambda c: c.workspaces.members.list(workspace_id="ws-1"),
        check_members,
        data={"items": [MEMBER], "total_count": 1},
        query={"page_num": "1", "page_size": "20"},
    ),
    "workspaces.members.delete": Case(
        "DELETE",
        "/v1/workspaces/ws-1/members",
        lambda c: c.workspaces.members.delete(workspace_id="ws-1", user_ids=["u-2", "u-1"]),
        check_member_removed,
        data={"removed_success_user_ids": ["u-2"], "owner_not_support_remove_user_ids": ["u-1"]},
        body={"user_ids": ["u-2", "u-1"]},
    ),
    "users.me": Case(
        "GET",
        "/v1/users/me",
        lambda c: c.users.me(),
        check_user,
        data={"user_id": "u-1", "user_name": "ann", "nick_name": "Ann", "avatar_url": "https://a"},
    ),
    "variables.retrieve": Case(
        "GET",
        "/v1/variables",
        lambda c: c.variables.retrieve(
            connector_uid="end-user", keywords=["city", "name"], bot_id="b1"
        ),
        check_variables,
        data={
            "items": [
                {"keyword": "city", "value": "Paris", "create_time": 1, "update_time": 2},
                {"keyword": "name", "value": "Ann"},
            ]
        },
        query={"bot_id": "b1", "connector_uid": "end-user", "keywords": "city,name"},
    ),
    "variables.update": Case(
        "PUT",
        "/v1/variables",
        lambda c: c.variables.update(
            connector_uid="end-user",
            app_id="app-1",
            connector_id="1024",
            data=[VariableValue(keyword="city", value="Rome", create_time=5)],
        ),
        is_a(UpdateVariableResp),
        body={
            "app_id": "app-1",
            "connector_id": "1024",
            "connector_uid": "end-user",
            "data": [{"keyword": "city", "value": "Rome"}],
        },
    ),
    "templates.duplicate": Case(
        "POST",
        "/v1/templates/tpl-1/duplicate",
        lambda c: c.templates.duplicate(template_id="tpl-1", workspace_id="ws-1", name="Copy"),
        check_duplicate,
        data={"entity_id": "bot-9", "entity_type": "agent"},
        body={"workspace_id": "ws-1", "name": "Copy"},
    ),
    "folders.list": Case(
        "GET",
        "/v1/folders",
        lambda c: c.folders.list(
            workspace_id="ws-1", folder_type=FolderType.DEVELOPMENT, parent_folder_id="f-0"
        ),
        check_folders,
        data={"items": [FOLDER], "total_count": 1, "has_more": False},
        query={
            "workspace_id": "ws-1",
            "folder_type": "development",
            "parent_folder_id": "f-0",
            "page_num": "1",
            "page_size": "20",
        },
    ),
    "folders.retrieve": Case(
        "GET",
        "/v1/folders/f-1",
        lambda c: c.folders.retrieve(folder_id="f-1"),
        check_folder,
        data=FOLDER,
    ),
    "apps.list": Case(
        "GET",
        "/v1/apps",
        lambda c: c.apps.list(
            workspace_id="ws-1", publish_status=PublishStatus.ALL, connector_id="1024", page_size=5
        ),
        check_apps,
        data={"items": [APP], "total": 1},
        query={
            "workspace_id": "ws-1",
            "publish_status": "all",
            "connector_id": "1024",
            "page_num": "1",
            "page_index": "1",
            "page_size": "5",
        },
    ),
    "apps.collaborators.create": Case(
        "POST",
        "/v1/apps/app-1/collaborators",
        lambda c: c.apps.collaborators.create(
            app_id="app-1", collaborators=[AppCollaborator(user_id="u-2")]
        ),
        is_a(AddAppCollaboratorResp),
        body={"collaborators": [{"user_id": "u-2"}]},
    ),
    "apps.collaborators.delete": Case(
        "DELETE",
        "/v1/apps/app-1/collaborators/u-2",
        lambda c: c.apps.collaborators.delete(app_id="app-1", user_id="u-2"),
        is_a(RemoveAppCollaboratorResp),
    ),
    "connectors.bind": Case(
        "POST",
        "/v1/connectors/conn-1/user_configs",
        lambda c: c.connectors.bind(
            connector_id="conn-1",
            configs=[UserConfig(key="device", enums=[UserConfigEnum(label="Lamp", value="d-1")])],
            user_id="u-1",
        ),
        is_a(BindConnectorUserConfigResp),
        body={
            "configs": [{"key": "device", "enums": [{"label": "Lamp", "value": "d-1"}]}],
            "user_id": "u-1",
        },
    ),
    "connectors.install": Case(
        "POST",
        "/v1/connectors/conn-1/install",
        lambda c: c.connectors.install(connector_id="conn-1", workspace_id="ws-1"),
        is_a(InstallConnectorResp),
        body={"workspace_id": "ws-1"},
    ),
    "connectors.bots.update": Case(
        "PUT",
        "/v1/connectors/conn-1/bots/bot-1",
        lambda c: c.connectors.bots.update(
            connector_id="conn-1", bot_id="bot-1", audit_status=AuditStatus.REJECTED, reason="no"
        ),
        is_a(UpdateConnectorBotResp),
        body={"audit_status": 3, "reason": "no"},
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
    with open(Path(__file__).parent / "fixtures" / "api-checklist.tsv", encoding="utf-8") as f:
        families = (
            "workspaces",
            "users",
            "variables",
            "templates",
            "folders",
            "apps",
            "connectors",
        )
        listed = {
            line.split("\t")[0].removeprefix("coze.")
            for line in f
            if line.startswith(tuple(f"coze.{name}." for name in families))
        }
    assert listed == set(CASES)


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
    mocked.get(route("/v1/workspaces"), payload=ok({"total_count": 0, "workspaces": []}))
    mocked.post(
        route("/v1/templates/tpl-1/duplicate"), payload=ok(CASES["templates.duplicate"].data)
    )
    mocked.put(route("/v1/connectors/c/bots/b"), payload=ok())
    mocked.post(route("/v1/connectors/c/user_configs"), payload=ok())
    mocked.get(route("/v1/variables"), payload=ok({"items": []}))
    mocked.get(route("/v1/apps"), payload=ok({"items": [], "total": 0}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.workspaces.list()
        await coze.templates.duplicate(template_id="tpl-1", workspace_id="ws-1")
        await coze.connectors.bots.update(connector_id="c", bot_id="b")
        await coze.connectors.bind(connector_id="c", configs=[])
        values = await coze.variables.retrieve(connector_uid="u", keywords=[])
        apps = await coze.apps.list(workspace_id="ws-1")
    assert page.items == [] and page.total == 0 and page.has_more is False
    assert values.items == [] and apps.items == []
    workspaces, duplicate, review, bind, variables, apps_request = sent(mocked)
    assert workspaces.query == {"page_num": "1", "page_size": "20"}
    assert duplicate.json == {"workspace_id": "ws-1"}
    assert review.json == {}
    assert bind.json == {"configs": []}
    assert variables.query == {"connector_uid": "u"}  # no keywords: every variable
    assert apps_request.query == {
        "workspace_id": "ws-1",
        "page_num": "1",
        "page_index": "1",
        "page_size": "20",
    }


async def test_unknown_enum_values_from_the_server_are_kept(mocked: aioresponses) -> None:
    mocked.get(
        route("/v1/workspaces/ws-1/members"),
        payload=ok({"items": [{"user_id": "u", "role_type": "guest"}], "total_count": 1}),
    )
    mocked.get(route("/v1/folders/f-1"), payload=ok({**FOLDER, "folder_type": "archive"}))
    mocked.post(
        route("/v1/templates/t/duplicate"),
        payload=ok({"entity_id": "e", "entity_type": "workflow"}),
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        members = await coze.workspaces.members.list(workspace_id="ws-1")
        folder = await coze.folders.retrieve(folder_id="f-1")
        copy = await coze.templates.duplicate(template_id="t", workspace_id="w")
    assert members.items[0].role_type.value == "guest" and members.items[0].role_type.is_dynamic
    assert folder.folder_type is not None and folder.folder_type.value == "archive"
    assert copy.entity_type.value == "workflow" and copy.entity_type.is_dynamic


def test_enums_go_out_as_their_values() -> None:
    assert AuditStatus.PENDING.value == 1 and AuditStatus.APPROVED.value == 2
    assert AuditStatus(7).is_dynamic  # an unknown review status does not crash
    assert [t.value for t in FolderType] == ["development", "library"]
    assert [t.value for t in WorkspaceRoleType] == ["owner", "admin", "member"]


async def test_variables_keywords_must_be_a_sequence_of_names(mocked: aioresponses) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(TypeError, match="keywords"):
            await coze.variables.retrieve(connector_uid="u", keywords="city")  # type: ignore[arg-type]
    assert mocked.requests == {}


PATH_ID_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "workspaces.members.create": lambda c, bad: c.workspaces.members.create(
        workspace_id=bad, users=[]
    ),
    "workspaces.members.list": lambda c, bad: c.workspaces.members.list(workspace_id=bad),
    "workspaces.members.delete": lambda c, bad: c.workspaces.members.delete(
        workspace_id=bad, user_ids=["u"]
    ),
    "templates.duplicate": lambda c, bad: c.templates.duplicate(template_id=bad, workspace_id="w"),
    "folders.retrieve": lambda c, bad: c.folders.retrieve(folder_id=bad),
    "apps.collaborators.create": lambda c, bad: c.apps.collaborators.create(
        app_id=bad, collaborators=[]
    ),
    "apps.collaborators.delete(app_id)": lambda c, bad: c.apps.collaborators.delete(
        app_id=bad, user_id="u"
    ),
    "apps.collaborators.delete(user_id)": lambda c, bad: c.apps.collaborators.delete(
        app_id="a", user_id=bad
    ),
    "connectors.bind": lambda c, bad: c.connectors.bind(connector_id=bad, configs=[]),
    "connectors.install": lambda c, bad: c.connectors.install(connector_id=bad, workspace_id="w"),
    "connectors.bots.update(connector_id)": lambda c, bad: c.connectors.bots.update(
        connector_id=bad, bot_id="b"
    ),
    "connectors.bots.update(bot_id)": lambda c, bad: c.connectors.bots.update(
        connector_id="c", bot_id=bad
    ),
}


@pytest.mark.parametrize("name", PATH_ID_CALLS)
async def test_ids_in_paths_are_validated_before_any_request(
    mocked: aioresponses, name: str
) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        for bad in ("../other", "a/b", "x?y=1", ""):
            with pytest.raises(ValueError):
                await PATH_ID_CALLS[name](coze, bad)
    assert mocked.requests == {}


def test_ids_in_paths_are_validated_by_the_sync_api_too(mocked: aioresponses) -> None:
    with Coze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(ValueError):
            coze.apps.collaborators.delete(app_id="a", user_id="u/../../x")
        with pytest.raises(ValueError):
            coze.workspaces.members.list(workspace_id="ws#1")
    assert mocked.requests == {}


async def test_ids_are_percent_encoded_in_paths(mocked: aioresponses) -> None:
    mocked.get(route("/v1/folders/f%201"), payload=ok(FOLDER))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        await coze.folders.retrieve(folder_id="f 1")
    [request] = sent(mocked)
    assert request.url.raw_path == "/v1/folders/f%201"


async def test_api_errors_are_raised(mocked: aioresponses) -> None:
    mocked.post(
        route("/v1/connectors/c/install"),
        payload={"code": 4100, "msg": "no permission", "detail": {"logid": LOGID}},
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeAPIError) as info:
            await coze.connectors.install(connector_id="c", workspace_id="w")
    assert info.value.code == 4100 and info.value.logid == LOGID


# -- paging ---------------------------------------------------------------------------------------


def workspace(n: int) -> dict[str, Any]:
    return {**WORKSPACE, "id": f"ws-{n}"}


def pages_of_workspaces(mocked: aioresponses) -> None:
    # 5 workspaces, 2 per page: pages 1-3, the total says when to stop.
    for first in (1, 3, 5):
        batch = [workspace(n) for n in range(first, min(first + 2, 6))]
        mocked.get(route("/v1/workspaces"), payload=ok({"total_count": 5, "workspaces": batch}))


def assert_workspace_pages(requests: list[Sent]) -> None:
    assert [r.query["page_num"] for r in requests] == ["1", "2", "3"]
    assert all(r.query["page_size"] == "2" for r in requests)
    assert all(r.query["coze_account_id"] == "acc" for r in requests)  # filters kept


async def test_workspaces_list_walks_every_page(mocked: aioresponses) -> None:
    pages_of_workspaces(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.workspaces.list(user_id="u", coze_account_id="acc", page_size=2)
        assert len(sent(mocked)) == 1  # only the first page until iterated
        assert page.has_more and page.total == 5
        ids = [ws.id async for ws in page]
    assert ids == [f"ws-{n}" for n in range(1, 6)]
    assert_workspace_pages(sent(mocked))


def test_workspaces_list_walks_every_page_sync(mocked: aioresponses) -> None:
    pages_of_workspaces(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        page = coze.workspaces.list(user_id="u", coze_account_id="acc", page_size=2)
        assert page.total == 5
        sizes = [len(p.items) for p in page.iter_pages()]
    assert sizes == [2, 2, 1]
    assert_workspace_pages(sent(mocked))


def pages_of_members(mocked: aioresponses) -> None:
    for batch in (["a", "b"], ["c"]):
        items = [{"user_id": u, "role_type": "member"} for u in batch]
        mocked.get(
            route("/v1/workspaces/ws-1/members"), payload=ok({"items": items, "total_count": 3})
        )


async def test_workspace_members_list_walks_every_page(mocked: aioresponses) -> None:
    pages_of_members(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.workspaces.members.list(workspace_id="ws-1", page_size=2)
        users = [m.user_id async for m in page]
    assert users == ["a", "b", "c"]
    assert [r.query for r in sent(mocked)] == [
        {"page_num": "1", "page_size": "2"},
        {"page_num": "2", "page_size": "2"},
    ]


def test_workspace_members_list_walks_every_page_sync(mocked: aioresponses) -> None:
    pages_of_members(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        users = [m.user_id for m in coze.workspaces.members.list(workspace_id="ws-1", page_size=2)]
    assert users == ["a", "b", "c"]
    assert [r.url.path for r in sent(mocked)] == ["/v1/workspaces/ws-1/members"] * 2


def pages_of_folders(mocked: aioresponses) -> None:
    # The API says has_more itself: it wins over the total.
    answers = [([FOLDER, {**FOLDER, "id": "f-2"}], True), ([{**FOLDER, "id": "f-3"}], False)]
    for items, more in answers:
        data = {"items": items, "total_count": 99, "has_more": more}
        mocked.get(route("/v1/folders"), payload=ok(data))


async def test_folders_list_walks_every_page(mocked: aioresponses) -> None:
    pages_of_folders(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.folders.list(
            workspace_id="ws-1", folder_type=FolderType.DEVELOPMENT, page_num=3, page_size=2
        )
        ids = [f.id async for f in page]
    assert ids == ["f-1", "f-2", "f-3"]
    requests = sent(mocked)
    assert [r.query["page_num"] for r in requests] == ["3", "4"]
    assert all(r.query["folder_type"] == "development" for r in requests)


def test_folders_list_walks_every_page_sync(mocked: aioresponses) -> None:
    pages_of_folders(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        page = coze.folders.list(workspace_id="ws-1", folder_type=FolderType.DEVELOPMENT)
        assert page.has_more is True
        second = page.next_page()
        assert second is not None and second.has_more is False
        assert second.next_page() is None
    assert [f.id for f in second.items] == ["f-3"]


def pages_of_apps(mocked: aioresponses) -> None:
    for first in (1, 3):
        items = [{**APP, "id": f"app-{n}"} for n in (first, first + 1)]
        mocked.get(route("/v1/apps"), payload=ok({"items": items, "total": 4}))


async def test_apps_list_walks_every_page(mocked: aioresponses) -> None:
    pages_of_apps(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.apps.list(workspace_id="ws-1", page_size=2)
        ids = [a.id async for a in page]
    assert ids == ["app-1", "app-2", "app-3", "app-4"]
    requests = sent(mocked)
    assert [(r.query["page_num"], r.query["page_index"]) for r in requests] == [
        ("1", "1"),
        ("2", "2"),
    ]


def test_apps_list_walks_every_page_sync(mocked: aioresponses) -> None:
    pages_of_apps(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        ids = [a.id for a in coze.apps.list(workspace_id="ws-1", page_size=2)]
    assert ids == ["app-1", "app-2", "app-3", "app-4"]
    assert len(sent(mocked)) == 2


async def test_an_empty_page_ends_the_walk_whatever_the_total(mocked: aioresponses) -> None:
    mocked.get(route("/v1/apps"), payload=ok({"items": [APP], "total": 50}))
    mocked.get(route("/v1/apps"), payload=ok({"items": [], "total": 50}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        ids = [a.id async for a in await coze.apps.list(workspace_id="ws-1", page_size=1)]
    assert ids == ["app-1"]
    assert len(sent(mocked)) == 2


async def test_a_full_page_without_total_or_has_more_asks_for_the_next(
    mocked: aioresponses,
) -> None:
    mocked.get(route("/v1/workspaces/w/members"), payload=ok({"items": [MEMBER, MEMBER]}))
    mocked.get(route("/v1/workspaces/w/members"), payload=ok({"items": [MEMBER]}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.workspaces.members.list(workspace_id="w", page_size=2)
        assert page.total is None and page.has_more is True
        assert len([m async for m in page]) == 3
