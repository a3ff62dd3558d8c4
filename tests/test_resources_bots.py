"""``coze.bots`` and its sub-resources: request shapes and results (aioresponses, async and sync),
paging, validation, and the bot lifecycle against the emulator over real sockets."""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aioresponses import aioresponses

from coze_async import (
    AsyncCoze,
    AsyncPaged,
    Coze,
    CozeAPIError,
    CozeInvalidResponseError,
    Message,
    SyncPaged,
    TokenAuth,
)
from coze_async.emulator import ECHO_BOT_ID, PERSONAL_WORKSPACE_ID, TOOL_BOT_ID, Emulator
from coze_async.models.bots import (
    AddBotCollaboratorResp,
    Bot,
    BotCollaborationMode,
    BotCollaborator,
    BotKnowledge,
    BotMode,
    BotModelInfo,
    BotModelInfoConfig,
    BotOnboardingInfo,
    BotPrefixPromptInfo,
    BotPromptInfo,
    BotPromptMode,
    BotSuggestReplyInfo,
    BotVersionInfo,
    DeleteBotCollaboratorResp,
    PluginIDList,
    PublishStatus,
    SimpleBot,
    SuggestReplyMode,
    UnpublishBotResp,
    UpdateBotCollaborationModeResp,
    UpdateBotResp,
    UserInputType,
    VariableChannel,
    VariableType,
    WorkflowIDList,
)
from coze_async.resources.bots import (
    AsyncBotsClient,
    AsyncBotsCollaborationModesClient,
    AsyncBotsCollaboratorsClient,
    AsyncBotsVersionsClient,
    BotsClient,
    BotsCollaborationModesClient,
    BotsCollaboratorsClient,
    BotsVersionsClient,
)
from tests.conftest import only, sent

BASE = "https://api.test"
LOGID = "bots-logid-1"


# -- helpers ----------------------------------------------------------------------------------------


