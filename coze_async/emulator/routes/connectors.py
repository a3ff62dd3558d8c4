"""Connectors (the public ones and :data:`CUSTOM_CONNECTOR_ID`): bind devices
(``POST /v1/connectors/{connector_id}/user_configs``), install in a workspace
(``POST .../install``), and set the review result of a bot published to a connector
(``PUT .../bots/{bot_id}``)."""

from __future__ import annotations

from typing import Any

import attrs
from aiohttp import web

from .._state import STORE
from .._wire import ApiError, bad_request, envelope, json_body, now, optional_string, require
from .bots import API_CONNECTOR, bot_connectors
from .workspaces import EMULATOR_USER_ID, find_workspace

__all__ = ["CONNECTORS", "CUSTOM_CONNECTOR_ID", "ConnectorsState", "add_routes"]

#: A custom connector of the emulator's user (devices can be bound to it).
CUSTOM_CONNECTOR_ID = "7300000000000000500"
#: The connectors the emulator knows: the public ones the API reference lists, and the custom one.
CONNECTORS = frozenset(
    {
        API_CONNECTOR,
        "999",
        "10000122",
        "10000113",
        "10000120",
        "10000121",
        "10000126",
        "10000127",
        "10000011",
        "10000128",
        "10000117",
        CUSTOM_CONNECTOR_ID,
    }
)

_AUDIT_STATUSES = frozenset({1, 2, 3})


@attrs.define
class ConnectorsState:
    """Devices bound to connectors, connectors installed in workspaces, and bots' reviews."""

    #: Devices bound to connectors, by connector id (``{user_id, key, enums}`` each).
    user_configs: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: Connectors installed in each workspace, by workspace id.
    installed: dict[str, list[str]] = attrs.field(factory=dict)
    #: Review results of bots on connectors, by (connector_id, bot_id).
    bot_audits: dict[tuple[str, str], dict[str, Any]] = attrs.field(factory=dict)


def add_routes(app: web.Application) -> None:
    """Register the connectors endpoints."""
    app.router.add_post("/v1/connectors/{connector_id}/user_configs", bind_user_configs)
    app.router.add_post("/v1/connectors/{connector_id}/install", install_connector)
    app.router.add_put("/v1/connectors/{connector_id}/bots/{bot_id}", update_connector_bot)


def _connector(request: web.Request) -> str:
    connector_id = request.match_info["connector_id"]
    if connector_id not in CONNECTORS:
        raise ApiError(4200, f"connector {connector_id} does not exist")
    return connector_id


def _user_config(config: Any, i: int) -> tuple[str, list[dict[str, str]]]:
    where = f"configs[{i}]"
    if not isinstance(config, dict):
        raise bad_request(f"{where} must be an object")
    key = config.get("key")
    if not isinstance(key, str) or not key:
        raise bad_request(f"{where}.key is required")
    enums = config.get("enums")
    if not isinstance(enums, list):
        raise bad_request(f"{where}.enums must be a list of {{label, value}}")
    checked = []
    for j, item in enumerate(enums):
        label = item.get("label") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(label, str) or not isinstance(value, str) or not value:
            raise bad_request(f"{where}.enums[{j}] must have a string label and a non-empty value")
        checked.append({"label": label, "value": value})
    return key, checked


async def bind_user_configs(request: web.Request) -> web.Response:
    """``POST /v1/connectors/{connector_id}/user_configs``: bind devices (a binding replaces
    the one with the same user and key)."""
    store = request.app[STORE]
    connector_id = _connector(request)
    body = await json_body(request)
    configs = body.get("configs")
    if not isinstance(configs, list) or not configs:
        raise bad_request("configs must be a non-empty list of {key, enums}")
    user_id = optional_string(body, "user_id") or EMULATOR_USER_ID
    checked = [_user_config(config, i) for i, config in enumerate(configs)]
    bindings = store.connectors.user_configs.setdefault(connector_id, [])
    for key, enums in checked:
        bindings[:] = [b for b in bindings if (b["user_id"], b["key"]) != (user_id, key)]
        bindings.append({"user_id": user_id, "key": key, "enums": enums})
    return envelope(request)


async def install_connector(request: web.Request) -> web.Response:
    """``POST /v1/connectors/{connector_id}/install``: add the connector to a workspace."""
    store = request.app[STORE]
    connector_id = _connector(request)
    body = await json_body(request)
    workspace_id = require(body, "workspace_id")
    find_workspace(store, workspace_id)
    installed = store.connectors.installed.setdefault(workspace_id, [])
    if connector_id not in installed:
        installed.append(connector_id)
    return envelope(request)


async def update_connector_bot(request: web.Request) -> web.Response:
    """``PUT /v1/connectors/{connector_id}/bots/{bot_id}``: the review result of a bot published
    to the connector (``audit_status`` 1 pending, 2 approved, 3 rejected; ``reason``)."""
    store = request.app[STORE]
    connector_id = _connector(request)
    bot_id = request.match_info["bot_id"]
    bot = store.bots.find(bot_id)
    body = await json_body(request)
    status = body.get("audit_status")
    if status is not None and (isinstance(status, bool) or status not in _AUDIT_STATUSES):
        raise bad_request("audit_status must be 1 (pending), 2 (approved) or 3 (rejected)")
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise bad_request("reason must be a string")
    if connector_id not in bot_connectors(bot):
        raise ApiError(4200, f"bot {bot_id} is not published to connector {connector_id}")
    audit = store.connectors.bot_audits.setdefault(
        (connector_id, bot_id), {"audit_status": 1, "reason": ""}
    )
    if status is not None:
        audit["audit_status"] = status
    if reason is not None:
        audit["reason"] = reason
    audit["update_time"] = now()
    return envelope(request)
