"""Datasets (knowledge bases), as cozepy's ``cozepy.datasets`` names them (their documents:
``coze_async.datasets.documents``; their images: ``coze_async.datasets.images``). Every name is
the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.datasets import (
    CreateDatasetResp,
    Dataset,
    DatasetStatus,
    DeleteDatasetRes,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentProgress,
    DocumentStatus,
    DocumentUpdateType,
    UpdateDatasetRes,
)
from ..resources.datasets import AsyncDatasetsClient, DatasetsClient

__all__ = [
    "AsyncDatasetsClient",
    "CreateDatasetResp",
    "Dataset",
    "DatasetStatus",
    "DatasetsClient",
    "DeleteDatasetRes",
    "DocumentChunkStrategy",
    "DocumentFormatType",
    "DocumentProgress",
    "DocumentStatus",
    "DocumentUpdateType",
    "UpdateDatasetRes",
]
