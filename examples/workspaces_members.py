"""Add members to a workspace and remove them (twin of cozepy's
``examples/workspaces_members_create.py`` and ``examples/workspaces_members_delete.py``): add
two users with their roles, list the members, remove one (async); then remove the other from
sync code. Each call reports per user what happened (added, invited, unknown...). Offline against
the emulator's personal workspace unless COZE_API_TOKEN is set (then set COZE_SPACE_ID and
COZE_MEMBER_IDS, comma-separated Coze user ids)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, WorkspaceMember, WorkspaceRoleType


async def main_async(target: Target, user_ids: list[str]) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        added = await coze.workspaces.members.create(
            workspace_id=target.space_id,
            users=[
                WorkspaceMember(user_id=user_ids[0], role_type=WorkspaceRoleType.ADMIN),
                WorkspaceMember(user_id=user_ids[1], role_type=WorkspaceRoleType.MEMBER),
            ],
        )
        print(
            "[async] added:",
            added.added_success_user_ids,
            "invited:",
            added.invited_success_user_ids,
        )
        async for member in coze.workspaces.members.list(workspace_id=target.space_id):
            print("   member", member.user_id, member.role_type.value)
        removed = await coze.workspaces.members.delete(
            workspace_id=target.space_id, user_ids=[user_ids[0]]
        )
        print("[async] removed:", removed.removed_success_user_ids)


def main_sync(target: Target, user_ids: list[str]) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        removed = coze.workspaces.members.delete(
            workspace_id=target.space_id, user_ids=[user_ids[1]]
        )
        print("[sync] removed:", removed.removed_success_user_ids)
        print("[sync] not members:", removed.not_in_workspace_user_ids)


if __name__ == "__main__":
    with coze_target() as target:
        user_ids = target.id("COZE_MEMBER_IDS", "7300000000000000201,7300000000000000202")
        asyncio.run(main_async(target, user_ids.split(",")))
        main_sync(target, user_ids.split(","))
