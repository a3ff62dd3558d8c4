"""The users resource (``coze.users``): the current user."""

from __future__ import annotations

from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
from ..models.users import User

__all__ = ["AsyncUsersClient", "UsersClient"]


class AsyncUsersClient:
    """``coze.users``: the current user."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def me(self, **options: Unpack[RequestOptions]) -> User:
        """The user the access token belongs to. ``GET /v1/users/me``."""
        return await self._transport.request("GET", "/v1/users/me", User, options=options)


class UsersClient(SyncResource[AsyncUsersClient]):
    """Sync ``coze.users``."""

    me = forward(AsyncUsersClient.me)
