"""App payloads: the apps of a workspace and their collaborators."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel, Page

__all__ = ["AddAppCollaboratorResp", "AppCollaborator", "RemoveAppCollaboratorResp", "SimpleApp"]


@define(kw_only=True)
class SimpleApp(CozeModel):
    """An app of a workspace; times are Unix seconds."""

    id: str
    name: str
    description: str = ""
    icon_url: str = ""
    is_published: bool = False
    owner_user_id: str = ""
    updated_at: int = 0
    folder_id: str | None = None
    #: Only set once the app was published.
    published_at: int | None = None


@define(kw_only=True)
class AppCollaborator(CozeModel):
    """A collaborator of an app, by Coze user id."""

    user_id: str


@define(kw_only=True)
class AddAppCollaboratorResp(CozeModel):
    """The (empty) result of adding a collaborator; see :attr:`response` for the log id."""


@define(kw_only=True)
class RemoveAppCollaboratorResp(CozeModel):
    """The (empty) result of removing a collaborator; see :attr:`response` for the log id."""


@define(kw_only=True)
class AppsPage(Page[SimpleApp]):
    """One page of ``GET /v1/apps`` as the API sends it (internal)."""

    _has_more_field = None

    total: int | None = None
    items: list[SimpleApp] = field(factory=list)
