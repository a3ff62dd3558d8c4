"""Callback apps (``/v1/api_apps``) and the events they subscribe to
(``/v1/api_apps/{api_app_id}/events``).

The emulator starts with no callback app. A ``normal`` app needs a ``name``; a ``connector`` app
the id of a custom connector (:data:`CUSTOM_CONNECTOR_ID`, one app per connector) and takes the
connector's name. Each app gets a generated ``verify_token`` and no ``callback_url`` until one is
set (the emulator does not post the challenge a real service sends to check it). Both lists are
paged by ``page_token`` as the service does (``has_more`` and ``next_page_token``; up to 50 per
page). Unknown apps are 4200; bad parameters 4000.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import ApiError, bad_request, envelope, int_param, json_body, new_id, optional_string
from .connectors import CUSTOM_CONNECTOR_ID

__all__ = ["CONNECTOR_APP_NAME", "EVENT_TYPES", "ApiAppsState", "add_routes", "find_api_app"]

#: The name a connector callback app takes: the custom connector's.
CONNECTOR_APP_NAME = "Custom connector"
#: The events a callback app can subscribe to, with what each reports.
EVENT_TYPES: Mapping[str, str] = {
    "bot.published": "A bot was published.",
    "bot.deleted": "A bot was deleted.",
    "bot.unpublished": "A bot was unpublished.",
    "benefit.usage": "A bill of the end users' usage is ready.",
    "benefit.plugin.scale.requested": "A plugin QPS extension was requested.",
    "benefit.plugin.scale.expired": "A plugin QPS extension expired.",
}
_APP_TYPES = frozenset({"normal", "connector"})
_MAX_NAME = 128
_MAX_PAGE = 50


@attrs.define
class ApiAppsState:
    """The callback apps (oldest first, API fields) and the events each subscribes to."""

    records: list[dict[str, Any]] = attrs.field(factory=list)
    #: Subscribed event types by app id, in the order they were subscribed.
    events: dict[str, list[str]] = attrs.field(factory=dict)


def add_routes(app: web.Application) -> None:
    """Register the callback app endpoints."""
    app.router.add_post("/v1/api_apps", create_api_app)
    app.router.add_get("/v1/api_apps", list_api_apps)
    app.router.add_put("/v1/api_apps/{api_app_id}", update_api_app)
    app.router.add_delete("/v1/api_apps/{api_app_id}", delete_api_app)
    app.router.add_post("/v1/api_apps/{api_app_id}/events", subscribe_events)
    app.router.add_get("/v1/api_apps/{api_app_id}/events", list_events)
    app.router.add_delete("/v1/api_apps/{api_app_id}/events", unsubscribe_events)


def find_api_app(store: Store, api_app_id: str) -> dict[str, Any]:
    """The stored callback app, or a 4200 error."""
    for record in store.api_apps.records:
        if record["id"] == api_app_id:
            return record
    raise ApiError(4200, f"api app {api_app_id} does not exist")


def _token_page(
    items: list[dict[str, Any]], request: web.Request
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One page of ``items`` from the offset ``page_token`` names, and the paging fields."""
    page_size = int_param(request.query, "page_size", _MAX_PAGE, high=_MAX_PAGE)
    token = request.query.get("page_token") or "0"
    if not token.isdigit():
        raise bad_request(f"page_token {token!r} is not valid")
    start = int(token)
    page = items[start : start + page_size]
    has_more = start + page_size < len(items)
    paging: dict[str, Any] = {"has_more": has_more, "next_page_token": ""}
    if has_more:
        paging["next_page_token"] = str(start + page_size)
    return page, paging


async def create_api_app(request: web.Request) -> web.Response:
    """``POST /v1/api_apps``: a normal app (by ``name``) or a connector's app."""
    store = request.app[STORE]
    body = await json_body(request)
    app_type = body.get("app_type")
    if app_type not in _APP_TYPES:
        raise bad_request(f"app_type must be one of {', '.join(sorted(_APP_TYPES))}")
    record: dict[str, Any] = {
        "id": new_id(),
        "app_type": app_type,
        "verify_token": os.urandom(16).hex(),
        "callback_url": "",
    }
    if app_type == "normal":
        name = optional_string(body, "name")
        if not name:
            raise bad_request("name is required for a normal app")
        if len(name) > _MAX_NAME:
            raise bad_request(f"name takes at most {_MAX_NAME} characters")
        record["name"] = name
    else:
        connector_id = optional_string(body, "connector_id")
        if not connector_id:
            raise bad_request("connector_id is required for a connector app")
        if connector_id != CUSTOM_CONNECTOR_ID:
            raise ApiError(4200, f"custom connector {connector_id} does not exist")
        if any(r.get("connector_id") == connector_id for r in store.api_apps.records):
            raise bad_request(f"connector {connector_id} already has a callback app")
        record["name"] = CONNECTOR_APP_NAME
        record["connector_id"] = connector_id
    store.api_apps.records.append(record)
    store.api_apps.events[record["id"]] = []
    return envelope(request, dict(record))


