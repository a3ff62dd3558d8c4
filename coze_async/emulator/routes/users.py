"""``GET /v1/users/me``: the emulator's user (:data:`~.workspaces.EMULATOR_USER_ID`)."""

from __future__ import annotations

from aiohttp import web

from .._wire import envelope
from .workspaces import EMULATOR_USER_ID

__all__ = ["add_routes"]


def add_routes(app: web.Application) -> None:
    """Register the users endpoint."""
    app.router.add_get("/v1/users/me", retrieve_me)


async def retrieve_me(request: web.Request) -> web.Response:
    """``GET /v1/users/me``: the user the token belongs to."""
    user = {
        "user_id": EMULATOR_USER_ID,
        "user_name": "emulator",
        "nick_name": "Emulator",
        "avatar_url": "",
    }
    return envelope(request, user)
