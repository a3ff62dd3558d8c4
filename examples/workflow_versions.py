"""The published versions of a workflow (twin of cozepy's ``examples/workflow_versions.py`` and
``examples/workflow_version_list.py``): walk every version with ``async for`` (pages are fetched
as needed), read one page with its token, then the same in sync code. Offline against the
emulator's echo workflow (three versions) unless COZE_API_TOKEN is set (then also set
COZE_PLAIN_WORKFLOW_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        async for version in coze.workflows.versions.list(
            workflow_id=target.plain_workflow_id, page_size=2
        ):
            print(f"Version: {version.version}")
            print(f"  Description: {version.description}")
            print(f"  Created at: {version.created_at}, updated at: {version.updated_at}")
            if version.creator:
                print(f"  Creator: {version.creator.name} ({version.creator.id})")
        first = await coze.workflows.versions.list(
            workflow_id=target.plain_workflow_id, page_size=1, include_input_output=True
        )
        print("[async] newest:", [v.version for v in first.items], "more:", first.has_more)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        versions = coze.workflows.versions.list(workflow_id=target.plain_workflow_id)
        print("[sync] versions:", [v.version for v in versions])


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
