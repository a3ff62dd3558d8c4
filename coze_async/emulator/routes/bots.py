"""Bots: create, update, publish and unpublish, the online (published) configuration, the
space's bot lists (``/v1/space/published_bots_list`` and the newer ``/v1/bots``), a bot's
versions, its collaborators and its collaboration mode.

A created bot is an unpublished draft (chats with it fail with 4015) until it is published to
the API connector (``1024``); publishing snapshots its configuration as the online version and
lets it chat (with the echo responder unless one is registered). The two default bots, and bots
added with ``Emulator.register_responder``, belong to every space and are published.

Each publish records a version (``BotsState.versions``), listed newest first by
``GET /v1/bots/{bot_id}/versions``; a published bot with no recorded publish (a default bot)
shows its current version. Collaborators (``BotsState.collaborators``) can only be added while
the bot is in ``collaboration`` mode (``BotsState.collaboration_modes``, ``single`` by default),
one per request, and the bot goes back to ``single`` only once they are all removed.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._bots import ECHO_BOT_ID, TOOL_BOT_ID, Responder, echo_responder, tool_responder
from .._state import STORE, Store
from .._wire import (
    ApiError,
    add_collaborator,
    bad_request,
    envelope,
    int_param,
    json_body,
    new_id,
    now,
    one_collaborator,
    page_of,
    remove_collaborator,
    require,
)
from .workspaces import EMULATOR_USER_ID, find_workspace

__all__ = [
    "API_CONNECTOR",
    "DEFAULT_MODEL_ID",
    "MODEL_NAMES",
    "BotsState",
    "add_routes",
    "bot_connectors",
    "bot_record",
    "new_draft_bot",
]

#: The API connector: a bot published there can chat over the API.
API_CONNECTOR = "1024"


#: The model a bot uses unless its ``model_info_config`` says otherwise.
DEFAULT_MODEL_ID = "1737521813"
#: Model names by model id (an id not listed here is named after itself).
MODEL_NAMES = {DEFAULT_MODEL_ID: "Emulator echo model"}


def _background_image() -> dict[str, Any]:
    return {
        "image_url": "",
        "theme_color": "",
        "gradient_position": {"left": 0.0, "right": 0.0},
        "canvas_position": {"width": 0.0, "height": 0.0, "left": 0.0, "top": 0.0},
    }


def bot_record(bot_id: str, name: str) -> dict[str, Any]:
    """A new bot's fields, before it is published or placed in a space: everything the
    service always returns in a ``BotInfo`` (``model_info``, ``knowledge``, ``variables``...)."""
    created = now()
    return {
        "bot_id": bot_id,
        "name": name,
        "description": "",
        "icon_url": "",
        "create_time": created,
        "update_time": created,
        "bot_mode": 0,
        "prompt_info": {"prompt": ""},
        "onboarding_info": {"prologue": "", "suggested_questions": []},
        "plugin_info_list": [],
        "model_info": {"model_id": DEFAULT_MODEL_ID, "model_name": MODEL_NAMES[DEFAULT_MODEL_ID]},
        # The service's knowledge_infos, and the request's shape that cozepy reads.
        "knowledge": {
            "dataset_ids": [],
            "auto_call": True,
            "search_strategy": 0,
            "knowledge_infos": [],
        },
        "shortcut_commands": [],
        "variables": [],
        "background_image_info": {
            "web_background_image": _background_image(),
            "mobile_background_image": _background_image(),
        },
        "owner_user_id": EMULATOR_USER_ID,
    }


@attrs.define
class BotsState:
    """The bots (starting with ``ECHO_BOT_ID`` and ``TOOL_BOT_ID``), how they answer, and their
    versions and collaborators."""

    #: Bot records (the API's fields plus bookkeeping such as ``space_id``) by bot id.
    records: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: How each bot answers chats, by bot id (the echo responder when missing).
    responders: dict[str, Responder] = attrs.field(factory=dict)
    #: The versions each publish created, by bot id (oldest first; seeded on first use).
    versions: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: Collaboration modes by bot id (``single`` unless set).
    collaboration_modes: dict[str, str] = attrs.field(factory=dict)
    #: Collaborators (user ids) by bot id.
    collaborators: dict[str, list[str]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        self.add(ECHO_BOT_ID, "Echo", echo_responder)
        self.add(TOOL_BOT_ID, "Weather tools", tool_responder)

    def add(self, bot_id: str, name: str, responder: Responder) -> dict[str, Any]:
        """Create (or replace the responder of) a published bot."""
        self.responders[bot_id] = responder
        bot = self.records.get(bot_id)
        if bot is None:
            bot = {**bot_record(bot_id, name), "version": "1", "is_published": True}
            self.records[bot_id] = bot
        return bot

    def find(self, bot_id: str) -> dict[str, Any]:
        """The stored bot, or a 4200 error."""
        bot = self.records.get(bot_id)
        if bot is None:
            raise ApiError(4200, f"bot {bot_id} does not exist")
        return bot

    def chat_responder(self, bot_id: str) -> Responder:
        """The responder of a bot that may chat (it must exist and be published)."""
        bot = self.find(bot_id)
        if not bot.get("is_published", False):
            raise ApiError(
                4015, f"The bot_id {bot_id} has not been published to the channel Agent As API."
            )
        return self.responders.get(bot_id, echo_responder)


#: The keys of a stored bot that the API shows (``BotInfo``); the others are bookkeeping.
_BOT_INFO_KEYS = (
    "bot_id",
    "name",
    "description",
    "icon_url",
    "create_time",
    "update_time",
    "version",
    "bot_mode",
    "prompt_info",
    "onboarding_info",
    "knowledge",
    "plugin_info_list",
    "model_info",
    "suggest_reply_info",
    "background_image_info",
    "variables",
    "owner_user_id",
    "voice_info_list",
    "workflow_info_list",
    "folder_id",
    "shortcut_commands",
)
_PUBLISH_STATUSES = frozenset({"all", "published_online", "published_draft", "unpublished_draft"})
_REPLY_MODES = frozenset({"disable", "enable", "customized"})
_PROMPT_MODES = frozenset({"standard", "prefix"})
_RESPONSE_FORMATS = frozenset({"json", "text", "markdown"})
_CACHE_TYPES = frozenset({"closed", "prefix"})
_MAX_NAME = 20
_MAX_DESCRIPTION = 500
#: The ``publish_status`` values ``GET /v1/bots/{bot_id}/versions`` takes.
_VERSION_STATUSES = frozenset({"published_online", "unpublished_draft"})
#: The ``version`` of the entry that stands for a bot's unpublished draft.
DRAFT_VERSION = "draft"
_COLLABORATION_MODES = frozenset({"single", "collaboration"})
#: The creator of every version: the emulator's user.
_CREATOR = {"id": EMULATOR_USER_ID, "name": "emulator"}


def add_routes(app: web.Application) -> None:
    """Register the bots endpoints on ``app``."""
    app.router.add_post("/v1/bot/create", create_bot)
    app.router.add_post("/v1/bot/update", update_bot)
    app.router.add_post("/v1/bot/publish", publish_bot)
    app.router.add_post("/v1/bots/{bot_id}/unpublish", unpublish_bot)
    app.router.add_get("/v1/bot/get_online_info", get_online_info)
    app.router.add_get("/v1/bots/{bot_id}", retrieve_bot)
    app.router.add_get("/v1/space/published_bots_list", list_published_bots)
    app.router.add_get("/v1/bots", list_bots)
    app.router.add_get("/v1/bots/{bot_id}/versions", list_versions)
    app.router.add_post("/v1/bots/{bot_id}/collaborators", add_bot_collaborator)
    app.router.add_delete("/v1/bots/{bot_id}/collaborators/{user_id}", remove_bot_collaborator)
    app.router.add_post("/v1/bots/{bot_id}/collaboration_mode", update_collaboration_mode)


# -- validation -----------------------------------------------------------------------------------


def _object(body: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request(f"{name} must be an object")
    return value


def _string(obj: Mapping[str, Any], name: str, where: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"{where}.{name} must be a string")
    return value


def _required_string(obj: Mapping[str, Any], name: str, where: str) -> str:
    value = _string(obj, name, where)
    if not value:
        raise bad_request(f"{where}.{name} is required")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request(f"{where} must be a list of strings")
    return list(value)


def _enum(obj: Mapping[str, Any], name: str, where: str, allowed: frozenset[str]) -> str | None:
    value = _string(obj, name, where)
    if value is not None and value not in allowed:
        raise bad_request(f"{where}.{name} must be one of {', '.join(sorted(allowed))}")
    return value


def _name(body: Mapping[str, Any], *, required: bool) -> str | None:
    if required:
        name = require(body, "name")
    else:
        raw = body.get("name")
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw:
            raise bad_request("name must be a non-empty string")
        name = raw
    if len(name) > _MAX_NAME:
        raise bad_request(f"name is at most {_MAX_NAME} characters")
    return name


def _description(body: Mapping[str, Any]) -> str | None:
    value = body.get("description")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > _MAX_DESCRIPTION:
        raise bad_request(f"description must be a string of at most {_MAX_DESCRIPTION} characters")
    return value


def _config(store: Store, body: Mapping[str, Any]) -> dict[str, Any]:
    """The ``BotInfo`` fields that a create or update request sets, validated."""
    fields: dict[str, Any] = {}
    description = _description(body)
    if description is not None:
        fields["description"] = description
    icon_file_id = body.get("icon_file_id")
    if icon_file_id is not None:
        if not isinstance(icon_file_id, str) or icon_file_id not in store.files.records:
            raise bad_request(f"icon_file_id {icon_file_id!r} is not an uploaded file")
        file_name = store.files.records[icon_file_id].get("file_name", "icon")
        fields["icon_url"] = f"https://coze-emulator.invalid/files/{icon_file_id}/{file_name}"
    prompt = _object(body, "prompt_info")
    if prompt is not None:
        info: dict[str, Any] = {"prompt": _string(prompt, "prompt", "prompt_info") or ""}
        mode = _enum(prompt, "prompt_mode", "prompt_info", _PROMPT_MODES)
        if mode is not None:
            info["prompt_mode"] = mode
        prefix = _object(prompt, "prefix_prompt_info")
        if prefix is not None:
            info["prefix_prompt_info"] = {
                key: _string(prefix, key, "prompt_info.prefix_prompt_info") or ""
                for key in ("prefix_prompt", "dynamic_prompt")
            }
        fields["prompt_info"] = info
    onboarding = _object(body, "onboarding_info")
    if onboarding is not None:
        fields["onboarding_info"] = {
            "prologue": _string(onboarding, "prologue", "onboarding_info") or "",
            "suggested_questions": _strings(
                onboarding.get("suggested_questions"), "onboarding_info.suggested_questions"
            ),
        }
    suggest = _object(body, "suggest_reply_info")
    if suggest is not None:
        mode = _enum(suggest, "reply_mode", "suggest_reply_info", _REPLY_MODES)
        fields["suggest_reply_info"] = {
            "reply_mode": mode or "enable",
            "customized_prompt": _string(suggest, "customized_prompt", "suggest_reply_info") or "",
        }
    model = _object(body, "model_info_config")
    if model is not None:
        _required_string(model, "model_id", "model_info_config")
        _enum(model, "response_format", "model_info_config", _RESPONSE_FORMATS)
        _enum(model, "cache_type", "model_info_config", _CACHE_TYPES)
        info = {k: copy.deepcopy(v) for k, v in model.items() if v is not None}
        info["model_name"] = MODEL_NAMES.get(info["model_id"], info["model_id"])
        fields["model_info"] = info
    knowledge = _object(body, "knowledge")
    if knowledge is not None:
        dataset_ids = _strings(knowledge.get("dataset_ids"), "knowledge.dataset_ids")
        strategy = knowledge.get("search_strategy", 0)
        if isinstance(strategy, bool) or strategy not in (0, 1, 20):
            raise bad_request("knowledge.search_strategy must be 0, 1 or 20")
        fields["knowledge"] = {
            # cozepy reads the request's shape; the spec's BotInfo lists knowledge_infos.
            "dataset_ids": dataset_ids,
            "auto_call": bool(knowledge.get("auto_call", True)),
            "search_strategy": strategy,
            "knowledge_infos": [{"id": i, "name": ""} for i in dataset_ids],
        }
    plugins = _object(body, "plugin_id_list")
    if plugins is not None:
        fields["plugin_info_list"] = _plugin_infos(plugins.get("id_list"))
    workflows = _object(body, "workflow_id_list")
    if workflows is not None:
        ids = workflows.get("ids") or []
        if not isinstance(ids, list) or not all(
            isinstance(w, dict) and isinstance(w.get("id"), str) and w["id"] for w in ids
        ):
            raise bad_request("workflow_id_list.ids must be a list of {id}")
        fields["workflow_info_list"] = [
            {"id": w["id"], "name": "", "description": "", "icon_url": ""} for w in ids
        ]
    return fields


def _plugin_infos(id_list: Any) -> list[dict[str, Any]]:
    if id_list is None:
        return []
    if not isinstance(id_list, list):
        raise bad_request("plugin_id_list.id_list must be a list")
    plugins: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(id_list):
        where = f"plugin_id_list.id_list[{i}]"
        if not isinstance(item, dict):
            raise bad_request(f"{where} must be an object")
        plugin_id = _required_string(item, "plugin_id", where)
        api_id = _required_string(item, "api_id", where)
        plugin = plugins.setdefault(
            plugin_id,
            {
                "plugin_id": plugin_id,
                "name": "",
                "description": "",
                "icon_url": "",
                "api_info_list": [],
            },
        )
        plugin["api_info_list"].append({"api_id": api_id, "name": "", "description": ""})
    return list(plugins.values())


# -- views ----------------------------------------------------------------------------------------


def bot_connectors(bot: Mapping[str, Any]) -> list[str]:
    """The connectors a bot is published to (bots made outside the API are on the API one)."""
    if "connector_ids" in bot:
        return list(bot["connector_ids"])
    return [API_CONNECTOR] if bot.get("is_published") else []


def _bot_info(bot: Mapping[str, Any]) -> dict[str, Any]:
    """A stored bot as the API shows it (``BotInfo``)."""
    return {key: copy.deepcopy(bot[key]) for key in _BOT_INFO_KEYS if key in bot}


def _online(bot: Mapping[str, Any]) -> dict[str, Any]:
    """The published version of a bot's configuration."""
    published = bot.get("published_info")
    return copy.deepcopy(published) if published is not None else _bot_info(bot)


