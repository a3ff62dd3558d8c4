"""Emulated workspaces: ``GET /v1/workspaces`` and the members of each workspace (list, add,
remove).

The emulator has one workspace, the personal one (:data:`PERSONAL_WORKSPACE_ID`), owned by the
emulator's user (:data:`EMULATOR_USER_ID`). Users added to a personal workspace are invited, and
the emulator has them accept at once (``invited_success_user_ids``); in a team workspace put in
``WorkspacesState.records`` they are added (``added_success_user_ids``). Coze user ids are
numeric: any other id is reported in ``not_exist_user_ids``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, bad_request, envelope, int_param, json_body, page_of

__all__ = [
    "EMULATOR_USER_ID",
    "PERSONAL_WORKSPACE_ID",
    "WorkspacesState",
    "add_routes",
    "find_workspace",
]

#: The workspace every emulator starts with.
PERSONAL_WORKSPACE_ID = "7300000000000000001"
#: The user the emulator's token belongs to.
EMULATOR_USER_ID = "7300000000000000100"
#: The roles a member may be given (the owner is the workspace's creator).
_MEMBER_ROLES = frozenset({"admin", "member"})
_MAX_ADD = 20
_MAX_REMOVE = 5


def add_routes(app: web.Application) -> None:
    """Register the workspaces endpoints on ``app``."""
    app.router.add_get("/v1/workspaces", list_workspaces)
    app.router.add_get("/v1/workspaces/{workspace_id}/members", list_members)
    app.router.add_post("/v1/workspaces/{workspace_id}/members", add_members)
    app.router.add_delete("/v1/workspaces/{workspace_id}/members", remove_members)


def _default_workspaces() -> list[dict[str, Any]]:
    return [
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
    ]


@attrs.define
class WorkspacesState:
    """The workspaces (starting with the personal one), with their ``members``."""

    records: list[dict[str, Any]] = attrs.field(factory=_default_workspaces)


def find_workspace(store: Store, workspace_id: str) -> dict[str, Any]:
    """The stored workspace (with its ``members``), or a 4200 error."""
    for workspace in store.workspaces.records:
        if workspace["id"] == workspace_id:
            return workspace
    raise ApiError(4200, f"workspace {workspace_id} does not exist")


def _page(items: list[dict[str, Any]], request: web.Request) -> list[dict[str, Any]]:
    page_num = int_param(request.query, "page_num", 1)
    page_size = int_param(request.query, "page_size", 20, high=50)
    return page_of(items, page_num, page_size)


def _user_ids(body: Mapping[str, Any], most: int) -> list[str]:
    user_ids = body.get("user_ids")
    if (
        not isinstance(user_ids, list)
        or not user_ids
        or not all(isinstance(u, str) and u for u in user_ids)
    ):
        raise bad_request("user_ids must be a non-empty list of user ids")
    if len(user_ids) > most:
        raise bad_request(f"user_ids takes at most {most} users")
    return user_ids


async def list_workspaces(request: web.Request) -> web.Response:
    """``GET /v1/workspaces``: the workspaces, page by page."""
    workspaces = request.app[STORE].workspaces.records
    page = [{k: v for k, v in w.items() if k != "members"} for w in _page(workspaces, request)]
    return envelope(request, {"workspaces": page, "total_count": len(workspaces)})


async def list_members(request: web.Request) -> web.Response:
    """``GET /v1/workspaces/{workspace_id}/members``: a workspace's members, page by page."""
    workspace = find_workspace(request.app[STORE], request.match_info["workspace_id"])
    members = workspace["members"]
    return envelope(request, {"items": _page(members, request), "total_count": len(members)})


async def add_members(request: web.Request) -> web.Response:
    """``POST /v1/workspaces/{workspace_id}/members``: add (or invite) up to 20 users."""
    workspace = find_workspace(request.app[STORE], request.match_info["workspace_id"])
    body = await json_body(request)
    users = body.get("users")
    if not isinstance(users, list) or not users:
        raise bad_request("users must be a non-empty list of {user_id, role_type}")
    if len(users) > _MAX_ADD:
        raise bad_request(f"users takes at most {_MAX_ADD} users")
    wanted: list[tuple[str, str]] = []
    for i, user in enumerate(users):
        user_id = user.get("user_id") if isinstance(user, dict) else None
        role = user.get("role_type") if isinstance(user, dict) else None
        if not isinstance(user_id, str) or not user_id:
            raise bad_request(f"users[{i}].user_id is required")
        if role not in _MEMBER_ROLES:
            roles = ", ".join(sorted(_MEMBER_ROLES))
            raise bad_request(f"users[{i}].role_type must be one of {roles}")
        wanted.append((user_id, role))
    members: list[dict[str, Any]] = workspace["members"]
    joined = {m["user_id"] for m in members}
    personal = workspace.get("workspace_type") == "personal"
    result: dict[str, list[str]] = {
        "added_success_user_ids": [],
        "invited_success_user_ids": [],
        "not_exist_user_ids": [],
        "already_joined_user_ids": [],
        "already_invited_user_ids": [],
    }
    for user_id, role in wanted:
        if not user_id.isdigit():
            result["not_exist_user_ids"].append(user_id)
        elif user_id in joined:
            result["already_joined_user_ids"].append(user_id)
        else:
            members.append({"user_id": user_id, "role_type": role})
            joined.add(user_id)
            key = "invited_success_user_ids" if personal else "added_success_user_ids"
            result[key].append(user_id)
    return envelope(request, result)


async def remove_members(request: web.Request) -> web.Response:
    """``DELETE /v1/workspaces/{workspace_id}/members``: remove up to 5 users (not the owner)."""
    workspace = find_workspace(request.app[STORE], request.match_info["workspace_id"])
    user_ids = _user_ids(await json_body(request), _MAX_REMOVE)
    members: list[dict[str, Any]] = workspace["members"]
    result: dict[str, list[str]] = {
        "removed_success_user_ids": [],
        "not_in_workspace_user_ids": [],
        "owner_not_support_remove_user_ids": [],
    }
    for user_id in user_ids:
        member = next((m for m in members if m["user_id"] == user_id), None)
        if member is None:
            result["not_in_workspace_user_ids"].append(user_id)
        elif member.get("role_type") == "owner":
            result["owner_not_support_remove_user_ids"].append(user_id)
        else:
            members.remove(member)
            result["removed_success_user_ids"].append(user_id)
    return envelope(request, result)
