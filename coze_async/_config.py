"""Service addresses and default limits."""

from __future__ import annotations

import aiohttp

__all__ = [
    "COZE_CN_BASE_URL",
    "COZE_COM_BASE_URL",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_TOTAL_TIMEOUT",
]

#: The international service (the default).
COZE_COM_BASE_URL = "https://api.coze.com"
#: The service in mainland China.
COZE_CN_BASE_URL = "https://api.coze.cn"

#: Seconds a whole call (a stream included) may take by default.
DEFAULT_TOTAL_TIMEOUT = 600.0
#: Seconds to wait for a connection by default.
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_TIMEOUT = aiohttp.ClientTimeout(
    total=DEFAULT_TOTAL_TIMEOUT, connect=DEFAULT_CONNECT_TIMEOUT
)

#: Seconds a stream may go without receiving a byte (streams have no total deadline by default).
DEFAULT_STREAM_IDLE_TIMEOUT = 120.0

#: Connection pool size per client, and how long an idle connection is kept.
POOL_LIMIT = 100
KEEPALIVE_SECONDS = 15.0
