"""Enterprise payloads: the members of an enterprise and the organizations created in it."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel, DynamicStrEnum

__all__ = [
    "CreateEnterpriseMemberResp",
    "CreateEnterpriseOrganizationResp",
    "DeleteEnterpriseMemberResp",
    "EnterpriseMember",
    "EnterpriseMemberRole",
    "UpdateEnterpriseMemberResp",
]


class EnterpriseMemberRole(DynamicStrEnum):
    """A member's role in an enterprise (the super admin's role is not set through the API)."""

    ENTERPRISE_ADMIN = "enterprise_admin"
    ENTERPRISE_MEMBER = "enterprise_member"


@define(kw_only=True)
class EnterpriseMember(CozeModel):
    """A user of an enterprise (by Coze user id) and their role."""

    user_id: str
    role: EnterpriseMemberRole


@define(kw_only=True)
class CreateEnterpriseMemberResp(CozeModel):
    """The (empty) result of adding enterprise members; see :attr:`response` for the log id."""


@define(kw_only=True)
class UpdateEnterpriseMemberResp(CozeModel):
    """The (empty) result of changing a member's role; see :attr:`response` for the log id."""


@define(kw_only=True)
class DeleteEnterpriseMemberResp(CozeModel):
    """The (empty) result of removing a member; see :attr:`response` for the log id."""


@define(kw_only=True)
class CreateEnterpriseOrganizationResp(CozeModel):
    """The organization just created in an enterprise."""

    #: The new organization's id (cozepy's model drops it; the service sends it).
    organization_id: str | None = None
