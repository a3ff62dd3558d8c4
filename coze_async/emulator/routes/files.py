"""Files: ``/v1/files/upload`` (multipart field ``file``) and ``/v1/files/retrieve``.

Uploaded bytes are kept in ``FilesState.contents``; the file's API dict in ``FilesState.records``.
"""

from __future__ import annotations

from typing import Any

import attrs
from aiohttp import BodyPartReader, web

from .._state import STORE
from .._wire import ApiError, envelope, new_id, now, require

__all__ = ["FilesState", "add_routes"]


@attrs.define
class FilesState:
    """The uploaded files."""

    #: File records (``{id, bytes, created_at, file_name}``) by file id.
    records: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Uploaded bytes by file id.
    contents: dict[str, bytes] = attrs.field(factory=dict)


#: The largest file the service accepts (512 MB).
MAX_FILE_BYTES = 512 * 1024 * 1024


def add_routes(app: web.Application) -> None:
    """Register the files endpoints on ``app``."""
    app.router.add_post("/v1/files/upload", upload_file)
    app.router.add_get("/v1/files/retrieve", retrieve_file)


async def _read_file_part(request: web.Request) -> tuple[str, bytes]:
    """The file name and bytes of the form's ``file`` field."""
    if request.content_type != "multipart/form-data":
        raise ApiError(4000, "Request parameter error: upload the file as multipart/form-data")
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name != "file":
                continue
            data = bytearray()
            while chunk := await part.read_chunk():
                data.extend(chunk)
                if len(data) > MAX_FILE_BYTES:
                    raise ApiError(4000, "Request parameter error: the file exceeds 512 MB")
            return part.filename or "file", bytes(data)
    except ValueError as exc:  # a malformed multipart body
        raise ApiError(4000, f"Request parameter error: bad multipart body: {exc}") from None
    raise ApiError(4000, "Request parameter error: file is required")


async def upload_file(request: web.Request) -> web.Response:
    """``POST /v1/files/upload``: store the multipart ``file`` field."""
    store = request.app[STORE]
    file_name, content = await _read_file_part(request)
    file_id = new_id()
    info: dict[str, Any] = {
        "id": file_id,
        "bytes": len(content),
        "created_at": now(),
        "file_name": file_name,
    }
    store.files.records[file_id] = info
    store.files.contents[file_id] = content
    return envelope(request, dict(info))


async def retrieve_file(request: web.Request) -> web.Response:
    """``GET /v1/files/retrieve``: the record of an uploaded file."""
    store = request.app[STORE]
    file_id = require(request.query, "file_id")
    info = store.files.records.get(file_id)
    if info is None:
        raise ApiError(4200, f"file {file_id} does not exist")
    return envelope(request, dict(info))
