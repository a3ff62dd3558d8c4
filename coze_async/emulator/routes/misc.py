"""The smaller families: the current user, user variables, templates, folders, apps (and their
collaborators) and connectors.

- ``GET /v1/users/me``: the emulator's user (:data:`EMULATOR_USER_ID`).
- ``GET``/``PUT /v1/variables``: user variable values, kept per bot (or app), connector (``1024``
  unless given) and end user (``connector_uid``). A bot's configured ``variables`` show with
  their default value (and times 0) until set.
- ``POST /v1/templates/{template_id}/duplicate``: copies a template (:data:`TEMPLATE_ID`, an
  agent) into a workspace as a new unpublished bot, whose id it returns.
- ``GET /v1/folders`` and ``GET /v1/folders/{folder_id}``: a small folder tree in the personal
  workspace: ``Projects`` (development, holding ``Demos``) and ``Resources`` (library).
- ``GET /v1/apps``: two apps of the personal workspace, :data:`APP_ID` (published to the API
  connector) and :data:`DRAFT_APP_ID` (never published); their collaborators are added one per
  request and removed with ``DELETE``.
- Connectors (the public ones and :data:`CUSTOM_CONNECTOR_ID`): bind devices
  (``Store.connector_user_configs``), install in a workspace (``Store.installed_connectors``),
  and report the review result of a bot published to a connector
  (``Store.connector_bot_audits``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from .._state import STORE, Store
from .._wire import (
    ApiError,
    add_collaborator,
    envelope,
    int_param,
    json_body,
    now,
    one_collaborator,
    remove_collaborator,
    require,
)
from .bots import API_CONNECTOR, _connectors, new_draft_bot
from .workspaces import EMULATOR_USER_ID, PERSONAL_WORKSPACE_ID, find_workspace

__all__ = [
    "APP_ID",
    "CUSTOM_CONNECTOR_ID",
    "DEMOS_FOLDER_ID",
    "DRAFT_APP_ID",
    "LIBRARY_FOLDER_ID",
    "PROJECTS_FOLDER_ID",
    "TEMPLATE_ID",
    "add_routes",
]

#: The root development folder of the personal workspace, and its one sub-folder.
PROJECTS_FOLDER_ID = "7300000000000000201"
DEMOS_FOLDER_ID = "7300000000000000203"
#: The root library folder of the personal workspace.
LIBRARY_FOLDER_ID = "7300000000000000202"
#: The template (an agent) that can be duplicated.
TEMPLATE_ID = "7300000000000000300"
#: The personal workspace's apps: one published to the API connector, one never published.
APP_ID = "7300000000000000400"
DRAFT_APP_ID = "7300000000000000401"
#: A custom connector of the emulator's user (devices can be bound to it).
CUSTOM_CONNECTOR_ID = "7300000000000000500"
#: The connectors the emulator knows: the public ones the API reference lists, and the custom one.
CONNECTORS = frozenset(
    {
        API_CONNECTOR,
        "999",
        "10000122",
        "10000113",
        "10000120",
        "10000121",
        "10000126",
        "10000127",
        "10000011",
        "10000128",
        "10000117",
        CUSTOM_CONNECTOR_ID,
    }
)

_FOLDER_TYPES = frozenset({"development", "library"})
_PUBLISH_STATUSES = frozenset({"all", "published_online", "published_draft", "unpublished_draft"})
_AUDIT_STATUSES = frozenset({1, 2, 3})
_APP_KEYS = (
    "id",
    "name",
    "description",
    "icon_url",
    "is_published",
    "owner_user_id",
    "updated_at",
    "folder_id",
    "published_at",
)
_FOLDER_KEYS = (
    "id",
    "name",
    "description",
    "workspace_id",
    "creator_user_id",
    "folder_type",
    "parent_folder_id",
)
_MAX_NAME = 20


def add_routes(app: web.Application) -> None:
    """Register the users, variables, templates, folders, apps and connectors endpoints."""
    app.router.add_get("/v1/users/me", retrieve_me)
    app.router.add_get("/v1/variables", retrieve_variables)
    app.router.add_put("/v1/variables", update_variables)
    app.router.add_post("/v1/templates/{template_id}/duplicate", duplicate_template)
    app.router.add_get("/v1/folders", list_folders)
    app.router.add_get("/v1/folders/{folder_id}", retrieve_folder)
    app.router.add_get("/v1/apps", list_apps)
    app.router.add_post("/v1/apps/{app_id}/collaborators", add_app_collaborator)
    app.router.add_delete("/v1/apps/{app_id}/collaborators/{user_id}", remove_app_collaborator)
    app.router.add_post("/v1/connectors/{connector_id}/user_configs", bind_user_configs)
    app.router.add_post("/v1/connectors/{connector_id}/install", install_connector)
    app.router.add_put("/v1/connectors/{connector_id}/bots/{bot_id}", update_connector_bot)


def _bad(msg: str) -> ApiError:
    return ApiError(4000, f"Request parameter error: {msg}")


def _optional_string(params: Mapping[str, Any], name: str) -> str:
    """An optional string parameter ("" when absent or null), or a 4000 error."""
    value = params.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _bad(f"{name} must be a string")
    return value


def _choice(params: Mapping[str, Any], name: str, allowed: frozenset[str], default: str) -> str:
    value = params.get(name) or default
    if value not in allowed:
        raise _bad(f"{name} must be one of {', '.join(sorted(allowed))}")
    return str(value)


def _page(items: list[Any], page_num: int, page_size: int) -> list[Any]:
    return items[(page_num - 1) * page_size : page_num * page_size]


# -- the default folders, apps and templates -----------------------------------------------------


def _folders(store: Store) -> list[dict[str, Any]]:
    if not store.folders:
        common = {
            "description": "",
            "workspace_id": PERSONAL_WORKSPACE_ID,
            "creator_user_id": EMULATOR_USER_ID,
        }
        store.folders.extend(
            [
                {"id": PROJECTS_FOLDER_ID, "name": "Projects", "folder_type": "development"},
                {"id": LIBRARY_FOLDER_ID, "name": "Resources", "folder_type": "library"},
                {
                    "id": DEMOS_FOLDER_ID,
                    "name": "Demos",
                    "folder_type": "development",
                    "parent_folder_id": PROJECTS_FOLDER_ID,
                },
            ]
        )
        for folder in store.folders:
            for key, value in common.items():
                folder.setdefault(key, value)
    return store.folders


def _apps(store: Store) -> list[dict[str, Any]]:
    if not store.apps:
        created = now()
        common = {
            "description": "",
            "icon_url": "",
            "owner_user_id": EMULATOR_USER_ID,
            "updated_at": created,
            "folder_id": PROJECTS_FOLDER_ID,
            "workspace_id": PERSONAL_WORKSPACE_ID,
        }
        store.apps.extend(
            [
                {
                    **common,
                    "id": APP_ID,
                    "name": "Demo app",
                    "description": "A published app.",
                    "is_published": True,
                    "published_at": created,
                    "connector_ids": [API_CONNECTOR],
                },
                {
                    **common,
                    "id": DRAFT_APP_ID,
                    "name": "Draft app",
                    "is_published": False,
                    "connector_ids": [],
                },
            ]
        )
    return store.apps


def _app(store: Store, app_id: str) -> dict[str, Any]:
    for app in _apps(store):
        if app["id"] == app_id:
            return app
    raise ApiError(4200, f"app {app_id} does not exist")


def _templates(store: Store) -> dict[str, dict[str, Any]]:
    if not store.templates:
        store.templates[TEMPLATE_ID] = {
            "id": TEMPLATE_ID,
            "name": "Travel assistant",
            "entity_type": "agent",
            "description": "Plans trips and answers travel questions.",
            "prompt": "You are a travel assistant: plan trips and answer travel questions.",
        }
    return store.templates


# -- users -----------------------------------------------------------------------------------------


async def retrieve_me(request: web.Request) -> web.Response:
    """``GET /v1/users/me``: the user the token belongs to."""
    user = {
        "user_id": EMULATOR_USER_ID,
        "user_name": "emulator",
        "nick_name": "Emulator",
        "avatar_url": "",
    }
    return envelope(request, user)


# -- variables -------------------------------------------------------------------------------------


def _variables_key(store: Store, params: Mapping[str, Any]) -> tuple[str, str, str]:
    """The (owner, connector, end user) whose values a variables request reads or sets."""
    app_id = _optional_string(params, "app_id")
    bot_id = _optional_string(params, "bot_id")
    if bool(app_id) == bool(bot_id):
        raise _bad("pass exactly one of app_id and bot_id")
    connector_id = _optional_string(params, "connector_id") or API_CONNECTOR
    connector_uid = require(params, "connector_uid")
    if bot_id:
        store.bot(bot_id)
        return f"bot:{bot_id}", connector_id, connector_uid
    _app(store, app_id)
    return f"app:{app_id}", connector_id, connector_uid


def _defaults(store: Store, owner: str) -> dict[str, dict[str, Any]]:
    """A bot's configured variables at their default values (times 0)."""
    kind, _, owner_id = owner.partition(":")
    configured = store.bots.get(owner_id, {}).get("variables") if kind == "bot" else None
    defaults: dict[str, dict[str, Any]] = {}
    for variable in configured if isinstance(configured, list) else []:
        keyword = variable.get("keyword") if isinstance(variable, dict) else None
        if isinstance(keyword, str) and keyword:
            value = variable.get("default_value")
            defaults[keyword] = {
                "keyword": keyword,
                "value": value if isinstance(value, str) else "",
                "create_time": 0,
                "update_time": 0,
            }
    return defaults


