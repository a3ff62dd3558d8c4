"""Logging, as cozepy's ``cozepy.log`` names it: the SDK's logger (``coze_async``),
``setup_logging`` and the ``log_*`` shortcuts. See ``coze_async._log`` for what is logged."""

from __future__ import annotations

from ._log import log_debug, log_error, log_fatal, log_info, log_warning, logger, setup_logging

__all__ = [
    "log_debug",
    "log_error",
    "log_fatal",
    "log_info",
    "log_warning",
    "logger",
    "setup_logging",
]
