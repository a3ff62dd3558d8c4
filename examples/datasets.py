"""Build a knowledge base (async): create a dataset, add a web page and a local file, wait until
both are processed, list and rename them, then delete it all; then the same in sync code.
Offline against the emulator unless COZE_API_TOKEN is set (then also set COZE_SPACE_ID).

cozepy's counterpart: ``examples/datasets.py`` and ``examples/dataset_create.py``.
"""

from __future__ import annotations

import asyncio
import time

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    Coze,
    DocumentBase,
    DocumentChunkStrategy,
    DocumentFormatType,
    DocumentSourceInfo,
    DocumentStatus,
    DocumentUpdateRule,
    TokenAuth,
)

NOTES = "Coze datasets hold the knowledge a bot answers from.\n" * 20
DOCUMENTS = [
    DocumentBase(
        name="Coze home page",
        source_info=DocumentSourceInfo.build_web_page("https://www.coze.com"),
        update_rule=DocumentUpdateRule.build_auto_update(24),
    ),
]
FILES = [DocumentBase(name="notes.txt", source_info=DocumentSourceInfo.build_local_file(NOTES))]


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        created = await coze.datasets.create(
            name="Example knowledge",
            space_id=target.space_id,
            format_type=DocumentFormatType.DOCUMENT,
            description="made by examples/datasets.py",
        )
        dataset_id = created.dataset_id
        print("dataset", dataset_id)
        # One kind of source per call: web pages, then local files. The first upload sets how
        # the dataset's documents are cut into segments.
        pages = await coze.datasets.documents.create(
            dataset_id=dataset_id,
            document_bases=DOCUMENTS,
            chunk_strategy=DocumentChunkStrategy.build_custom(max_tokens=200, separator="\n"),
        )
        files = await coze.datasets.documents.create(dataset_id=dataset_id, document_bases=FILES)
        ids = [d.document_id for d in [*pages, *files]]

        while True:  # documents start PROCESSING: poll until each is done
            progress = await coze.datasets.process(dataset_id=dataset_id, document_ids=ids)
            for p in progress:
                print(f"  {p.document_name}: {p.status.name} {p.progress}%")
            if all(p.status is not DocumentStatus.PROCESSING for p in progress):
                break
            await asyncio.sleep(1)

        async for document in coze.datasets.documents.list(dataset_id=dataset_id):
            print(
                "document",
                document.name,
                document.char_count,
                "chars,",
                document.slice_count,
                "segments",
            )
        await coze.datasets.documents.update(
            document_id=files[0].document_id, document_name="notes-v2.txt"
        )
        await coze.datasets.update(dataset_id=dataset_id, name="Example knowledge (renamed)")
        async for dataset in coze.datasets.list(space_id=target.space_id, name="Example"):
            print("listed", dataset.name, dataset.doc_count, "documents", dataset.file_list)
        await coze.datasets.documents.delete(document_ids=ids)
        await coze.datasets.delete(dataset_id=dataset_id)
        print("deleted", dataset_id)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        dataset_id = coze.datasets.create(
            name="Example knowledge (sync)",
            space_id=target.space_id,
            format_type=DocumentFormatType.DOCUMENT,
        ).dataset_id
        (document,) = coze.datasets.documents.create(dataset_id=dataset_id, document_bases=FILES)
        status = DocumentStatus.PROCESSING
        while status is DocumentStatus.PROCESSING:
            time.sleep(0.2)
            (progress,) = coze.datasets.process(
                dataset_id=dataset_id, document_ids=[document.document_id]
            )
            status = progress.status
        print("sync:", document.name, status.name)
        coze.datasets.delete(dataset_id=dataset_id)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
