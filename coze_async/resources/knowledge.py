"""The older knowledge resource (``coze.knowledge.documents``), kept for code written against
it: the same routes as ``coze.datasets.documents``, with cozepy's older results (a plain list
from ``create``, ``None`` from ``update`` and ``delete``). Each call warns with a
:class:`DeprecationWarning`, as cozepy does.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Final

from .._pagination import AsyncPaged
from .._request import RequestOptions, Unpack
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models._base import ListResponse
from ..models.datasets import Document, DocumentBase, DocumentChunkStrategy, DocumentUpdateRule
from .datasets import (
    create_documents_request,
    delete_documents_request,
    list_documents,
    update_document_request,
)

__all__ = [
    "AsyncDocumentsClient",
    "AsyncKnowledgeClient",
    "AsyncKnowledgeDocumentsClient",
    "DocumentsClient",
    "KnowledgeClient",
    "KnowledgeDocumentsClient",
]


def _deprecated(method: str) -> None:
    warnings.warn(
        f"coze.knowledge.documents.{method} is deprecated: use coze.datasets.documents.{method}",
        DeprecationWarning,
        stacklevel=3,
    )


class AsyncKnowledgeDocumentsClient(AsyncResource):
    """``coze.knowledge.documents`` (deprecated: use ``coze.datasets.documents``)."""

    async def create(
        self,
        *,
        dataset_id: str,
        document_bases: Sequence[DocumentBase],
        chunk_strategy: DocumentChunkStrategy | None = None,
        **options: Unpack[RequestOptions],
    ) -> ListResponse[Document]:
        """Deprecated: ``coze.datasets.documents.create``. Add up to 10 documents to a dataset.
        ``POST /open_api/knowledge/document/create``."""
        _deprecated("create")
        request = create_documents_request(
            dataset_id, document_bases, chunk_strategy, None, options
        )
        return await self._transport.call_list(request, Document)

    async def update(
        self,
        *,
        document_id: str,
        document_name: str | None = None,
        update_rule: DocumentUpdateRule | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Deprecated: ``coze.datasets.documents.update``. Rename a document or change a web
        page's update schedule. ``POST /open_api/knowledge/document/update``."""
        _deprecated("update")
        request = update_document_request(document_id, document_name, update_rule, options)
        await self._transport.call_raw(request)

    async def delete(
        self, *, document_ids: Sequence[str], **options: Unpack[RequestOptions]
    ) -> None:
        """Deprecated: ``coze.datasets.documents.delete``. Delete up to 100 documents.
        ``POST /open_api/knowledge/document/delete``."""
        _deprecated("delete")
        await self._transport.call_raw(delete_documents_request(document_ids, options))

    def list(
        self,
        *,
        dataset_id: str,
        page_num: int = 1,
        page_size: int = 10,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Document]:
        """Deprecated: ``coze.datasets.documents.list``. The documents of a dataset, page by
        page. ``POST /open_api/knowledge/document/list``."""
        _deprecated("list")
        return list_documents(self._transport, dataset_id, page_num, page_size, options)


#: cozepy's name of the class.
AsyncDocumentsClient = AsyncKnowledgeDocumentsClient


class AsyncKnowledgeClient(AsyncResource):
    """``coze.knowledge`` (deprecated: use ``coze.datasets``)."""

    documents: AsyncKnowledgeDocumentsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.documents = AsyncKnowledgeDocumentsClient(transport)


# -- the sync twins ---------------------------------------------------------------------------


class KnowledgeDocumentsClient(SyncResource[AsyncKnowledgeDocumentsClient]):
    """Sync ``coze.knowledge.documents`` (deprecated: use ``coze.datasets.documents``)."""

    create: Final = forward(AsyncKnowledgeDocumentsClient.create)
    update: Final = forward(AsyncKnowledgeDocumentsClient.update)
    delete: Final = forward(AsyncKnowledgeDocumentsClient.delete)
    list: Final = forward(AsyncKnowledgeDocumentsClient.list)


#: cozepy's name of the class.
DocumentsClient = KnowledgeDocumentsClient


class KnowledgeClient(SyncResource[AsyncKnowledgeClient]):
    """Sync ``coze.knowledge`` (deprecated: use ``coze.datasets``)."""

    documents: Final = SubResource(KnowledgeDocumentsClient)
