"""Emulated workspaces: ``GET /v1/workspaces`` and the members of each workspace."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, envelope, int_param

__all__ = ["PERSONAL_WORKSPACE_ID", "add_routes"]

#: The workspace every emulator starts with.
PERSONAL_WORKSPACE_ID = "7300000000000000001"
#: The user the emulator's token belongs to.
EMULATOR_USER_ID = "7300000000000000100"


def add_routes(app: web.Application) -> None:
    """Register the workspaces endpoints on ``app``."""
    app.router.add_get("/v1/workspaces", list_workspaces)
    app.router.add_get("/v1/workspaces/{workspace_id}/members", list_members)


def _workspaces(store: Store) -> list[dict[str, Any]]:
    if not store.workspaces:
        store.workspaces.append(
            {
                "id": PERSONAL_WORKSPACE_ID,
                "name": "Personal",
                "icon_url": "",
                "role_type": "owner",
                "workspace_type": "personal",
                "enterprise_id": "",
                "joined_status": "joined",
                "members": [{"user_id": EMULATOR_USER_ID, "role_type": "owner"}],
            }
        )
    return store.workspaces


def _page(items: list[dict[str, Any]], request: web.Request) -> list[dict[str, Any]]:
    page_num = int_param(request.query, "page_num", 1)
    page_size = int_param(request.query, "page_size", 20, high=50)
    return items[(page_num - 1) * page_size : page_num * page_size]


async def list_workspaces(request: web.Request) -> web.Response:
    workspaces = _workspaces(request.app[STORE])
    page = [{k: v for k, v in w.items() if k != "members"} for w in _page(workspaces, request)]
    return envelope(request, {"workspaces": page, "total_count": len(workspaces)})


async def list_members(request: web.Request) -> web.Response:
    workspace_id = request.match_info["workspace_id"]
    for workspace in _workspaces(request.app[STORE]):
        if workspace["id"] == workspace_id:
            members = workspace["members"]
            return envelope(
                request, {"items": _page(members, request), "total_count": len(members)}
            )
    raise ApiError(4200, f"workspace {workspace_id} does not exist")
