"""The datasets resource (``coze.datasets``): knowledge bases, their documents and their images.

The document routes (``/open_api/knowledge/document/*``) answer outside the usual ``data``
field and are sent with the ``Agw-Js-Conv: str`` header, as cozepy sends them (the service then
writes 64-bit numbers as strings, which the models read as numbers). The helpers building those
requests serve the older ``coze.knowledge.documents`` too (``resources/knowledge.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from .._pagination import AsyncPaged, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models._base import ListResponse
from ..models.datasets import (
    CreateDatasetResp,
    Dataset,
    DatasetsPage,
    DeleteDatasetRes,
    DeleteDocumentRes,
    Document,
    DocumentBase,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentProgress,
    DocumentsPage,
    DocumentUpdateRule,
    Photo,
    PhotosPage,
    UpdateDatasetRes,
    UpdateDocumentRes,
    UpdateImageRes,
)

__all__ = [
    "AsyncDatasetsClient",
    "AsyncDatasetsDocumentsClient",
    "AsyncDatasetsImagesClient",
    "DatasetsClient",
    "DatasetsDocumentsClient",
    "DatasetsImagesClient",
]

#: The header the knowledge routes are sent with (64-bit numbers come back as strings).
JS_CONV_HEADERS: Final = {"Agw-Js-Conv": "str"}
#: The most documents one create call takes, and one delete call.
MAX_DOCUMENTS_PER_CREATE = 10
MAX_DOCUMENTS_PER_DELETE = 100


def with_js_conv(options: Mapping[str, Any]) -> dict[str, Any]:
    """``options`` with the ``Agw-Js-Conv: str`` header added (the caller's headers win)."""
    headers = {**JS_CONV_HEADERS, **dict(options.get("headers") or {})}
    return {**options, "headers": headers}


def _sequence(name: str, value: object) -> Sequence[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise CozeInvalidArgumentTypeError(f"{name} must be a list, not {type(value).__name__}")
    return value


def format_type_arg(value: object) -> DocumentFormatType:
    """``value`` as a :class:`DocumentFormatType` (an integer: unknown ones are kept)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CozeInvalidArgumentTypeError(
            f"format_type must be a DocumentFormatType, not {type(value).__name__}"
        )
    return DocumentFormatType(value)


def document_ids_body(document_ids: Sequence[str]) -> dict[str, Any]:
    """``{"document_ids": [...]}`` after checking the ids (1 to 100 non-empty strings)."""
    ids = _sequence("document_ids", document_ids)
    if not ids:
        raise CozeInvalidArgumentError("document_ids must hold at least one document id")
    for document_id in ids:
        require_id("document_ids[]", document_id)
    return {"document_ids": list(ids)}


def create_documents_request(
    dataset_id: str,
    document_bases: Sequence[DocumentBase],
    chunk_strategy: DocumentChunkStrategy | None,
    format_type: DocumentFormatType | None,
    options: Mapping[str, Any],
) -> Request:
    """``POST /open_api/knowledge/document/create`` (the result is ``document_infos``)."""
    require_id("dataset_id", dataset_id)
    bases = _sequence("document_bases", document_bases)
    if not bases:
        raise CozeInvalidArgumentError("document_bases must hold at least one document")
    if len(bases) > MAX_DOCUMENTS_PER_CREATE:
        raise CozeInvalidArgumentError(
            f"document_bases takes at most {MAX_DOCUMENTS_PER_CREATE} documents, got {len(bases)}"
        )
    for base in bases:
        if not isinstance(base, DocumentBase):
            raise CozeInvalidArgumentTypeError(
                f"document_bases must hold DocumentBase objects, not {type(base).__name__}"
            )
    if chunk_strategy is not None and not isinstance(chunk_strategy, DocumentChunkStrategy):
        raise CozeInvalidArgumentTypeError(
            f"chunk_strategy must be a DocumentChunkStrategy, not {type(chunk_strategy).__name__}"
        )
    body = omit_none(
        dataset_id=dataset_id,
        document_bases=list(bases),
        chunk_strategy=chunk_strategy,
        format_type=None if format_type is None else format_type_arg(format_type),
    )
    return Request(
        "POST",
        "/open_api/knowledge/document/create",
        json=body,
        options=with_js_conv(options),
        data_field="document_infos",
    )


def update_document_request(
    document_id: str,
    document_name: str | None,
    update_rule: DocumentUpdateRule | None,
    options: Mapping[str, Any],
) -> Request:
    """``POST /open_api/knowledge/document/update`` (no result)."""
    require_id("document_id", document_id)
    if update_rule is not None and not isinstance(update_rule, DocumentUpdateRule):
        raise CozeInvalidArgumentTypeError(
            f"update_rule must be a DocumentUpdateRule, not {type(update_rule).__name__}"
        )
    body = omit_none(document_id=document_id, document_name=document_name, update_rule=update_rule)
    return Request(
        "POST",
        "/open_api/knowledge/document/update",
        json=body,
        options=with_js_conv(options),
        data_field=None,
    )


def delete_documents_request(document_ids: Sequence[str], options: Mapping[str, Any]) -> Request:
    """``POST /open_api/knowledge/document/delete`` (no result)."""
    body = document_ids_body(document_ids)
    if len(body["document_ids"]) > MAX_DOCUMENTS_PER_DELETE:
        raise CozeInvalidArgumentError(
            f"document_ids takes at most {MAX_DOCUMENTS_PER_DELETE} ids per call"
        )
    return Request(
        "POST",
        "/open_api/knowledge/document/delete",
        json=body,
        options=with_js_conv(options),
        data_field=None,
    )


def list_documents(
    transport: Transport,
    dataset_id: str,
    page_num: int,
    page_size: int,
    options: Mapping[str, Any],
) -> AsyncPaged[Document]:
    """``POST /open_api/knowledge/document/list``: pages numbered by ``page`` and ``size`` in
    the body; the page is the whole body."""
    require_id("dataset_id", dataset_id)
    request = Request(
        "POST",
        "/open_api/knowledge/document/list",
        json={"dataset_id": dataset_id},
        options=with_js_conv(options),
        data_field=None,
        idempotent=True,
    )
    paging = NumberPaging(page_num, page_size, num_param="page", size_param="size", in_body=True)
    return transport.paged(request, DocumentsPage, paging)


class AsyncDatasetsDocumentsClient(AsyncResource):
    """``coze.datasets.documents``: the documents (files, web pages, images) of a dataset."""

    async def create(
        self,
        *,
        dataset_id: str,
        document_bases: Sequence[DocumentBase],
        chunk_strategy: DocumentChunkStrategy | None = None,
        format_type: DocumentFormatType | None = None,
        **options: Unpack[RequestOptions],
    ) -> ListResponse[Document]:
        """Add up to 10 documents to a dataset: local files (base64) or web pages to a text
        dataset, uploaded files to an image dataset, one kind per call. ``chunk_strategy``
        counts on the first upload to a dataset only (later ones keep it; image datasets need
        its ``caption_type`` then). ``format_type`` (the dataset's kind) is sent only if given.
        The documents come back PROCESSING: follow them with ``coze.datasets.process``.
        ``POST /open_api/knowledge/document/create``."""
        request = create_documents_request(
            dataset_id, document_bases, chunk_strategy, format_type, options
        )
        return await self._transport.call_list(request, Document)

    async def update(
        self,
        *,
        document_id: str,
        document_name: str | None = None,
        update_rule: DocumentUpdateRule | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateDocumentRes:
        """Rename a document, or change a web page's update schedule.
        ``POST /open_api/knowledge/document/update``."""
        request = update_document_request(document_id, document_name, update_rule, options)
        return await self._transport.call_empty(request, UpdateDocumentRes)

    async def delete(
        self, *, document_ids: Sequence[str], **options: Unpack[RequestOptions]
    ) -> DeleteDocumentRes:
        """Delete up to 100 documents (of any datasets of yours).
        ``POST /open_api/knowledge/document/delete``."""
        request = delete_documents_request(document_ids, options)
        return await self._transport.call_empty(request, DeleteDocumentRes)

    def list(
        self,
        *,
        dataset_id: str,
        page_num: int = 1,
        page_size: int = 10,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Document]:
        """The documents of a dataset, page by page; iterate the result for every document.
        ``POST /open_api/knowledge/document/list``."""
        return list_documents(self._transport, dataset_id, page_num, page_size, options)


class AsyncDatasetsImagesClient(AsyncResource):
    """``coze.datasets.images``: the images of an image dataset and their captions."""

    async def update(
        self,
        *,
        dataset_id: str,
        document_id: str,
        caption: str,
        **options: Unpack[RequestOptions],
    ) -> UpdateImageRes:
        """Set an image's caption. ``PUT /v1/datasets/{dataset_id}/images/{document_id}``."""
        url = path(
            "/v1/datasets/{dataset_id}/images/{document_id}",
            dataset_id=dataset_id,
            document_id=document_id,
        )
        if not isinstance(caption, str):
            raise CozeInvalidArgumentTypeError(
                f"caption must be a str, not {type(caption).__name__}"
            )
        request = Request("PUT", url, json={"caption": caption}, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateImageRes)

    def list(
        self,
        *,
        dataset_id: str,
        keyword: str | None = None,
        has_caption: bool | None = None,
        page_num: int = 1,
        page_size: int = 10,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Photo]:
        """The images of an image dataset, page by page (``page_size`` 1-299); ``keyword``
        searches the captions, ``has_caption`` keeps the captioned (or uncaptioned) ones.
        ``GET /v1/datasets/{dataset_id}/images``."""
        url = path("/v1/datasets/{dataset_id}/images", dataset_id=dataset_id)
        params = omit_none(keyword=keyword, has_caption=has_caption)
        request = Request("GET", url, params=params, options=options)
        return self._transport.paged(request, PhotosPage, NumberPaging(page_num, page_size))


class AsyncDatasetsClient(AsyncResource):
    """``coze.datasets``: the knowledge bases of a workspace, their documents and images."""

    documents: AsyncDatasetsDocumentsClient
    images: AsyncDatasetsImagesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.documents = AsyncDatasetsDocumentsClient(transport)
        self.images = AsyncDatasetsImagesClient(transport)

    async def create(
        self,
        *,
        name: str,
        space_id: str,
        format_type: DocumentFormatType,
        description: str | None = None,
        icon_file_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateDatasetResp:
        """Create an empty dataset in a workspace: ``DOCUMENT`` (text) or ``IMAGE`` (the API
        cannot create table datasets). ``icon_file_id``: an image uploaded with
        ``coze.files.upload``. ``POST /v1/datasets``."""
        require_id("space_id", space_id)
        body = omit_none(
            name=name,
            space_id=space_id,
            format_type=format_type_arg(format_type),
            description=description,
            file_id=icon_file_id,
        )
        request = Request("POST", "/v1/datasets", json=body, options=options)
        return await self._transport.call(request, CreateDatasetResp)

    def list(
        self,
        *,
        space_id: str,
        name: str | None = None,
        format_type: DocumentFormatType | None = None,
        page_num: int = 1,
        page_size: int = 10,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Dataset]:
        """The datasets of a workspace, page by page (``page_size`` 1-300); ``name`` matches
        part of the name, ``format_type`` keeps one kind. ``GET /v1/datasets``."""
        require_id("space_id", space_id)
        params = omit_none(
            space_id=space_id,
            name=name,
            format_type=None if format_type is None else format_type_arg(format_type),
        )
        request = Request("GET", "/v1/datasets", params=params, options=options)
        return self._transport.paged(request, DatasetsPage, NumberPaging(page_num, page_size))

    async def update(
        self,
        *,
        dataset_id: str,
        name: str,
        description: str | None = None,
        icon_file_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateDatasetRes:
        """Replace a dataset's name, description and icon: the ones left out go back to their
        defaults. ``PUT /v1/datasets/{dataset_id}``."""
        url = path("/v1/datasets/{dataset_id}", dataset_id=dataset_id)
        body = omit_none(name=name, description=description, file_id=icon_file_id)
        request = Request("PUT", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateDatasetRes)

    async def delete(
        self, *, dataset_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteDatasetRes:
        """Delete a dataset and every document in it (bots using it lose it).
        ``DELETE /v1/datasets/{dataset_id}``."""
        url = path("/v1/datasets/{dataset_id}", dataset_id=dataset_id)
        request = Request("DELETE", url, data_field=None, options=options)
        return await self._transport.call_empty(request, DeleteDatasetRes)

    async def process(
        self,
        *,
        dataset_id: str,
        document_ids: Sequence[str],
        **options: Unpack[RequestOptions],
    ) -> ListResponse[DocumentProgress]:
        """The processing progress of documents of one dataset (poll it until each is
        ``COMPLETED`` or ``FAILED``). ``POST /v1/datasets/{dataset_id}/process``."""
        url = path("/v1/datasets/{dataset_id}/process", dataset_id=dataset_id)
        request = Request(
            "POST",
            url,
            json=document_ids_body(document_ids),
            options=with_js_conv(options),
            data_field="data.data",
            idempotent=True,
        )
        return await self._transport.call_list(request, DocumentProgress)


# -- the sync twins ---------------------------------------------------------------------------


class DatasetsDocumentsClient(SyncResource[AsyncDatasetsDocumentsClient]):
    """Sync ``coze.datasets.documents``."""

    create: Final = forward(AsyncDatasetsDocumentsClient.create)
    update: Final = forward(AsyncDatasetsDocumentsClient.update)
    delete: Final = forward(AsyncDatasetsDocumentsClient.delete)
    list: Final = forward(AsyncDatasetsDocumentsClient.list)


class DatasetsImagesClient(SyncResource[AsyncDatasetsImagesClient]):
    """Sync ``coze.datasets.images``."""

    update: Final = forward(AsyncDatasetsImagesClient.update)
    list: Final = forward(AsyncDatasetsImagesClient.list)


class DatasetsClient(SyncResource[AsyncDatasetsClient]):
    """Sync ``coze.datasets``."""

    create: Final = forward(AsyncDatasetsClient.create)
    list: Final = forward(AsyncDatasetsClient.list)
    update: Final = forward(AsyncDatasetsClient.update)
    delete: Final = forward(AsyncDatasetsClient.delete)
    process: Final = forward(AsyncDatasetsClient.process)

    documents: Final = SubResource(DatasetsDocumentsClient)
    images: Final = SubResource(DatasetsImagesClient)
