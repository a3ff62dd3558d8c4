"""The ``{code, msg, data}`` envelope every Coze JSON answer comes in: checking it against the
HTTP status and turning failures into the matching typed error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from ._errors import (
    BODY_EXCERPT_CHARS,
    CozeAPIError,
    CozeInvalidResponseError,
    RateLimitError,
    api_error,
)
from ._response import LOGID_HEADER, HTTPResponse
from ._retry import retry_after_seconds

__all__ = ["decode_envelope", "excerpt"]


def excerpt(body: bytes) -> str:
    """The start of a body, for error messages (bounded, decoded leniently)."""
    return body[:BODY_EXCERPT_CHARS].decode("utf-8", "replace")


def _with_retry_after(error: CozeAPIError, headers: Mapping[str, str]) -> CozeAPIError:
    if isinstance(error, RateLimitError):
        error.retry_after = retry_after_seconds(headers)
    return error


def decode_envelope(
    status: int, headers: Mapping[str, str], body: bytes, data_field: str | None
) -> tuple[Any, HTTPResponse]:
    """Check a ``{code, msg, data}`` body and the HTTP status; return the data and the response
    metadata, or raise the matching :class:`~coze_async.CozeAPIError` subclass."""
    logid = headers.get(LOGID_HEADER) or None
    try:
        parsed = orjson.loads(body) if body else None
    except orjson.JSONDecodeError:
        parsed = None
        if status < 400 or body.lstrip()[:1] in (b"{", b"["):
            raise CozeInvalidResponseError(
                None, f"response is not valid JSON: {excerpt(body)!r}", logid, status=status
            ) from None
    if isinstance(parsed, dict):
        detail = parsed.get("detail")
        if not logid and isinstance(detail, dict) and isinstance(detail.get("logid"), str):
            logid = detail["logid"]
    meta = HTTPResponse(status, headers, logid)
    if not isinstance(parsed, dict):
        if status >= 400:
            msg = f"HTTP {status}: {excerpt(body)}" if body else f"HTTP {status}"
            raise _with_retry_after(api_error(None, msg, logid=logid, status=status), headers)
        if data_field is None:
            return parsed, meta
        raise CozeInvalidResponseError(
            None, f"expected a JSON object, got: {excerpt(body)!r}", logid, status=status
        )
    code = parsed.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        code = None
    text = parsed.get("msg")
    if not isinstance(text, str):
        text = parsed.get("error_message")
    msg = text if isinstance(text, str) else ""
    # The OAuth endpoints name their errors: {"error_code": "invalid_grant", "error_message"}.
    error_code = parsed.get("error_code")
    if not isinstance(error_code, str) or not error_code:
        error_code = None
    if (code is not None and code != 0) or status >= 400 or error_code is not None:
        if not msg and (error_code is not None or status >= 400):
            msg = error_code or f"HTTP {status}: {excerpt(body)}"
        debug_url = parsed.get("debug_url") if isinstance(parsed.get("debug_url"), str) else None
        # Raised without a local name: this frame, in the error's traceback, does not hold it.
        raise _with_retry_after(
            api_error(
                code, msg, logid=logid, debug_url=debug_url, status=status, error_code=error_code
            ),
            headers,
        )
    if data_field is None:
        return parsed, meta
    value: Any = parsed
    for key in data_field.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value, meta
