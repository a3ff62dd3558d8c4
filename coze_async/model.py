"""Result types, as cozepy's ``cozepy.model`` names them: lists, streams, pages, binary answers,
HTTP metadata and the model bases.

The paged names are aliases: one class (``AsyncPaged`` / ``SyncPaged``) serves every paging
strategy, so ``isinstance`` holds for each cozepy name (see ``coze_async._pagination``)."""

from __future__ import annotations

from ._pagination import (
    AsyncLastIDPaged,
    AsyncNumberPaged,
    AsyncPaged,
    AsyncPagedBase,
    AsyncTokenPaged,
    LastIDPagedResponse,
    NumberPagedResponse,
    TokenPagedResponse,
)
from ._response import FileHTTPResponse, HTTPResponse
from ._stream import AsyncStream
from ._sync_layer import (
    LastIDPaged,
    NumberPaged,
    PagedBase,
    SyncPaged,
    SyncStream,
    TokenPaged,
)
from ._sync_layer import (
    SyncStream as Stream,
)
from .models._base import CozeModel, DynamicIntEnum, DynamicStrEnum, ListResponse

__all__ = [
    "AsyncLastIDPaged",
    "AsyncNumberPaged",
    "AsyncPaged",
    "AsyncPagedBase",
    "AsyncStream",
    "AsyncTokenPaged",
    "CozeModel",
    "DynamicIntEnum",
    "DynamicStrEnum",
    "FileHTTPResponse",
    "HTTPResponse",
    "LastIDPaged",
    "LastIDPagedResponse",
    "ListResponse",
    "NumberPaged",
    "NumberPagedResponse",
    "PagedBase",
    "Stream",
    "SyncPaged",
    "SyncStream",
    "TokenPaged",
    "TokenPagedResponse",
]
