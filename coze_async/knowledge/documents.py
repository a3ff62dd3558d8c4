"""The older knowledge documents client (deprecated: ``coze_async.datasets.documents``), as
cozepy's ``cozepy.knowledge.documents`` names it: ``DocumentsClient`` is
``KnowledgeDocumentsClient``. Every name is the object the rest of the package uses."""

from __future__ import annotations

from ..models.datasets import Document, DocumentBase, DocumentChunkStrategy, DocumentUpdateRule
from ..resources.knowledge import (
    AsyncDocumentsClient,
    AsyncKnowledgeDocumentsClient,
    DocumentsClient,
    KnowledgeDocumentsClient,
)

__all__ = [
    "AsyncDocumentsClient",
    "AsyncKnowledgeDocumentsClient",
    "Document",
    "DocumentBase",
    "DocumentChunkStrategy",
    "DocumentUpdateRule",
    "DocumentsClient",
    "KnowledgeDocumentsClient",
]
