"""Files, as cozepy's ``cozepy.files`` names them: the model, the client, and what an upload
accepts. Every name is the object the rest of the package uses (also exported by ``coze_async``
itself where it is a top-level name there)."""

from __future__ import annotations

from .models.files import File
from .resources.files import AsyncFilesClient, FileContent, FilesClient, FileTypes

__all__ = ["AsyncFilesClient", "File", "FileContent", "FileTypes", "FilesClient"]
