"""The HTTP settings a client takes (``http_client=``), as cozepy's ``cozepy.request`` names
them, and ``Limits`` for the connection pool."""

from __future__ import annotations

from ._http_client import AsyncHTTPClient, Limits, SyncHTTPClient

__all__ = ["AsyncHTTPClient", "Limits", "SyncHTTPClient"]
