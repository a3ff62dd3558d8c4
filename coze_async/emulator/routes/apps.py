"""``GET /v1/apps``: two apps of the personal workspace, :data:`APP_ID` (published to the API
connector) and :data:`DRAFT_APP_ID` (never published); their collaborators are added one per
request (``POST /v1/apps/{app_id}/collaborators``) and removed with ``DELETE``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import (
    ApiError,
    add_collaborator,
    bad_request,
    envelope,
    int_param,
    json_body,
    now,
    one_collaborator,
    page_of,
    remove_collaborator,
    require,
)
from .bots import API_CONNECTOR
from .folders import PROJECTS_FOLDER_ID
from .workspaces import EMULATOR_USER_ID, PERSONAL_WORKSPACE_ID, find_workspace

__all__ = ["APP_ID", "DRAFT_APP_ID", "AppsState", "add_routes", "find_app"]

#: The personal workspace's apps: one published to the API connector, one never published.
APP_ID = "7300000000000000400"
DRAFT_APP_ID = "7300000000000000401"

_PUBLISH_STATUSES = frozenset({"all", "published_online", "published_draft", "unpublished_draft"})
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


def add_routes(app: web.Application) -> None:
    """Register the apps endpoints."""
    app.router.add_get("/v1/apps", list_apps)
    app.router.add_post("/v1/apps/{app_id}/collaborators", add_app_collaborator)
    app.router.add_delete("/v1/apps/{app_id}/collaborators/{user_id}", remove_app_collaborator)


def _choice(params: Mapping[str, Any], name: str, allowed: frozenset[str], default: str) -> str:
    value = params.get(name) or default
    if value not in allowed:
        raise bad_request(f"{name} must be one of {', '.join(sorted(allowed))}")
    return str(value)


def _default_apps() -> list[dict[str, Any]]:
    created = now()
    common = {
        "description": "",
        "icon_url": "",
        "owner_user_id": EMULATOR_USER_ID,
        "updated_at": created,
        "folder_id": PROJECTS_FOLDER_ID,
        "workspace_id": PERSONAL_WORKSPACE_ID,
    }
    return [
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


@attrs.define
class AppsState:
    """The apps (starting with :data:`APP_ID` and :data:`DRAFT_APP_ID`) and their
    collaborators."""

    records: list[dict[str, Any]] = attrs.field(factory=_default_apps)
    #: Collaborators (user ids) by app id.
    collaborators: dict[str, list[str]] = attrs.field(factory=dict)


def find_app(store: Store, app_id: str) -> dict[str, Any]:
    """The stored app, or a 4200 error."""
    for app in store.apps.records:
        if app["id"] == app_id:
            return app
    raise ApiError(4200, f"app {app_id} does not exist")


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
        for app in store.apps.records
        if app["workspace_id"] == workspace_id and _app_listed(app, status, connector_id)
    ]
    items = [
        {key: app[key] for key in _APP_KEYS if key in app}
        for app in page_of(chosen, page_num, page_size)
    ]
    return envelope(request, {"items": items, "total": len(chosen)})


async def add_app_collaborator(request: web.Request) -> web.Response:
    """``POST /v1/apps/{app_id}/collaborators``: one collaborator per request (adding one
    twice is a no-op)."""
    store = request.app[STORE]
    app_id = request.match_info["app_id"]
    find_app(store, app_id)
    user_id = one_collaborator(await json_body(request))
    add_collaborator(store.apps.collaborators, app_id, user_id)
    return envelope(request)


async def remove_app_collaborator(request: web.Request) -> web.Response:
    """``DELETE /v1/apps/{app_id}/collaborators/{user_id}``."""
    store = request.app[STORE]
    app_id = request.match_info["app_id"]
    find_app(store, app_id)
    remove_collaborator(store.apps.collaborators, app_id, request.match_info["user_id"], "app")
    return envelope(request)