def _published_at(bot: Mapping[str, Any]) -> int:
    return int(bot.get("published_at") or bot.get("create_time") or 0)


def _not_published(bot_id: str) -> ApiError:
    return ApiError(
        4015, f"The bot_id {bot_id} has not been published to the channel Agent As API."
    )


def _in_space(bot: Mapping[str, Any], space_id: str) -> bool:
    return bot.get("space_id") in (None, space_id)


# -- handlers -------------------------------------------------------------------------------------


def new_draft_bot(store: Store, space_id: str, name: str, **fields: Any) -> dict[str, Any]:
    """Store a new unpublished bot in ``space_id`` (``fields``: ``BotInfo`` fields to set)."""
    bot_id = new_id()
    bot: dict[str, Any] = {
        **bot_record(bot_id, name),
        **fields,
        "space_id": space_id,
        "connector_ids": [],
        "is_published": False,
    }
    store.bots.records[bot_id] = bot
    return bot


async def create_bot(request: web.Request) -> web.Response:
    """``POST /v1/bot/create``: create a draft bot."""
    store = request.app[STORE]
    body = await json_body(request)
    space_id = require(body, "space_id")
    find_workspace(store, space_id)  # an unknown space: the service's 4200, naming it
    name = _name(body, required=True) or ""
    bot = new_draft_bot(store, space_id, name, **_config(store, body))
    return envelope(request, {"bot_id": bot["bot_id"]})


