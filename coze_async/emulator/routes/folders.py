"""``GET /v1/folders`` and ``GET /v1/folders/{folder_id}``: a small folder tree in the personal
workspace: ``Projects`` (development, holding ``Demos``) and ``Resources`` (library)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, bad_request, envelope, int_param, page_of, require
from .workspaces import EMULATOR_USER_ID, PERSONAL_WORKSPACE_ID, find_workspace

__all__ = [
    "DEMOS_FOLDER_ID",
    "LIBRARY_FOLDER_ID",
    "PROJECTS_FOLDER_ID",
    "FoldersState",
    "add_routes",
]

#: The root development folder of the personal workspace, and its one sub-folder.
PROJECTS_FOLDER_ID = "7300000000000000201"
DEMOS_FOLDER_ID = "7300000000000000203"
#: The root library folder of the personal workspace.
LIBRARY_FOLDER_ID = "7300000000000000202"

_FOLDER_TYPES = frozenset({"development", "library"})
_FOLDER_KEYS = (
    "id",
    "name",
    "description",
    "workspace_id",
    "creator_user_id",
    "folder_type",
    "parent_folder_id",
)


def add_routes(app: web.Application) -> None:
    """Register the folders endpoints."""
    app.router.add_get("/v1/folders", list_folders)
    app.router.add_get("/v1/folders/{folder_id}", retrieve_folder)


def _default_folders() -> list[dict[str, Any]]:
    common = {
        "description": "",
        "workspace_id": PERSONAL_WORKSPACE_ID,
        "creator_user_id": EMULATOR_USER_ID,
    }
    return [
        {**common, "id": PROJECTS_FOLDER_ID, "name": "Projects", "folder_type": "development"},
        {**common, "id": LIBRARY_FOLDER_ID, "name": "Resources", "folder_type": "library"},
        {
            **common,
            "id": DEMOS_FOLDER_ID,
            "name": "Demos",
            "folder_type": "development",
            "parent_folder_id": PROJECTS_FOLDER_ID,
        },
    ]


@attrs.define
class FoldersState:
    """The folders (starting with the personal workspace's tree)."""

    records: list[dict[str, Any]] = attrs.field(factory=_default_folders)


def _folder(store: Store, folder_id: str) -> dict[str, Any]:
    for folder in store.folders.records:
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
        raise bad_request(f"folder_type must be one of {', '.join(sorted(_FOLDER_TYPES))}")
    page_num = int_param(params, "page_num", 1)
    page_size = int_param(params, "page_size", 20, high=50)
    find_workspace(store, workspace_id)
    parent_id = params.get("parent_folder_id") or None
    if parent_id is not None and _folder(store, parent_id)["workspace_id"] != workspace_id:
        raise ApiError(4200, f"folder {parent_id} does not exist in workspace {workspace_id}")
    folders = store.folders.records
    chosen = [
        f
        for f in folders
        if f["workspace_id"] == workspace_id
        and f["folder_type"] == folder_type
        and f.get("parent_folder_id") == parent_id
    ]
    items = []
    for folder in page_of(chosen, page_num, page_size):
        children = sum(1 for f in folders if f.get("parent_folder_id") == folder["id"])
        items.append({**_folder_view(folder), "children_count": children})
    has_more = page_num * page_size < len(chosen)
    return envelope(request, {"items": items, "total_count": len(chosen), "has_more": has_more})


async def retrieve_folder(request: web.Request) -> web.Response:
    """``GET /v1/folders/{folder_id}``."""
    folder = _folder(request.app[STORE], request.match_info["folder_id"])
    return envelope(request, _folder_view(folder))
