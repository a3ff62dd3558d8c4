"""This package's version and the client identification it sends, as cozepy's ``cozepy.version``
names them."""

from __future__ import annotations

from ._headers import coze_client_user_agent, get_os_version, user_agent
from ._version import VERSION

__all__ = ["VERSION", "coze_client_user_agent", "get_os_version", "user_agent"]
