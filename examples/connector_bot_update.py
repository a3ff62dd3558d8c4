"""Report a channel's review of a bot (twin of cozepy's ``examples/connector_bot_update.py``),
for a custom channel (connector) that reviews the bots published to it: approve, or reject with
a reason (async); approve again from sync code. Offline against the emulator unless
COZE_API_TOKEN is set (then set COZE_BOT_ID and COZE_CONNECTOR_ID, your connector; the token must
be the connector owner's)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth
from coze_async.connectors.bots import AuditStatus

API_CONNECTOR_ID = "1024"  # offline: the emulator's echo bot is published to the API channel


async def main_async(target: Target, connector_id: str) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        rejected = await coze.connectors.bots.update(
            bot_id=target.bot_id,
            connector_id=connector_id,
            audit_status=AuditStatus.REJECTED,
            reason="The description is missing.",
        )
        print("[async] rejected, logid:", rejected.response.logid)
        approved = await coze.connectors.bots.update(
            bot_id=target.bot_id, connector_id=connector_id, audit_status=AuditStatus.APPROVED
        )
        print("[async] approved, logid:", approved.response.logid)


def main_sync(target: Target, connector_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        result = coze.connectors.bots.update(
            bot_id=target.bot_id, connector_id=connector_id, audit_status=AuditStatus.APPROVED
        )
        print("[sync] approved, logid:", result.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        connector_id = target.id("COZE_CONNECTOR_ID", API_CONNECTOR_ID)
        asyncio.run(main_async(target, connector_id))
        main_sync(target, connector_id)
