"""``GET``/``PUT /v1/variables``: user variable values, kept per bot (or app), connector
(``1024`` unless given) and end user (``connector_uid``). A bot's configured ``variables`` show
with their default value (and times 0) until set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import bad_request, envelope, json_body, now, optional_string, require
from .apps import find_app
from .bots import API_CONNECTOR

__all__ = ["VariablesState", "add_routes"]


@attrs.define
class VariablesState:
    """User variable values that were set."""

    #: (``bot:<id>``/``app:<id>``, connector_id, connector_uid) -> keyword ->
    #: ``{keyword, value, create_time, update_time}``.
    values: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = attrs.field(factory=dict)


def add_routes(app: web.Application) -> None:
    """Register the variables endpoints."""
    app.router.add_get("/v1/variables", retrieve_variables)
    app.router.add_put("/v1/variables", update_variables)


def _variables_key(store: Store, params: Mapping[str, Any]) -> tuple[str, str, str]:
    """The (owner, connector, end user) whose values a variables request reads or sets."""
    app_id = optional_string(params, "app_id")
    bot_id = optional_string(params, "bot_id")
    if bool(app_id) == bool(bot_id):
        raise bad_request("pass exactly one of app_id and bot_id")
    connector_id = optional_string(params, "connector_id") or API_CONNECTOR
    connector_uid = require(params, "connector_uid")
    if bot_id:
        store.bots.find(bot_id)
        return f"bot:{bot_id}", connector_id, connector_uid
    find_app(store, app_id)
    return f"app:{app_id}", connector_id, connector_uid


def _defaults(store: Store, owner: str) -> dict[str, dict[str, Any]]:
    """A bot's configured variables at their default values (times 0)."""
    kind, _, owner_id = owner.partition(":")
    configured = store.bots.records.get(owner_id, {}).get("variables") if kind == "bot" else None
    defaults: dict[str, dict[str, Any]] = {}
    for variable in configured if isinstance(configured, list) else []:
        keyword = variable.get("keyword") if isinstance(variable, dict) else None
        if isinstance(keyword, str) and keyword:
            value = variable.get("default_value")
            defaults[keyword] = {
                "keyword": keyword,
                "value": value if isinstance(value, str) else "",
                "create_time": 0,
                "update_time": 0,
            }
    return defaults


async def retrieve_variables(request: web.Request) -> web.Response:
    """``GET /v1/variables``: the values of the ``keywords`` (comma-separated or repeated; all
    when absent) for one end user."""
    store = request.app[STORE]
    key = _variables_key(store, request.query)
    values = {**_defaults(store, key[0]), **store.variables.values.get(key, {})}
    keywords = [
        word.strip()
        for raw in request.query.getall("keywords", [])
        for word in raw.split(",")
        if word.strip()
    ]
    if keywords:
        items = [dict(values[k]) for k in dict.fromkeys(keywords) if k in values]
    else:
        items = [dict(v) for v in values.values()]
    return envelope(request, {"items": items})


async def update_variables(request: web.Request) -> web.Response:
    """``PUT /v1/variables``: set values (``data``: ``[{keyword, value}]``, not empty)."""
    store = request.app[STORE]
    body = await json_body(request)
    key = _variables_key(store, body)
    data = body.get("data")
    if not isinstance(data, list) or not data:
        raise bad_request("data must be a non-empty list of {keyword, value}")
    updates: list[tuple[str, str]] = []
    for i, item in enumerate(data):
        keyword = item.get("keyword") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(keyword, str) or not keyword:
            raise bad_request(f"data[{i}].keyword is required")
        if not isinstance(value, str):
            raise bad_request(f"data[{i}].value must be a string")
        updates.append((keyword, value))
    values = store.variables.values.setdefault(key, {})
    updated = now()
    for keyword, value in updates:
        item = values.setdefault(keyword, {"keyword": keyword, "create_time": updated})
        item.update(value=value, update_time=updated)
    return envelope(request)
