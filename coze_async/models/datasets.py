"""Knowledge-base payloads (``coze.datasets`` and the older ``coze.knowledge``): datasets, the
documents (files, web pages, images) in them, their processing progress and their images.

Field names and enum values as in cozepy and the Coze OpenAPI description.
"""

from __future__ import annotations

import base64

from attrs import define, field

from ._base import CozeModel, DynamicIntEnum, Page

__all__ = [
    "CreateDatasetResp",
    "Dataset",
    "DatasetStatus",
    "DeleteDatasetRes",
    "DeleteDocumentRes",
    "Document",
    "DocumentBase",
    "DocumentChunkStrategy",
    "DocumentFormatType",
    "DocumentProgress",
    "DocumentSourceInfo",
    "DocumentSourceType",
    "DocumentStatus",
    "DocumentUpdateRule",
    "DocumentUpdateType",
    "Photo",
    "PhotoStatus",
    "UpdateDatasetRes",
    "UpdateDocumentRes",
    "UpdateImageRes",
]


# -- enums --------------------------------------------------------------------------------------


class DocumentFormatType(DynamicIntEnum):
    """The kind of a dataset or of a document in it."""

    #: Text: txt, pdf, doc(x) files and web pages.
    DOCUMENT = 0
    #: Tables (xls and the like); the API cannot create table datasets.
    SPREADSHEET = 1
    #: Images (png, jpg, ...).
    IMAGE = 2


class DocumentSourceType(DynamicIntEnum):
    """Where a document came from."""

    #: A local file sent base64-encoded.
    LOCAL_FILE = 0
    #: An online web page.
    ONLINE_WEB = 1
    CUSTOM = 2
    THIRD_PARTY = 3
    FRONT_CRAWL = 4
    #: A file uploaded with ``coze.files.upload`` (images).
    UPLOAD_FILE_ID = 5
    NOTION = 101
    GOOGLE_DRIVE = 102
    FEISHU_WEB = 103
    LARK_WEB = 104


class DocumentStatus(DynamicIntEnum):
    """The processing state of a document."""

    PROCESSING = 0
    COMPLETED = 1
    #: Processing failed; upload the document again.
    FAILED = 9


class DocumentUpdateType(DynamicIntEnum):
    """Whether an online web page is fetched again on a schedule."""

    NO_AUTO_UPDATE = 0
    AUTO_UPDATE = 1


class DatasetStatus(DynamicIntEnum):
    """Whether a dataset is in use."""

    ENABLED = 1
    DISABLED = 3


class PhotoStatus(DynamicIntEnum):
    """The processing state of an image in an image dataset."""

    IN_PROCESSING = 0
    COMPLETED = 1
    #: Processing failed; upload the image again.
    PROCESSING_FAILED = 9


# -- what documents are created from ------------------------------------------------------------


@define(kw_only=True)
class DocumentChunkStrategy(CozeModel):
    """How a dataset's documents are cut into segments (set by the first upload to a dataset;
    later uploads keep it). Build one with :meth:`build_auto` or :meth:`build_custom`."""

    #: 0: automatic segmentation and cleaning; 1: custom (the fields below).
    chunk_type: int | None = None
    #: Image datasets: 0 the service captions images, 1 you caption them
    #: (``coze.datasets.images.update``). Required on the first upload to an image dataset.
    caption_type: int | None = None
    #: Longest segment, 100-2000 tokens (custom segmentation).
    max_tokens: int | None = None
    #: Squeeze runs of spaces, line breaks and tabs (custom segmentation).
    remove_extra_spaces: bool | None = None
    #: Drop URLs and e-mail addresses (custom segmentation).
    remove_urls_emails: bool | None = None
    #: The text segments are cut at (custom segmentation).
    separator: str | None = None

    @staticmethod
    def build_auto() -> DocumentChunkStrategy:
        """Automatic segmentation and cleaning."""
        return DocumentChunkStrategy(chunk_type=0)

    @staticmethod
    def build_custom(
        max_tokens: int,
        separator: str,
        remove_extra_spaces: bool = False,
        remove_urls_emails: bool = False,
    ) -> DocumentChunkStrategy:
        """Segments cut at ``separator``, at most ``max_tokens`` (100-2000) long."""
        return DocumentChunkStrategy(
            chunk_type=1,
            max_tokens=max_tokens,
            remove_extra_spaces=remove_extra_spaces,
            remove_urls_emails=remove_urls_emails,
            separator=separator,
        )


