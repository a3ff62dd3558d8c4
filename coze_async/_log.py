"""The SDK's logger, ``logging.getLogger("coze_async")``, and cozepy's ``setup_logging``.

What it logs: at DEBUG, one line per request sent and one per answer (method, path, status, log
id, duration) or failure; at INFO, each retry with its reason and wait; at WARNING, settings
that weaken security (plain http, TLS checks off) and a token renewal that failed while the old
token is still used. Only metadata: never a body, a header or a token.

Importing the SDK configures nothing: no handler, no level, propagation untouched, so the
application's logging configuration decides where the lines go. :func:`setup_logging` is the
one-call switch for scripts (as in cozepy): it sets the logger's level and, only when logging
is not configured at all (neither this logger nor the root logger has a handler), attaches one
stderr handler so that the lines are seen. An application that configures logging later gets
them from its own handlers instead (and, if this handler was attached, twice: call
:func:`setup_logging` after configuring logging, or not at all).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ._errors import CozeInvalidArgumentError

__all__ = [
    "log_debug",
    "log_error",
    "log_fatal",
    "log_info",
    "log_warning",
    "logger",
    "setup_logging",
]

#: The logger every part of the SDK writes to.
logger: logging.Logger = logging.getLogger("coze_async")

# cozepy's shortcuts: the logger's own methods.
log_fatal: Callable[..., None] = logger.fatal
log_error: Callable[..., None] = logger.error
log_warning: Callable[..., None] = logger.warning
log_info: Callable[..., None] = logger.info
log_debug: Callable[..., None] = logger.debug

_LEVELS = frozenset(
    {logging.CRITICAL, logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG, logging.NOTSET}
)
_FORMAT = "[coze_async][%(levelname)s][%(asctime)s] %(message)s"
_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler :func:`setup_logging` attaches (recognised, so it is attached only once)."""


def setup_logging(level: int = logging.WARNING) -> None:
    """Log the SDK's messages from ``level`` up (one of the ``logging`` levels, as in cozepy;
    anything else raises ``ValueError``). Attaches a stderr handler only when logging is not
    configured at all; never changes propagation."""
    if isinstance(level, bool) or level not in _LEVELS:
        raise CozeInvalidArgumentError(f"invalid log level: {level!r}")
    logger.setLevel(level)
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter(_FORMAT, datefmt=_DATE_FORMAT))
    logger.addHandler(handler)