async def retrieve_variables(request: web.Request) -> web.Response:
    """``GET /v1/variables``: the values of the ``keywords`` (comma-separated or repeated; all
    when absent) for one end user."""
    store = request.app[STORE]
    key = _variables_key(store, request.query)
    values = {**_defaults(store, key[0]), **store.variables.get(key, {})}
    keywords = [
        word.strip()
        for raw in request.query.getall("keywords", [])
        for word in raw.split(",")
        if word.strip()
    ]
    if keywords:
        items = [dict(values[k]) for k in dict.fromkeys(keywords) if k in values]
    else:
        items = [dict(v) for v in values.values()]
    return envelope(request, {"items": items})


async def update_variables(request: web.Request) -> web.Response:
    """``PUT /v1/variables``: set values (``data``: ``[{keyword, value}]``, not empty)."""
    store = request.app[STORE]
    body = await json_body(request)
    key = _variables_key(store, body)
    data = body.get("data")
    if not isinstance(data, list) or not data:
        raise _bad("data must be a non-empty list of {keyword, value}")
    updates: list[tuple[str, str]] = []
    for i, item in enumerate(data):
        keyword = item.get("keyword") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(keyword, str) or not keyword:
            raise _bad(f"data[{i}].keyword is required")
        if not isinstance(value, str):
            raise _bad(f"data[{i}].value must be a string")
        updates.append((keyword, value))
    values = store.variables.setdefault(key, {})
    updated = now()
    for keyword, value in updates:
        item = values.setdefault(keyword, {"keyword": keyword, "create_time": updated})
        item.update(value=value, update_time=updated)
    return envelope(request)