def ok(data: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": ""}
    if data is not None:
        body["data"] = data
    return body


def route(path: str) -> re.Pattern[str]:
    """Match ``path`` on the test base URL with any query string."""
    return re.compile(rf"^{re.escape(BASE + path)}(\?.*)?$")


def mock(m: aioresponses, method: str, path: str, data: Any = None, **kwargs: Any) -> None:
    kwargs.setdefault("payload", ok(data))
    kwargs.setdefault("headers", {"x-tt-logid": LOGID})
    m.add(route(path), method, **kwargs)


@pytest.fixture
async def acoze() -> AsyncIterator[AsyncCoze]:
    async with AsyncCoze(TokenAuth("t"), BASE) as client:
        yield client


@pytest.fixture
def scoze() -> Iterator[Coze]:
    with Coze(TokenAuth("t"), BASE) as client:
        yield client


BOT_PAYLOAD: dict[str, Any] = {
    "bot_id": "b1",
    "name": "Helper",
    "description": "helps",
    "icon_url": "https://icon.test/b1.png",
    "create_time": 1700000000,
    "update_time": 1700000100,
    "version": "3",
    "bot_mode": 1,
    "prompt_info": {
        "prompt": "",
        "prompt_mode": "prefix",
        "prefix_prompt_info": {"prefix_prompt": "fixed", "dynamic_prompt": "dyn"},
    },
    "onboarding_info": {"prologue": "hello", "suggested_questions": ["q1", "q2"]},
    "knowledge": {
        "dataset_ids": ["d1"],
        "auto_call": False,
        "search_strategy": 20,
        "knowledge_infos": [{"id": "d1", "name": "Docs"}],
    },
    "plugin_info_list": [
        {
            "plugin_id": "p1",
            "name": "Weather",
            "description": "forecasts",
            "icon_url": "https://icon.test/p1.png",
            "api_info_list": [{"api_id": "a1", "name": "today", "description": "now"}],
        }
    ],
    "model_info": {
        "model_id": "m1",
        "model_name": "Doubao",
        "temperature": 0.5,
        "top_p": 0.9,
        "top_k": 5,
        "context_round": 3,
        "max_tokens": 1024,
        "response_format": "markdown",
        "cache_type": "prefix",
        "parameters": {"thinking_type": "disabled", "caching": {"type": "enabled"}},
        "sp_anti_leak": True,
        "api_mode": "responses_api",
    },
    "suggest_reply_info": {"reply_mode": "customized", "customized_prompt": "ask more"},
    "background_image_info": {
        "web_background_image": {
            "image_url": "https://img.test/w.png",
            "theme_color": "#fff",
            "gradient_position": {"left": 0.1, "right": 0.9},
            "canvas_position": {"width": 10, "height": 20, "left": 1, "top": 2},
        }
    },
    "variables": [
        {
            "keyword": "city",
            "default_value": "Paris",
            "variable_type": "KVVariable",
            "channel": "custom",
            "description": "the city",
            "enable": True,
            "prompt_enable": False,
        },
        {"keyword": "brand_new", "channel": "satellite"},
    ],
    "owner_user_id": "u1",
    "voice_info_list": [{"voice_id": "v1", "language_code": "en"}],
    "default_user_input_type": "voice",
    "workflow_info_list": [{"id": "w1", "name": "flow", "description": "", "icon_url": ""}],
    "folder_id": "f1",
    "shortcut_commands": [
        {
            "id": "s1",
            "name": "Weather",
            "command": "/weather",
            "query_template": "weather in {{city}}",
            "tool": {"name": "today", "type": "plugin"},
        }
    ],
    "media_config": {"is_voice_call_closed": True},
    "a_field_from_the_future": {"x": 1},
}


def check_full_bot(bot: Bot) -> None:
    assert isinstance(bot, Bot)
    assert bot.bot_id == "b1" and bot.name == "Helper" and bot.version == "3"
    assert bot.create_time == 1700000000 and bot.update_time == 1700000100
    assert bot.bot_mode is BotMode.MULTI_AGENT
    assert bot.prompt_info is not None
    assert bot.prompt_info.prompt_mode is BotPromptMode.PREFIX
    assert bot.prompt_info.prefix_prompt_info == BotPrefixPromptInfo(
        prefix_prompt="fixed", dynamic_prompt="dyn"
    )
    assert bot.onboarding_info == BotOnboardingInfo(
        prologue="hello", suggested_questions=["q1", "q2"]
    )
    assert bot.knowledge is not None
    assert bot.knowledge.dataset_ids == ["d1"] and bot.knowledge.auto_call is False
    assert bot.knowledge.search_strategy == 20
    assert bot.knowledge.knowledge_infos is not None
    assert bot.knowledge.knowledge_infos[0].name == "Docs"
    assert bot.plugin_info_list is not None
    plugin = bot.plugin_info_list[0]
    assert plugin.plugin_id == "p1" and plugin.api_info_list[0].api_id == "a1"
    model = bot.model_info
    assert model is not None
    assert model.model_id == "m1" and model.temperature == 0.5 and model.top_k == 5
    assert model.response_format is BotModelInfo.ResponseFormat.MARKDOWN
    assert model.cache_type is BotModelInfo.CacheType.PREFIX
    assert model.api_mode is BotModelInfo.ApiMode.RESPONSES_API
    assert model.parameters == {"thinking_type": "disabled", "caching": {"type": "enabled"}}
    assert model.sp_anti_leak is True and model.sp_current_time is None
    assert bot.suggest_reply_info == BotSuggestReplyInfo(
        reply_mode=SuggestReplyMode.CUSTOMIZED, customized_prompt="ask more"
    )
    assert bot.background_image_info is not None
    web = bot.background_image_info.web_background_image
    assert web is not None and web.gradient_position is not None
    assert web.gradient_position.right == 0.9
    assert web.canvas_position is not None and web.canvas_position.height == 20
    assert bot.background_image_info.mobile_background_image is None
    assert bot.variables is not None
    assert bot.variables[0].variable_type is VariableType.KVVariable
    assert bot.variables[0].channel is VariableChannel.VariableChannelCustom
    unknown = bot.variables[1].channel
    assert unknown is not None and unknown.value == "satellite" and unknown.is_dynamic
    assert bot.variables[1].variable_type is None
    assert bot.voice_info_list is not None and bot.voice_info_list[0].voice_id == "v1"
    assert bot.default_user_input_type is UserInputType.VOICE
    assert bot.workflow_info_list is not None and bot.workflow_info_list[0].id == "w1"
    assert bot.folder_id == "f1" and bot.owner_user_id == "u1"
    assert bot.shortcut_commands is not None
    assert bot.shortcut_commands[0].tool is not None
    assert bot.shortcut_commands[0].tool.type == "plugin"
    assert bot.media_config is not None and bot.media_config.is_voice_call_closed is True


# -- one case per method: the request sent and the result, from both APIs ------------------------


def is_empty_result(cls: type[Any]) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert type(result) is cls
        assert result.response.logid == LOGID
        assert result.response.status_code == 200

    return check


def check_created(bot: Any) -> None:
    assert isinstance(bot, Bot) and bot.bot_id == "b1" and bot.name is None
    assert bot.response.logid == LOGID


def check_published(bot: Any) -> None:
    assert isinstance(bot, Bot) and bot.bot_id == "b1" and bot.version == "2"
    assert bot.response.logid == LOGID


def check_bot(bot: Any) -> None:
    assert isinstance(bot, Bot) and bot.bot_id == "b1" and bot.name == "Helper"
    assert bot.response.logid == LOGID


def check_page(item_type: type[Any], count: int, total: int | None) -> Callable[[Any], None]:
    def check(page: Any) -> None:
        assert isinstance(page, AsyncPaged | SyncPaged)
        assert len(page.items) == count and all(type(i) is item_type for i in page.items)
        assert page.total == total
        assert page.has_more is False
        assert page.response.logid == LOGID

    return check


FULL_CONFIG_BODY = {
    "description": "d",
    "icon_file_id": "file1",
    "prompt_info": {"prompt": "be nice"},
    "onboarding_info": {"prologue": "hi", "suggested_questions": ["what?"]},
    "suggest_reply_info": {"reply_mode": "enable", "customized_prompt": ""},
    "model_info_config": {
        "model_id": "m1",
        "temperature": 0.2,
        "response_format": "json",
        "cache_type": "closed",
        "parameters": {"thinking_type": "enabled"},
    },
    "plugin_id_list": {"id_list": [{"plugin_id": "p1", "api_id": "a1"}]},
    "workflow_id_list": {"ids": [{"id": "w1"}]},
}


def full_config() -> dict[str, Any]:
    return {
        "description": "d",
        "icon_file_id": "file1",
        "prompt_info": BotPromptInfo(prompt="be nice"),
        "onboarding_info": BotOnboardingInfo(prologue="hi", suggested_questions=["what?"]),
        "suggest_reply_info": BotSuggestReplyInfo(reply_mode=SuggestReplyMode.ENABLE),
        "model_info_config": BotModelInfoConfig(
            model_id="m1",
            temperature=0.2,
            response_format=BotModelInfo.ResponseFormat.JSON,
            cache_type=BotModelInfo.CacheType.CLOSED,
            parameters={"thinking_type": "enabled"},
        ),
        "plugin_id_list": PluginIDList(
            id_list=[PluginIDList.PluginIDInfo(plugin_id="p1", api_id="a1")]
        ),
        "workflow_id_list": WorkflowIDList(ids=[WorkflowIDList.WorkflowIDInfo(id="w1")]),
    }


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    call: Callable[[Any], Any]
    check: Callable[[Any], None]
    data: Any = None
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


CASES = [
    Case(
        "create-minimal",
        "POST",
        "/v1/bot/create",
        lambda bots: bots.create(space_id="s1", name="Helper"),
        check_created,
        data={"bot_id": "b1"},
        body={"space_id": "s1", "name": "Helper"},
    ),
    Case(
        "create-full",
        "POST",
        "/v1/bot/create",
        lambda bots: bots.create(space_id="s1", name="Helper", **full_config()),
        check_created,
        data={"bot_id": "b1"},
        body={"space_id": "s1", "name": "Helper", **FULL_CONFIG_BODY},
    ),
    Case(
        "update-minimal",
        "POST",
        "/v1/bot/update",
        lambda bots: bots.update(bot_id="b1", name="Renamed"),
        is_empty_result(UpdateBotResp),
        body={"bot_id": "b1", "name": "Renamed"},
    ),
    Case(
        "update-full",
        "POST",
        "/v1/bot/update",
        lambda bots: bots.update(
            bot_id="b1",
            name="Renamed",
            knowledge=BotKnowledge(dataset_ids=["d1", "d2"], search_strategy=1),
            **full_config(),
        ),
        is_empty_result(UpdateBotResp),
        body={
            "bot_id": "b1",
            "name": "Renamed",
            "knowledge": {"dataset_ids": ["d1", "d2"], "auto_call": True, "search_strategy": 1},
            **FULL_CONFIG_BODY,
        },
    ),
    Case(
        "publish-default-connector",
        "POST",
        "/v1/bot/publish",
        lambda bots: bots.publish(bot_id="b1"),
        check_published,
        data={"bot_id": "b1", "version": "2"},
        body={"bot_id": "b1", "connector_ids": ["1024"]},
    ),
    Case(
        "publish-connectors",
        "POST",
        "/v1/bot/publish",
        lambda bots: bots.publish(
            bot_id="b1",
            connector_ids=["1024", "999", "7"],
            connectors={"7": {"device_id": '"d1"'}},
        ),
        check_published,
        data={"bot_id": "b1", "version": "2"},
        body={
            "bot_id": "b1",
            "connector_ids": ["1024", "999", "7"],
            "connectors": {"7": {"device_id": '"d1"'}},
        },
    ),
    Case(
        "unpublish",
        "POST",
        "/v1/bots/b1/unpublish",
        lambda bots: bots.unpublish(bot_id="b1", connector_id="1024"),
        is_empty_result(UnpublishBotResp),
        body={"connector_id": "1024"},  # the bot is in the path only (cozepy repeats it)
    ),
    Case(
        "unpublish-reason",
        "POST",
        "/v1/bots/b1/unpublish",
        lambda bots: bots.unpublish(bot_id="b1", connector_id="999", unpublish_reason="retired"),
        is_empty_result(UnpublishBotResp),
        body={"connector_id": "999", "unpublish_reason": "retired"},
    ),
    Case(
        "retrieve-online",
        "GET",
        "/v1/bot/get_online_info",
        lambda bots: bots.retrieve(bot_id="b1"),
        check_bot,
        data={"bot_id": "b1", "name": "Helper"},
        query={"bot_id": "b1"},
    ),
    Case(
        "retrieve-v2-draft",
        "GET",
        "/v1/bots/b1",
        lambda bots: bots.retrieve(bot_id="b1", is_published=False, use_api_version=2),
        check_bot,
        data={"bot_id": "b1", "name": "Helper"},
        query={"is_published": "false"},
    ),
    Case(
        "retrieve-v2-default",
        "GET",
        "/v1/bots/b1",
        lambda bots: bots.retrieve(bot_id="b1", use_api_version=2),
        check_bot,
        data={"bot_id": "b1", "name": "Helper"},
    ),
    Case(
        "list-published",
        "GET",
        "/v1/space/published_bots_list",
        lambda bots: bots.list(space_id="s1"),
        check_page(SimpleBot, 1, 1),
        data={
            "space_bots": [
                {
                    "bot_id": "b1",
                    "bot_name": "Helper",
                    "description": "d",
                    "icon_url": "i",
                    "publish_time": "1700000000",
                }
            ],
            "total": 1,
        },
        query={"space_id": "s1", "page_size": "20", "page_index": "1"},
    ),
    Case(
        "list-v2",
        "GET",
        "/v1/bots",
        lambda bots: bots.list(
            space_id="s1",
            publish_status=PublishStatus.PUBLISHED_DRAFT,
            connector_id="999",
            page_num=2,
            page_size=5,
            use_api_version=2,
        ),
        check_page(SimpleBot, 1, 6),
        data={
            "items": [
                {
                    "id": "b6",
                    "name": "Sixth",
                    "description": "",
                    "icon_url": "",
                    "is_published": True,
                    "updated_at": 1700000200,
                    "owner_user_id": "u1",
                    "published_at": 1700000100,
                    "folder_id": "f1",
                }
            ],
            "total": 6,
        },
        query={
            "workspace_id": "s1",
            "page_size": "5",
            "page_index": "2",
            "page_num": "2",
            "publish_status": "published_draft",
            "connector_id": "999",
        },
    ),
    Case(
        "versions-list",
        "GET",
        "/v1/bots/b1/versions",
        lambda bots: bots.versions.list(bot_id="b1"),
        check_page(BotVersionInfo, 2, None),
        data={
            "items": [
                {
                    "version": "2",
                    "changelog": "better",
                    "created_at": 1700000100,
                    "creator": {"id": "u1", "name": "Ann"},
                    "publish_status": "published_online",
                },
                {"version": "1", "created_at": "1700000000", "creator": {"id": "u1"}},
            ],
            "has_more": False,
        },
        query={"page_num": "1", "page_size": "10"},
    ),
    Case(
        "versions-list-filtered",
        "GET",
        "/v1/bots/b1/versions",
        lambda bots: bots.versions.list(
            bot_id="b1",
            publish_status=PublishStatus.UNPUBLISHED_DRAFT,
            connector_id="1024",
            page_num=3,
            page_size=30,
        ),
        check_page(BotVersionInfo, 0, 0),
        data={"items": [], "total": 0},
        query={
            "page_num": "3",
            "page_size": "30",
            "publish_status": "unpublished_draft",
            "connector_id": "1024",
        },
    ),
    Case(
        "collaborators-create",
        "POST",
        "/v1/bots/b1/collaborators",
        lambda bots: bots.collaborators.create(
            bot_id="b1", collaborators=[BotCollaborator(user_id="u2")]
        ),
        is_empty_result(AddBotCollaboratorResp),
        body={"collaborators": [{"user_id": "u2"}]},
    ),
    Case(
        "collaborators-delete",
        "DELETE",
        "/v1/bots/b1/collaborators/u2",
        lambda bots: bots.collaborators.delete(bot_id="b1", user_id="u2"),
        is_empty_result(DeleteBotCollaboratorResp),
    ),
    Case(
        "collaboration-modes-update",
        "POST",
        "/v1/bots/b1/collaboration_mode",
        lambda bots: bots.collaboration_modes.update(
            bot_id="b1", collaboration_mode=BotCollaborationMode.COLLABORATION
        ),
        is_empty_result(UpdateBotCollaborationModeResp),
        body={"collaboration_mode": "collaboration"},
    ),
]


def assert_request(case: Case, m: aioresponses) -> None:
    req = only(m)
    assert req.method == case.method
    assert req.path == case.path
    assert req.query == case.query
    assert req.json == case.body
    if case.body is not None:
        assert req.kwargs["headers"]["Content-Type"] == "application/json"
    assert req.kwargs["headers"]["Authorization"] == "Bearer t"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_async_request_and_result(case: Case, acoze: AsyncCoze, mocked: aioresponses) -> None:
    mock(mocked, case.method, case.path, case.data)
    result = await case.call(acoze.bots)
    assert_request(case, mocked)
    case.check(result)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_sync_request_and_result(case: Case, scoze: Coze, mocked: aioresponses) -> None:
    mock(mocked, case.method, case.path, case.data)
    result = case.call(scoze.bots)
    assert_request(case, mocked)
    case.check(result)


def test_every_checklist_route_has_a_case() -> None:
    from pathlib import Path

    checklist = Path(__file__).parent / "fixtures" / "api-checklist.tsv"
    lines = [
        line.split("\t")
        for line in checklist.read_text().splitlines()
        if line.startswith("coze.bots.")
    ]
    covered = {(c.method, re.sub(r"/b1|/u2", "/{id}", c.path)) for c in CASES}
    for name, route_ in lines:
        method, path_ = route_.split(" ")
        assert (method, path_) in covered, name


# -- results in detail ----------------------------------------------------------------------------


async def test_retrieve_structures_every_documented_field(
    acoze: AsyncCoze, mocked: aioresponses
) -> None:
    mock(mocked, "GET", "/v1/bot/get_online_info", BOT_PAYLOAD)
    bot = await acoze.bots.retrieve(bot_id="b1")
    check_full_bot(bot)
    assert bot.response.logid == LOGID


def test_sync_retrieve_v2_structures_every_documented_field(
    scoze: Coze, mocked: aioresponses
) -> None:
    mock(mocked, "GET", "/v1/bots/b1", BOT_PAYLOAD)
    check_full_bot(scoze.bots.retrieve(bot_id="b1", use_api_version=2, is_published=True))
    assert only(mocked).query == {"is_published": "true"}


async def test_unknown_bot_mode_is_kept(acoze: AsyncCoze, mocked: aioresponses) -> None:
    mock(mocked, "GET", "/v1/bot/get_online_info", {"bot_id": "b1", "bot_mode": 7})
    bot = await acoze.bots.retrieve(bot_id="b1")
    assert bot.bot_mode == 7 and bot.bot_mode is not None and bot.bot_mode.is_dynamic


async def test_legacy_list_maps_to_simple_bot(acoze: AsyncCoze, mocked: aioresponses) -> None:
    data = {
        "space_bots": [
            {
                "bot_id": "b1",
                "bot_name": "Helper",
                "description": "d",
                "icon_url": "i",
                "publish_time": "1700000000",
            }
        ],
        "total": 1,
    }
    mock(mocked, "GET", "/v1/space/published_bots_list", data)
    page = await acoze.bots.list(space_id="s1")
    assert page.items == [
        SimpleBot(
            id="b1",
            name="Helper",
            description="d",
            icon_url="i",
            is_published=True,
            updated_at=1700000000,
            owner_user_id="",
            published_at=1700000000,
        )
    ]
    bot = page.items[0]
    assert (bot.bot_id, bot.bot_name, bot.publish_time) == ("b1", "Helper", "1700000000")
    assert bot.response.logid == LOGID


async def test_v2_list_item_fields(acoze: AsyncCoze, mocked: aioresponses) -> None:
    item = {
        "id": "b9",
        "name": "Nine",
        "description": "",
        "icon_url": "",
        "is_published": False,
        "updated_at": 1700000300,
        "owner_user_id": "u1",
    }
    mock(mocked, "GET", "/v1/bots", {"items": [item], "total": 1})
    page = await acoze.bots.list(space_id="s1", use_api_version=2)
    bot = page.items[0]
    assert bot.id == "b9" and bot.is_published is False and bot.published_at is None
    assert bot.publish_time == "1700000300" and bot.folder_id is None
    assert only(mocked).query == {
        "workspace_id": "s1",
        "page_size": "20",
        "page_index": "1",
        "page_num": "1",
    }


async def test_version_fields(acoze: AsyncCoze, mocked: aioresponses) -> None:
    data = {
        "items": [
            {
                "version": "2",
                "description": "d",
                "changelog": "better",
                "created_at": 1700000100,
                "updated_at": "1700000200",
                "creator": {"id": "u1", "name": "Ann"},
                "publish_status": "published_online",
            }
        ],
        "has_more": False,
    }
    mock(mocked, "GET", "/v1/bots/b1/versions", data)
    page = await acoze.bots.versions.list(bot_id="b1")
    version = page.items[0]
    assert version.version == "2" and version.changelog == "better"
    assert version.created_at == "1700000100" and version.updated_at == "1700000200"
    assert version.creator is not None and version.creator.name == "Ann"
    assert version.publish_status is PublishStatus.PUBLISHED_ONLINE


def test_request_models_omit_none_fields() -> None:
    from coze_async._converter import unstructure

    assert unstructure(BotModelInfo(model_id="m")) == {"model_id": "m"}
    assert unstructure(BotPromptInfo(prompt="p")) == {"prompt": "p"}
    assert unstructure(
        BotPromptInfo(
            prompt_mode=BotPromptMode.PREFIX,
            prefix_prompt_info=BotPrefixPromptInfo(prefix_prompt="fixed"),
        )
    ) == {"prompt_mode": "prefix", "prefix_prompt_info": {"prefix_prompt": "fixed"}}
    assert unstructure(PluginIDList()) == {}
    assert BotModelInfoConfig is BotModelInfo


# -- paging ---------------------------------------------------------------------------------------


def published_entry(i: int) -> dict[str, Any]:
    return {
        "bot_id": f"b{i}",
        "bot_name": f"Bot {i}",
        "description": "",
        "icon_url": "",
        "publish_time": str(1700000000 + i),
    }


def mock_legacy_pages(m: aioresponses) -> None:
    for page, ids in ((1, (1, 2)), (2, (3,))):
        data = {"space_bots": [published_entry(i) for i in ids], "total": 3}
        m.add(
            f"{BASE}/v1/space/published_bots_list?space_id=s1&page_size=2&page_index={page}",
            "GET",
            payload=ok(data),
            headers={"x-tt-logid": f"page-{page}"},
            repeat=True,
        )


async def test_legacy_list_walks_every_page(acoze: AsyncCoze, mocked: aioresponses) -> None:
    mock_legacy_pages(mocked)
    first = await acoze.bots.list(space_id="s1", page_size=2)
    assert first.has_more is True and first.total == 3
    assert [b.id async for b in first] == ["b1", "b2", "b3"]
    pages = [p async for p in first.iter_pages()]
    assert [p.response.logid for p in pages] == ["page-1", "page-2"]
    assert pages[1].has_more is False and await pages[1].next_page() is None
    # Walking the pages again fetches the second page again (pages are not cached).
    assert [r.query["page_index"] for r in sent(mocked)] == ["1", "2", "2"]


def test_sync_legacy_list_walks_every_page(scoze: Coze, mocked: aioresponses) -> None:
    mock_legacy_pages(mocked)
    first = scoze.bots.list(space_id="s1", page_size=2)
    assert isinstance(first, SyncPaged)
    assert [b.bot_name for b in first] == ["Bot 1", "Bot 2", "Bot 3"]


async def test_v2_list_pages_by_total_and_stops_on_an_empty_page(
    acoze: AsyncCoze, mocked: aioresponses
) -> None:
    item = {"id": "b1", "name": "One", "is_published": True, "updated_at": 1}
    # Page 2 comes back empty although total promises more: the walk ends there.
    for page, items in ((1, [item]), (2, [])):
        mocked.add(
            re.compile(rf"^{re.escape(BASE)}/v1/bots\?.*page_num={page}(&.*)?$"),
            "GET",
            payload=ok({"items": items, "total": 5}),
        )
    first = await acoze.bots.list(space_id="s1", page_size=1, use_api_version=2)
    assert first.has_more is True
    assert [b.id async for b in first] == ["b1"]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2"]


async def test_versions_pages_follow_has_more(acoze: AsyncCoze, mocked: aioresponses) -> None:
    for page, has_more in ((1, True), (2, False)):
        mocked.add(
            f"{BASE}/v1/bots/b1/versions?page_num={page}&page_size=1",
            "GET",
            payload=ok({"items": [{"version": str(page)}], "has_more": has_more}),
        )
    first = await acoze.bots.versions.list(bot_id="b1", page_size=1)
    assert first.total is None
    assert [v.version async for v in first] == ["1", "2"]


def test_sync_versions_pages_follow_total(scoze: Coze, mocked: aioresponses) -> None:
    for page in (1, 2):
        mocked.add(
            f"{BASE}/v1/bots/b1/versions?page_num={page}&page_size=1",
            "GET",
            payload=ok({"items": [{"version": str(page)}], "total": 2}),
        )
    first = scoze.bots.versions.list(bot_id="b1", page_size=1)
    assert first.total == 2 and first.has_more is True
    assert [v.version for v in first] == ["1", "2"]


# -- validation and errors ------------------------------------------------------------------------


BAD_PATH_CALLS: list[tuple[str, Callable[[AsyncBotsClient], Any]]] = [
    ("unpublish", lambda b: b.unpublish(bot_id="a/b", connector_id="1024")),
    ("retrieve-v2", lambda b: b.retrieve(bot_id="a?b", use_api_version=2)),
    ("versions", lambda b: b.versions.list(bot_id="a#b")),
    ("collaborators-create", lambda b: b.collaborators.create(bot_id="..", collaborators=[])),
    ("collaborators-delete", lambda b: b.collaborators.delete(bot_id="b1", user_id="u/2")),
    (
        "collaboration-mode",
        lambda b: b.collaboration_modes.update(
            bot_id="a/b", collaboration_mode=BotCollaborationMode.SINGLE
        ),
    ),
]


@pytest.mark.parametrize("call", [c for _, c in BAD_PATH_CALLS], ids=[n for n, _ in BAD_PATH_CALLS])
async def test_unsafe_path_ids_raise_before_any_request(
    call: Callable[[AsyncBotsClient], Any], acoze: AsyncCoze, mocked: aioresponses
) -> None:
    with pytest.raises(ValueError):
        await call(acoze.bots)
    assert mocked.requests == {}


def test_sync_unsafe_path_id_raises(scoze: Coze, mocked: aioresponses) -> None:
    with pytest.raises(ValueError):
        scoze.bots.collaborators.delete(bot_id="b1", user_id="../x/y")
    assert mocked.requests == {}


BAD_ARGUMENT_CALLS: list[tuple[str, Callable[[AsyncBotsClient], Any]]] = [
    ("create-no-space", lambda b: b.create(space_id="", name="n")),
    ("create-no-name", lambda b: b.create(space_id="s", name="")),
    ("update-no-bot", lambda b: b.update(bot_id="")),
    ("publish-no-bot", lambda b: b.publish(bot_id="")),
    ("unpublish-no-connector", lambda b: b.unpublish(bot_id="b1", connector_id="")),
    ("retrieve-no-bot", lambda b: b.retrieve(bot_id="")),
    ("retrieve-api-version", lambda b: b.retrieve(bot_id="b1", use_api_version=3)),
    ("list-api-version", lambda b: b.list(space_id="s1", use_api_version=0)),
    ("list-no-space", lambda b: b.list(space_id="")),
    ("list-page-num", lambda b: b.list(space_id="s1", page_num=0)),
    ("versions-page-size", lambda b: b.versions.list(bot_id="b1", page_size=0)),
]


@pytest.mark.parametrize(
    "call", [c for _, c in BAD_ARGUMENT_CALLS], ids=[n for n, _ in BAD_ARGUMENT_CALLS]
)
async def test_bad_arguments_raise_before_any_request(
    call: Callable[[AsyncBotsClient], Any], acoze: AsyncCoze, mocked: aioresponses
) -> None:
    with pytest.raises(ValueError):
        await call(acoze.bots)
    assert mocked.requests == {}


async def test_api_error_is_raised(acoze: AsyncCoze, mocked: aioresponses) -> None:
    payload = {"code": 4015, "msg": "The bot_id b1 has not been published"}
    mock(mocked, "GET", "/v1/bot/get_online_info", payload=payload)
    with pytest.raises(CozeAPIError) as info:
        await acoze.bots.retrieve(bot_id="b1")
    assert info.value.code == 4015
    assert info.value.logid == LOGID


def test_sync_api_error_is_raised(scoze: Coze, mocked: aioresponses) -> None:
    mock(mocked, "POST", "/v1/bots/b1/collaborators", payload={"code": 4100, "msg": "no plan"})
    with pytest.raises(CozeAPIError) as info:
        scoze.bots.collaborators.create(bot_id="b1", collaborators=[BotCollaborator(user_id="u")])
    assert info.value.code == 4100


async def test_malformed_list_data_is_an_invalid_response(
    acoze: AsyncCoze, mocked: aioresponses
) -> None:
    mock(mocked, "GET", "/v1/space/published_bots_list", {"space_bots": "nope", "total": 1})
    with pytest.raises(CozeInvalidResponseError):
        await acoze.bots.list(space_id="s1")


# -- shape of the resource --------------------------------------------------------------------------


async def test_sub_resources(acoze: AsyncCoze, scoze: Coze) -> None:
    assert isinstance(acoze.bots, AsyncBotsClient)
    assert isinstance(acoze.bots.versions, AsyncBotsVersionsClient)
    assert isinstance(acoze.bots.collaborators, AsyncBotsCollaboratorsClient)
    assert isinstance(acoze.bots.collaboration_modes, AsyncBotsCollaborationModesClient)
    assert isinstance(scoze.bots, BotsClient)
    assert isinstance(scoze.bots.versions, BotsVersionsClient)
    assert isinstance(scoze.bots.collaborators, BotsCollaboratorsClient)
    assert isinstance(scoze.bots.collaboration_modes, BotsCollaborationModesClient)


def test_keywords_and_defaults_match_cozepy() -> None:
    import cozepy.bots

    for name in ("create", "update", "publish", "unpublish", "retrieve", "list"):
        theirs = inspect.signature(getattr(cozepy.bots.AsyncBotsClient, name)).parameters
        ours = inspect.signature(getattr(AsyncBotsClient, name)).parameters
        for param in theirs.values():
            if param.kind is not inspect.Parameter.KEYWORD_ONLY:
                continue
            assert param.name in ours, (name, param.name)
            assert ours[param.name].kind is inspect.Parameter.KEYWORD_ONLY
            assert ours[param.name].default == param.default, (name, param.name)


# -- against the emulator ---------------------------------------------------------------------------


def ask(text: str) -> list[Message]:
    return [Message.build_user_question_text(text)]


@pytest.fixture
async def ecoze(emu: Emulator) -> AsyncIterator[AsyncCoze]:
    assert emu.token is not None
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as client:
        yield client


async def test_emulator_bot_lifecycle(ecoze: AsyncCoze) -> None:
    created = await ecoze.bots.create(
        space_id=PERSONAL_WORKSPACE_ID,
        name="Draft",
        description="a draft",
        prompt_info=BotPromptInfo(prompt="be brief"),
        onboarding_info=BotOnboardingInfo(prologue="hi", suggested_questions=["why?"]),
        suggest_reply_info=BotSuggestReplyInfo(reply_mode=SuggestReplyMode.DISABLE),
        model_info_config=BotModelInfo(
            model_id="m1", temperature=0.3, response_format=BotModelInfo.ResponseFormat.TEXT
        ),
    )
    bot_id = created.bot_id
    assert bot_id and created.response.logid

    # A draft cannot chat and has no online version yet.
    with pytest.raises(CozeAPIError) as refused:
        await ecoze.chat.create(bot_id=bot_id, user_id="u", additional_messages=ask("hi"))
    assert refused.value.code == 4015
    with pytest.raises(CozeAPIError) as offline:
        await ecoze.bots.retrieve(bot_id=bot_id)
    assert offline.value.code == 4015
    draft = await ecoze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
    assert draft.name == "Draft" and draft.description == "a draft"
    assert draft.prompt_info is not None and draft.prompt_info.prompt == "be brief"
    assert draft.model_info is not None and draft.model_info.temperature == 0.3
    assert draft.model_info.response_format is BotModelInfo.ResponseFormat.TEXT
    assert draft.suggest_reply_info is not None
    assert draft.suggest_reply_info.reply_mode is SuggestReplyMode.DISABLE
    unpublished = await ecoze.bots.list(
        space_id=PERSONAL_WORKSPACE_ID,
        publish_status=PublishStatus.UNPUBLISHED_DRAFT,
        use_api_version=2,
    )
    assert [b.id for b in unpublished.items] == [bot_id]
    assert unpublished.items[0].is_published is False
    assert bot_id not in [b.id async for b in await ecoze.bots.list(space_id=PERSONAL_WORKSPACE_ID)]

    # Publish: it chats, its online version and the lists show it.
    published = await ecoze.bots.publish(bot_id=bot_id)
    assert published.bot_id == bot_id and published.version == "1"
    online = await ecoze.bots.retrieve(bot_id=bot_id)
    assert online.name == "Draft" and online.version == "1"
    assert online.onboarding_info is not None
    assert online.onboarding_info.suggested_questions == ["why?"]
    poll = await ecoze.chat.create_and_poll(
        bot_id=bot_id, user_id="u", additional_messages=ask("ping"), poll_interval=0.01
    )
    assert [m.content for m in poll.messages] == ["ping"]
    first = await ecoze.bots.list(space_id=PERSONAL_WORKSPACE_ID, page_size=1)
    assert first.total == 3 and first.has_more is True
    listed = [b async for b in first]
    assert sorted(b.id for b in listed) == sorted([ECHO_BOT_ID, TOOL_BOT_ID, bot_id])
    mine = next(b for b in listed if b.id == bot_id)
    assert mine.name == "Draft" and mine.is_published and mine.published_at is not None

    # Update the draft: the online version keeps the published configuration.
    update = await ecoze.bots.update(
        bot_id=bot_id, name="Renamed", knowledge=BotKnowledge(dataset_ids=["d1"])
    )
    assert isinstance(update, UpdateBotResp) and update.response.status_code == 200
    assert (await ecoze.bots.retrieve(bot_id=bot_id)).name == "Draft"
    renamed = await ecoze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
    assert renamed.name == "Renamed"
    assert renamed.knowledge is not None and renamed.knowledge.dataset_ids == ["d1"]
    changed = await ecoze.bots.list(
        space_id=PERSONAL_WORKSPACE_ID,
        publish_status=PublishStatus.PUBLISHED_DRAFT,
        use_api_version=2,
    )
    assert [(b.id, b.name) for b in changed.items] == [(bot_id, "Renamed")]
    republished = await ecoze.bots.publish(bot_id=bot_id)
    assert republished.version == "2"
    assert (await ecoze.bots.retrieve(bot_id=bot_id)).name == "Renamed"

    # Unpublish from the API connector: chats are refused again.
    gone = await ecoze.bots.unpublish(bot_id=bot_id, connector_id="1024", unpublish_reason="bye")
    assert isinstance(gone, UnpublishBotResp)
    with pytest.raises(CozeAPIError) as again:
        await ecoze.chat.create(bot_id=bot_id, user_id="u", additional_messages=ask("hi"))
    assert again.value.code == 4015
    with pytest.raises(CozeAPIError):
        await ecoze.bots.unpublish(bot_id=bot_id, connector_id="1024")


async def test_emulator_v2_list_pages(ecoze: AsyncCoze) -> None:
    ids = [
        (await ecoze.bots.create(space_id=PERSONAL_WORKSPACE_ID, name=f"B{i}")).bot_id
        for i in range(5)
    ]
    first = await ecoze.bots.list(
        space_id=PERSONAL_WORKSPACE_ID,
        publish_status=PublishStatus.UNPUBLISHED_DRAFT,
        page_size=2,
        use_api_version=2,
    )
    assert first.total == 5 and len(first.items) == 2
    assert [b.id async for b in first] == ids


async def test_emulator_unknown_bot(ecoze: AsyncCoze) -> None:
    with pytest.raises(CozeAPIError) as info:
        await ecoze.bots.publish(bot_id="404404")
    assert info.value.code == 4200


def test_sync_emulator_bot_lifecycle() -> None:
    with Emulator.run_in_thread(strict=True) as emu:
        assert emu.token is not None
        with Coze(TokenAuth(emu.token), emu.base_url) as coze:
            bot_id = coze.bots.create(
                space_id=PERSONAL_WORKSPACE_ID, name="Sync", prompt_info=BotPromptInfo(prompt="p")
            ).bot_id
            with pytest.raises(CozeAPIError) as refused:
                coze.chat.create(bot_id=bot_id, user_id="u", additional_messages=ask("hi"))
            assert refused.value.code == 4015
            assert coze.bots.publish(bot_id=bot_id).version == "1"
            online = coze.bots.retrieve(bot_id=bot_id)
            assert online.name == "Sync"
            assert online.prompt_info is not None and online.prompt_info.prompt == "p"
            listed = coze.bots.list(space_id=PERSONAL_WORKSPACE_ID)
            assert isinstance(listed, SyncPaged) and listed.total == 3
            assert bot_id in [b.bot_id for b in listed]
            coze.bots.update(bot_id=bot_id, name="Sync2")
            draft = coze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
            assert draft.name == "Sync2"
            assert isinstance(
                coze.bots.unpublish(bot_id=bot_id, connector_id="1024"), UnpublishBotResp
            )
            with pytest.raises(CozeAPIError) as offline:
                coze.bots.retrieve(bot_id=bot_id)
            assert offline.value.code == 4015
