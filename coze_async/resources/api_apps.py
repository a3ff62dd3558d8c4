"""The API apps resource (``coze.api_apps``): callback apps and the events they subscribe to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._errors import CozeInvalidArgumentTypeError
from .._pagination import AsyncPaged, TokenPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.api_apps import (
    APIApp,
    APIAppEvent,
    APIAppEventsPage,
    APIAppEventType,
    APIAppsPage,
    AppType,
    CreateAPIAppsEventsResp,
    DeleteAPIAppsEventsResp,
    DeleteAPIAppsResp,
    UpdateAPIAppsResp,
)

__all__ = [
    "APIAppsClient",
    "APIAppsEventsClient",
    "AsyncAPIAppsClient",
    "AsyncAPIAppsEventsClient",
]


def _event_types(event_types: Sequence[APIAppEventType | str]) -> list[str]:
    """The event types as sent: a sequence of non-empty names (a single str is refused)."""
    if isinstance(event_types, str) or not isinstance(event_types, Sequence):
        raise CozeInvalidArgumentTypeError(
            "event_types must be a sequence of event types, not a single "
            + type(event_types).__name__
        )
    for event_type in event_types:
        require_id("event_types[]", event_type)
    return [str(event_type) for event_type in event_types]


class AsyncAPIAppsEventsClient(AsyncResource):
    """``coze.api_apps.events``: the events a callback app subscribes to."""

    async def create(
        self,
        *,
        api_app_id: str,
        event_types: Sequence[APIAppEventType | str],
        **options: Unpack[RequestOptions],
    ) -> CreateAPIAppsEventsResp:
        """Subscribe a callback app to events (``APIAppEventType``, e.g. ``bot.published``).
        ``POST /v1/api_apps/{api_app_id}/events``."""
        url = path("/v1/api_apps/{api_app_id}/events", api_app_id=api_app_id)
        body = {"event_types": _event_types(event_types)}
        request = Request("POST", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, CreateAPIAppsEventsResp)

    async def delete(
        self,
        *,
        api_app_id: str,
        event_types: Sequence[APIAppEventType | str],
        **options: Unpack[RequestOptions],
    ) -> DeleteAPIAppsEventsResp:
        """Unsubscribe a callback app from events.
        ``DELETE /v1/api_apps/{api_app_id}/events``."""
        url = path("/v1/api_apps/{api_app_id}/events", api_app_id=api_app_id)
        body = {"event_types": _event_types(event_types)}
        request = Request("DELETE", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteAPIAppsEventsResp)

    def list(
        self,
        *,
        api_app_id: str,
        page_token: str = "",
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[APIAppEvent]:
        """The events a callback app subscribes to, paged by token (``page_size`` 1-50);
        iterate the result for every event. ``GET /v1/api_apps/{api_app_id}/events``."""
        url = path("/v1/api_apps/{api_app_id}/events", api_app_id=api_app_id)
        request = Request("GET", url, options=options)
        paging = TokenPaging(page_size, page_token or None)
        return self._transport.paged(request, APIAppEventsPage, paging)


class AsyncAPIAppsClient(AsyncResource):
    """``coze.api_apps``: callback apps, which receive the events they subscribe to."""

    events: AsyncAPIAppsEventsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.events = AsyncAPIAppsEventsClient(transport)

    async def create(
        self,
        *,
        app_type: AppType,
        name: str | None = None,
        connector_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIApp:
        """Create a callback app: a ``NORMAL`` one needs a ``name`` (up to 128 characters), a
        ``CONNECTOR`` one the ``connector_id`` of a custom connector (it takes the connector's
        name). ``POST /v1/api_apps``."""
        if connector_id is not None:
            require_id("connector_id", connector_id)
        if name is not None and not isinstance(name, str):
            raise CozeInvalidArgumentTypeError(f"name must be a str, not {type(name).__name__}")
        body = omit_none(app_type=app_type, name=name, connector_id=connector_id)
        request = Request("POST", "/v1/api_apps", json=body, options=options)
        return await self._transport.call(request, APIApp)

    async def update(
        self,
        *,
        app_id: str,
        name: str | None = None,
        callback_url: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateAPIAppsResp:
        """Rename a callback app or set the URL its callbacks go to (Coze checks the URL by
        posting a challenge to it). ``PUT /v1/api_apps/{app_id}``."""
        url = path("/v1/api_apps/{app_id}", app_id=app_id)
        for label, value in (("name", name), ("callback_url", callback_url)):
            if value is not None and not isinstance(value, str):
                raise CozeInvalidArgumentTypeError(
                    f"{label} must be a str, not {type(value).__name__}"
                )
        body = omit_none(name=name, callback_url=callback_url)
        request = Request("PUT", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateAPIAppsResp)

    async def delete(self, *, app_id: str, **options: Unpack[RequestOptions]) -> DeleteAPIAppsResp:
        """Delete a callback app: its events are no longer sent.
        ``DELETE /v1/api_apps/{app_id}``."""
        url = path("/v1/api_apps/{app_id}", app_id=app_id)
        request = Request("DELETE", url, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteAPIAppsResp)

    def list(
        self,
        *,
        app_type: AppType | None = None,
        page_token: str = "",
        page_size: int = 20,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[APIApp]:
        """The callback apps (of one ``app_type``, or all), paged by token (``page_size``
        1-50); iterate the result for every app. ``GET /v1/api_apps``."""
        params = omit_none(app_type=app_type)
        request = Request("GET", "/v1/api_apps", params=params, options=options)
        paging = TokenPaging(page_size, page_token or None)
        return self._transport.paged(request, APIAppsPage, paging)


# -- the sync twins ---------------------------------------------------------------------------


class APIAppsEventsClient(SyncResource[AsyncAPIAppsEventsClient]):
    """Sync ``coze.api_apps.events``."""

    create: Final = forward(AsyncAPIAppsEventsClient.create)
    delete: Final = forward(AsyncAPIAppsEventsClient.delete)
    list: Final = forward(AsyncAPIAppsEventsClient.list)


class APIAppsClient(SyncResource[AsyncAPIAppsClient]):
    """Sync ``coze.api_apps``."""

    create: Final = forward(AsyncAPIAppsClient.create)
    update: Final = forward(AsyncAPIAppsClient.update)
    delete: Final = forward(AsyncAPIAppsClient.delete)
    list: Final = forward(AsyncAPIAppsClient.list)
    events: Final = SubResource(APIAppsEventsClient)
