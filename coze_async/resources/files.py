"""The files resource (``coze.files``): file uploads."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncFilesClient", "FilesClient"]


class AsyncFilesClient:
    """``coze.files``: file uploads."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class FilesClient(SyncResource[AsyncFilesClient]):
    """Sync ``coze.files``."""
