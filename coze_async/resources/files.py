"""The files resource (``coze.files``): upload files and look them up (what ``upload`` accepts,
and how it is sent: :mod:`coze_async._uploads`)."""

from __future__ import annotations

from typing import Final

from .._paths import require_id
from .._request import Request, RequestOptions, Unpack
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from .._uploads import (
    DEFAULT_FILENAME,
    MAX_UPLOAD_BYTES,
    FileContent,
    FileTypes,
    UploadProgress,
)
from ..models.files import File

__all__ = [
    "DEFAULT_FILENAME",
    "MAX_UPLOAD_BYTES",
    "AsyncFilesClient",
    "FileContent",
    "FileTypes",
    "FilesClient",
    "UploadProgress",
]


class AsyncFilesClient(AsyncResource):
    """``coze.files``: upload files for multimodal messages, and look them up."""

    async def upload(
        self,
        *,
        file: FileTypes,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> File:
        """Upload a file; use the returned ``id`` as ``file_id`` in messages.
        ``POST /v1/files/upload`` (multipart form field ``file``).

        ``file`` is a path (``str`` or ``pathlib.Path``: it must name a regular file), ``bytes``,
        a binary file object (read from its current position, left open), or a
        ``(filename, content)`` pair to choose the name sent. Only the base name is sent.
        Raises ``ValueError`` for a missing path, a directory, FIFO or device, a name holding a
        double quote or control character, or more than 512 MB (checked before sending when
        the size can be known, else while streaming). A stream that cannot be rewound (a pipe)
        is sent once, without retries. The file is streamed from disk (never read whole);
        ``progress(sent, total)`` is called as it goes.
        """
        request = Request("POST", "/v1/files/upload", options=options)
        return await self._transport.upload(request, file, File, progress=progress)

    async def retrieve(self, *, file_id: str, **options: Unpack[RequestOptions]) -> File:
        """An uploaded file's details. ``GET /v1/files/retrieve``."""
        require_id("file_id", file_id)
        request = Request("GET", "/v1/files/retrieve", params={"file_id": file_id}, options=options)
        return await self._transport.call(request, File)


class FilesClient(SyncResource[AsyncFilesClient]):
    """Sync ``coze.files``."""

    upload: Final = forward(AsyncFilesClient.upload)
    retrieve: Final = forward(AsyncFilesClient.retrieve)
