"""Folders, as cozepy's ``cozepy.folders`` names them. Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from .models.folders import FolderType, SimpleFolder
from .resources.folders import AsyncFoldersClient, FoldersClient

__all__ = ["AsyncFoldersClient", "FolderType", "FoldersClient", "SimpleFolder"]