# -- templates ------------------------------------------------------------------------------------


async def duplicate_template(request: web.Request) -> web.Response:
    """``POST /v1/templates/{template_id}/duplicate``: a new draft bot in the workspace."""
    store = request.app[STORE]
    template_id = request.match_info["template_id"]
    body = await json_body(request)
    workspace_id = require(body, "workspace_id")
    name = _optional_string(body, "name")
    if len(name) > _MAX_NAME:
        raise _bad(f"name is at most {_MAX_NAME} characters")
    template = _templates(store).get(template_id)
    if template is None:
        raise ApiError(4200, f"template {template_id} does not exist")
    find_workspace(store, workspace_id)
    bot = new_draft_bot(
        store,
        workspace_id,
        name or template["name"],
        description=template["description"],
        prompt_info={"prompt": template["prompt"]},
        owner_user_id=EMULATOR_USER_ID,
    )
    return envelope(request, {"entity_id": bot["bot_id"], "entity_type": template["entity_type"]})


# -- folders --------------------------------------------------------------------------------------


def _folder(store: Store, folder_id: str) -> dict[str, Any]:
    for folder in _folders(store):
        if folder["id"] == folder_id:
            return folder
    raise ApiError(4200, f"folder {folder_id} does not exist")


def _folder_view(folder: Mapping[str, Any]) -> dict[str, Any]:
    return {key: folder[key] for key in _FOLDER_KEYS if key in folder}


