"""The emulator's knowledge bases: datasets, documents, processing progress and images, driven
by this SDK (async, and sync once), by the official cozepy client unmodified, and looked at raw
on the wire (the document routes answer outside ``data``; ``Agw-Js-Conv: str`` turns 64-bit
numbers into strings)."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import cozepy
import httpx
import pytest

from coze_async import (
    AsyncCoze,
    BadRequestError,
    DatasetStatus,
    DocumentBase,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentSourceInfo,
    DocumentSourceType,
    DocumentStatus,
    DocumentUpdateRule,
    DocumentUpdateType,
    NotFoundError,
    PhotoStatus,
    TokenAuth,
)
from coze_async.emulator import PERSONAL_WORKSPACE_ID, Emulator
from coze_async.emulator.routes.workspaces import EMULATOR_USER_ID

SPACE = PERSONAL_WORKSPACE_ID
UNKNOWN_ID = "7199999999999999999"
TEXT = DocumentFormatType.DOCUMENT
IMAGE = DocumentFormatType.IMAGE


@pytest.fixture
async def env() -> AsyncIterator[tuple[Emulator, AsyncCoze]]:
    async with Emulator(strict=True) as emu, AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        yield emu, coze


async def collect(paged: Any) -> list[Any]:
    return [item async for item in paged]


def local(name: str, text: str, file_type: str = "txt") -> DocumentBase:
    return DocumentBase(name=name, source_info=DocumentSourceInfo.build_local_file(text, file_type))


def web(name: str, url: str, rule: DocumentUpdateRule | None = None) -> DocumentBase:
    return DocumentBase(
        name=name, source_info=DocumentSourceInfo.build_web_page(url), update_rule=rule
    )


async def new_dataset(coze: AsyncCoze, name: str = "Manuals", kind: Any = TEXT) -> str:
    created = await coze.datasets.create(name=name, space_id=SPACE, format_type=kind)
    return created.dataset_id


async def upload_image(coze: AsyncCoze, name: str) -> str:
    return (await coze.files.upload(file=(name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32))).id


# -- a text dataset, end to end ---------------------------------------------------------------


async def test_a_text_dataset_from_creation_to_deletion(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    dataset_id = await coze.datasets.create(
        name="Manuals", space_id=SPACE, format_type=TEXT, description="product manuals"
    )
    dataset_id = dataset_id.dataset_id
    (empty,) = (await coze.datasets.list(space_id=SPACE)).items
    assert (empty.dataset_id, empty.name, empty.description) == (
        dataset_id,
        "Manuals",
        "product manuals",
    )
    assert empty.status is DatasetStatus.ENABLED and empty.format_type is TEXT
    assert empty.doc_count == 0 and empty.chunk_strategy is None and empty.can_edit
    assert empty.creator_id == EMULATOR_USER_ID and empty.create_time > 0

    pages = await coze.datasets.documents.create(
        dataset_id=dataset_id,
        document_bases=[
            web("Home", "https://example.com", DocumentUpdateRule.build_auto_update(48))
        ],
        chunk_strategy=DocumentChunkStrategy.build_custom(100, "\n"),
    )
    files = await coze.datasets.documents.create(
        dataset_id=dataset_id,
        document_bases=[local("a.txt", "line one\n" * 30), local("b.txt", "x" * 2000)],
        chunk_strategy=DocumentChunkStrategy.build_auto(),  # later uploads keep the first one
    )
    documents = [*pages, *files]
    assert [d.status for d in documents] == [DocumentStatus.PROCESSING] * 3
    assert [d.source_type for d in documents] == [
        DocumentSourceType.ONLINE_WEB,
        DocumentSourceType.LOCAL_FILE,
        DocumentSourceType.LOCAL_FILE,
    ]
    home, a, b = documents
    assert home.update_type is DocumentUpdateType.AUTO_UPDATE and home.update_interval == 48
    assert (a.type, a.size, a.char_count) == ("txt", 270, 0)  # counted once processed
    assert b.chunk_strategy is not None and b.chunk_strategy.max_tokens == 100
    ids = [d.document_id for d in documents]

    # Processing: the first look sees it under way, the next one done.
    first = await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)
    assert [(p.status, p.progress) for p in first] == [(DocumentStatus.PROCESSING, 50)] * 3
    assert all(p.remaining_time > 0 for p in first)
    assert (first[0].url, first[1].document_name, first[2].size) == (
        "https://example.com",
        "a.txt",
        2000,
    )
    busy = (await coze.datasets.list(space_id=SPACE)).items[0]
    assert busy.processing_file_id_list == ids and busy.processing_file_list == [
        "Home",
        "a.txt",
        "b.txt",
    ]
    done = await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)
    assert [(p.status, p.progress, p.remaining_time) for p in done] == [
        (DocumentStatus.COMPLETED, 100, 0)
    ] * 3

    listed = await collect(await coze.datasets.documents.list(dataset_id=dataset_id))
    assert [d.name for d in listed] == ["Home", "a.txt", "b.txt"]
    assert all(d.status is DocumentStatus.COMPLETED for d in listed)
    assert (listed[1].char_count, listed[1].slice_count) == (270, 30)  # 30 lines, cut at "\n"
    assert (listed[2].char_count, listed[2].slice_count) == (2000, 20)  # 100 tokens a segment
    ready = (await coze.datasets.list(space_id=SPACE)).items[0]
    assert (
        ready.doc_count == 3 and ready.processing_file_list == [] and ready.failed_file_list == []
    )
    assert ready.slice_count == sum(d.slice_count for d in listed)
    assert ready.all_file_size == sum(d.size for d in listed)
    assert ready.file_list == ["Home", "a.txt", "b.txt"]

    # Rename a file; give the page another schedule (a local file keeps none).
    await coze.datasets.documents.update(document_id=a.document_id, document_name="intro.txt")
    await coze.datasets.documents.update(
        document_id=home.document_id, update_rule=DocumentUpdateRule.build_no_auto_update()
    )
    await coze.datasets.documents.update(
        document_id=b.document_id, update_rule=DocumentUpdateRule.build_auto_update(24)
    )
    home2, a2, b2 = (await coze.datasets.documents.list(dataset_id=dataset_id)).items
    assert a2.name == "intro.txt"
    assert (home2.update_type, home2.update_interval) == (DocumentUpdateType.NO_AUTO_UPDATE, 24)
    assert b2.update_type is DocumentUpdateType.NO_AUTO_UPDATE and b2.update_interval == 0

    # Update replaces name, description and icon: what is left out goes back to its default.
    await coze.datasets.update(dataset_id=dataset_id, name="Guides")
    renamed = (await coze.datasets.list(space_id=SPACE)).items[0]
    assert (renamed.name, renamed.description) == ("Guides", "")

    await coze.datasets.documents.delete(document_ids=[b.document_id])
    assert (await coze.datasets.documents.list(dataset_id=dataset_id)).total == 2
    await coze.datasets.delete(dataset_id=dataset_id)
    assert (await coze.datasets.list(space_id=SPACE)).items == []
    assert emu.store.datasets.documents == {}  # its documents went with it
    with pytest.raises(NotFoundError):
        await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)


async def test_the_number_of_looks_a_document_stays_processing_is_a_setting(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    dataset_id = await new_dataset(coze)
    emu.store.datasets.processing_polls = 3
    (slow,) = await coze.datasets.documents.create(
        dataset_id=dataset_id, document_bases=[local("a.txt", "text")]
    )
    seen = []
    for _ in range(4):
        (progress,) = await coze.datasets.process(
            dataset_id=dataset_id, document_ids=[slow.document_id]
        )
        seen.append((progress.status, progress.progress, progress.remaining_time))
    assert seen == [
        (DocumentStatus.PROCESSING, 25, 3),
        (DocumentStatus.PROCESSING, 50, 2),
        (DocumentStatus.PROCESSING, 75, 1),
        (DocumentStatus.COMPLETED, 100, 0),
    ]
    emu.store.datasets.processing_polls = 0
    (quick,) = await coze.datasets.documents.create(
        dataset_id=dataset_id, document_bases=[local("b.txt", "text")]
    )
    assert quick.status is DocumentStatus.PROCESSING  # as created
    listed = (await coze.datasets.documents.list(dataset_id=dataset_id)).items
    assert [d.status for d in listed] == [DocumentStatus.COMPLETED] * 2  # a list is a look too


async def test_documents_without_text_and_unreachable_pages_fail(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    _, coze = env
    dataset_id = await new_dataset(coze)
    (blank,) = await coze.datasets.documents.create(
        dataset_id=dataset_id, document_bases=[local("blank.txt", "  \n")]
    )
    (gone,) = await coze.datasets.documents.create(
        dataset_id=dataset_id, document_bases=[web("Gone", "https://gone.invalid/page")]
    )
    ids = [blank.document_id, gone.document_id]
    await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)
    failed = await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)
    assert [p.status for p in failed] == [DocumentStatus.FAILED] * 2
    assert [p.status_descript for p in failed] == [
        "the document has no text to cut into segments",
        "the web page could not be fetched",
    ]
    dataset = (await coze.datasets.list(space_id=SPACE)).items[0]
    assert dataset.failed_file_list == ["blank.txt", "Gone"]


# -- image datasets -----------------------------------------------------------------------------


async def test_images_are_captioned_by_the_service_and_listed(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    _, coze = env
    dataset_id = await new_dataset(coze, "Pictures", IMAGE)
    cat, dog = await upload_image(coze, "cat.png"), await upload_image(coze, "dog.jpg")
    with pytest.raises(BadRequestError, match="caption_type"):  # the first upload must say
        await coze.datasets.documents.create(
            dataset_id=dataset_id,
            document_bases=[
                DocumentBase(name="cat.png", source_info=DocumentSourceInfo.build_file_id(cat))
            ],
        )
    created = await coze.datasets.documents.create(
        dataset_id=dataset_id,
        document_bases=[
            DocumentBase(name="cat.png", source_info=DocumentSourceInfo.build_file_id(cat)),
            DocumentBase(
                name="dog.jpg", source_info=DocumentSourceInfo.build_file_id(dog), caption="my dog"
            ),
        ],
        chunk_strategy=DocumentChunkStrategy(caption_type=0),
        format_type=IMAGE,
    )
    assert [d.format_type for d in created] == [IMAGE, IMAGE]
    assert [d.source_type for d in created] == [DocumentSourceType.UPLOAD_FILE_ID] * 2
    first = (await coze.datasets.images.list(dataset_id=dataset_id)).items
    assert [p.status for p in first] == [PhotoStatus.IN_PROCESSING] * 2
    assert [p.caption for p in first] == ["", "my dog"]
    photos = (await coze.datasets.images.list(dataset_id=dataset_id)).items
    assert [p.status for p in photos] == [PhotoStatus.COMPLETED] * 2
    assert [p.caption for p in photos] == ["An image: cat", "my dog"]  # captioned by the service
    assert [(p.name, p.type) for p in photos] == [("cat.png", "png"), ("dog.jpg", "jpg")]
    assert photos[0].url.endswith(f"/{cat}/cat.png") and photos[0].size == 40
    assert photos[0].creator_id == EMULATOR_USER_ID

    await coze.datasets.images.update(
        dataset_id=dataset_id, document_id=photos[0].document_id, caption="a sleepy cat"
    )
    found = (await coze.datasets.images.list(dataset_id=dataset_id, keyword="SLEEPY")).items
    assert [p.caption for p in found] == ["a sleepy cat"]
    # The dataset's kind and the images' progress show through the other routes too.
    (dataset,) = (await coze.datasets.list(space_id=SPACE, format_type=IMAGE)).items
    assert dataset.doc_count == 2 and dataset.format_type is IMAGE
    progress = await coze.datasets.process(
        dataset_id=dataset_id, document_ids=[p.document_id for p in photos]
    )
    assert [p.type for p in progress] == ["png", "jpg"]


async def test_manual_captions_and_the_has_caption_filter(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    emu.store.datasets.processing_polls = 0
    dataset_id = await new_dataset(coze, "Pictures", IMAGE)
    files = [await upload_image(coze, f"{n}.png") for n in range(5)]
    await coze.datasets.documents.create(
        dataset_id=dataset_id,
        document_bases=[
            DocumentBase(name=f"{n}.png", source_info=DocumentSourceInfo.build_file_id(f))
            for n, f in enumerate(files)
        ],
        chunk_strategy=DocumentChunkStrategy(caption_type=1),
    )
    photos = await collect(await coze.datasets.images.list(dataset_id=dataset_id, page_size=2))
    assert [p.caption for p in photos] == [""] * 5  # captioned by hand: none yet
    for photo in photos[:2]:
        await coze.datasets.images.update(
            dataset_id=dataset_id, document_id=photo.document_id, caption=f"photo {photo.name}"
        )
    captioned = await coze.datasets.images.list(dataset_id=dataset_id, has_caption=True)
    uncaptioned = await coze.datasets.images.list(
        dataset_id=dataset_id, has_caption=False, page_size=2
    )
    assert [p.name for p in captioned.items] == ["0.png", "1.png"] and captioned.total == 2
    assert uncaptioned.total == 3 and uncaptioned.has_more
    assert [p.name async for p in uncaptioned] == ["2.png", "3.png", "4.png"]


async def test_image_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    images = await new_dataset(coze, "Pictures", IMAGE)
    texts = await new_dataset(coze, "Texts", TEXT)
    with pytest.raises(BadRequestError, match="not an image dataset"):
        await coze.datasets.images.list(dataset_id=texts)
    with pytest.raises(NotFoundError):
        await coze.datasets.images.list(dataset_id=UNKNOWN_ID)
    with pytest.raises(NotFoundError):
        await coze.datasets.images.update(dataset_id=images, document_id=UNKNOWN_ID, caption="x")
    with pytest.raises(BadRequestError, match="source_file_id"):
        await coze.datasets.documents.create(
            dataset_id=images,
            document_bases=[local("a.txt", "text")],
            chunk_strategy=DocumentChunkStrategy(caption_type=0),
        )
    with pytest.raises(NotFoundError, match="file"):
        await coze.datasets.documents.create(
            dataset_id=images,
            document_bases=[
                DocumentBase(name="x", source_info=DocumentSourceInfo.build_file_id(UNKNOWN_ID))
            ],
            chunk_strategy=DocumentChunkStrategy(caption_type=0),
        )
    with pytest.raises(BadRequestError, match="format_type"):
        await coze.datasets.documents.create(
            dataset_id=texts, document_bases=[local("a.txt", "t")], format_type=IMAGE
        )


# -- datasets per workspace, paging, errors -------------------------------------------------------


async def test_datasets_are_listed_per_workspace_newest_first_by_page(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    other_space = "7300000000000000002"
    emu.store.workspaces.records.append(
        {"id": other_space, "name": "Team", "workspace_type": "team", "members": []}
    )
    for n in range(5):
        await new_dataset(coze, f"Notes {n}")
    await new_dataset(coze, "Photos", IMAGE)
    await coze.datasets.create(name="Theirs", space_id=other_space, format_type=TEXT)

    first = await coze.datasets.list(space_id=SPACE, page_size=4)
    assert first.total == 6 and first.has_more
    names = [d.name async for d in first]
    assert names == ["Photos", "Notes 4", "Notes 3", "Notes 2", "Notes 1", "Notes 0"]
    assert [d.name for d in (await coze.datasets.list(space_id=SPACE, name="notes 1")).items] == [
        "Notes 1"
    ]
    texts = await coze.datasets.list(space_id=SPACE, format_type=TEXT)
    assert texts.total == 5 and texts.items[0].name == "Notes 4"
    (theirs,) = (await coze.datasets.list(space_id=other_space)).items
    assert (theirs.name, theirs.space_id) == ("Theirs", other_space)
    with pytest.raises(NotFoundError, match="workspace"):
        await coze.datasets.list(space_id=UNKNOWN_ID)
    with pytest.raises(BadRequestError, match="page_size"):
        await coze.datasets.list(space_id=SPACE, page_size=301)


async def test_documents_are_listed_page_by_page(env: tuple[Emulator, AsyncCoze]) -> None:
    _, coze = env
    dataset_id = await new_dataset(coze)
    for batch in range(3):
        await coze.datasets.documents.create(
            dataset_id=dataset_id,
            document_bases=[local(f"{batch}-{n}.txt", "text") for n in range(4)],
        )
    page = await coze.datasets.documents.list(dataset_id=dataset_id, page_size=5)
    assert page.total == 12 and page.has_more and len(page.items) == 5
    pages = [[d.name for d in p.items] async for p in page.iter_pages()]
    assert [len(p) for p in pages] == [5, 5, 2]
    assert pages[0][:2] == ["0-0.txt", "0-1.txt"] and pages[2] == ["2-2.txt", "2-3.txt"]
    third = await coze.datasets.documents.list(dataset_id=dataset_id, page_num=3, page_size=5)
    assert [d.name for d in third.items] == pages[2] and not third.has_more


async def test_dataset_errors(env: tuple[Emulator, AsyncCoze], tmp_path: Any) -> None:
    _, coze = env
    with pytest.raises(BadRequestError, match="table datasets"):
        await coze.datasets.create(
            name="Sheets", space_id=SPACE, format_type=DocumentFormatType.SPREADSHEET
        )
    with pytest.raises(BadRequestError, match="name"):
        await coze.datasets.create(name="x" * 101, space_id=SPACE, format_type=TEXT)
    with pytest.raises(BadRequestError, match="name"):
        await coze.datasets.create(name="", space_id=SPACE, format_type=TEXT)
    with pytest.raises(NotFoundError, match="workspace"):
        await coze.datasets.create(name="n", space_id=UNKNOWN_ID, format_type=TEXT)
    with pytest.raises(NotFoundError, match="file"):
        await coze.datasets.create(
            name="n", space_id=SPACE, format_type=TEXT, icon_file_id=UNKNOWN_ID
        )
    icon = await upload_image(coze, "icon.png")
    dataset_id = (
        await coze.datasets.create(name="n", space_id=SPACE, format_type=TEXT, icon_file_id=icon)
    ).dataset_id
    assert (await coze.datasets.list(space_id=SPACE)).items[0].icon_url.endswith("/icon.png")
    await coze.datasets.update(dataset_id=dataset_id, name="n", description="kept")
    assert (await coze.datasets.list(space_id=SPACE)).items[0].icon_url == ""  # replaced
    for call in (
        coze.datasets.update(dataset_id=UNKNOWN_ID, name="n"),
        coze.datasets.delete(dataset_id=UNKNOWN_ID),
        coze.datasets.process(dataset_id=UNKNOWN_ID, document_ids=["1"]),
        coze.datasets.process(dataset_id=dataset_id, document_ids=[UNKNOWN_ID]),
        coze.datasets.documents.update(document_id=UNKNOWN_ID, document_name="x"),
    ):
        with pytest.raises(NotFoundError):
            await call
    with pytest.raises(NotFoundError):
        await coze.datasets.documents.list(dataset_id=UNKNOWN_ID)


async def test_document_errors(env: tuple[Emulator, AsyncCoze]) -> None:
    emu, coze = env
    dataset_id = await new_dataset(coze)
    create = coze.datasets.documents.create
    with pytest.raises(BadRequestError, match="not both"):
        await create(
            dataset_id=dataset_id, document_bases=[local("a.txt", "t"), web("w", "https://e.com")]
        )
    with pytest.raises(BadRequestError, match="file_type"):
        await create(dataset_id=dataset_id, document_bases=[local("a.xls", "t", "xls")])
    with pytest.raises(BadRequestError, match="http"):
        await create(dataset_id=dataset_id, document_bases=[web("w", "ftp://e.com")])
    bad_base64 = DocumentBase(
        name="a.txt", source_info=DocumentSourceInfo(file_base64="***", file_type="txt")
    )
    with pytest.raises(BadRequestError, match="base64"):
        await create(dataset_id=dataset_id, document_bases=[bad_base64])
    with pytest.raises(BadRequestError, match="max_tokens"):
        await create(
            dataset_id=dataset_id,
            document_bases=[local("a.txt", "t")],
            chunk_strategy=DocumentChunkStrategy.build_custom(50, "\n"),
        )
    with pytest.raises(BadRequestError, match="update_interval"):
        await create(
            dataset_id=dataset_id,
            document_bases=[web("w", "https://e.com", DocumentUpdateRule.build_auto_update(12))],
        )
    with pytest.raises(NotFoundError):
        await create(dataset_id=UNKNOWN_ID, document_bases=[local("a.txt", "t")])
    assert emu.store.datasets.documents == {}  # nothing was added by a refused request

    (kept,) = await create(dataset_id=dataset_id, document_bases=[local("a.txt", "t")])
    with pytest.raises(NotFoundError):  # all or nothing
        await coze.datasets.documents.delete(document_ids=[kept.document_id, UNKNOWN_ID])
    assert (await coze.datasets.documents.list(dataset_id=dataset_id)).total == 1
    with pytest.raises(BadRequestError, match="update_interval"):
        await coze.datasets.documents.update(
            document_id=kept.document_id, update_rule=DocumentUpdateRule.build_auto_update(1)
        )


# -- the wire -----------------------------------------------------------------------------------


async def test_document_routes_answer_outside_data_and_js_conv_makes_strings(
    env: tuple[Emulator, AsyncCoze],
) -> None:
    emu, coze = env
    dataset_id = await new_dataset(coze)
    headers = {"Authorization": f"Bearer {emu.token}"}
    body = {
        "dataset_id": dataset_id,
        "document_bases": [
            {"name": "a.txt", "source_info": {"file_base64": "aGk=", "file_type": "txt"}}
        ],
        "chunk_strategy": {"chunk_type": 1, "max_tokens": 100, "separator": "\n"},
        "format_type": 0,
    }
    async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as http:
        created = (
            await http.post(
                "/open_api/knowledge/document/create", json=body, headers={"Agw-Js-Conv": "str"}
            )
        ).json()
        plain = (
            await http.post("/open_api/knowledge/document/list", json={"dataset_id": dataset_id})
        ).json()
        document_id = created["document_infos"][0]["document_id"]
        progress = (
            await http.post(
                f"/v1/datasets/{dataset_id}/process",
                json={"document_ids": [document_id]},
                headers={"Agw-Js-Conv": "str"},
            )
        ).json()
        deleted = (
            await http.post(
                "/open_api/knowledge/document/delete", json={"document_ids": [document_id]}
            )
        ).json()
    assert set(created) == {"code", "msg", "document_infos", "detail"} and created["code"] == 0
    assert created["document_infos"][0]["chunk_strategy"]["max_tokens"] == "100"
    assert (
        set(plain) == {"code", "msg", "document_infos", "total", "detail"} and plain["total"] == 1
    )
    assert plain["document_infos"][0]["chunk_strategy"]["max_tokens"] == 100
    assert plain["document_infos"][0]["size"] == 2
    [entry] = progress["data"]["data"]
    assert entry["size"] == "2" and entry["remaining_time"] == "0"
    assert "status_descript" not in entry
    assert set(deleted) == {"code", "msg", "detail"}


# -- the sync SDK and cozepy ---------------------------------------------------------------------


@pytest.fixture
def threaded() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


def test_the_sync_client_walks_the_same_flow(threaded: Emulator) -> None:
    threaded.store.datasets.processing_polls = 0
    with threaded.client() as coze:
        dataset_id = coze.datasets.create(name="Sync", space_id=SPACE, format_type=TEXT).dataset_id
        (document,) = coze.datasets.documents.create(
            dataset_id=dataset_id, document_bases=[local("a.txt", "hello")]
        )
        (progress,) = coze.datasets.process(
            dataset_id=dataset_id, document_ids=[document.document_id]
        )
        assert progress.status is DocumentStatus.COMPLETED
        assert [d.name for d in coze.datasets.documents.list(dataset_id=dataset_id)] == ["a.txt"]
        with pytest.warns(DeprecationWarning, match="coze.datasets.documents.list"):
            older = coze.knowledge.documents.list(dataset_id=dataset_id)
        assert older.items[0].char_count == 5
        coze.datasets.delete(dataset_id=dataset_id)
        assert coze.datasets.list(space_id=SPACE).total == 0


def test_cozepy_works_against_the_emulator_unmodified(threaded: Emulator) -> None:
    assert threaded.token is not None
    with cozepy.SyncHTTPClient() as http:
        coze = cozepy.Coze(
            auth=cozepy.TokenAuth(threaded.token), base_url=threaded.base_url, http_client=http
        )
        dataset = coze.datasets.create(
            name="Peer", space_id=SPACE, format_type=cozepy.DocumentFormatType.DOCUMENT
        )
        created = coze.datasets.documents.create(
            dataset_id=dataset.dataset_id,
            document_bases=[
                cozepy.DocumentBase(
                    name="a.txt", source_info=cozepy.DocumentSourceInfo.build_local_file("hello")
                )
            ],
            chunk_strategy=cozepy.DocumentChunkStrategy.build_auto(),
        )
        ids = [d.document_id for d in created]
        assert coze.datasets.process(dataset_id=dataset.dataset_id, document_ids=ids)[0].status == 0
        (progress,) = coze.datasets.process(dataset_id=dataset.dataset_id, document_ids=ids)
        assert progress.status == cozepy.DocumentStatus.COMPLETED and progress.progress == 100
        page = coze.datasets.documents.list(dataset_id=dataset.dataset_id)
        assert page.total == 1 and page.items[0].char_count == 5 and not page.has_more
        coze.datasets.documents.update(document_id=ids[0], document_name="b.txt")
        (listed,) = coze.datasets.list(space_id=SPACE).items
        assert listed.file_list == ["b.txt"] and listed.status == cozepy.DatasetStatus.ENABLED
        coze.datasets.update(dataset_id=dataset.dataset_id, name="Peer 2")

        images = coze.datasets.create(
            name="Pics", space_id=SPACE, format_type=cozepy.DocumentFormatType.IMAGE
        )
        file = coze.files.upload(file=("cat.png", b"\x89PNG"))
        (image,) = coze.datasets.documents.create(
            dataset_id=images.dataset_id,
            document_bases=[
                cozepy.DocumentBase(
                    name="cat.png", source_info=cozepy.DocumentSourceInfo.build_file_id(file.id)
                )
            ],
            chunk_strategy=cozepy.DocumentChunkStrategy(caption_type=1),
            format_type=cozepy.DocumentFormatType.IMAGE,
        )
        coze.datasets.images.update(
            dataset_id=images.dataset_id, document_id=image.document_id, caption="cat"
        )
        photos = coze.datasets.images.list(dataset_id=images.dataset_id, has_caption=True)
        assert [p.caption for p in photos.items] == ["cat"] and photos.total == 1

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            older = coze.knowledge.documents.list(dataset_id=dataset.dataset_id)
            assert [d.name for d in older.items] == ["b.txt"]
            coze.knowledge.documents.delete(document_ids=ids)
        coze.datasets.delete(dataset_id=dataset.dataset_id)
        assert [d.name for d in coze.datasets.list(space_id=SPACE).items] == ["Pics"]


async def test_cozepy_async_and_older_document_calls_pass_the_strict_check(
    threaded: Emulator,
) -> None:
    # cozepy's async create sends no format_type and, for a dataset's later uploads, no chunk
    # strategy (both sources require both: gen_emulator_spec._q_document_create_optional);
    # coze.knowledge.documents sends the same bodies. (cozepy 0.20's update cannot send an
    # update_rule: it puts the pydantic model in the body, which json.dumps refuses.)
    assert threaded.token is not None
    async with cozepy.AsyncHTTPClient() as http:
        coze = cozepy.AsyncCoze(
            auth=cozepy.AsyncTokenAuth(threaded.token),
            base_url=threaded.base_url,
            http_client=http,
        )
        dataset = await coze.datasets.create(
            name="Async peer", space_id=SPACE, format_type=cozepy.DocumentFormatType.DOCUMENT
        )
        page = cozepy.DocumentBase(
            name="home",
            source_info=cozepy.DocumentSourceInfo.build_web_page("https://example.com"),
            update_rule=cozepy.DocumentUpdateRule.build_auto_update(24),
        )
        first = await coze.datasets.documents.create(
            dataset_id=dataset.dataset_id,
            document_bases=[page],
            chunk_strategy=cozepy.DocumentChunkStrategy.build_custom(800, "\n"),
        )
        local_file = cozepy.DocumentSourceInfo.build_local_file("hello")
        later = await coze.datasets.documents.create(
            dataset_id=dataset.dataset_id,
            document_bases=[cozepy.DocumentBase(name="a.txt", source_info=local_file)],
        )
        await coze.datasets.documents.update(
            document_id=first[0].document_id,
            document_name="home page",
        )
        listed = await coze.datasets.documents.list(dataset_id=dataset.dataset_id)
        assert sorted(d.name for d in listed.items) == ["a.txt", "home page"]

    with cozepy.SyncHTTPClient() as sync_http, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        peer = cozepy.Coze(
            auth=cozepy.TokenAuth(threaded.token), base_url=threaded.base_url, http_client=sync_http
        )
        older = peer.knowledge.documents
        (added,) = older.create(
            dataset_id=dataset.dataset_id,
            document_bases=[cozepy.DocumentBase(name="b.txt", source_info=local_file)],
        )
        older.update(document_id=added.document_id, document_name="c.txt")
        older.delete(document_ids=[later[0].document_id])
    names = [d.record["name"] for d in threaded.store.datasets.documents.values()]
    assert sorted(names) == ["c.txt", "home page"]
