"""Enterprises: members (``/v1/enterprises/{enterprise_id}/members``) and organizations
(``/v1/enterprises/{enterprise_id}/organizations``).

The emulator has one enterprise, :data:`ENTERPRISE_ID`, whose super admin is the emulator's user
and which holds one organization (:data:`DEFAULT_ORGANIZATION_ID`). Members are added one per
request with the role ``enterprise_admin`` or ``enterprise_member``; Coze user ids are numeric,
any other id is not a user (4000). A removed member's resources pass to ``receiver_user_id``, an
admin (recorded in ``EnterprisesState.transfers``), and so do the organizations they were super
admin of. The super admin's role cannot be changed nor the super admin removed. An enterprise
holds at most 20 organizations, each with a member of the enterprise as its super admin.

A request for any other enterprise is refused as the service refuses an enterprise the token's
user does not administer: 4101 (no permission), whether or not it exists.
"""

from __future__ import annotations

from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, bad_request, envelope, json_body, new_id, optional_string, require
from .workspaces import EMULATOR_USER_ID

__all__ = [
    "DEFAULT_ORGANIZATION_ID",
    "ENTERPRISE_ID",
    "EnterprisesState",
    "add_routes",
    "find_enterprise",
]

#: The enterprise the emulator's user is the super admin of.
ENTERPRISE_ID = "volcano_2105850001"
#: The organization the enterprise starts with.
DEFAULT_ORGANIZATION_ID = "7300000000000000700"
_SUPER_ADMIN = "enterprise_super_admin"
_ROLES = frozenset({"enterprise_admin", "enterprise_member"})
_MAX_ORGANIZATIONS = 20
_MAX_ORG_NAME = 30
_MAX_ORG_DESCRIPTION = 100


def _default_enterprises() -> dict[str, dict[str, Any]]:
    return {
        ENTERPRISE_ID: {
            "enterprise_id": ENTERPRISE_ID,
            "name": "Emulated enterprise",
            "members": [{"user_id": EMULATOR_USER_ID, "role": _SUPER_ADMIN}],
            "organizations": [
                {
                    "organization_id": DEFAULT_ORGANIZATION_ID,
                    "name": "Default organization",
                    "description": "",
                    "super_admin_user_id": EMULATOR_USER_ID,
                }
            ],
        }
    }


@attrs.define
class EnterprisesState:
    """The enterprises by id, each with its ``members`` (``{user_id, role}``) and
    ``organizations``; and the hand-overs of removed members' resources."""

    records: dict[str, dict[str, Any]] = attrs.field(factory=_default_enterprises)
    #: ``(enterprise_id, removed user_id, receiver_user_id)`` per removal, oldest first.
    transfers: list[tuple[str, str, str]] = attrs.field(factory=list)


def add_routes(app: web.Application) -> None:
    """Register the enterprise endpoints."""
    app.router.add_post("/v1/enterprises/{enterprise_id}/members", add_member)
    app.router.add_put("/v1/enterprises/{enterprise_id}/members/{user_id}", update_member)
    app.router.add_delete("/v1/enterprises/{enterprise_id}/members/{user_id}", remove_member)
    app.router.add_post("/v1/enterprises/{enterprise_id}/organizations", create_organization)


def find_enterprise(store: Store, enterprise_id: str) -> dict[str, Any]:
    """The stored enterprise, or the 4101 error the service gives for an enterprise the user
    does not administer."""
    enterprise = store.enterprises.records.get(enterprise_id)
    if enterprise is None:
        raise ApiError(4101, f"no permission on enterprise {enterprise_id}")
    return enterprise


def _member(enterprise: dict[str, Any], user_id: str) -> dict[str, Any] | None:
    return next((m for m in enterprise["members"] if m["user_id"] == user_id), None)


def _known_member(enterprise: dict[str, Any], user_id: str) -> dict[str, Any]:
    member = _member(enterprise, user_id)
    if member is None:
        raise ApiError(
            4200, f"user {user_id} is not a member of enterprise {enterprise['enterprise_id']}"
        )
    return member


