"""The knowledge families: ``coze.datasets`` (with ``documents`` and ``images``) and the older
``coze.knowledge.documents``. HTTP is mocked with aioresponses; every call is checked from the
async API and from the sync API: the request sent (route, query, body, headers) and the model
returned. Then the details: builders, argument errors, paging, deprecation warnings."""

from __future__ import annotations

import base64
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aioresponses import aioresponses

import coze_async
import coze_async.models as models
from coze_async import (
    AsyncCoze,
    Coze,
    CozeAPIError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    ListResponse,
    TokenAuth,
)
from coze_async._converter import structure, unstructure
from coze_async.models.datasets import (
    CreateDatasetResp,
    Dataset,
    DatasetStatus,
    DeleteDatasetRes,
    DeleteDocumentRes,
    Document,
    DocumentBase,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentProgress,
    DocumentSourceInfo,
    DocumentSourceType,
    DocumentStatus,
    DocumentUpdateRule,
    DocumentUpdateType,
    Photo,
    PhotoStatus,
    UpdateDatasetRes,
    UpdateDocumentRes,
    UpdateImageRes,
)
from tests.conftest import MOCK_BASE, Sent, route, sent
from tests.sleeps import record_client_sleeps

BASE = MOCK_BASE
LOGID = "datasets-logid-1"
HEADERS = {"x-tt-logid": LOGID}
JS_CONV = {"Agw-Js-Conv": "str"}


