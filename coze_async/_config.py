"""Service addresses and default limits."""

from __future__ import annotations

from ._timeout import DEFAULT_TIMEOUT

__all__ = [
    "COZE_CN_BASE_URL",
    "COZE_COM_BASE_URL",
    "DEFAULT_TIMEOUT",
]

#: The international service (the default).
COZE_COM_BASE_URL = "https://api.coze.com"
#: The service in mainland China.
COZE_CN_BASE_URL = "https://api.coze.cn"

#: Connection pool size per client, and how long an idle connection is kept.
POOL_LIMIT = 100
KEEPALIVE_SECONDS = 15.0
