"""Service addresses and default limits."""

from __future__ import annotations

from ._http_client import DEFAULT_CONNECTION_LIMITS
from ._timeout import DEFAULT_TIMEOUT

__all__ = [
    "COZE_CN_BASE_URL",
    "COZE_COM_BASE_URL",
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_TIMEOUT",
]

#: The international service (the default).
COZE_COM_BASE_URL = "https://api.coze.com"
#: The service in mainland China.
COZE_CN_BASE_URL = "https://api.coze.cn"
