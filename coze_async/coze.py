"""The root clients, as cozepy's ``cozepy.coze`` names them."""

from __future__ import annotations

from ._client import AsyncCoze
from ._config import COZE_COM_BASE_URL
from ._sync_client import Coze

__all__ = ["COZE_COM_BASE_URL", "AsyncCoze", "Coze"]