async def update_bot(request: web.Request) -> web.Response:
    """``POST /v1/bot/update``: change a bot's draft configuration."""
    store = request.app[STORE]
    body = await json_body(request)
    bot = store.bots.find(require(body, "bot_id"))
    name = _name(body, required=False)
    fields = _config(store, body)
    if name is not None:
        fields["name"] = name
    bot.update(fields)
    bot["update_time"] = now()
    if bot_connectors(bot):
        bot["draft_changed"] = True
    return envelope(request)


async def publish_bot(request: web.Request) -> web.Response:
    """``POST /v1/bot/publish``: publish the draft as a new version on connectors."""
    store = request.app[STORE]
    body = await json_body(request)
    bot_id = require(body, "bot_id")
    connector_ids = body.get("connector_ids")
    if (
        not isinstance(connector_ids, list)
        or not connector_ids
        or not all(isinstance(c, str) and c for c in connector_ids)
    ):
        raise bad_request("connector_ids must be a non-empty list of connector ids")
    bot = store.bots.find(bot_id)
    history = _history(store, bot)
    connectors = bot_connectors(bot)
    connectors.extend(c for c in connector_ids if c not in connectors)
    bot["connector_ids"] = connectors
    bot["is_published"] = API_CONNECTOR in connectors
    bot["version"] = str(int(bot.get("version") or 0) + 1)
    bot["published_at"] = now()
    bot["draft_changed"] = False
    bot["published_info"] = _bot_info(bot)
    history.append(
        _version(bot["version"], bot["published_at"], "published_online", list(connector_ids))
    )
    return envelope(request, {"bot_id": bot_id, "version": bot["version"]})


