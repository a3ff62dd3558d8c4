"""File payloads (field names as in cozepy)."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel

__all__ = ["File"]


@define(kw_only=True)
class File(CozeModel):
    """An uploaded file; pass its ``id`` as ``file_id`` in multimodal messages."""

    id: str
    #: The file's size in bytes.
    bytes: int | None = None
    #: Upload time, Unix seconds.
    created_at: int | None = None
    file_name: str | None = None