def ok(data: Any = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": "", "detail": {"logid": LOGID}, **extra}
    if data is not None:
        body["data"] = data
    return body


DATASET = {
    "dataset_id": "ds-1",
    "name": "Manuals",
    "description": "product manuals",
    "space_id": "sp-1",
    "status": 1,
    "format_type": 0,
    "can_edit": True,
    "icon_url": "https://icon",
    "doc_count": 2,
    "file_list": ["a.txt", "b.pdf"],
    "hit_count": 3,
    "bot_used_count": 1,
    "slice_count": 7,
    "all_file_size": "123456789012",  # an i64: a string under Agw-Js-Conv
    "chunk_strategy": {"chunk_type": 1, "max_tokens": "800", "separator": "\n"},
    "failed_file_list": [],
    "processing_file_list": ["b.pdf"],
    "processing_file_id_list": ["doc-2"],
    "avatar_url": "https://avatar",
    "creator_id": "u-1",
    "creator_name": "Ann",
    "create_time": 1700000000,
    "update_time": 1700000100,
    "dataset_type": 0,  # not in the model: ignored
}
DOCUMENT = {
    "document_id": "doc-1",
    "name": "a.txt",
    "char_count": 1200,
    "chunk_strategy": {"chunk_type": 0},
    "format_type": 0,
    "hit_count": 0,
    "size": 1300,
    "slice_count": 2,
    "source_type": 0,
    "status": 0,
    "type": "txt",
    "update_interval": 0,
    "update_type": 0,
    "create_time": 1700000000,
    "update_time": 1700000000,
    "tos_uri": "x/y",
}
PROGRESS = {
    "document_id": "doc-1",
    "document_name": "a.txt",
    "url": "",
    "size": "1300",
    "type": "txt",
    "status": 1,
    "progress": 100,
    "remaining_time": "0",
    "update_type": 0,
    "update_interval": 0,
}
PHOTO = {
    "document_id": "img-1",
    "url": "https://img/cat.png",
    "name": "cat.png",
    "size": 2048,
    "type": "png",
    "status": 1,
    "caption": "a cat",
    "creator_id": "u-1",
    "source_type": 5,
    "create_time": 1700000000,
    "update_time": 1700000001,
}
WEB_BASE = DocumentBase(
    name="Home",
    source_info=DocumentSourceInfo.build_web_page("https://example.com"),
    update_rule=DocumentUpdateRule.build_auto_update(48),
)


# -- one call per checklist method ----------------------------------------------------------------


@dataclass
class Case:
    """One SDK call: the canned answer, the request it must send, and the result it must give."""

    method: str
    path: str
    call: Callable[[Any], Any]
    check: Callable[[Any], None]
    payload: dict[str, Any] = field(default_factory=ok)
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    deprecated: bool = False


def is_a(cls: type) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert type(result) is cls

    return check


def check_datasets(page: Any) -> None:
    (dataset,) = page.items
    assert isinstance(dataset, Dataset) and page.total == 1 and not page.has_more
    assert dataset.status is DatasetStatus.ENABLED
    assert dataset.format_type is DocumentFormatType.DOCUMENT
    assert dataset.all_file_size == 123456789012
    assert dataset.chunk_strategy == DocumentChunkStrategy(
        chunk_type=1, max_tokens=800, separator="\n"
    )
    assert dataset.processing_file_id_list == ["doc-2"] and dataset.file_list == ["a.txt", "b.pdf"]
    assert dataset.response.logid == LOGID


def check_documents(result: Any) -> None:
    assert isinstance(result, ListResponse)
    (document,) = result
    assert isinstance(document, Document) and document.status is DocumentStatus.PROCESSING
    assert document.source_type is DocumentSourceType.LOCAL_FILE
    assert document.chunk_strategy == DocumentChunkStrategy.build_auto()
    assert (document.size, document.char_count, document.type) == (1300, 1200, "txt")
    assert result.response.logid == LOGID and document.response.logid == LOGID


def check_document_page(page: Any) -> None:
    (document,) = page.items
    assert isinstance(document, Document) and document.document_id == "doc-1"
    assert page.total == 1 and not page.has_more


def check_progress(result: Any) -> None:
    assert isinstance(result, ListResponse)
    (progress,) = result
    assert isinstance(progress, DocumentProgress)
    assert progress.status is DocumentStatus.COMPLETED and progress.progress == 100
    assert (progress.size, progress.remaining_time) == (1300, 0)  # strings under Agw-Js-Conv
    assert progress.status_descript == ""


def check_photos(page: Any) -> None:
    (photo,) = page.items
    assert isinstance(photo, Photo) and photo.status is PhotoStatus.COMPLETED
    assert photo.source_type is DocumentSourceType.UPLOAD_FILE_ID and photo.caption == "a cat"
    assert page.total == 1


def check_none(result: Any) -> None:
    assert result is None


LOCAL_BASE = DocumentBase(name="a.txt", source_info=DocumentSourceInfo.build_local_file("hi"))
LOCAL_BASE_WIRE = {"name": "a.txt", "source_info": {"file_base64": "aGk=", "file_type": "txt"}}

CASES: dict[str, Case] = {
    "datasets.create": Case(
        "POST",
        "/v1/datasets",
        lambda c: c.datasets.create(
            name="Manuals",
            space_id="sp-1",
            format_type=DocumentFormatType.IMAGE,
            description="pictures",
            icon_file_id="file-1",
        ),
        lambda r: (is_a(CreateDatasetResp)(r), r.dataset_id == "ds-1"),
        payload=ok({"dataset_id": "ds-1"}),
        body={
            "name": "Manuals",
            "space_id": "sp-1",
            "format_type": 2,
            "description": "pictures",
            "file_id": "file-1",
        },
    ),
    "datasets.list": Case(
        "GET",
        "/v1/datasets",
        lambda c: c.datasets.list(
            space_id="sp-1", name="Man", format_type=DocumentFormatType.DOCUMENT, page_size=5
        ),
        check_datasets,
        payload=ok({"dataset_list": [DATASET], "total_count": 1}),
        query={
            "space_id": "sp-1",
            "name": "Man",
            "format_type": "0",
            "page_num": "1",
            "page_size": "5",
        },
    ),
    "datasets.update": Case(
        "PUT",
        "/v1/datasets/ds-1",
        lambda c: c.datasets.update(
            dataset_id="ds-1", name="Renamed", description="new", icon_file_id="file-2"
        ),
        is_a(UpdateDatasetRes),
        body={"name": "Renamed", "description": "new", "file_id": "file-2"},
    ),
    "datasets.delete": Case(
        "DELETE",
        "/v1/datasets/ds-1",
        lambda c: c.datasets.delete(dataset_id="ds-1"),
        is_a(DeleteDatasetRes),
    ),
    "datasets.process": Case(
        "POST",
        "/v1/datasets/ds-1/process",
        lambda c: c.datasets.process(dataset_id="ds-1", document_ids=["doc-1"]),
        check_progress,
        payload=ok({"data": [PROGRESS]}),
        body={"document_ids": ["doc-1"]},
        headers=JS_CONV,
    ),
    "datasets.documents.create": Case(
        "POST",
        "/open_api/knowledge/document/create",
        lambda c: c.datasets.documents.create(
            dataset_id="ds-1",
            document_bases=[LOCAL_BASE],
            chunk_strategy=DocumentChunkStrategy.build_auto(),
            format_type=DocumentFormatType.DOCUMENT,
        ),
        check_documents,
        payload=ok(document_infos=[DOCUMENT]),
        body={
            "dataset_id": "ds-1",
            "document_bases": [LOCAL_BASE_WIRE],
            "chunk_strategy": {"chunk_type": 0},
            "format_type": 0,
        },
        headers=JS_CONV,
    ),
    "datasets.documents.list": Case(
        "POST",
        "/open_api/knowledge/document/list",
        lambda c: c.datasets.documents.list(dataset_id="ds-1"),
        check_document_page,
        payload=ok(document_infos=[DOCUMENT], total=1),
        body={"dataset_id": "ds-1", "page": 1, "size": 10},
        headers=JS_CONV,
    ),
    "datasets.documents.update": Case(
        "POST",
        "/open_api/knowledge/document/update",
        lambda c: c.datasets.documents.update(
            document_id="doc-1",
            document_name="b.txt",
            update_rule=DocumentUpdateRule.build_no_auto_update(),
        ),
        is_a(UpdateDocumentRes),
        body={
            "document_id": "doc-1",
            "document_name": "b.txt",
            "update_rule": {"update_type": 0, "update_interval": 24},
        },
        headers=JS_CONV,
    ),
    "datasets.documents.delete": Case(
        "POST",
        "/open_api/knowledge/document/delete",
        lambda c: c.datasets.documents.delete(document_ids=["doc-1", "doc-2"]),
        is_a(DeleteDocumentRes),
        body={"document_ids": ["doc-1", "doc-2"]},
        headers=JS_CONV,
    ),
    "datasets.images.list": Case(
        "GET",
        "/v1/datasets/ds-1/images",
        lambda c: c.datasets.images.list(
            dataset_id="ds-1", keyword="cat", has_caption=True, page_num=2, page_size=1
        ),
        lambda page: (check_photos(page), page.has_more is False),
        payload=ok({"photo_infos": [PHOTO], "total_count": 1}),
        query={"keyword": "cat", "has_caption": "true", "page_num": "2", "page_size": "1"},
    ),
    "datasets.images.update": Case(
        "PUT",
        "/v1/datasets/ds-1/images/img-1",
        lambda c: c.datasets.images.update(dataset_id="ds-1", document_id="img-1", caption="cat"),
        is_a(UpdateImageRes),
        body={"caption": "cat"},
    ),
    "knowledge.documents.create": Case(
        "POST",
        "/open_api/knowledge/document/create",
        lambda c: c.knowledge.documents.create(dataset_id="ds-1", document_bases=[WEB_BASE]),
        lambda r: (isinstance(r, list), r[0].document_id == "doc-1"),
        payload=ok(document_infos=[DOCUMENT]),
        body={
            "dataset_id": "ds-1",
            "document_bases": [
                {
                    "name": "Home",
                    "source_info": {"web_url": "https://example.com", "document_source": 1},
                    "update_rule": {"update_type": 1, "update_interval": 48},
                }
            ],
        },
        headers=JS_CONV,
        deprecated=True,
    ),
    "knowledge.documents.list": Case(
        "POST",
        "/open_api/knowledge/document/list",
        lambda c: c.knowledge.documents.list(dataset_id="ds-1", page_num=3, page_size=2),
        lambda page: page.items[0].name == "a.txt",
        payload=ok(document_infos=[DOCUMENT], total=5),
        body={"dataset_id": "ds-1", "page": 3, "size": 2},
        headers=JS_CONV,
        deprecated=True,
    ),
    "knowledge.documents.update": Case(
        "POST",
        "/open_api/knowledge/document/update",
        lambda c: c.knowledge.documents.update(document_id="doc-1", document_name="c"),
        check_none,
        body={"document_id": "doc-1", "document_name": "c"},
        headers=JS_CONV,
        deprecated=True,
    ),
    "knowledge.documents.delete": Case(
        "POST",
        "/open_api/knowledge/document/delete",
        lambda c: c.knowledge.documents.delete(document_ids=["doc-1"]),
        check_none,
        body={"document_ids": ["doc-1"]},
        headers=JS_CONV,
        deprecated=True,
    ),
}


def expect(mocked: aioresponses, case: Case) -> None:
    mocked.add(route(case.path), case.method, payload=case.payload, headers=HEADERS)


def assert_sent(mocked: aioresponses, case: Case, result: Any) -> None:
    [request] = sent(mocked)
    assert (request.method, request.url.path) == (case.method, case.path)
    assert request.query == case.query
    assert request.json == case.body
    for name, value in case.headers.items():
        assert request.headers[name] == value
    if not case.headers:
        assert "Agw-Js-Conv" not in request.headers
    case.check(result)
    if result is not None and not isinstance(result, list):
        assert result.response.logid == LOGID


def deprecation(case: Case) -> Any:
    if case.deprecated:
        return pytest.warns(DeprecationWarning, match=r"coze\.datasets\.documents")
    return warnings.catch_warnings()


def test_every_checklist_method_of_these_families_is_covered() -> None:
    with open(Path(__file__).parent / "fixtures" / "api-checklist.tsv", encoding="utf-8") as f:
        listed = {
            line.split("\t")[0].removeprefix("coze.")
            for line in f
            if line.startswith(("coze.datasets.", "coze.knowledge."))
        }
    assert listed == set(CASES)
    assert len(CASES) == 15


@pytest.mark.parametrize("name", CASES)
async def test_async_call_sends_the_request_and_returns_the_model(
    mocked: aioresponses, name: str
) -> None:
    case = CASES[name]
    expect(mocked, case)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with deprecation(case):
            result = await case.call(coze)
    assert_sent(mocked, case, result)


@pytest.mark.parametrize("name", CASES)
def test_sync_call_sends_the_request_and_returns_the_model(mocked: aioresponses, name: str) -> None:
    case = CASES[name]
    expect(mocked, case)
    with Coze(TokenAuth("t"), BASE) as coze:
        with deprecation(case):
            result = case.call(coze)
    assert_sent(mocked, case, result)


# -- builders and models --------------------------------------------------------------------------


def test_source_info_builders() -> None:
    local = DocumentSourceInfo.build_local_file("你好, world", "txt")
    assert base64.b64decode(local.file_base64 or "").decode("utf-8") == "你好, world"
    assert unstructure(local) == {"file_base64": local.file_base64, "file_type": "txt"}
    assert DocumentSourceInfo.build_local_file("x").file_type == "txt"  # cozepy's default
    pdf = DocumentSourceInfo.build_local_file(b"%PDF-1.4", "pdf")
    assert base64.b64decode(pdf.file_base64 or "") == b"%PDF-1.4"
    assert unstructure(DocumentSourceInfo.build_web_page("https://a.example")) == {
        "web_url": "https://a.example",
        "document_source": 1,
    }
    assert unstructure(DocumentSourceInfo.build_file_id("f-1")) == {
        "source_file_id": "f-1",
        "document_source": 5,
    }


def test_chunk_strategy_and_update_rule_builders() -> None:
    assert unstructure(DocumentChunkStrategy.build_auto()) == {"chunk_type": 0}
    assert unstructure(DocumentChunkStrategy.build_custom(500, "###", True)) == {
        "chunk_type": 1,
        "max_tokens": 500,
        "remove_extra_spaces": True,
        "remove_urls_emails": False,
        "separator": "###",
    }
    assert unstructure(DocumentChunkStrategy(caption_type=1)) == {"caption_type": 1}
    never = DocumentUpdateRule.build_no_auto_update()
    assert (never.update_type, never.update_interval) == (DocumentUpdateType.NO_AUTO_UPDATE, 24)
    daily = DocumentUpdateRule.build_auto_update(24)
    assert (daily.update_type, daily.update_interval) == (DocumentUpdateType.AUTO_UPDATE, 24)
    with_caption = DocumentBase(
        name="cat.png", source_info=DocumentSourceInfo.build_file_id("f"), caption="a cat"
    )
    assert unstructure(with_caption)["caption"] == "a cat"


def test_enum_values_are_cozepys() -> None:
    assert [t.value for t in DocumentFormatType] == [0, 1, 2]
    assert [(s.name, s.value) for s in DocumentStatus] == [
        ("PROCESSING", 0),
        ("COMPLETED", 1),
        ("FAILED", 9),
    ]
    assert DocumentSourceType.LARK_WEB.value == 104 and DocumentSourceType.UPLOAD_FILE_ID == 5
    assert (DatasetStatus.ENABLED.value, DatasetStatus.DISABLED.value) == (1, 3)
    assert [s.value for s in PhotoStatus] == [0, 1, 9]
    assert [t.value for t in DocumentUpdateType] == [0, 1]


def test_unknown_values_from_the_service_are_kept() -> None:
    # The spec knows more states than cozepy (e.g. 5: refreshing, 1000: audit failed).
    document = structure({**DOCUMENT, "status": 5, "source_type": 103}, Document)
    assert document.status.value == 5 and document.status.is_dynamic
    assert document.source_type is DocumentSourceType.FEISHU_WEB
    dataset = structure({**DATASET, "status": 9, "format_type": 4}, Dataset)
    assert dataset.status.is_dynamic and dataset.format_type.is_dynamic


def test_documents_need_an_id_a_name_and_a_status() -> None:
    minimal = structure({"document_id": "d", "name": "n", "status": 1}, Document)
    assert (minimal.size, minimal.type, minimal.chunk_strategy) == (0, "", None)
    assert minimal.format_type is DocumentFormatType.DOCUMENT
    with pytest.raises(ValueError, match=r"Document\.status"):
        structure({"document_id": "d", "name": "n"}, Document)


def test_every_name_is_exported_from_the_package_and_models() -> None:
    for name in (
        "CreateDatasetResp",
        "Dataset",
        "DatasetStatus",
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
    ):
        assert getattr(coze_async, name) is getattr(models, name), name


# -- requests in detail ---------------------------------------------------------------------------


async def test_optional_arguments_left_out_are_not_sent(mocked: aioresponses) -> None:
    mocked.post(route("/v1/datasets"), payload=ok({"dataset_id": "ds-1"}))
    mocked.get(route("/v1/datasets"), payload=ok({"dataset_list": [], "total_count": 0}))
    mocked.put(route("/v1/datasets/ds-1"), payload=ok())
    mocked.get(route("/v1/datasets/ds-1/images"), payload=ok({"photo_infos": []}))
    mocked.post(route("/open_api/knowledge/document/create"), payload=ok(document_infos=[]))
    mocked.post(route("/open_api/knowledge/document/update"), payload=ok())
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        await coze.datasets.create(name="n", space_id="s", format_type=DocumentFormatType.DOCUMENT)
        page = await coze.datasets.list(space_id="s")
        await coze.datasets.update(dataset_id="ds-1", name="n")
        photos = await coze.datasets.images.list(dataset_id="ds-1")
        created = await coze.datasets.documents.create(
            dataset_id="ds-1", document_bases=[LOCAL_BASE]
        )
        await coze.datasets.documents.update(document_id="doc-1")
    assert page.items == [] and page.total == 0 and not page.has_more
    assert photos.items == [] and photos.total is None and created == []
    create, listing, update, images, documents, rename = sent(mocked)
    assert create.json == {"name": "n", "space_id": "s", "format_type": 0}
    assert listing.query == {"space_id": "s", "page_num": "1", "page_size": "10"}
    assert update.json == {"name": "n"}
    assert images.query == {"page_num": "1", "page_size": "10"}
    # No chunk_strategy and no format_type: the dataset's own settings apply.
    assert documents.json == {"dataset_id": "ds-1", "document_bases": [LOCAL_BASE_WIRE]}
    assert rename.json == {"document_id": "doc-1"}


async def test_callers_headers_go_with_the_js_conv_header(mocked: aioresponses) -> None:
    mocked.post(route("/open_api/knowledge/document/delete"), payload=ok())
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        await coze.datasets.documents.delete(document_ids=["d"], headers={"X-Trace": "1"})
    [request] = sent(mocked)
    assert request.headers["X-Trace"] == "1" and request.headers["Agw-Js-Conv"] == "str"


async def test_api_errors_of_the_document_routes_are_raised(mocked: aioresponses) -> None:
    mocked.post(
        route("/open_api/knowledge/document/create"),
        payload={"code": 4000, "msg": "bad file", "detail": {"logid": LOGID}},
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeAPIError) as info:
            await coze.datasets.documents.create(dataset_id="ds-1", document_bases=[LOCAL_BASE])
    assert info.value.code == 4000 and info.value.logid == LOGID


async def test_read_only_posts_are_retried(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps = record_client_sleeps(monkeypatch)
    for path, payload in (
        ("/v1/datasets/ds-1/process", ok({"data": [PROGRESS]})),
        ("/open_api/knowledge/document/list", ok(document_infos=[], total=0)),
    ):
        mocked.post(route(path), status=502, body="bad gateway")
        mocked.post(route(path), payload=payload)
    async with AsyncCoze(TokenAuth("t"), BASE, max_retries=1) as coze:
        progress = await coze.datasets.process(dataset_id="ds-1", document_ids=["doc-1"])
        page = await coze.datasets.documents.list(dataset_id="ds-1")
    assert progress[0].status is DocumentStatus.COMPLETED and page.items == []
    assert len(sent(mocked)) == 4 and len(sleeps) == 2


async def test_document_create_is_not_retried(mocked: aioresponses) -> None:
    mocked.post(route("/open_api/knowledge/document/create"), status=502, body="bad gateway")
    async with AsyncCoze(TokenAuth("t"), BASE, max_retries=2) as coze:
        with pytest.raises(CozeAPIError):
            await coze.datasets.documents.create(dataset_id="ds-1", document_bases=[LOCAL_BASE])
    assert len(sent(mocked)) == 1


# -- argument errors ------------------------------------------------------------------------------


PATH_ID_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "datasets.update": lambda c, bad: c.datasets.update(dataset_id=bad, name="n"),
    "datasets.delete": lambda c, bad: c.datasets.delete(dataset_id=bad),
    "datasets.process": lambda c, bad: c.datasets.process(dataset_id=bad, document_ids=["d"]),
    "datasets.images.list": lambda c, bad: c.datasets.images.list(dataset_id=bad),
    "datasets.images.update(dataset_id)": lambda c, bad: c.datasets.images.update(
        dataset_id=bad, document_id="d", caption=""
    ),
    "datasets.images.update(document_id)": lambda c, bad: c.datasets.images.update(
        dataset_id="ds", document_id=bad, caption=""
    ),
}


@pytest.mark.parametrize("name", PATH_ID_CALLS)
async def test_ids_in_paths_are_validated_before_any_request(
    mocked: aioresponses, name: str
) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        for bad in ("../other", "a/b", "x?y=1", ""):
            with pytest.raises(CozeInvalidArgumentError):
                result = PATH_ID_CALLS[name](coze, bad)
                if hasattr(result, "__await__"):
                    await result
    assert mocked.requests == {}


BAD_CALLS: dict[str, tuple[Callable[[Any], Any], type[Exception], str]] = {
    "space_id empty": (
        lambda c: c.datasets.create(name="n", space_id="", format_type=0),
        CozeInvalidArgumentError,
        "space_id",
    ),
    "format_type a str": (
        lambda c: c.datasets.create(name="n", space_id="s", format_type="text"),
        CozeInvalidArgumentTypeError,
        "format_type",
    ),
    "list format_type a bool": (
        lambda c: c.datasets.list(space_id="s", format_type=True),
        CozeInvalidArgumentTypeError,
        "format_type",
    ),
    "list space_id empty": (
        lambda c: c.datasets.list(space_id=""),
        CozeInvalidArgumentError,
        "space_id",
    ),
    "document_ids a str": (
        lambda c: c.datasets.process(dataset_id="ds", document_ids="doc-1"),
        CozeInvalidArgumentTypeError,
        "document_ids",
    ),
    "document_ids empty": (
        lambda c: c.datasets.documents.delete(document_ids=[]),
        CozeInvalidArgumentError,
        "document_ids",
    ),
    "document_ids with an empty id": (
        lambda c: c.datasets.documents.delete(document_ids=["d", ""]),
        CozeInvalidArgumentError,
        "document_ids",
    ),
    "more than 100 ids": (
        lambda c: c.datasets.documents.delete(document_ids=[f"d{i}" for i in range(101)]),
        CozeInvalidArgumentError,
        "at most 100",
    ),
    "document_bases empty": (
        lambda c: c.datasets.documents.create(dataset_id="ds", document_bases=[]),
        CozeInvalidArgumentError,
        "document_bases",
    ),
    "more than 10 documents": (
        lambda c: c.datasets.documents.create(dataset_id="ds", document_bases=[LOCAL_BASE] * 11),
        CozeInvalidArgumentError,
        "at most 10",
    ),
    "a dict for a DocumentBase": (
        lambda c: c.datasets.documents.create(dataset_id="ds", document_bases=[LOCAL_BASE_WIRE]),
        CozeInvalidArgumentTypeError,
        "DocumentBase",
    ),
    "a dict for a chunk strategy": (
        lambda c: c.datasets.documents.create(
            dataset_id="ds", document_bases=[LOCAL_BASE], chunk_strategy={"chunk_type": 0}
        ),
        CozeInvalidArgumentTypeError,
        "chunk_strategy",
    ),
    "dataset_id empty": (
        lambda c: c.datasets.documents.list(dataset_id=""),
        CozeInvalidArgumentError,
        "dataset_id",
    ),
    "document_id empty": (
        lambda c: c.datasets.documents.update(document_id=""),
        CozeInvalidArgumentError,
        "document_id",
    ),
    "a dict for an update rule": (
        lambda c: c.datasets.documents.update(document_id="d", update_rule={"update_type": 0}),
        CozeInvalidArgumentTypeError,
        "update_rule",
    ),
    "caption not a str": (
        lambda c: c.datasets.images.update(dataset_id="ds", document_id="d", caption=None),
        CozeInvalidArgumentTypeError,
        "caption",
    ),
    "page_size zero": (
        lambda c: c.datasets.documents.list(dataset_id="ds", page_size=0),
        CozeInvalidArgumentError,
        "page_size",
    ),
    "unknown option": (
        lambda c: c.datasets.delete(dataset_id="ds", retries=3),
        CozeInvalidArgumentTypeError,
        "retries",
    ),
}


@pytest.mark.parametrize("name", BAD_CALLS)
async def test_bad_arguments_raise_before_any_request(mocked: aioresponses, name: str) -> None:
    call, error, match = BAD_CALLS[name]
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(error, match=match):
            result = call(coze)
            if hasattr(result, "__await__"):
                await result
    assert mocked.requests == {}


def test_bad_arguments_raise_in_the_sync_api_too(mocked: aioresponses) -> None:
    with Coze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeInvalidArgumentTypeError, match="document_ids"):
            coze.datasets.process(dataset_id="ds", document_ids="doc-1")  # type: ignore[arg-type]
        with pytest.raises(CozeInvalidArgumentError, match="dataset_id"):
            coze.datasets.delete(dataset_id="a/b")
    assert mocked.requests == {}


