"""The images of an image dataset, as cozepy's ``cozepy.datasets.images`` names them. Every name
is the object the rest of the package uses (also exported by ``coze_async`` itself where it is a
top-level name there)."""

from __future__ import annotations

from ..models.datasets import DocumentSourceType, Photo, PhotoStatus, UpdateImageRes
from ..resources.datasets import AsyncDatasetsImagesClient, DatasetsImagesClient

__all__ = [
    "AsyncDatasetsImagesClient",
    "DatasetsImagesClient",
    "DocumentSourceType",
    "Photo",
    "PhotoStatus",
    "UpdateImageRes",
]
