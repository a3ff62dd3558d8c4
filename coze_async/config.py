"""Service addresses and default limits, as cozepy's ``cozepy.config`` names them."""

from __future__ import annotations

from ._config import COZE_CN_BASE_URL, COZE_COM_BASE_URL, DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT

__all__ = ["COZE_CN_BASE_URL", "COZE_COM_BASE_URL", "DEFAULT_CONNECTION_LIMITS", "DEFAULT_TIMEOUT"]
