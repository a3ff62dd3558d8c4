"""Read and set a bot's user variables for one end user (twin of cozepy's
``examples/variable_retrieve.py`` and ``examples/variable_update.py``): set two values, read
them back by keyword (async); then read them from sync code. Offline against the emulator unless
COZE_API_TOKEN is set (then set COZE_BOT_ID to a bot with the variables ``city`` and ``unit``)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, VariableValue

END_USER = "example-user"  # your user's id on the channel (connector_uid)


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        await coze.variables.update(
            bot_id=target.bot_id,
            connector_uid=END_USER,
            data=[
                VariableValue(keyword="city", value="Paris"),
                VariableValue(keyword="unit", value="celsius"),
            ],
        )
        values = await coze.variables.retrieve(
            bot_id=target.bot_id, connector_uid=END_USER, keywords=["city", "unit"]
        )
        for value in values:
            print(f"[async] {value.keyword} = {value.value!r} (updated {value.update_time})")


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        values = coze.variables.retrieve(
            bot_id=target.bot_id, connector_uid=END_USER, keywords=["city"]
        )
        print("[sync]", {v.keyword: v.value for v in values}, "logid:", values.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