async def unpublish_bot(request: web.Request) -> web.Response:
    """``POST /v1/bots/{bot_id}/unpublish``: take a bot off one connector."""
    store = request.app[STORE]
    bot = store.bots.find(request.match_info["bot_id"])
    body = await json_body(request)
    connector_id = require(body, "connector_id")
    reason = body.get("unpublish_reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > 1024):
        raise bad_request("unpublish_reason must be a string of at most 1024 characters")
    connectors = bot_connectors(bot)
    if connector_id not in connectors:
        raise bad_request(f"the bot is not published to connector {connector_id}")
    connectors.remove(connector_id)
    bot["connector_ids"] = connectors
    bot["is_published"] = API_CONNECTOR in connectors
    return envelope(request)


async def get_online_info(request: web.Request) -> web.Response:
    """``GET /v1/bot/get_online_info``: a published bot's configuration (the older endpoint)."""
    store = request.app[STORE]
    bot_id = require(request.query, "bot_id")
    bot = store.bots.find(bot_id)
    if not bot.get("is_published"):
        raise _not_published(bot_id)
    return envelope(request, _online(bot))


async def retrieve_bot(request: web.Request) -> web.Response:
    """``GET /v1/bots/{bot_id}``: a bot's draft or published configuration."""
    store = request.app[STORE]
    bot_id = request.match_info["bot_id"]
    bot = store.bots.find(bot_id)
    raw = request.query.get("is_published", "true").lower()
    if raw not in ("true", "false", "1", "0"):
        raise bad_request("is_published must be true or false")
    if raw in ("false", "0"):
        return envelope(request, _bot_info(bot))
    if not bot.get("is_published"):
        raise _not_published(bot_id)
    return envelope(request, _online(bot))


async def list_published_bots(request: web.Request) -> web.Response:
    """The bots of a space published to the API connector, in ``space_bots``/``total``."""
    store = request.app[STORE]
    params = request.query
    space_id = require(params, "space_id")
    page_index = int_param(params, "page_index", 1)
    page_size = int_param(params, "page_size", 20)
    published = [
        bot
        for bot in store.bots.records.values()
        if _in_space(bot, space_id) and API_CONNECTOR in bot_connectors(bot)
    ]
    space_bots = []
    for bot in page_of(published, page_index, page_size):
        online = _online(bot)
        space_bots.append(
            {
                "bot_id": bot["bot_id"],
                "bot_name": online.get("name", ""),
                "description": online.get("description", ""),
                "icon_url": online.get("icon_url", ""),
                "publish_time": str(_published_at(bot)),
            }
        )
    return envelope(request, {"space_bots": space_bots, "total": len(published)})


def _listed_version(
    bot: Mapping[str, Any], status: str, connector_id: str
) -> dict[str, Any] | None:
    """The version of ``bot`` that a ``publish_status`` listing shows (``None``: not listed)."""
    connectors = bot_connectors(bot)
    if status == "all":
        return _bot_info(bot)
    if status == "published_online":
        return _online(bot) if connector_id in connectors else None
    if status == "published_draft":
        listed = connector_id in connectors and bool(bot.get("draft_changed"))
        return _bot_info(bot) if listed else None
    # unpublished_draft: never published anywhere
    never = not connectors and "published_info" not in bot
    return _bot_info(bot) if never else None


async def list_bots(request: web.Request) -> web.Response:
    """The bots of a workspace by publish status, in ``items``/``total``."""
    store = request.app[STORE]
    params = request.query
    workspace_id = require(params, "workspace_id")
    status = params.get("publish_status") or "published_online"
    if status not in _PUBLISH_STATUSES:
        raise bad_request(f"publish_status must be one of {', '.join(sorted(_PUBLISH_STATUSES))}")
    connector_id = params.get("connector_id") or API_CONNECTOR
    # The spec names the page number page_num; cozepy sends page_index.
    page_key = "page_num" if "page_num" in params else "page_index"
    page_num = int_param(params, page_key, 1)
    page_size = int_param(params, "page_size", 20)
    chosen: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for bot in store.bots.records.values():
        if _in_space(bot, workspace_id):
            info = _listed_version(bot, status, connector_id)
            if info is not None:
                chosen.append((bot, info))
    items = []
    for bot, info in page_of(chosen, page_num, page_size):
        item: dict[str, Any] = {
            "id": bot["bot_id"],
            "name": info.get("name", ""),
            "description": info.get("description", ""),
            "icon_url": info.get("icon_url", ""),
            "is_published": bool(bot_connectors(bot)),
            "updated_at": info.get("update_time", 0),
            "owner_user_id": bot.get("owner_user_id", ""),
        }
        if "published_info" in bot or bot_connectors(bot):
            item["published_at"] = _published_at(bot)
        items.append(item)
    return envelope(request, {"items": items, "total": len(chosen)})


# -- versions -------------------------------------------------------------------------------------


def _version(version: str, created_at: int, status: str, connectors: list[str]) -> dict[str, Any]:
    """A version entry (``OpenBotVersionInfo``, plus the connectors it was published to)."""
    return {
        "version": version,
        "created_at": created_at,
        "creator": dict(_CREATOR),
        "publish_status": status,
        "changelog": "",
        "connector_ids": connectors,
    }


def _history(store: Store, bot: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The versions published so far, oldest first. A bot that has a version before any publish
    was recorded (a default bot) had that version published outside the API: it comes first."""
    bot_id = bot["bot_id"]
    history = store.bots.versions.get(bot_id)
    if history is None:
        history = store.bots.versions[bot_id] = []
        if bot.get("version"):
            created = int(bot.get("published_at") or bot.get("create_time") or 0)
            history.append(
                _version(bot["version"], created, "published_online", bot_connectors(bot))
            )
    return history


async def list_versions(request: web.Request) -> web.Response:
    """``GET /v1/bots/{bot_id}/versions``: the published versions (``published_online``, the
    default, optionally those published to ``connector_id``), newest first, or the draft
    (``unpublished_draft``: one entry while the draft differs from what was published)."""
    store = request.app[STORE]
    bot = store.bots.find(request.match_info["bot_id"])
    params = request.query
    status = params.get("publish_status") or "published_online"
    if status not in _VERSION_STATUSES:
        raise bad_request(f"publish_status must be one of {', '.join(sorted(_VERSION_STATUSES))}")
    page_num = int_param(params, "page_num", 1)
    page_size = int_param(params, "page_size", 10, high=30)
    entries: list[dict[str, Any]]
    if status == "published_online":
        connector_id = params.get("connector_id")
        entries = [
            v
            for v in reversed(_history(store, bot))
            if not connector_id or connector_id in v["connector_ids"]
        ]
    elif bot.get("draft_changed") or not (bot_connectors(bot) or "published_info" in bot):
        entries = [_version(DRAFT_VERSION, int(bot.get("update_time") or 0), status, [])]
    else:
        entries = []
    page = page_of(entries, page_num, page_size)
    items = [{k: copy.deepcopy(v) for k, v in e.items() if k != "connector_ids"} for e in page]
    has_more = page_num * page_size < len(entries)
    return envelope(request, {"items": items, "has_more": has_more, "total": len(entries)})


# -- collaboration --------------------------------------------------------------------------------


async def add_bot_collaborator(request: web.Request) -> web.Response:
    """``POST /v1/bots/{bot_id}/collaborators``: one collaborator per request, in collaboration
    mode only (adding one twice is a no-op)."""
    store = request.app[STORE]
    bot_id = request.match_info["bot_id"]
    store.bots.find(bot_id)
    user_id = one_collaborator(await json_body(request))
    if store.bots.collaboration_modes.get(bot_id, "single") != "collaboration":
        raise bad_request(
            f"bot {bot_id} is not in collaboration mode: switch it to collaboration first"
        )
    add_collaborator(store.bots.collaborators, bot_id, user_id)
    return envelope(request)


async def remove_bot_collaborator(request: web.Request) -> web.Response:
    """``DELETE /v1/bots/{bot_id}/collaborators/{user_id}``."""
    store = request.app[STORE]
    bot_id = request.match_info["bot_id"]
    store.bots.find(bot_id)
    remove_collaborator(store.bots.collaborators, bot_id, request.match_info["user_id"], "bot")
    return envelope(request)


async def update_collaboration_mode(request: web.Request) -> web.Response:
    """``POST /v1/bots/{bot_id}/collaboration_mode``: ``single`` or ``collaboration`` (back to
    ``single`` only once every collaborator is removed)."""
    store = request.app[STORE]
    bot_id = request.match_info["bot_id"]
    store.bots.find(bot_id)
    body = await json_body(request)
    mode = _enum(body, "collaboration_mode", "body", _COLLABORATION_MODES)
    if mode is None:
        raise bad_request("collaboration_mode is required")
    if mode == "single" and store.bots.collaborators.get(bot_id):
        raise bad_request(
            f"bot {bot_id} still has collaborators: remove them before switching to single"
        )
    store.bots.collaboration_modes[bot_id] = mode
    return envelope(request)