async def add_member(request: web.Request) -> web.Response:
    """``POST /v1/enterprises/{enterprise_id}/members``: add one user with a role."""
    enterprise = find_enterprise(request.app[STORE], request.match_info["enterprise_id"])
    users = (await json_body(request)).get("users")
    if not isinstance(users, list) or len(users) != 1 or not isinstance(users[0], dict):
        raise bad_request("users must hold exactly one {user_id, role}")
    user_id = require(users[0], "user_id")
    role = users[0].get("role")
    if role not in _ROLES:
        raise bad_request(f"role must be one of {', '.join(sorted(_ROLES))}")
    if not user_id.isdigit():
        raise bad_request(f"user {user_id} does not exist")
    if _member(enterprise, user_id) is not None:
        raise bad_request(f"user {user_id} is already a member of the enterprise")
    enterprise["members"].append({"user_id": user_id, "role": role})
    return envelope(request)


async def update_member(request: web.Request) -> web.Response:
    """``PUT /v1/enterprises/{enterprise_id}/members/{user_id}``: change a member's role."""
    enterprise = find_enterprise(request.app[STORE], request.match_info["enterprise_id"])
    member = _known_member(enterprise, request.match_info["user_id"])
    role = (await json_body(request)).get("role")
    if role not in _ROLES:
        raise bad_request(f"role must be one of {', '.join(sorted(_ROLES))}")
    if member["role"] == _SUPER_ADMIN:
        raise ApiError(4101, "the super admin's role cannot be changed")
    member["role"] = role
    return envelope(request)


async def remove_member(request: web.Request) -> web.Response:
    """``DELETE /v1/enterprises/{enterprise_id}/members/{user_id}``: remove a member, handing
    their resources to ``receiver_user_id``."""
    store = request.app[STORE]
    enterprise = find_enterprise(store, request.match_info["enterprise_id"])
    member = _known_member(enterprise, request.match_info["user_id"])
    receiver_id = require(await json_body(request), "receiver_user_id")
    if member["role"] == _SUPER_ADMIN:
        raise ApiError(4101, "the super admin cannot be removed")
    receiver = _member(enterprise, receiver_id)
    if receiver is None or receiver_id == member["user_id"]:
        raise bad_request("receiver_user_id must be another member of the enterprise")
    if receiver["role"] not in (_SUPER_ADMIN, "enterprise_admin"):
        raise bad_request("receiver_user_id must be an admin of the enterprise")
    enterprise["members"].remove(member)
    for organization in enterprise["organizations"]:
        if organization["super_admin_user_id"] == member["user_id"]:
            organization["super_admin_user_id"] = receiver_id
    store.enterprises.transfers.append(
        (enterprise["enterprise_id"], member["user_id"], receiver_id)
    )
    return envelope(request)


async def create_organization(request: web.Request) -> web.Response:
    """``POST /v1/enterprises/{enterprise_id}/organizations``: a new organization."""
    enterprise = find_enterprise(request.app[STORE], request.match_info["enterprise_id"])
    body = await json_body(request)
    name = require(body, "name")
    if len(name) > _MAX_ORG_NAME:
        raise bad_request(f"name takes at most {_MAX_ORG_NAME} characters")
    description = optional_string(body, "description")
    if len(description) > _MAX_ORG_DESCRIPTION:
        raise bad_request(f"description takes at most {_MAX_ORG_DESCRIPTION} characters")
    super_admin = require(body, "super_admin_user_id")
    if _member(enterprise, super_admin) is None:
        raise bad_request("super_admin_user_id must be a member of the enterprise")
    organizations: list[dict[str, Any]] = enterprise["organizations"]
    if len(organizations) >= _MAX_ORGANIZATIONS:
        raise bad_request(f"an enterprise holds at most {_MAX_ORGANIZATIONS} organizations")
    organization = {
        "organization_id": new_id(),
        "name": name,
        "description": description,
        "super_admin_user_id": super_admin,
    }
    organizations.append(organization)
    return envelope(request, {"organization_id": organization["organization_id"]})