async def list_folders(request: web.Request) -> web.Response:
    """``GET /v1/folders``: the folders of a type right under ``parent_folder_id`` (the root)."""
    store = request.app[STORE]
    params = request.query
    workspace_id = require(params, "workspace_id")
    folder_type = require(params, "folder_type")
    if folder_type not in _FOLDER_TYPES:
        raise _bad(f"folder_type must be one of {', '.join(sorted(_FOLDER_TYPES))}")
    page_num = int_param(params, "page_num", 1)
    page_size = int_param(params, "page_size", 20, high=50)
    find_workspace(store, workspace_id)
    parent_id = params.get("parent_folder_id") or None
    if parent_id is not None and _folder(store, parent_id)["workspace_id"] != workspace_id:
        raise ApiError(4200, f"folder {parent_id} does not exist in workspace {workspace_id}")
    folders = _folders(store)
    chosen = [
        f
        for f in folders
        if f["workspace_id"] == workspace_id
        and f["folder_type"] == folder_type
        and f.get("parent_folder_id") == parent_id
    ]
    items = []
    for folder in _page(chosen, page_num, page_size):
        children = sum(1 for f in folders if f.get("parent_folder_id") == folder["id"])
        items.append({**_folder_view(folder), "children_count": children})
    has_more = page_num * page_size < len(chosen)
    return envelope(request, {"items": items, "total_count": len(chosen), "has_more": has_more})


async def retrieve_folder(request: web.Request) -> web.Response:
    """``GET /v1/folders/{folder_id}``."""
    folder = _folder(request.app[STORE], request.match_info["folder_id"])
    return envelope(request, _folder_view(folder))


# -- apps -----------------------------------------------------------------------------------------


def _app_listed(app: Mapping[str, Any], status: str, connector_id: str) -> bool:
    if status == "all":
        return True
    if status == "published_online":
        return bool(app["is_published"]) and connector_id in app["connector_ids"]
    if status == "unpublished_draft":
        return not app["is_published"]
    return bool(app.get("draft_changed"))  # published_draft


async def list_apps(request: web.Request) -> web.Response:
    """``GET /v1/apps``: the apps of a workspace by publish status, in ``items``/``total``."""
    store = request.app[STORE]
    params = request.query
    workspace_id = require(params, "workspace_id")
    status = _choice(params, "publish_status", _PUBLISH_STATUSES, "published_online")
    connector_id = params.get("connector_id") or API_CONNECTOR
    # The API reference names the page number page_num; cozepy sends page_index.
    page_key = "page_num" if "page_num" in params else "page_index"
    page_num = int_param(params, page_key, 1)
    page_size = int_param(params, "page_size", 20)
    find_workspace(store, workspace_id)
    chosen = [
        app
        for app in _apps(store)
        if app["workspace_id"] == workspace_id and _app_listed(app, status, connector_id)
    ]
    items = [
        {key: app[key] for key in _APP_KEYS if key in app}
        for app in _page(chosen, page_num, page_size)
    ]
    return envelope(request, {"items": items, "total": len(chosen)})


async def add_app_collaborator(request: web.Request) -> web.Response:
    """``POST /v1/apps/{app_id}/collaborators``: one collaborator per request (adding one
    twice is a no-op)."""
    store = request.app[STORE]
    app_id = request.match_info["app_id"]
    _app(store, app_id)
    user_id = one_collaborator(await json_body(request))
    add_collaborator(store.app_collaborators, app_id, user_id)
    return envelope(request)


