"""Knowledge bases: datasets (``/v1/datasets``), their documents
(``/open_api/knowledge/document/{create,list,update,delete}``, answered outside ``data``), the
processing progress of documents (``/v1/datasets/{id}/process``) and the images of image
datasets (``/v1/datasets/{id}/images``).

Datasets belong to a workspace (``space_id``). Text datasets take local files (base64: pdf, txt,
doc, docx) or web pages; image datasets take files uploaded with ``/v1/files/upload``. A new
document is PROCESSING (status 0): the first :attr:`DatasetsState.processing_polls` looks at it
(``process``, the document list, the image list) still see it processing, with its progress;
the next one sees it COMPLETED (1), its text counted and cut into segments. A document with no
text, or a web page on a ``.invalid`` host, ends FAILED (9) with a ``status_descript``. An
image dataset captioned by the service (``caption_type`` 0) gets a caption for each image once
it is processed; with ``caption_type`` 1 the captions are set through ``images.update``.

Requests sent with ``Agw-Js-Conv: str`` get their 64-bit numbers (``size``,
``remaining_time``, ``max_tokens``) back as strings, as the service writes them then.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs
from aiohttp import web

from .._state import STORE, Store
from .._wire import (
    ApiError,
    bad_request,
    envelope,
    int_param,
    json_body,
    new_id,
    now,
    page_of,
    require,
)
from .workspaces import EMULATOR_USER_ID, find_workspace

__all__ = ["DatasetsState", "add_routes", "find_dataset"]

_TEXT, _TABLE, _IMAGE = 0, 1, 2
_PROCESSING, _COMPLETED, _FAILED = 0, 1, 9
_LOCAL_FILE, _WEB_PAGE, _FILE_ID = 0, 1, 5
#: The local files a text dataset takes.
_TEXT_FILE_TYPES = frozenset({"pdf", "txt", "doc", "docx"})
_MAX_NAME = 100
_MAX_CREATE = 10
_MAX_DELETE = 100
#: Segment length of automatic segmentation.
_AUTO_SEGMENT = 800
_FILE_URL = "https://coze-emulator.invalid/files/{file_id}/{name}"


@attrs.define
class _Document:
    """A stored document: its API record (DocumentInfo fields, and ``url``/``caption`` for
    progress and images) and what its processing will end with."""

    record: dict[str, Any]
    dataset_id: str
    #: Looks still answered with PROCESSING.
    pending_polls: int
    #: How many looks it has had while processing.
    looks: int = 0
    #: What processing finds: characters and segments, or why it fails.
    char_count: int = 0
    slice_count: int = 0
    failure: str = ""


@attrs.define
class DatasetsState:
    """The datasets (API records by id, without the counts derived from their documents) and
    their documents (by id, oldest first)."""

    records: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    documents: dict[str, _Document] = attrs.field(factory=dict)
    #: How many looks (process, document list, image list) a new document is still processing.
    processing_polls: int = 1


def add_routes(app: web.Application) -> None:
    """Register the datasets and knowledge-document endpoints."""
    app.router.add_post("/v1/datasets", create_dataset)
    app.router.add_get("/v1/datasets", list_datasets)
    app.router.add_put("/v1/datasets/{dataset_id}", update_dataset)
    app.router.add_delete("/v1/datasets/{dataset_id}", delete_dataset)
    app.router.add_post("/v1/datasets/{dataset_id}/process", document_progress)
    app.router.add_get("/v1/datasets/{dataset_id}/images", list_images)
    app.router.add_put("/v1/datasets/{dataset_id}/images/{document_id}", update_image)
    app.router.add_post("/open_api/knowledge/document/create", create_documents)
    app.router.add_post("/open_api/knowledge/document/list", list_documents)
    app.router.add_post("/open_api/knowledge/document/update", update_document)
    app.router.add_post("/open_api/knowledge/document/delete", delete_documents)


# -- helpers ------------------------------------------------------------------------------------


def find_dataset(store: Store, dataset_id: str) -> dict[str, Any]:
    """The stored dataset record, or a 4200 error."""
    dataset = store.datasets.records.get(dataset_id)
    if dataset is None:
        raise ApiError(4200, f"dataset {dataset_id} does not exist")
    return dataset


def _js_conv(request: web.Request) -> bool:
    return request.headers.get("Agw-Js-Conv") == "str"


def _i64(request: web.Request, value: int) -> int | str:
    """A 64-bit number as the service writes it: a string under ``Agw-Js-Conv: str``."""
    return str(value) if _js_conv(request) else value


def _name(body: Mapping[str, Any], field: str = "name") -> str:
    name = require(body, field)
    if len(name) > _MAX_NAME:
        raise bad_request(f"{field} is at most {_MAX_NAME} characters")
    return name


def _optional_str(body: Mapping[str, Any], field: str) -> str | None:
    value = body.get(field)
    if value is not None and not isinstance(value, str):
        raise bad_request(f"{field} must be a string")
    return value


def _icon_url(store: Store, file_id: str | None) -> str:
    if not file_id:
        return ""
    info = store.files.records.get(file_id)
    if info is None:
        raise ApiError(4200, f"file {file_id} does not exist")
    return _FILE_URL.format(file_id=file_id, name=info["file_name"])


def _int_field(value: Any, field: str) -> int:
    """An integer body field (a number, or its text as under ``Agw-Js-Conv``)."""
    if isinstance(value, bool):
        raise bad_request(f"{field} must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    raise bad_request(f"{field} must be an integer")


def _ids(body: Mapping[str, Any], most: int | None = None) -> list[str]:
    ids = body.get("document_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
        raise bad_request("document_ids must be a non-empty list of document ids")
    if most is not None and len(ids) > most:
        raise bad_request(f"document_ids takes at most {most} ids")
    return ids


def _documents_of(store: Store, dataset_id: str) -> list[_Document]:
    return [d for d in store.datasets.documents.values() if d.dataset_id == dataset_id]


def _dataset_view(store: Store, dataset: dict[str, Any]) -> dict[str, Any]:
    """The dataset record with the counts derived from its documents."""
    documents = [d.record for d in _documents_of(store, dataset["dataset_id"])]
    return {
        **dataset,
        "doc_count": len(documents),
        "file_list": [d["name"] for d in documents],
        "slice_count": sum(d["slice_count"] for d in documents),
        "all_file_size": sum(d["size"] for d in documents),
        "hit_count": sum(d["hit_count"] for d in documents),
        "failed_file_list": [d["name"] for d in documents if d["status"] == _FAILED],
        "processing_file_list": [d["name"] for d in documents if d["status"] == _PROCESSING],
        "processing_file_id_list": [
            d["document_id"] for d in documents if d["status"] == _PROCESSING
        ],
    }


def _look(store: Store, document: _Document) -> None:
    """One look at a processing document: it is still processing for the first
    ``processing_polls`` looks, then done (COMPLETED, or FAILED with its reason)."""
    record = document.record
    if record["status"] != _PROCESSING:
        return
    if document.pending_polls > 0:
        document.pending_polls -= 1
        document.looks += 1
        return
    record["update_time"] = now()
    if document.failure:
        record["status"] = _FAILED
        record["status_descript"] = document.failure
        return
    record.update(
        status=_COMPLETED,
        char_count=document.char_count,
        slice_count=document.slice_count,
    )
    dataset = store.datasets.records.get(document.dataset_id)
    strategy = (dataset or {}).get("chunk_strategy") or {}
    if (
        record["format_type"] == _IMAGE
        and not record["caption"]
        and not strategy.get("caption_type")
    ):
        stem = record["name"].rsplit(".", 1)[0]
        record["caption"] = f"An image: {stem}"


def _progress(document: _Document) -> int:
    status = document.record["status"]
    if status != _PROCESSING:
        return 100
    steps = document.looks + document.pending_polls + 1
    return min(99, 100 * document.looks // steps)


def _chunk_strategy_out(request: web.Request, strategy: dict[str, Any] | None) -> Any:
    if strategy is None or "max_tokens" not in strategy:
        return strategy
    return {**strategy, "max_tokens": _i64(request, strategy["max_tokens"])}


def _document_info(request: web.Request, document: _Document) -> dict[str, Any]:
    """A document as the document routes show it (DocumentInfo)."""
    record = document.record
    keys = (
        "document_id",
        "name",
        "char_count",
        "format_type",
        "hit_count",
        "size",
        "slice_count",
        "source_type",
        "status",
        "type",
        "update_interval",
        "update_type",
        "create_time",
        "update_time",
        "tos_uri",
    )
    info = {key: record[key] for key in keys}
    info["chunk_strategy"] = _chunk_strategy_out(request, record["chunk_strategy"])
    return info


def _progress_info(request: web.Request, document: _Document) -> dict[str, Any]:
    record = document.record
    processing = record["status"] == _PROCESSING
    info: dict[str, Any] = {
        "document_id": record["document_id"],
        "document_name": record["name"],
        "url": record["url"],
        "size": _i64(request, record["size"]),
        "type": record["type"],
        "status": record["status"],
        "progress": _progress(document),
        "remaining_time": _i64(request, document.pending_polls + 1 if processing else 0),
        "update_type": record["update_type"],
        "update_interval": record["update_interval"],
    }
    if record["status"] == _FAILED:
        info["status_descript"] = record["status_descript"]
    return info


def _photo_info(document: _Document) -> dict[str, Any]:
    record = document.record
    keys = (
        "document_id",
        "url",
        "name",
        "size",
        "type",
        "status",
        "caption",
        "creator_id",
        "source_type",
        "create_time",
        "update_time",
    )
    return {key: record[key] for key in keys}


# -- datasets -----------------------------------------------------------------------------------


async def create_dataset(request: web.Request) -> web.Response:
    """``POST /v1/datasets``: an empty text or image dataset in a workspace."""
    store = request.app[STORE]
    body = await json_body(request)
    name = _name(body)
    space_id = require(body, "space_id")
    find_workspace(store, space_id)
    format_type = body.get("format_type")
    if format_type == _TABLE:
        raise bad_request("table datasets cannot be created through the API")
    if format_type not in (_TEXT, _IMAGE) or isinstance(format_type, bool):
        raise bad_request("format_type must be 0 (text) or 2 (image)")
    description = _optional_str(body, "description") or ""
    icon_url = _icon_url(store, _optional_str(body, "file_id"))
    dataset_id = new_id()
    created = now()
    store.datasets.records[dataset_id] = {
        "dataset_id": dataset_id,
        "name": name,
        "description": description,
        "space_id": space_id,
        "status": 1,
        "format_type": format_type,
        "dataset_type": 0,
        "can_edit": True,
        "icon_url": icon_url,
        "hit_count": 0,
        "bot_used_count": 0,
        "chunk_strategy": None,
        "avatar_url": "",
        "creator_id": EMULATOR_USER_ID,
        "creator_name": "Emulator",
        "create_time": created,
        "update_time": created,
    }
    return envelope(request, {"dataset_id": dataset_id})


async def list_datasets(request: web.Request) -> web.Response:
    """``GET /v1/datasets``: a workspace's datasets, newest first, page by page."""
    store = request.app[STORE]
    query = request.query
    space_id = require(query, "space_id")
    find_workspace(store, space_id)
    name = (query.get("name") or "").casefold()
    format_type = query.get("format_type")
    wanted = None if format_type in (None, "") else int_param(query, "format_type", 0, low=0)
    page_num = int_param(query, "page_num", 1)
    page_size = int_param(query, "page_size", 10, high=300)
    matching = [
        d
        for d in reversed(store.datasets.records.values())
        if d["space_id"] == space_id
        and name in d["name"].casefold()
        and (wanted is None or d["format_type"] == wanted)
    ]
    page = [_dataset_view(store, d) for d in page_of(matching, page_num, page_size)]
    return envelope(request, {"dataset_list": page, "total_count": len(matching)})


