"""List the apps of a workspace (twin of cozepy's ``examples/apps_list.py``): every app with
``async for``, then only the published ones, and a first page from sync code. Offline against
the emulator unless COZE_API_TOKEN is set (then also set COZE_SPACE_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, PublishStatus, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        async for app in coze.apps.list(
            workspace_id=target.space_id, publish_status=PublishStatus.ALL
        ):
            state = "published" if app.is_published else "draft"
            print(f"[async] app {app.id} {app.name!r} ({state}), updated {app.updated_at}")
        online = await coze.apps.list(
            workspace_id=target.space_id, publish_status=PublishStatus.PUBLISHED_ONLINE
        )
        print("[async] published:", [app.name for app in online.items])


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        page = coze.apps.list(workspace_id=target.space_id, page_size=10)
        print(
            f"[sync] {page.total} published app(s) (the default filter):",
            [app.name for app in page.items],
        )


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