@define(kw_only=True)
class DocumentSourceInfo(CozeModel):
    """Where a new document's content comes from; build one with :meth:`build_local_file`,
    :meth:`build_web_page` or :meth:`build_file_id`."""

    #: A local file's content, base64-encoded.
    file_base64: str | None = None
    #: A local file's extension: pdf, txt, doc or docx (it must fit the dataset's kind).
    file_type: str | None = None
    #: A web page's address.
    web_url: str | None = None
    #: A file uploaded with ``coze.files.upload`` (images).
    source_file_id: str | None = None
    document_source: DocumentSourceType | None = None

    @staticmethod
    def build_local_file(content: str | bytes, file_type: str = "txt") -> DocumentSourceInfo:
        """A local file from its content (text is encoded as UTF-8), sent base64-encoded."""
        raw = content.encode("utf-8") if isinstance(content, str) else content
        return DocumentSourceInfo(
            file_base64=base64.standard_b64encode(raw).decode("ascii"), file_type=file_type
        )

    @staticmethod
    def build_web_page(url: str) -> DocumentSourceInfo:
        """An online web page."""
        return DocumentSourceInfo(web_url=url, document_source=DocumentSourceType.ONLINE_WEB)

    @staticmethod
    def build_file_id(file_id: str) -> DocumentSourceInfo:
        """A file uploaded with ``coze.files.upload`` (how images are added)."""
        return DocumentSourceInfo(
            source_file_id=file_id, document_source=DocumentSourceType.UPLOAD_FILE_ID
        )


@define(kw_only=True)
class DocumentUpdateRule(CozeModel):
    """Whether and how often an online web page is fetched again."""

    update_type: DocumentUpdateType
    #: Hours between fetches (at least 24).
    update_interval: int

    @staticmethod
    def build_no_auto_update() -> DocumentUpdateRule:
        """Never fetch the page again."""
        return DocumentUpdateRule(update_type=DocumentUpdateType.NO_AUTO_UPDATE, update_interval=24)

    @staticmethod
    def build_auto_update(interval: int) -> DocumentUpdateRule:
        """Fetch the page again every ``interval`` hours (at least 24)."""
        return DocumentUpdateRule(
            update_type=DocumentUpdateType.AUTO_UPDATE, update_interval=interval
        )


@define(kw_only=True)
class DocumentBase(CozeModel):
    """A document to add to a dataset: its name and where its content comes from."""

    name: str
    source_info: DocumentSourceInfo
    #: Web pages: the update schedule (by default never updated).
    update_rule: DocumentUpdateRule | None = None
    #: Image datasets: the image's caption.
    caption: str | None = None


# -- what the service reports -------------------------------------------------------------------


@define(kw_only=True)
class Document(CozeModel):
    """A document (file, web page or image) of a dataset."""

    document_id: str
    name: str
    #: PROCESSING after upload, then COMPLETED (or FAILED).
    status: DocumentStatus
    #: Characters of content.
    char_count: int = 0
    chunk_strategy: DocumentChunkStrategy | None = None
    format_type: DocumentFormatType = DocumentFormatType.DOCUMENT
    #: How often conversations hit it.
    hit_count: int = 0
    #: Size in bytes.
    size: int = 0
    #: Segments it was cut into.
    slice_count: int = 0
    source_type: DocumentSourceType = DocumentSourceType.LOCAL_FILE
    #: A local file's extension, e.g. ``txt``.
    type: str = ""
    #: Web pages: hours between fetches.
    update_interval: int = 0
    update_type: DocumentUpdateType = DocumentUpdateType.NO_AUTO_UPDATE
    #: Upload time, Unix seconds.
    create_time: int = 0
    #: Last change, Unix seconds.
    update_time: int = 0