async def update_dataset(request: web.Request) -> web.Response:
    """``PUT /v1/datasets/{dataset_id}``: name, description and icon, all replaced (what is
    left out goes back to its default)."""
    store = request.app[STORE]
    dataset = find_dataset(store, request.match_info["dataset_id"])
    body = await json_body(request)
    name = _name(body)
    description = _optional_str(body, "description") or ""
    icon_url = _icon_url(store, _optional_str(body, "file_id"))
    dataset.update(name=name, description=description, icon_url=icon_url, update_time=now())
    return envelope(request)


async def delete_dataset(request: web.Request) -> web.Response:
    """``DELETE /v1/datasets/{dataset_id}``: the dataset and all its documents."""
    store = request.app[STORE]
    dataset_id = request.match_info["dataset_id"]
    find_dataset(store, dataset_id)
    del store.datasets.records[dataset_id]
    for document in _documents_of(store, dataset_id):
        del store.datasets.documents[document.record["document_id"]]
    return envelope(request)


async def document_progress(request: web.Request) -> web.Response:
    """``POST /v1/datasets/{dataset_id}/process``: the progress of documents of the dataset
    (each look moves a processing document on)."""
    store = request.app[STORE]
    dataset_id = request.match_info["dataset_id"]
    find_dataset(store, dataset_id)
    ids = _ids(await json_body(request))
    documents = []
    for document_id in ids:
        document = store.datasets.documents.get(document_id)
        if document is None or document.dataset_id != dataset_id:
            raise ApiError(4200, f"document {document_id} does not exist in dataset {dataset_id}")
        documents.append(document)
    result = []
    for document in documents:
        _look(store, document)
        result.append(_progress_info(request, document))
    return envelope(request, {"data": result})


