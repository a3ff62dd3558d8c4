"""A dataset's documents, as cozepy's ``cozepy.datasets.documents`` names them. Every name is the
object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.datasets import (
    DeleteDocumentRes,
    Document,
    DocumentBase,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentSourceInfo,
    DocumentSourceType,
    DocumentStatus,
    DocumentUpdateRule,
    DocumentUpdateType,
    UpdateDocumentRes,
)
from ..resources.datasets import AsyncDatasetsDocumentsClient, DatasetsDocumentsClient

__all__ = [
    "AsyncDatasetsDocumentsClient",
    "DatasetsDocumentsClient",
    "DeleteDocumentRes",
    "Document",
    "DocumentBase",
    "DocumentChunkStrategy",
    "DocumentFormatType",
    "DocumentSourceInfo",
    "DocumentSourceType",
    "DocumentStatus",
    "DocumentUpdateRule",
    "DocumentUpdateType",
    "UpdateDocumentRes",
]
