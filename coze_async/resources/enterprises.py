"""The enterprises resource (``coze.enterprises``): enterprise members and organizations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .._errors import CozeInvalidArgumentTypeError
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._response import HTTPResponse
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.enterprises import (
    CreateEnterpriseMemberResp,
    CreateEnterpriseOrganizationResp,
    DeleteEnterpriseMemberResp,
    EnterpriseMember,
    EnterpriseMemberRole,
    UpdateEnterpriseMemberResp,
)

__all__ = [
    "AsyncEnterprisesClient",
    "AsyncEnterprisesMembersClient",
    "AsyncEnterprisesOrganizationsClient",
    "EnterprisesClient",
    "EnterprisesMembersClient",
    "EnterprisesOrganizationsClient",
]


def _text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise CozeInvalidArgumentTypeError(f"{name} must be a str, not {type(value).__name__}")


def _member(index: int, user: EnterpriseMember | Mapping[str, Any]) -> dict[str, str]:
    """One entry of ``users`` as sent: ``{user_id, role}`` (from a model or a mapping)."""
    if isinstance(user, Mapping):
        user_id, role = user.get("user_id"), user.get("role")
    else:
        user_id, role = getattr(user, "user_id", None), getattr(user, "role", None)
    require_id(f"users[{index}].user_id", user_id)
    require_id(f"users[{index}].role", role)
    return {"user_id": str(user_id), "role": str(role)}


def _object_or_empty(payload: Any, _: HTTPResponse) -> Any:
    return {} if payload is None else payload


class AsyncEnterprisesMembersClient(AsyncResource):
    """``coze.enterprises.members``: the members of an enterprise."""

    async def create(
        self,
        *,
        enterprise_id: str,
        users: Sequence[EnterpriseMember | Mapping[str, Any]],
        **options: Unpack[RequestOptions],
    ) -> CreateEnterpriseMemberResp:
        """Add users (Coze user ids, with their role) to an enterprise; the service takes one
        per call. ``POST /v1/enterprises/{enterprise_id}/members``."""
        url = path("/v1/enterprises/{enterprise_id}/members", enterprise_id=enterprise_id)
        if not isinstance(users, Sequence) or isinstance(users, str):
            raise CozeInvalidArgumentTypeError(
                f"users must be a sequence of EnterpriseMember, not {type(users).__name__}"
            )
        body = {"users": [_member(i, user) for i, user in enumerate(users)]}
        request = Request("POST", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, CreateEnterpriseMemberResp)

    async def update(
        self,
        *,
        enterprise_id: str,
        user_id: str,
        role: EnterpriseMemberRole,
        **options: Unpack[RequestOptions],
    ) -> UpdateEnterpriseMemberResp:
        """Change a member's role. ``PUT /v1/enterprises/{enterprise_id}/members/{user_id}``."""
        url = path(
            "/v1/enterprises/{enterprise_id}/members/{user_id}",
            enterprise_id=enterprise_id,
            user_id=user_id,
        )
        require_id("role", role)
        request = Request("PUT", url, json={"role": str(role)}, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateEnterpriseMemberResp)

    async def delete(
        self,
        *,
        enterprise_id: str,
        user_id: str,
        receiver_user_id: str,
        **options: Unpack[RequestOptions],
    ) -> DeleteEnterpriseMemberResp:
        """Remove a member from an enterprise; their workspaces, bots and workflows pass to
        ``receiver_user_id`` (an admin of the enterprise).
        ``DELETE /v1/enterprises/{enterprise_id}/members/{user_id}``."""
        url = path(
            "/v1/enterprises/{enterprise_id}/members/{user_id}",
            enterprise_id=enterprise_id,
            user_id=user_id,
        )
        require_id("receiver_user_id", receiver_user_id)
        body = {"receiver_user_id": receiver_user_id}
        request = Request("DELETE", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteEnterpriseMemberResp)


class AsyncEnterprisesOrganizationsClient(AsyncResource):
    """``coze.enterprises.organizations``: the organizations of an enterprise."""

    async def create(
        self,
        *,
        enterprise_id: str,
        name: str,
        super_admin_user_id: str,
        description: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateEnterpriseOrganizationResp:
        """Create an organization (``name`` up to 30 characters, ``description`` up to 100)
        whose super admin is a member of the enterprise; an enterprise holds at most 20.
        ``POST /v1/enterprises/{enterprise_id}/organizations``."""
        url = path("/v1/enterprises/{enterprise_id}/organizations", enterprise_id=enterprise_id)
        _text("name", name)
        require_id("super_admin_user_id", super_admin_user_id)
        if description is not None:
            _text("description", description)
        body = omit_none(
            name=name, super_admin_user_id=super_admin_user_id, description=description
        )
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call(
            request, CreateEnterpriseOrganizationResp, reshape=_object_or_empty
        )


class AsyncEnterprisesClient(AsyncResource):
    """``coze.enterprises``: the members and organizations of an enterprise."""

    members: AsyncEnterprisesMembersClient
    organizations: AsyncEnterprisesOrganizationsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.members = AsyncEnterprisesMembersClient(transport)
        self.organizations = AsyncEnterprisesOrganizationsClient(transport)


# -- the sync twins ---------------------------------------------------------------------------


class EnterprisesMembersClient(SyncResource[AsyncEnterprisesMembersClient]):
    """Sync ``coze.enterprises.members``."""

    create: Final = forward(AsyncEnterprisesMembersClient.create)
    update: Final = forward(AsyncEnterprisesMembersClient.update)
    delete: Final = forward(AsyncEnterprisesMembersClient.delete)


class EnterprisesOrganizationsClient(SyncResource[AsyncEnterprisesOrganizationsClient]):
    """Sync ``coze.enterprises.organizations``."""

    create: Final = forward(AsyncEnterprisesOrganizationsClient.create)


class EnterprisesClient(SyncResource[AsyncEnterprisesClient]):
    """Sync ``coze.enterprises``."""

    members: Final = SubResource(EnterprisesMembersClient)
    organizations: Final = SubResource(EnterprisesOrganizationsClient)
