"""The events of callback apps, as cozepy's ``cozepy.api_apps.events`` names them. Every name is
the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.api_apps import (
    APIAppEvent,
    APIAppEventType,
    CreateAPIAppsEventsResp,
    DeleteAPIAppsEventsResp,
    UpdateAPIAppsEventsResp,
)
from ..resources.api_apps import APIAppsEventsClient, AsyncAPIAppsEventsClient

__all__ = [
    "APIAppEvent",
    "APIAppEventType",
    "APIAppsEventsClient",
    "AsyncAPIAppsEventsClient",
    "CreateAPIAppsEventsResp",
    "DeleteAPIAppsEventsResp",
    "UpdateAPIAppsEventsResp",
]