# -- images -------------------------------------------------------------------------------------


def _image_dataset(store: Store, dataset_id: str) -> dict[str, Any]:
    dataset = find_dataset(store, dataset_id)
    if dataset["format_type"] != _IMAGE:
        raise bad_request(f"dataset {dataset_id} is not an image dataset")
    return dataset


async def list_images(request: web.Request) -> web.Response:
    """``GET /v1/datasets/{dataset_id}/images``: the images, filtered by caption, page by page
    (each look moves a processing image on)."""
    store = request.app[STORE]
    dataset_id = request.match_info["dataset_id"]
    _image_dataset(store, dataset_id)
    query = request.query
    keyword = (query.get("keyword") or "").casefold()
    has_caption = query.get("has_caption")
    if has_caption not in (None, "", "true", "false", "True", "False"):
        raise bad_request("has_caption must be true or false")
    page_num = int_param(query, "page_num", 1)
    page_size = int_param(query, "page_size", 10, high=299)
    documents = _documents_of(store, dataset_id)
    for document in documents:
        _look(store, document)
    matching = [
        d
        for d in documents
        if keyword in d.record["caption"].casefold()
        and (
            has_caption in (None, "")
            or bool(d.record["caption"]) == (has_caption.lower() == "true")
        )
    ]
    page = [_photo_info(d) for d in page_of(matching, page_num, page_size)]
    return envelope(request, {"photo_infos": page, "total_count": len(matching)})


