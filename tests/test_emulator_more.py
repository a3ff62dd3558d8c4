"""The emulator's routes for bot versions and collaborators, workflow listings, versions and
collaborators, workspace members, and the smaller families (users, variables, templates,
folders, apps, connectors), through this SDK's own clients (async, and sync once)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from coze_async import (
    AppCollaborator,
    AsyncCoze,
    AuditStatus,
    BadRequestError,
    BotCollaborationMode,
    BotCollaborator,
    Coze,
    FolderType,
    NotFoundError,
    PublishStatus,
    TokenAuth,
    UserConfig,
    UserConfigEnum,
    VariableValue,
    WorkflowMode,
    WorkspaceMember,
    WorkspaceRoleType,
)
from coze_async.emulator import (
    ECHO_BOT_ID,
    ECHO_WORKFLOW_ID,
    ERROR_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    PERSONAL_WORKSPACE_ID,
    Emulator,
)
from coze_async.emulator.routes.apps import APP_ID, DRAFT_APP_ID
from coze_async.emulator.routes.connectors import CUSTOM_CONNECTOR_ID
from coze_async.emulator.routes.folders import (
    DEMOS_FOLDER_ID,
    LIBRARY_FOLDER_ID,
    PROJECTS_FOLDER_ID,
)
from coze_async.emulator.routes.templates import TEMPLATE_ID
from coze_async.emulator.routes.workspaces import EMULATOR_USER_ID

UNKNOWN_ID = "7199999999999999999"
ALICE = "7300000000000000111"
BOB = "7300000000000000112"
BUILTIN_WORKFLOWS = [ECHO_WORKFLOW_ID, INTERRUPT_WORKFLOW_ID, ERROR_WORKFLOW_ID]


@pytest.fixture
async def env() -> AsyncIterator[tuple[Emulator, AsyncCoze]]:
    async with Emulator(strict=True) as emu, AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        yield emu, coze


async def collect(paged: Any) -> list[Any]:
    return [item async for item in paged]


async def new_bot(coze: AsyncCoze, name: str = "Versioned") -> str:
    bot = await coze.bots.create(space_id=PERSONAL_WORKSPACE_ID, name=name)
    assert bot.bot_id
    return bot.bot_id


# -- bots: versions ------------------------------------------------------------------------------


async def test_bot_versions_grow_with_each_publish(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    bot_id = await new_bot(coze)
    assert (await coze.bots.versions.list(bot_id=bot_id)).items == []
    (draft,) = (
        await coze.bots.versions.list(bot_id=bot_id, publish_status=PublishStatus.UNPUBLISHED_DRAFT)
    ).items
    assert draft.publish_status is PublishStatus.UNPUBLISHED_DRAFT

    first = await coze.bots.publish(bot_id=bot_id)
    second = await coze.bots.publish(bot_id=bot_id, connector_ids=["999"])
    assert (first.version, second.version) == ("1", "2")

    page = await coze.bots.versions.list(bot_id=bot_id)
    assert [v.version for v in page.items] == ["2", "1"]
    assert page.total == 2 and not page.has_more
    newest = page.items[0]
    assert newest.publish_status is PublishStatus.PUBLISHED_ONLINE
    assert newest.creator is not None and newest.creator.id == EMULATOR_USER_ID
    assert int(newest.created_at) > 0
    only_999 = await coze.bots.versions.list(bot_id=bot_id, connector_id="999")
    assert [v.version for v in only_999.items] == ["2"]

    # One version per page: two pages, walked in order.
    paged = await coze.bots.versions.list(bot_id=bot_id, page_size=1)
    assert paged.has_more and len(paged.items) == 1
    assert [p.items[0].version async for p in paged.iter_pages()] == ["2", "1"]
    assert [v["version"] for v in emu.store.bots.versions[bot_id]] == ["1", "2"]

    # Published and unchanged: no draft; an update makes one.
    drafts = await coze.bots.versions.list(
        bot_id=bot_id, publish_status=PublishStatus.UNPUBLISHED_DRAFT
    )
    assert drafts.items == []
    await coze.bots.update(bot_id=bot_id, description="changed")
    drafts = await coze.bots.versions.list(
        bot_id=bot_id, publish_status=PublishStatus.UNPUBLISHED_DRAFT
    )
    assert len(drafts.items) == 1


async def test_default_bot_keeps_its_first_version(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    assert [v.version for v in (await coze.bots.versions.list(bot_id=ECHO_BOT_ID)).items] == ["1"]
    await coze.bots.publish(bot_id=ECHO_BOT_ID)
    versions = await collect(await coze.bots.versions.list(bot_id=ECHO_BOT_ID))
    assert [v.version for v in versions] == ["2", "1"]


async def test_bot_versions_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    with pytest.raises(NotFoundError) as excinfo:
        await coze.bots.versions.list(bot_id=UNKNOWN_ID)
    assert excinfo.value.code == 4200
    with pytest.raises(BadRequestError) as bad:
        await coze.bots.versions.list(bot_id=ECHO_BOT_ID, publish_status=PublishStatus.ALL)
    assert bad.value.code == 4000
    with pytest.raises(BadRequestError):
        await coze.bots.versions.list(bot_id=ECHO_BOT_ID, page_size=31)


# -- bots: collaborators and collaboration mode --------------------------------------------------


async def test_bot_collaborators_follow_the_collaboration_mode(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    bot_id = await new_bot(coze)
    # Single-user mode (the default): no collaborators.
    with pytest.raises(BadRequestError) as excinfo:
        await coze.bots.collaborators.create(
            bot_id=bot_id, collaborators=[BotCollaborator(user_id=ALICE)]
        )
    assert excinfo.value.code == 4000
    assert emu.store.bots.collaborators.get(bot_id, []) == []

    result = await coze.bots.collaboration_modes.update(
        bot_id=bot_id, collaboration_mode=BotCollaborationMode.COLLABORATION
    )
    assert result.response.logid
    assert emu.store.bots.collaboration_modes[bot_id] == "collaboration"
    for user_id in (ALICE, BOB, ALICE):  # adding Alice twice keeps one entry
        await coze.bots.collaborators.create(
            bot_id=bot_id, collaborators=[BotCollaborator(user_id=user_id)]
        )
    assert emu.store.bots.collaborators[bot_id] == [ALICE, BOB]
    with pytest.raises(BadRequestError):  # one collaborator per request
        await coze.bots.collaborators.create(
            bot_id=bot_id,
            collaborators=[BotCollaborator(user_id="1"), BotCollaborator(user_id="2")],
        )

    # Back to single only once every collaborator is gone.
    with pytest.raises(BadRequestError):
        await coze.bots.collaboration_modes.update(
            bot_id=bot_id, collaboration_mode=BotCollaborationMode.SINGLE
        )
    await coze.bots.collaborators.delete(bot_id=bot_id, user_id=ALICE)
    assert emu.store.bots.collaborators[bot_id] == [BOB]
    with pytest.raises(NotFoundError) as gone:
        await coze.bots.collaborators.delete(bot_id=bot_id, user_id=ALICE)
    assert gone.value.code == 4200
    await coze.bots.collaborators.delete(bot_id=bot_id, user_id=BOB)
    await coze.bots.collaboration_modes.update(
        bot_id=bot_id, collaboration_mode=BotCollaborationMode.SINGLE
    )
    assert emu.store.bots.collaboration_modes[bot_id] == "single"
    with pytest.raises(BadRequestError):
        await coze.bots.collaboration_modes.update(
            bot_id=bot_id,
            collaboration_mode=BotCollaborationMode("team"),
        )


async def test_bot_collaboration_on_unknown_bots_is_4200(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    calls = [
        lambda: coze.bots.collaborators.create(
            bot_id=UNKNOWN_ID, collaborators=[BotCollaborator(user_id=ALICE)]
        ),
        lambda: coze.bots.collaborators.delete(bot_id=UNKNOWN_ID, user_id=ALICE),
        lambda: coze.bots.collaboration_modes.update(
            bot_id=UNKNOWN_ID, collaboration_mode=BotCollaborationMode.COLLABORATION
        ),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as excinfo:
            await call()
        assert excinfo.value.code == 4200


# -- workflows -----------------------------------------------------------------------------------


async def test_list_workflows_pages_through_the_builtins(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    first = await coze.workflows.list(workspace_id=PERSONAL_WORKSPACE_ID, page_size=2)
    assert len(first.items) == 2 and first.has_more
    pages = [p async for p in first.iter_pages()]
    assert [len(p.items) for p in pages] == [2, 1]
    workflows = [w for p in pages for w in p.items]
    assert [w.workflow_id for w in workflows] == BUILTIN_WORKFLOWS
    echo = workflows[0]
    assert echo.workflow_name == "echo" and echo.app_id == ""
    assert echo.created_at is not None and echo.created_at > 0
    assert echo.creator is not None and echo.creator.id == EMULATOR_USER_ID

    # A chatflow of another workspace, and a workflow of an app.
    emu.store.workflows.records["7100000000000000010"] = {
        "workflow_id": "7100000000000000010",
        "workflow_name": "support",
        "workflow_mode": "chatflow",
        "workspace_id": "7300000000000000002",
    }
    emu.store.workflows.records["7100000000000000011"] = {
        "workflow_id": "7100000000000000011",
        "workflow_name": "in_app",
        "app_id": APP_ID,
    }
    mine = await collect(await coze.workflows.list(workspace_id=PERSONAL_WORKSPACE_ID))
    assert [w.workflow_id for w in mine] == [*BUILTIN_WORKFLOWS, "7100000000000000011"]
    chatflows = await coze.workflows.list(
        workspace_id="7300000000000000002", workflow_mode=WorkflowMode.CHATFLOW
    )
    assert [w.workflow_id for w in chatflows.items] == ["7100000000000000010"]
    in_app = await coze.workflows.list(workspace_id=PERSONAL_WORKSPACE_ID, app_id=APP_ID)
    assert [w.workflow_id for w in in_app.items] == ["7100000000000000011"]
    drafts = await coze.workflows.list(
        workspace_id=PERSONAL_WORKSPACE_ID, publish_status="unpublished_draft"
    )
    assert drafts.items == [] and not drafts.has_more

    with pytest.raises(BadRequestError) as excinfo:
        await coze.workflows.list()  # the API requires workspace_id
    assert excinfo.value.code == 4000


async def test_retrieve_workflow(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    info = await coze.workflows.retrieve(workflow_id=INTERRUPT_WORKFLOW_ID)
    assert info.workflow_detail.workflow_id == INTERRUPT_WORKFLOW_ID
    assert info.workflow_detail.workflow_name == "ask_city"
    assert info.input is None and info.output is None
    full = await coze.workflows.retrieve(workflow_id=ECHO_WORKFLOW_ID, include_input_output=True)
    assert full.input is not None and full.input.parameters is not None
    assert set(full.input.parameters) == {"input"}
    assert full.output is not None and full.output.terminate_plan == "return_variables"
    with pytest.raises(NotFoundError) as excinfo:
        await coze.workflows.retrieve(workflow_id=UNKNOWN_ID)
    assert excinfo.value.code == 4200


async def test_workflow_versions_page_by_token(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    first = await coze.workflows.versions.list(workflow_id=ECHO_WORKFLOW_ID, page_size=2)
    assert [v.version for v in first.items] == ["v0.0.3", "v0.0.2"]
    assert first.has_more and first.next_page_token
    second = await first.next_page()
    assert second is not None and [v.version for v in second.items] == ["v0.0.1"]
    assert not second.has_more and second.next_page_token is None
    everything = await collect(
        await coze.workflows.versions.list(
            workflow_id=ECHO_WORKFLOW_ID, page_size=1, include_input_output=True
        )
    )
    assert [v.version for v in everything] == ["v0.0.3", "v0.0.2", "v0.0.1"]
    assert all(v.workflow_id == ECHO_WORKFLOW_ID and v.input is not None for v in everything)
    assert everything[0].creator.id == EMULATOR_USER_ID
    resumed = await coze.workflows.versions.list(
        workflow_id=ECHO_WORKFLOW_ID, page_size=2, page_token=first.next_page_token
    )
    assert [v.version for v in resumed.items] == ["v0.0.1"]
    single = await coze.workflows.versions.list(workflow_id=ERROR_WORKFLOW_ID)
    assert [v.version for v in single.items] == ["v0.0.1"]

    with pytest.raises(NotFoundError) as excinfo:
        await coze.workflows.versions.list(workflow_id=UNKNOWN_ID)
    assert excinfo.value.code == 4200
    with pytest.raises(BadRequestError):
        await coze.workflows.versions.list(workflow_id=ECHO_WORKFLOW_ID, page_token="bogus")


async def test_remove_workflow_collaborator(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    # The SDK has no call that adds one: add through the wire.
    headers = {"Authorization": f"Bearer {emu.token}"}
    async with aiohttp.ClientSession(headers=headers) as http:
        for user_id in (ALICE, BOB):
            async with http.post(
                f"{emu.base_url}/v1/workflows/{ECHO_WORKFLOW_ID}/collaborators",
                json={"collaborators": [{"user_id": user_id}]},
            ) as response:
                assert (await response.json())["code"] == 0
    assert emu.store.workflows.collaborators[ECHO_WORKFLOW_ID] == [ALICE, BOB]

    result = await coze.workflows.collaborators.delete(workflow_id=ECHO_WORKFLOW_ID, user_id=ALICE)
    assert result.response.logid
    assert emu.store.workflows.collaborators[ECHO_WORKFLOW_ID] == [BOB]
    for workflow_id, user_id in ((ECHO_WORKFLOW_ID, ALICE), (UNKNOWN_ID, BOB)):
        with pytest.raises(NotFoundError) as excinfo:
            await coze.workflows.collaborators.delete(workflow_id=workflow_id, user_id=user_id)
        assert excinfo.value.code == 4200


# -- workspaces: members -------------------------------------------------------------------------


async def test_workspace_members_are_added_and_removed(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    added = await coze.workspaces.members.create(
        workspace_id=PERSONAL_WORKSPACE_ID,
        users=[
            WorkspaceMember(user_id=ALICE, role_type=WorkspaceRoleType.MEMBER),
            WorkspaceMember(user_id=BOB, role_type=WorkspaceRoleType.ADMIN),
            WorkspaceMember(user_id="not-a-user", role_type=WorkspaceRoleType.MEMBER),
        ],
    )
    # A personal workspace invites (and the emulator's invitations are accepted at once).
    assert added.invited_success_user_ids == [ALICE, BOB]
    assert added.not_exist_user_ids == ["not-a-user"]
    assert added.added_success_user_ids == []
    members = await collect(
        await coze.workspaces.members.list(workspace_id=PERSONAL_WORKSPACE_ID, page_size=2)
    )
    assert [(m.user_id, m.role_type) for m in members] == [
        (EMULATOR_USER_ID, WorkspaceRoleType.OWNER),
        (ALICE, WorkspaceRoleType.MEMBER),
        (BOB, WorkspaceRoleType.ADMIN),
    ]
    again = await coze.workspaces.members.create(
        workspace_id=PERSONAL_WORKSPACE_ID,
        users=[WorkspaceMember(user_id=ALICE, role_type=WorkspaceRoleType.MEMBER)],
    )
    assert again.already_joined_user_ids == [ALICE] and again.invited_success_user_ids == []

    removed = await coze.workspaces.members.delete(
        workspace_id=PERSONAL_WORKSPACE_ID,
        user_ids=[ALICE, EMULATOR_USER_ID, "7300000000000000999"],
    )
    assert removed.removed_success_user_ids == [ALICE]
    assert removed.owner_not_support_remove_user_ids == [EMULATOR_USER_ID]
    assert removed.not_in_workspace_user_ids == ["7300000000000000999"]
    left = await coze.workspaces.members.list(workspace_id=PERSONAL_WORKSPACE_ID)
    assert [m.user_id for m in left.items] == [EMULATOR_USER_ID, BOB] and left.total == 2


async def test_workspace_member_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    member = WorkspaceMember(user_id=ALICE, role_type=WorkspaceRoleType.MEMBER)
    with pytest.raises(NotFoundError) as excinfo:
        await coze.workspaces.members.create(workspace_id=UNKNOWN_ID, users=[member])
    assert excinfo.value.code == 4200
    with pytest.raises(NotFoundError):
        await coze.workspaces.members.delete(workspace_id=UNKNOWN_ID, user_ids=[ALICE])
    bad_calls = [
        lambda: coze.workspaces.members.create(
            workspace_id=PERSONAL_WORKSPACE_ID,
            users=[WorkspaceMember(user_id=ALICE, role_type=WorkspaceRoleType.OWNER)],
        ),
        lambda: coze.workspaces.members.create(
            workspace_id=PERSONAL_WORKSPACE_ID, users=[member] * 21
        ),
        lambda: coze.workspaces.members.create(workspace_id=PERSONAL_WORKSPACE_ID, users=[]),
        lambda: coze.workspaces.members.delete(
            workspace_id=PERSONAL_WORKSPACE_ID, user_ids=[ALICE] * 6
        ),
    ]
    for call in bad_calls:
        with pytest.raises(BadRequestError) as bad:
            await call()
        assert bad.value.code == 4000


# -- users, variables, templates -----------------------------------------------------------------


async def test_users_me(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    me = await coze.users.me()
    assert me.user_id == EMULATOR_USER_ID
    assert me.user_name == "emulator" and me.nick_name == "Emulator"
    assert me.response.logid


async def test_variables_are_kept_per_bot_connector_and_user(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    values = [
        VariableValue(keyword="city", value="Paris"),
        VariableValue(keyword="lang", value="fr"),
    ]
    await coze.variables.update(bot_id=ECHO_BOT_ID, connector_uid="u1", data=values)
    got = await coze.variables.retrieve(bot_id=ECHO_BOT_ID, connector_uid="u1", keywords=[])
    assert {v.keyword: v.value for v in got} == {"city": "Paris", "lang": "fr"}
    assert all(v.create_time > 0 and v.update_time >= v.create_time for v in got)
    created = got[0].create_time

    await coze.variables.update(
        bot_id=ECHO_BOT_ID, connector_uid="u1", data=[VariableValue(keyword="city", value="Rome")]
    )
    (city,) = await coze.variables.retrieve(
        bot_id=ECHO_BOT_ID, connector_uid="u1", keywords=["city", "unknown"]
    )
    assert (city.keyword, city.value, city.create_time) == ("city", "Rome", created)

    # Other end users, connectors and owners have their own values.
    assert (
        list(await coze.variables.retrieve(bot_id=ECHO_BOT_ID, connector_uid="u2", keywords=[]))
        == []
    )
    assert (
        list(
            await coze.variables.retrieve(
                bot_id=ECHO_BOT_ID, connector_uid="u1", connector_id="999", keywords=[]
            )
        )
        == []
    )
    await coze.variables.update(
        app_id=APP_ID, connector_uid="u1", data=[VariableValue(keyword="city", value="Oslo")]
    )
    (app_city,) = await coze.variables.retrieve(
        app_id=APP_ID, connector_uid="u1", keywords=["city"]
    )
    assert app_city.value == "Oslo"
    assert (
        emu.store.variables.values[("bot:" + ECHO_BOT_ID, "1024", "u1")]["city"]["value"] == "Rome"
    )

    # A bot's configured variables show at their default value until set.
    emu.store.bots.records[ECHO_BOT_ID]["variables"] = [
        {"keyword": "mood", "default_value": "calm"}
    ]
    (mood,) = await coze.variables.retrieve(
        bot_id=ECHO_BOT_ID, connector_uid="u2", keywords=["mood"]
    )
    assert (mood.value, mood.create_time, mood.update_time) == ("calm", 0, 0)


async def test_variables_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    one = [VariableValue(keyword="k", value="v")]
    for call in (
        lambda: coze.variables.retrieve(connector_uid="u1", keywords=[]),
        lambda: coze.variables.retrieve(
            app_id=APP_ID, bot_id=ECHO_BOT_ID, connector_uid="u1", keywords=[]
        ),
        lambda: coze.variables.update(bot_id=ECHO_BOT_ID, connector_uid="u1", data=[]),
    ):
        with pytest.raises(BadRequestError) as bad:
            await call()
        assert bad.value.code == 4000
    for call in (
        lambda: coze.variables.retrieve(bot_id=UNKNOWN_ID, connector_uid="u1", keywords=[]),
        lambda: coze.variables.update(app_id=UNKNOWN_ID, connector_uid="u1", data=one),
    ):
        with pytest.raises(NotFoundError) as missing:
            await call()
        assert missing.value.code == 4200


async def test_duplicate_template_creates_a_draft_bot(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    copy = await coze.templates.duplicate(
        template_id=TEMPLATE_ID, workspace_id=PERSONAL_WORKSPACE_ID, name="My trips"
    )
    assert copy.entity_type == "agent" and copy.entity_id in emu.store.bots.records
    bot = await coze.bots.retrieve(bot_id=copy.entity_id, use_api_version=2, is_published=False)
    assert bot.name == "My trips"
    assert bot.prompt_info is not None and "travel" in (bot.prompt_info.prompt or "")
    drafts = await coze.bots.list(
        space_id=PERSONAL_WORKSPACE_ID,
        publish_status=PublishStatus.UNPUBLISHED_DRAFT,
        use_api_version=2,
    )
    assert copy.entity_id in [b.id for b in drafts.items]
    unnamed = await coze.templates.duplicate(
        template_id=TEMPLATE_ID, workspace_id=PERSONAL_WORKSPACE_ID
    )
    assert unnamed.entity_id != copy.entity_id
    assert emu.store.bots.records[unnamed.entity_id]["name"] == "Travel assistant"

    for template_id, workspace_id in (
        (UNKNOWN_ID, PERSONAL_WORKSPACE_ID),
        (TEMPLATE_ID, UNKNOWN_ID),
    ):
        with pytest.raises(NotFoundError) as excinfo:
            await coze.templates.duplicate(template_id=template_id, workspace_id=workspace_id)
        assert excinfo.value.code == 4200


# -- folders -------------------------------------------------------------------------------------


async def test_folders_tree_of_the_personal_workspace(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    roots = await coze.folders.list(
        workspace_id=PERSONAL_WORKSPACE_ID, folder_type=FolderType.DEVELOPMENT
    )
    assert [(f.id, f.name, f.children_count) for f in roots.items] == [
        (PROJECTS_FOLDER_ID, "Projects", 1)
    ]
    assert roots.items[0].parent_folder_id is None and roots.total == 1
    (demos,) = (
        await coze.folders.list(
            workspace_id=PERSONAL_WORKSPACE_ID,
            folder_type=FolderType.DEVELOPMENT,
            parent_folder_id=PROJECTS_FOLDER_ID,
        )
    ).items
    assert (demos.id, demos.parent_folder_id, demos.children_count) == (
        DEMOS_FOLDER_ID,
        PROJECTS_FOLDER_ID,
        0,
    )
    library = await coze.folders.list(
        workspace_id=PERSONAL_WORKSPACE_ID, folder_type=FolderType.LIBRARY
    )
    assert [f.id for f in library.items] == [LIBRARY_FOLDER_ID]

    folder = await coze.folders.retrieve(folder_id=DEMOS_FOLDER_ID)
    assert folder.name == "Demos" and folder.folder_type is FolderType.DEVELOPMENT
    assert folder.workspace_id == PERSONAL_WORKSPACE_ID
    assert folder.creator_user_id == EMULATOR_USER_ID

    # More library folders: paged two at a time.
    for i in range(3):
        emu.store.folders.records.append(
            {**emu.store.folders.records[1], "id": f"730000000000000021{i}", "name": f"Shelf {i}"}
        )
    paged = await coze.folders.list(
        workspace_id=PERSONAL_WORKSPACE_ID, folder_type=FolderType.LIBRARY, page_size=2
    )
    assert paged.total == 4 and paged.has_more
    assert [len(p.items) async for p in paged.iter_pages()] == [2, 2]

    for call in (
        lambda: coze.folders.retrieve(folder_id=UNKNOWN_ID),
        lambda: coze.folders.list(workspace_id=UNKNOWN_ID, folder_type=FolderType.LIBRARY),
        lambda: coze.folders.list(
            workspace_id=PERSONAL_WORKSPACE_ID,
            folder_type=FolderType.LIBRARY,
            parent_folder_id=UNKNOWN_ID,
        ),
    ):
        with pytest.raises(NotFoundError) as excinfo:
            await call()
        assert excinfo.value.code == 4200
    with pytest.raises(BadRequestError):
        await coze.folders.list(workspace_id=PERSONAL_WORKSPACE_ID, folder_type=FolderType("box"))


# -- apps ----------------------------------------------------------------------------------------


async def test_apps_and_their_collaborators(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    online = await coze.apps.list(workspace_id=PERSONAL_WORKSPACE_ID)
    assert [a.id for a in online.items] == [APP_ID] and online.total == 1
    app = online.items[0]
    assert app.is_published and app.published_at and app.owner_user_id == EMULATOR_USER_ID
    everything = await coze.apps.list(
        workspace_id=PERSONAL_WORKSPACE_ID, publish_status=PublishStatus.ALL, page_size=1
    )
    assert [a.id for a in await collect(everything)] == [APP_ID, DRAFT_APP_ID]
    (draft,) = (
        await coze.apps.list(
            workspace_id=PERSONAL_WORKSPACE_ID, publish_status=PublishStatus.UNPUBLISHED_DRAFT
        )
    ).items
    assert draft.id == DRAFT_APP_ID and draft.published_at is None and not draft.is_published
    assert (
        await coze.apps.list(workspace_id=PERSONAL_WORKSPACE_ID, connector_id="999")
    ).items == []

    await coze.apps.collaborators.create(
        app_id=APP_ID, collaborators=[AppCollaborator(user_id=ALICE)]
    )
    await coze.apps.collaborators.create(
        app_id=APP_ID, collaborators=[AppCollaborator(user_id=BOB)]
    )
    assert emu.store.apps.collaborators[APP_ID] == [ALICE, BOB]
    removed = await coze.apps.collaborators.delete(app_id=APP_ID, user_id=ALICE)
    assert removed.response.logid
    assert emu.store.apps.collaborators[APP_ID] == [BOB]

    for call in (
        lambda: coze.apps.collaborators.delete(app_id=APP_ID, user_id=ALICE),
        lambda: coze.apps.collaborators.delete(app_id=UNKNOWN_ID, user_id=BOB),
        lambda: coze.apps.collaborators.create(
            app_id=UNKNOWN_ID, collaborators=[AppCollaborator(user_id=ALICE)]
        ),
        lambda: coze.apps.list(workspace_id=UNKNOWN_ID),
    ):
        with pytest.raises(NotFoundError) as excinfo:
            await call()
        assert excinfo.value.code == 4200
    with pytest.raises(BadRequestError):
        await coze.apps.collaborators.create(app_id=APP_ID, collaborators=[])


# -- connectors ----------------------------------------------------------------------------------


async def test_connector_device_bindings(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    speakers = UserConfig(
        key="speakers",
        enums=[
            UserConfigEnum(label="Kitchen", value="dev-1"),
            UserConfigEnum(label="Hall", value="dev-2"),
        ],
    )
    result = await coze.connectors.bind(connector_id=CUSTOM_CONNECTOR_ID, configs=[speakers])
    assert result.response.logid
    (binding,) = emu.store.connectors.user_configs[CUSTOM_CONNECTOR_ID]
    assert binding["user_id"] == EMULATOR_USER_ID
    assert [e["value"] for e in binding["enums"]] == ["dev-1", "dev-2"]

    # Binding the same key again replaces it; another user's binding is kept apart.
    fewer = UserConfig(key="speakers", enums=[UserConfigEnum(label="Hall", value="dev-2")])
    await coze.connectors.bind(connector_id=CUSTOM_CONNECTOR_ID, configs=[fewer])
    await coze.connectors.bind(connector_id=CUSTOM_CONNECTOR_ID, configs=[speakers], user_id=ALICE)
    bindings = emu.store.connectors.user_configs[CUSTOM_CONNECTOR_ID]
    assert [(b["user_id"], len(b["enums"])) for b in bindings] == [
        (EMULATOR_USER_ID, 1),
        (ALICE, 2),
    ]

    with pytest.raises(NotFoundError) as excinfo:
        await coze.connectors.bind(connector_id=UNKNOWN_ID, configs=[speakers])
    assert excinfo.value.code == 4200
    with pytest.raises(BadRequestError):
        await coze.connectors.bind(connector_id=CUSTOM_CONNECTOR_ID, configs=[])


async def test_install_connector_in_a_workspace(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    for _ in range(2):  # installing twice keeps one entry
        await coze.connectors.install(
            connector_id=CUSTOM_CONNECTOR_ID, workspace_id=PERSONAL_WORKSPACE_ID
        )
    await coze.connectors.install(connector_id="999", workspace_id=PERSONAL_WORKSPACE_ID)
    assert emu.store.connectors.installed[PERSONAL_WORKSPACE_ID] == [CUSTOM_CONNECTOR_ID, "999"]
    for connector_id, workspace_id in (
        (UNKNOWN_ID, PERSONAL_WORKSPACE_ID),
        (CUSTOM_CONNECTOR_ID, UNKNOWN_ID),
    ):
        with pytest.raises(NotFoundError) as excinfo:
            await coze.connectors.install(connector_id=connector_id, workspace_id=workspace_id)
        assert excinfo.value.code == 4200


async def test_review_result_of_a_bot_on_a_connector(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    bot_id = await new_bot(coze, "Reviewed")
    # Not published to the connector yet: nothing to review.
    with pytest.raises(NotFoundError) as excinfo:
        await coze.connectors.bots.update(
            connector_id=CUSTOM_CONNECTOR_ID, bot_id=bot_id, audit_status=AuditStatus.APPROVED
        )
    assert excinfo.value.code == 4200

    await coze.bots.publish(bot_id=bot_id, connector_ids=[CUSTOM_CONNECTOR_ID])
    await coze.connectors.bots.update(
        connector_id=CUSTOM_CONNECTOR_ID,
        bot_id=bot_id,
        audit_status=AuditStatus.REJECTED,
        reason="missing privacy policy",
    )
    audit = emu.store.connectors.bot_audits[(CUSTOM_CONNECTOR_ID, bot_id)]
    assert (audit["audit_status"], audit["reason"]) == (3, "missing privacy policy")
    await coze.connectors.bots.update(
        connector_id=CUSTOM_CONNECTOR_ID, bot_id=bot_id, audit_status=AuditStatus.APPROVED
    )
    assert audit["audit_status"] == 2 and audit["reason"] == "missing privacy policy"

    with pytest.raises(BadRequestError):
        await coze.connectors.bots.update(
            connector_id=CUSTOM_CONNECTOR_ID, bot_id=bot_id, audit_status=AuditStatus(7)
        )
    for connector_id, unknown_bot in ((UNKNOWN_ID, bot_id), (CUSTOM_CONNECTOR_ID, UNKNOWN_ID)):
        with pytest.raises(NotFoundError):
            await coze.connectors.bots.update(
                connector_id=connector_id, bot_id=unknown_bot, audit_status=AuditStatus.PENDING
            )


# -- the sync client -----------------------------------------------------------------------------


def test_sync_client_across_families(coze_emulator: Emulator) -> None:
    emu = coze_emulator
    with Coze(TokenAuth(emu.token), emu.base_url) as coze:
        me = coze.users.me()
        assert me.user_id == EMULATOR_USER_ID

        added = coze.workspaces.members.create(
            workspace_id=PERSONAL_WORKSPACE_ID,
            users=[WorkspaceMember(user_id=ALICE, role_type=WorkspaceRoleType.MEMBER)],
        )
        assert added.invited_success_user_ids == [ALICE]
        members = coze.workspaces.members.list(workspace_id=PERSONAL_WORKSPACE_ID, page_size=1)
        assert [m.user_id for m in members] == [me.user_id, ALICE]

        bot_id = coze.bots.create(space_id=PERSONAL_WORKSPACE_ID, name="Sync bot").bot_id
        assert bot_id
        coze.bots.publish(bot_id=bot_id)
        coze.bots.publish(bot_id=bot_id)
        assert [v.version for v in coze.bots.versions.list(bot_id=bot_id)] == ["2", "1"]
        coze.bots.collaboration_modes.update(
            bot_id=bot_id, collaboration_mode=BotCollaborationMode.COLLABORATION
        )
        coze.bots.collaborators.create(
            bot_id=bot_id, collaborators=[BotCollaborator(user_id=ALICE)]
        )
        assert emu.store.bots.collaborators[bot_id] == [ALICE]

        coze.variables.update(
            bot_id=bot_id, connector_uid="u1", data=[VariableValue(keyword="k", value="v")]
        )
        (value,) = coze.variables.retrieve(bot_id=bot_id, connector_uid="u1", keywords=["k"])
        assert value.value == "v"

        workflows = coze.workflows.list(workspace_id=PERSONAL_WORKSPACE_ID, page_size=2)
        assert [w.workflow_id for w in workflows] == BUILTIN_WORKFLOWS
        versions = coze.workflows.versions.list(workflow_id=ECHO_WORKFLOW_ID, page_size=2)
        assert len(list(versions)) == 3

        folders = coze.folders.list(
            workspace_id=PERSONAL_WORKSPACE_ID, folder_type=FolderType.DEVELOPMENT
        )
        assert [f.id for f in folders] == [PROJECTS_FOLDER_ID]
        assert coze.folders.retrieve(folder_id=PROJECTS_FOLDER_ID).name == "Projects"
        assert [a.id for a in coze.apps.list(workspace_id=PERSONAL_WORKSPACE_ID)] == [APP_ID]

        copy = coze.templates.duplicate(template_id=TEMPLATE_ID, workspace_id=PERSONAL_WORKSPACE_ID)
        assert copy.entity_id in emu.store.bots.records
        coze.connectors.install(
            connector_id=CUSTOM_CONNECTOR_ID, workspace_id=PERSONAL_WORKSPACE_ID
        )
        assert emu.store.connectors.installed[PERSONAL_WORKSPACE_ID] == [CUSTOM_CONNECTOR_ID]
        with pytest.raises(NotFoundError) as excinfo:
            coze.workflows.retrieve(workflow_id=UNKNOWN_ID)
        assert excinfo.value.code == 4200
