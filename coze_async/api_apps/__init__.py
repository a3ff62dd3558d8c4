"""Callback apps, as cozepy's ``cozepy.api_apps`` names them (their events:
``coze_async.api_apps.events``). Every name is the object the rest of the package uses (also
exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.api_apps import APIApp, AppType, DeleteAPIAppsResp, UpdateAPIAppsResp
from ..resources.api_apps import APIAppsClient, AsyncAPIAppsClient

__all__ = [
    "APIApp",
    "APIAppsClient",
    "AppType",
    "AsyncAPIAppsClient",
    "DeleteAPIAppsResp",
    "UpdateAPIAppsResp",
]