async def update_image(request: web.Request) -> web.Response:
    """``PUT /v1/datasets/{dataset_id}/images/{document_id}``: set an image's caption."""
    store = request.app[STORE]
    dataset_id = request.match_info["dataset_id"]
    _image_dataset(store, dataset_id)
    document_id = request.match_info["document_id"]
    document = store.datasets.documents.get(document_id)
    if document is None or document.dataset_id != dataset_id:
        raise ApiError(4200, f"image {document_id} does not exist in dataset {dataset_id}")
    caption = (await json_body(request)).get("caption")
    if not isinstance(caption, str):
        raise bad_request("caption is required")
    document.record.update(caption=caption, update_time=now())
    return envelope(request)


# -- documents ----------------------------------------------------------------------------------


def _check_chunk_strategy(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request("chunk_strategy must be an object")
    strategy = {k: v for k, v in value.items() if v is not None}
    chunk_type = _int_field(strategy.get("chunk_type", 0), "chunk_strategy.chunk_type")
    if chunk_type not in (0, 1):
        raise bad_request("chunk_strategy.chunk_type must be 0 (automatic) or 1 (custom)")
    strategy["chunk_type"] = chunk_type
    if "caption_type" in strategy:
        caption_type = _int_field(strategy["caption_type"], "chunk_strategy.caption_type")
        if caption_type not in (0, 1):
            raise bad_request("chunk_strategy.caption_type must be 0 (automatic) or 1 (manual)")
        strategy["caption_type"] = caption_type
    if chunk_type == 1:
        max_tokens = _int_field(strategy.get("max_tokens"), "chunk_strategy.max_tokens")
        if not 100 <= max_tokens <= 2000:
            raise bad_request("chunk_strategy.max_tokens must be between 100 and 2000")
        strategy["max_tokens"] = max_tokens
        separator = strategy.get("separator")
        if not isinstance(separator, str) or not separator:
            raise bad_request("chunk_strategy.separator is required for custom segmentation")
    return strategy


def _update_rule(value: Any, where: str) -> tuple[int, int]:
    """``(update_type, update_interval)`` of an update rule."""
    if not isinstance(value, dict):
        raise bad_request(f"{where} must be an object")
    update_type = _int_field(value.get("update_type", 0), f"{where}.update_type")
    if update_type not in (0, 1):
        raise bad_request(f"{where}.update_type must be 0 (no update) or 1 (automatic)")
    interval = _int_field(value.get("update_interval", 24), f"{where}.update_interval")
    if update_type == 1 and interval < 24:
        raise bad_request(f"{where}.update_interval is at least 24 hours")
    return update_type, interval


def _segments(text: str, strategy: dict[str, Any]) -> int:
    if strategy.get("chunk_type") == 1:
        size = strategy["max_tokens"]
        pieces = [p for p in text.split(strategy["separator"]) if p.strip()]
        return sum(math.ceil(len(p) / size) for p in pieces)
    return math.ceil(len(text) / _AUTO_SEGMENT)


@attrs.define
class _Upload:
    """One checked entry of ``document_bases``."""

    kind: int
    name: str
    record: dict[str, Any]
    text: str = ""
    failure: str = ""


def _text_upload(i: int, base: Mapping[str, Any], source: Mapping[str, Any]) -> _Upload:
    where = f"document_bases[{i}]"
    name = base["name"]
    web_url = source.get("web_url")
    if web_url is not None or source.get("document_source") == _WEB_PAGE:
        if not isinstance(web_url, str) or urlsplit(web_url).scheme not in ("http", "https"):
            raise bad_request(f"{where}.source_info.web_url must be an http(s) URL")
        update_type, interval = 0, 0
        if base.get("update_rule") is not None:
            update_type, interval = _update_rule(base["update_rule"], f"{where}.update_rule")
        host = urlsplit(web_url).hostname or ""
        text = f"{name}\n\nThe page at {web_url}, as the emulator fetched it.\n"
        failure = "the web page could not be fetched" if host.endswith(".invalid") else ""
        record = {
            "source_type": _WEB_PAGE,
            "type": "",
            "url": web_url,
            "size": len(text.encode("utf-8")),
            "update_type": update_type,
            "update_interval": interval,
        }
        return _Upload(_WEB_PAGE, name, record, text, failure)
    encoded = source.get("file_base64")
    file_type = source.get("file_type")
    if not isinstance(encoded, str):
        raise bad_request(
            f"{where}.source_info needs file_base64 and file_type (a local file) or web_url"
        )
    if file_type not in _TEXT_FILE_TYPES:
        kinds = ", ".join(sorted(_TEXT_FILE_TYPES))
        raise bad_request(f"{where}.source_info.file_type must be one of {kinds}")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(f"{where}.source_info.file_base64 is not valid base64") from None
    text = content.decode("utf-8", errors="ignore")
    record = {
        "source_type": _LOCAL_FILE,
        "type": file_type,
        "url": "",
        "size": len(content),
        "update_type": 0,
        "update_interval": 0,
    }
    failure = "" if text.strip() else "the document has no text to cut into segments"
    return _Upload(_LOCAL_FILE, name, record, text, failure)


def _image_upload(
    store: Store, i: int, base: Mapping[str, Any], source: Mapping[str, Any]
) -> _Upload:
    where = f"document_bases[{i}]"
    file_id = source.get("source_file_id")
    if not isinstance(file_id, str) or not file_id:
        raise bad_request(
            f"{where}.source_info.source_file_id is required: image datasets take files "
            "uploaded with /v1/files/upload"
        )
    info = store.files.records.get(file_id)
    if info is None:
        raise ApiError(4200, f"file {file_id} does not exist")
    caption = base.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise bad_request(f"{where}.caption must be a string")
    file_name = info["file_name"]
    record = {
        "source_type": _FILE_ID,
        "type": file_name.rsplit(".", 1)[-1].lower() if "." in file_name else "",
        "url": _FILE_URL.format(file_id=file_id, name=file_name),
        "size": info["bytes"],
        "update_type": 0,
        "update_interval": 0,
        "caption": caption or "",
    }
    return _Upload(_FILE_ID, base["name"], record)


async def create_documents(request: web.Request) -> web.Response:
    """``POST /open_api/knowledge/document/create``: up to 10 documents of one kind, answered
    ``{code, msg, document_infos}``; each starts PROCESSING."""
    store = request.app[STORE]
    body = await json_body(request)
    dataset_id = require(body, "dataset_id")
    dataset = find_dataset(store, dataset_id)
    bases = body.get("document_bases")
    if not isinstance(bases, list) or not bases:
        raise bad_request("document_bases must be a non-empty list")
    if len(bases) > _MAX_CREATE:
        raise bad_request(f"document_bases takes at most {_MAX_CREATE} documents")
    format_type = dataset["format_type"]
    sent_type = body.get("format_type")
    if sent_type is not None and sent_type != format_type:
        raise bad_request(f"format_type {sent_type} does not match the dataset's ({format_type})")
    strategy = _check_chunk_strategy(body.get("chunk_strategy"))
    first_upload = not _documents_of(store, dataset_id)
    if first_upload and format_type == _IMAGE and (strategy or {}).get("caption_type") is None:
        raise bad_request(
            "chunk_strategy.caption_type is required on the first upload to an image dataset"
        )
    uploads = []
    for i, base in enumerate(bases):
        if not isinstance(base, dict):
            raise bad_request(f"document_bases[{i}] must be an object")
        _name(base)
        source = base.get("source_info")
        if not isinstance(source, dict):
            raise bad_request(f"document_bases[{i}].source_info is required")
        if format_type == _IMAGE:
            uploads.append(_image_upload(store, i, base, source))
        else:
            uploads.append(_text_upload(i, base, source))
    if len({u.kind for u in uploads}) > 1:
        raise bad_request("upload local files or web pages in one request, not both")
    if first_upload or dataset["chunk_strategy"] is None:
        dataset["chunk_strategy"] = strategy or {"chunk_type": 0}
    strategy = dataset["chunk_strategy"]
    created = now()
    infos = []
    for upload in uploads:
        document_id = new_id()
        record = {
            "document_id": document_id,
            "name": upload.name,
            "char_count": 0,
            "chunk_strategy": dict(strategy),
            "format_type": format_type,
            "hit_count": 0,
            "slice_count": 0,
            "status": _PROCESSING,
            "status_descript": "",
            "caption": "",
            "creator_id": EMULATOR_USER_ID,
            "tos_uri": f"emulator/knowledge/{document_id}",
            "create_time": created,
            "update_time": created,
            **upload.record,
        }
        document = _Document(
            record=record,
            dataset_id=dataset_id,
            pending_polls=store.datasets.processing_polls,
            char_count=len(upload.text),
            slice_count=_segments(upload.text, strategy) if upload.text else 0,
            failure=upload.failure,
        )
        store.datasets.documents[document_id] = document
        infos.append(_document_info(request, document))
    dataset["update_time"] = created
    return envelope(request, document_infos=infos)


async def list_documents(request: web.Request) -> web.Response:
    """``POST /open_api/knowledge/document/list``: a dataset's documents, oldest first, page
    by page (``page``, ``size``), answered ``{code, msg, document_infos, total}`` (each look
    moves a processing document on)."""
    store = request.app[STORE]
    body = await json_body(request)
    dataset_id = require(body, "dataset_id")
    find_dataset(store, dataset_id)
    page_num = int_param(body, "page", 1)
    page_size = int_param(body, "size", 10)
    documents = _documents_of(store, dataset_id)
    page = page_of(documents, page_num, page_size)
    for document in page:
        _look(store, document)
    infos = [_document_info(request, d) for d in page]
    return envelope(request, document_infos=infos, total=len(documents))


async def update_document(request: web.Request) -> web.Response:
    """``POST /open_api/knowledge/document/update``: rename a document, or change a web page's
    update rule."""
    store = request.app[STORE]
    body = await json_body(request)
    document_id = require(body, "document_id")
    document = store.datasets.documents.get(document_id)
    if document is None:
        raise ApiError(4200, f"document {document_id} does not exist")
    record = document.record
    changes: dict[str, Any] = {}
    if body.get("document_name") is not None:
        changes["name"] = _name(body, "document_name")
    if body.get("update_rule") is not None:
        update_type, interval = _update_rule(body["update_rule"], "update_rule")
        if record["source_type"] == _WEB_PAGE:
            changes.update(update_type=update_type, update_interval=interval)
    record.update(changes, update_time=now())
    return envelope(request)


async def delete_documents(request: web.Request) -> web.Response:
    """``POST /open_api/knowledge/document/delete``: up to 100 documents, all or none."""
    store = request.app[STORE]
    ids = _ids(await json_body(request), _MAX_DELETE)
    documents = store.datasets.documents
    for document_id in ids:
        if document_id not in documents:
            raise ApiError(4200, f"document {document_id} does not exist")
    for document_id in ids:
        documents.pop(document_id, None)
    return envelope(request)
