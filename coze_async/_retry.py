"""When a failed request is tried again, and after how long.

The rule (see docs/reliability.md):

- Retried: connection failures, HTTP 408/409/429/500/502/503/504, and the Coze codes 4013 (rate
  limited) and 5000 (busy), up to ``max_retries`` times (2 by default; 0 disables).
- A request the service may have acted on is retried only when it is idempotent (GET, PUT,
  DELETE, and the read-only POSTs the resources mark so). Creating POSTs (start a chat, run a
  workflow, upload...) are retried only when the service certainly did not act: the connection
  never opened, or it answered 429 / 4013 / 503.
- TLS certificate failures are never retried. Nor is a stream once its response was accepted.
- The wait is exponential (0.5 s x 2^attempt, capped at 8 s, 75-100 % of it at random), or what
  the server asks for with ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date). A
  requested wait over 60 s is not slept through: the error is raised with ``retry_after`` set.
"""

from __future__ import annotations

import contextlib
import math
import random
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

from attrs import frozen

from ._errors import (
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
)

__all__ = ["DEFAULT_MAX_RETRIES", "RetryPolicy", "retry_after_seconds"]

#: Retries per request unless the client or the call says otherwise.
DEFAULT_MAX_RETRIES = 2

_RETRYABLE_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
_RETRYABLE_CODES = frozenset({4013, 5000})
#: Answers that mean "not processed": safe to retry even for a creating request.
_REFUSED_STATUSES = frozenset({429, 503})
_REFUSED_CODES = frozenset({4013})


@frozen
class RetryPolicy:
    """How many times, and how long apart, a failed request is tried again."""

    max_retries: int = DEFAULT_MAX_RETRIES
    base_delay: float = 0.5
    max_delay: float = 8.0
    #: The longest server-requested wait honoured; longer ones raise at once.
    max_retry_after: float = 60.0

    def __attrs_post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise CozeInvalidArgumentTypeError(
                f"max_retries must be an int, not {type(self.max_retries).__name__}"
            )
        if self.max_retries < 0:
            raise CozeInvalidArgumentError(
                f"max_retries must not be negative, got {self.max_retries}"
            )

    def backoff(self, attempt: int) -> float:
        """The wait before retry number ``attempt + 1`` (no server hint)."""
        delay: float = min(self.base_delay * 2**attempt, self.max_delay)
        return delay * (1 - 0.25 * random.random())

    def delay_for(self, error: CozeError, attempt: int, *, idempotent: bool) -> float | None:
        """Seconds to wait before retrying after ``error``, or ``None`` to raise it."""
        if attempt >= self.max_retries or not is_retryable(error, idempotent=idempotent):
            return None
        retry_after: float | None = getattr(error, "retry_after", None)
        if retry_after is None:
            return self.backoff(attempt)
        if retry_after > self.max_retry_after:
            return None
        return float(retry_after)


def is_retryable(error: CozeError, *, idempotent: bool) -> bool:
    """Whether ``error`` may go away on a new attempt, given the request's idempotency."""
    if isinstance(error, CozeConnectionError):
        if not error.retryable:
            return False
        return idempotent or not error.may_have_succeeded
    if isinstance(error, CozeAPIError):
        refused = error.status in _REFUSED_STATUSES or error.code in _REFUSED_CODES
        if refused:
            return True
        if not idempotent:
            return False
        return error.status in _RETRYABLE_STATUSES or error.code in _RETRYABLE_CODES
    return False


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait: ``retry-after-ms``, else ``Retry-After`` as seconds or an
    HTTP date; ``None`` when absent or unreadable."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        with contextlib.suppress(ValueError):
            value = float(millis) / 1000
            if math.isfinite(value) and value >= 0:
                return value
    text = headers.get("Retry-After")
    if text is None:
        return None
    with contextlib.suppress(ValueError):
        value = float(text)
        return value if math.isfinite(value) and value >= 0 else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
