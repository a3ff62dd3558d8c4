"""Users, as cozepy's ``cozepy.users`` names them. Every name is the object the rest of the package
uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from .models.users import User
from .resources.users import AsyncUsersClient, UsersClient

__all__ = ["AsyncUsersClient", "User", "UsersClient"]