@define(kw_only=True)
class DocumentProgress(CozeModel):
    """How far the processing of one document has come (``coze.datasets.process``)."""

    status: DocumentStatus
    document_id: str = ""
    #: The file's address.
    url: str = ""
    #: Size in bytes.
    size: int = 0
    #: A local file's extension, e.g. ``txt``.
    type: str = ""
    #: Percent done.
    progress: int = 0
    update_type: DocumentUpdateType = DocumentUpdateType.NO_AUTO_UPDATE
    document_name: str = ""
    #: Estimated seconds left.
    remaining_time: int = 0
    #: Why processing failed (only then).
    status_descript: str = ""
    #: Web pages: hours between fetches.
    update_interval: int = 0


@define(kw_only=True)
class Dataset(CozeModel):
    """A knowledge base (dataset) of a workspace."""

    dataset_id: str
    name: str
    #: The workspace it belongs to.
    space_id: str
    status: DatasetStatus
    #: The kind of documents it holds.
    format_type: DocumentFormatType
    description: str = ""
    can_edit: bool = False
    icon_url: str = ""
    #: Documents in it.
    doc_count: int = 0
    #: The names of its documents.
    file_list: list[str] = field(factory=list)
    #: How often conversations hit it.
    hit_count: int = 0
    #: Bots using it.
    bot_used_count: int = 0
    #: Segments in it.
    slice_count: int = 0
    #: Bytes of all its documents.
    all_file_size: int = 0
    chunk_strategy: DocumentChunkStrategy | None = None
    #: The names of the documents whose processing failed.
    failed_file_list: list[str] = field(factory=list)
    #: The names of the documents still being processed.
    processing_file_list: list[str] = field(factory=list)
    #: The ids of the documents still being processed.
    processing_file_id_list: list[str] = field(factory=list)
    #: The creator's avatar.
    avatar_url: str = ""
    creator_id: str = ""
    creator_name: str = ""
    #: Creation time, Unix seconds.
    create_time: int = 0
    #: Last change, Unix seconds.
    update_time: int = 0


@define(kw_only=True)
class Photo(CozeModel):
    """An image of an image dataset."""

    #: The image's document id.
    document_id: str
    status: PhotoStatus
    source_type: DocumentSourceType
    url: str = ""
    name: str = ""
    #: Size in bytes.
    size: int = 0
    #: The file's extension, e.g. ``png``.
    type: str = ""
    caption: str = ""
    creator_id: str = ""
    #: Upload time, Unix seconds.
    create_time: int = 0
    #: Last change, Unix seconds.
    update_time: int = 0


@define(kw_only=True)
class CreateDatasetResp(CozeModel):
    """The result of ``coze.datasets.create``: the new dataset's id."""

    dataset_id: str


@define(kw_only=True)
class UpdateDatasetRes(CozeModel):
    """The (empty) result of ``coze.datasets.update``; ``.response`` holds the HTTP response."""


@define(kw_only=True)
class DeleteDatasetRes(CozeModel):
    """The (empty) result of ``coze.datasets.delete``."""


@define(kw_only=True)
class UpdateDocumentRes(CozeModel):
    """The (empty) result of ``coze.datasets.documents.update``."""


@define(kw_only=True)
class DeleteDocumentRes(CozeModel):
    """The (empty) result of ``coze.datasets.documents.delete``."""


@define(kw_only=True)
class UpdateImageRes(CozeModel):
    """The (empty) result of ``coze.datasets.images.update``."""


# -- pages (internal) ---------------------------------------------------------------------------


@define(kw_only=True)
class DatasetsPage(Page[Dataset]):
    """One page of ``GET /v1/datasets`` (internal)."""

    _items_field = "dataset_list"
    _has_more_field = None
    _total_field = "total_count"

    dataset_list: list[Dataset] = field(factory=list)
    total_count: int | None = None


@define(kw_only=True)
class DocumentsPage(Page[Document]):
    """One page of ``POST /open_api/knowledge/document/list``: the whole body, beside
    ``code`` and ``msg`` (internal)."""

    _items_field = "document_infos"
    _has_more_field = None

    document_infos: list[Document] = field(factory=list)
    total: int | None = None


@define(kw_only=True)
class PhotosPage(Page[Photo]):
    """One page of ``GET /v1/datasets/{dataset_id}/images`` (internal)."""

    _items_field = "photo_infos"
    _has_more_field = None
    _total_field = "total_count"

    photo_infos: list[Photo] = field(factory=list)
    total_count: int | None = None
