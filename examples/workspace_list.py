"""List the workspaces you belong to and their members (async), then the same in sync code.
Offline against the emulator unless COZE_API_TOKEN is set.

cozepy's counterpart: ``examples/workspaces_list.py`` and ``examples/workspace.py``.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        async for workspace in await coze.workspaces.list(page_size=20):
            print("workspace", workspace.id, workspace.name, workspace.workspace_type)
            async for member in await coze.workspaces.members.list(workspace_id=workspace.id):
                print("   member", member.user_id, member.role_type)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        page = coze.workspaces.list()
        print(f"sync: {page.total} workspace(s):", [w.name for w in page])


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