async def remove_app_collaborator(request: web.Request) -> web.Response:
    """``DELETE /v1/apps/{app_id}/collaborators/{user_id}``."""
    store = request.app[STORE]
    app_id = request.match_info["app_id"]
    _app(store, app_id)
    remove_collaborator(store.app_collaborators, app_id, request.match_info["user_id"], "app")
    return envelope(request)


# -- connectors -----------------------------------------------------------------------------------


def _connector(request: web.Request) -> str:
    connector_id = request.match_info["connector_id"]
    if connector_id not in CONNECTORS:
        raise ApiError(4200, f"connector {connector_id} does not exist")
    return connector_id


def _user_config(config: Any, i: int) -> tuple[str, list[dict[str, str]]]:
    where = f"configs[{i}]"
    if not isinstance(config, dict):
        raise _bad(f"{where} must be an object")
    key = config.get("key")
    if not isinstance(key, str) or not key:
        raise _bad(f"{where}.key is required")
    enums = config.get("enums")
    if not isinstance(enums, list):
        raise _bad(f"{where}.enums must be a list of {{label, value}}")
    checked = []
    for j, item in enumerate(enums):
        label = item.get("label") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(label, str) or not isinstance(value, str) or not value:
            raise _bad(f"{where}.enums[{j}] must have a string label and a non-empty value")
        checked.append({"label": label, "value": value})
    return key, checked


async def bind_user_configs(request: web.Request) -> web.Response:
    """``POST /v1/connectors/{connector_id}/user_configs``: bind devices (a binding replaces
    the one with the same user and key)."""
    store = request.app[STORE]
    connector_id = _connector(request)
    body = await json_body(request)
    configs = body.get("configs")
    if not isinstance(configs, list) or not configs:
        raise _bad("configs must be a non-empty list of {key, enums}")
    user_id = _optional_string(body, "user_id") or EMULATOR_USER_ID
    checked = [_user_config(config, i) for i, config in enumerate(configs)]
    bindings = store.connector_user_configs.setdefault(connector_id, [])
    for key, enums in checked:
        bindings[:] = [b for b in bindings if (b["user_id"], b["key"]) != (user_id, key)]
        bindings.append({"user_id": user_id, "key": key, "enums": enums})
    return envelope(request)


async def install_connector(request: web.Request) -> web.Response:
    """``POST /v1/connectors/{connector_id}/install``: add the connector to a workspace."""
    store = request.app[STORE]
    connector_id = _connector(request)
    body = await json_body(request)
    workspace_id = require(body, "workspace_id")
    find_workspace(store, workspace_id)
    installed = store.installed_connectors.setdefault(workspace_id, [])
    if connector_id not in installed:
        installed.append(connector_id)
    return envelope(request)


async def update_connector_bot(request: web.Request) -> web.Response:
    """``PUT /v1/connectors/{connector_id}/bots/{bot_id}``: the review result of a bot published
    to the connector (``audit_status`` 1 pending, 2 approved, 3 rejected; ``reason``)."""
    store = request.app[STORE]
    connector_id = _connector(request)
    bot_id = request.match_info["bot_id"]
    bot = store.bot(bot_id)
    body = await json_body(request)
    status = body.get("audit_status")
    if status is not None and (isinstance(status, bool) or status not in _AUDIT_STATUSES):
        raise _bad("audit_status must be 1 (pending), 2 (approved) or 3 (rejected)")
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise _bad("reason must be a string")
    if connector_id not in _connectors(bot):
        raise ApiError(4200, f"bot {bot_id} is not published to connector {connector_id}")
    audit = store.connector_bot_audits.setdefault(
        (connector_id, bot_id), {"audit_status": 1, "reason": ""}
    )
    if status is not None:
        audit["audit_status"] = status
    if reason is not None:
        audit["reason"] = reason
    audit["update_time"] = now()
    return envelope(request)