# -- paging ---------------------------------------------------------------------------------------


def document(n: int) -> dict[str, Any]:
    return {**DOCUMENT, "document_id": f"doc-{n}", "name": f"{n}.txt"}


def pages_of_documents(mocked: aioresponses) -> None:
    # 5 documents, 2 per page: pages 1-3, the total says when to stop.
    for first in (1, 3, 5):
        batch = [document(n) for n in range(first, min(first + 2, 6))]
        mocked.post(
            route("/open_api/knowledge/document/list"), payload=ok(document_infos=batch, total=5)
        )


def assert_document_pages(requests: list[Sent]) -> None:
    assert [r.json for r in requests] == [
        {"dataset_id": "ds-1", "page": n, "size": 2} for n in (1, 2, 3)
    ]
    assert all(r.headers["Agw-Js-Conv"] == "str" for r in requests)


async def test_documents_list_walks_every_page_by_page_and_size_in_the_body(
    mocked: aioresponses,
) -> None:
    pages_of_documents(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await coze.datasets.documents.list(dataset_id="ds-1", page_size=2)
        assert len(sent(mocked)) == 1  # only the first page until iterated
        assert page.has_more and page.total == 5
        ids = [d.document_id async for d in page]
    assert ids == [f"doc-{n}" for n in range(1, 6)]
    assert_document_pages(sent(mocked))


def test_documents_list_walks_every_page_sync(mocked: aioresponses) -> None:
    pages_of_documents(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        page = coze.datasets.documents.list(dataset_id="ds-1", page_size=2)
        sizes = [len(p.items) for p in page.iter_pages()]
    assert sizes == [2, 2, 1]
    assert_document_pages(sent(mocked))


async def test_datasets_and_images_lists_stop_at_the_total(mocked: aioresponses) -> None:
    for first in (1, 2):
        mocked.get(
            route("/v1/datasets"),
            payload=ok(
                {"dataset_list": [{**DATASET, "dataset_id": f"ds-{first}"}], "total_count": 2}
            ),
        )
    mocked.get(route("/v1/datasets/ds-1/images"), payload=ok({"photo_infos": [PHOTO] * 3}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        datasets = [d.dataset_id async for d in coze.datasets.list(space_id="s", page_size=1)]
        photos = [p async for p in coze.datasets.images.list(dataset_id="ds-1", page_size=5)]
    assert datasets == ["ds-1", "ds-2"]
    assert len(photos) == 3  # a short page without a total is the last one
    assert [r.query["page_num"] for r in sent(mocked) if r.path == "/v1/datasets"] == ["1", "2"]


# -- the older coze.knowledge ---------------------------------------------------------------------


async def test_each_knowledge_call_warns_where_it_is_called(mocked: aioresponses) -> None:
    mocked.post(route("/open_api/knowledge/document/delete"), payload=ok())
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.warns(DeprecationWarning, match="deprecated") as caught:
            await coze.knowledge.documents.delete(document_ids=["d"])
    [warning] = caught
    assert str(warning.message) == (
        "coze.knowledge.documents.delete is deprecated: use coze.datasets.documents.delete"
    )
    assert warning.filename == __file__


def test_the_datasets_family_does_not_warn(mocked: aioresponses) -> None:
    mocked.post(route("/open_api/knowledge/document/delete"), payload=ok())
    with Coze(TokenAuth("t"), BASE) as coze, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert coze.datasets.documents.delete(document_ids=["d"]) is not None
        assert coze.knowledge.documents is coze.knowledge.documents  # access alone: no warning
