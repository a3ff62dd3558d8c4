"""An enterprise's members, as cozepy's ``cozepy.enterprises.members`` names them. Every name is
the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.enterprises import (
    CreateEnterpriseMemberResp,
    DeleteEnterpriseMemberResp,
    EnterpriseMember,
    EnterpriseMemberRole,
    UpdateEnterpriseMemberResp,
)
from ..resources.enterprises import AsyncEnterprisesMembersClient, EnterprisesMembersClient

__all__ = [
    "AsyncEnterprisesMembersClient",
    "CreateEnterpriseMemberResp",
    "DeleteEnterpriseMemberResp",
    "EnterpriseMember",
    "EnterpriseMemberRole",
    "EnterprisesMembersClient",
    "UpdateEnterpriseMemberResp",
]
