"""Folder payloads: the folders of a workspace."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel, DynamicStrEnum, Page

__all__ = ["FolderType", "SimpleFolder"]


class FolderType(DynamicStrEnum):
    """What a folder holds."""

    #: Projects under development.
    DEVELOPMENT = "development"
    #: Library resources.
    LIBRARY = "library"


@define(kw_only=True)
class SimpleFolder(CozeModel):
    """A folder of a workspace."""

    id: str
    name: str
    description: str = ""
    workspace_id: str = ""
    creator_user_id: str = ""
    folder_type: FolderType | None = None
    #: Absent for a folder at the workspace's root.
    parent_folder_id: str | None = None
    #: Direct sub-folders only.
    children_count: int | None = None


@define(kw_only=True)
class FoldersPage(Page[SimpleFolder]):
    """One page of ``GET /v1/folders`` as the API sends it (internal)."""

    _total_field = "total_count"

    total_count: int | None = None
    has_more: bool | None = None
    items: list[SimpleFolder] = field(factory=list)
