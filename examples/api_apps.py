"""Create a callback app, point it at your endpoint and subscribe it to bot events (async); then
list every callback app and its events, and delete the example's app (sync). Offline against
the emulator unless COZE_API_TOKEN is set.

cozepy has no example of this family; this one is coze_async's own.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import APIAppEventType, AppType, AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> str:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        app = await coze.api_apps.create(app_type=AppType.NORMAL, name="Example callbacks")
        print("created callback app", app.id, "- verify token", app.verify_token)
        await coze.api_apps.update(app_id=app.id, callback_url="https://example.com/coze/events")
        await coze.api_apps.events.create(
            api_app_id=app.id,
            event_types=[APIAppEventType.BOT_PUBLISHED, APIAppEventType.BOT_UNPUBLISHED],
        )
        async for event in coze.api_apps.events.list(api_app_id=app.id):
            print("   subscribed to", event.event_type, "-", event.description)
        return app.id


def main_sync(target: Target, app_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        for app in coze.api_apps.list(page_size=20):
            events = [e.event_type.value for e in coze.api_apps.events.list(api_app_id=app.id)]
            print("sync:", app.app_type.value, app.name, app.callback_url or "(no URL)", events)
        coze.api_apps.delete(app_id=app_id)
        print("sync: deleted", app_id)


if __name__ == "__main__":
    with coze_target() as target:
        app_id = asyncio.run(main_async(target))
        main_sync(target, app_id)
