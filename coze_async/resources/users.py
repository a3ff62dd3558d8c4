"""The users resource (``coze.users``): the current user."""

from __future__ import annotations

from typing import Final

from .._request import Request, RequestOptions, Unpack
from .._sync_layer import SyncResource, forward
from .._transport import AsyncResource
from ..models.users import User

__all__ = ["AsyncUsersClient", "UsersClient"]


class AsyncUsersClient(AsyncResource):
    """``coze.users``: the current user."""

    async def me(self, **options: Unpack[RequestOptions]) -> User:
        """The user the access token belongs to. ``GET /v1/users/me``."""
        return await self._transport.call(Request("GET", "/v1/users/me", options=options), User)


class UsersClient(SyncResource[AsyncUsersClient]):
    """Sync ``coze.users``."""

    me: Final = forward(AsyncUsersClient.me)
