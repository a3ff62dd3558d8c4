"""The users resource (``coze.users``): the current user."""

from __future__ import annotations

from .._portal import SyncResource
from .._transport import Transport

__all__ = ["AsyncUsersClient", "UsersClient"]


class AsyncUsersClient:
    """``coze.users``: the current user."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


class UsersClient(SyncResource[AsyncUsersClient]):
    """Sync ``coze.users``."""