async def list_api_apps(request: web.Request) -> web.Response:
    """``GET /v1/api_apps``: the callback apps (of one ``app_type``), paged by token."""
    app_type = request.query.get("app_type") or None
    if app_type is not None and app_type not in _APP_TYPES:
        raise bad_request(f"app_type must be one of {', '.join(sorted(_APP_TYPES))}")
    records = [r for r in request.app[STORE].api_apps.records if app_type in (None, r["app_type"])]
    page, paging = _token_page(records, request)
    return envelope(request, {"items": [dict(r) for r in page], **paging})


async def update_api_app(request: web.Request) -> web.Response:
    """``PUT /v1/api_apps/{api_app_id}``: a new ``name`` or ``callback_url``."""
    record = find_api_app(request.app[STORE], request.match_info["api_app_id"])
    body = await json_body(request)
    name = body.get("name")
    callback_url = body.get("callback_url")
    if name is not None:
        if not isinstance(name, str) or not name:
            raise bad_request("name must be a non-empty string")
        if len(name) > _MAX_NAME:
            raise bad_request(f"name takes at most {_MAX_NAME} characters")
    if callback_url is not None and (
        not isinstance(callback_url, str) or not callback_url.startswith(("https://", "http://"))
    ):
        raise bad_request("callback_url must be an http(s) URL")
    if name is not None:
        record["name"] = name
    if callback_url is not None:
        record["callback_url"] = callback_url
    return envelope(request)


async def delete_api_app(request: web.Request) -> web.Response:
    """``DELETE /v1/api_apps/{api_app_id}``: the app and its subscriptions."""
    store = request.app[STORE]
    record = find_api_app(store, request.match_info["api_app_id"])
    store.api_apps.records.remove(record)
    store.api_apps.events.pop(record["id"], None)
    return envelope(request)


def _event_types(body: Mapping[str, Any]) -> list[str]:
    event_types = body.get("event_types")
    if not isinstance(event_types, list) or not event_types:
        raise bad_request("event_types must be a non-empty list of event types")
    for event_type in event_types:
        if event_type not in EVENT_TYPES:
            raise bad_request(f"unknown event type {event_type!r}")
    return event_types


async def subscribe_events(request: web.Request) -> web.Response:
    """``POST /v1/api_apps/{api_app_id}/events``: subscribe (again: no change)."""
    store = request.app[STORE]
    record = find_api_app(store, request.match_info["api_app_id"])
    subscribed = store.api_apps.events.setdefault(record["id"], [])
    for event_type in _event_types(await json_body(request)):
        if event_type not in subscribed:
            subscribed.append(event_type)
    return envelope(request)


async def list_events(request: web.Request) -> web.Response:
    """``GET /v1/api_apps/{api_app_id}/events``: the subscribed events, paged by token."""
    store = request.app[STORE]
    record = find_api_app(store, request.match_info["api_app_id"])
    events = [
        {
            "api_app_id": record["id"],
            "name": record.get("name", ""),
            "event_type": event_type,
            "description": EVENT_TYPES[event_type],
        }
        for event_type in store.api_apps.events.get(record["id"], [])
    ]
    page, paging = _token_page(events, request)
    return envelope(request, {"items": page, **paging})


async def unsubscribe_events(request: web.Request) -> web.Response:
    """``DELETE /v1/api_apps/{api_app_id}/events``: unsubscribe (events not subscribed to are
    left alone)."""
    store = request.app[STORE]
    record = find_api_app(store, request.match_info["api_app_id"])
    unwanted = set(_event_types(await json_body(request)))
    subscribed = store.api_apps.events.setdefault(record["id"], [])
    subscribed[:] = [e for e in subscribed if e not in unwanted]
    return envelope(request)
