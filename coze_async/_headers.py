"""Header values we send: validation against injection, and the client identification headers."""

from __future__ import annotations

import platform
import sys
from collections.abc import Mapping
from functools import lru_cache

import orjson

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._version import __version__

__all__ = ["check_header_value", "client_headers", "validate_headers"]

_FORBIDDEN = ("\r", "\n", "\0")


def check_header_value(name: str, value: str) -> None:
    """Raise ``ValueError`` if a header name or value could inject headers (CR, LF or NUL).
    The value itself is never quoted: it may be a secret."""
    if not isinstance(value, str):
        raise CozeInvalidArgumentTypeError(
            f"header {name!r} must be a str, not {type(value).__name__}"
        )
    if any(c in name for c in _FORBIDDEN) or not name:
        raise CozeInvalidArgumentError(f"invalid header name {name!r}")
    if any(c in value for c in _FORBIDDEN):
        raise CozeInvalidArgumentError(f"header {name!r} contains CR, LF or NUL")


def validate_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """A checked copy of caller-supplied headers (the caller's mapping is never mutated)."""
    if not headers:
        return {}
    for name, value in headers.items():
        check_header_value(name, value)
    return dict(headers)


@lru_cache(maxsize=1)
def client_headers() -> dict[str, str]:
    """``User-Agent`` and ``X-Coze-Client-User-Agent``, computed once per process."""
    lang_version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    os_name = platform.system().lower() or "unknown"
    os_version = platform.release().lower() or "unknown"
    user_agent = f"coze-async/{__version__} python/{lang_version} {os_name}/{os_version}"
    client = {
        "version": __version__,
        "lang": "python",
        "lang_version": lang_version,
        "os_name": os_name,
        "os_version": os_version,
    }
    return {
        "User-Agent": user_agent,
        "X-Coze-Client-User-Agent": orjson.dumps(client).decode(),
    }
