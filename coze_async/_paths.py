"""Request ids: every id that goes into a URL path passes through :func:`path`; ids sent in a
query string or a body through :func:`require_id`."""

from __future__ import annotations

from urllib.parse import quote

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

__all__ = ["path", "require_id"]

_REJECTED = ("/", "?", "#", "\\")


def _segment(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise CozeInvalidArgumentTypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value:
        raise CozeInvalidArgumentError(f"{name} must be a non-empty string")
    if value in (".", "..") or any(c in value for c in _REJECTED):
        raise CozeInvalidArgumentError(
            f"{name} must not contain '/', '?', '#', '\\\\' or be '.'/'..': {value!r}"
        )
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise CozeInvalidArgumentError(f"{name} must not contain control characters: {value!r}")
    return quote(value, safe="")


def path(template: str, **params: str) -> str:
    """Fill ``template`` (``"/v1/bots/{bot_id}/versions"``) with percent-encoded ids.

    An id that is empty, ``.``/``..``, or contains ``/``, ``?``, ``#``, ``\\`` or a control
    character raises ``ValueError`` before any request is sent: such a value could retarget
    the request to another route.
    """
    return template.format(**{name: _segment(name, value) for name, value in params.items()})


def require_id(name: str, value: object) -> None:
    """Ids sent in a query string or a body: non-empty strings (path ids go through ``path``)."""
    if not isinstance(value, str) or not value:
        raise CozeInvalidArgumentError(f"{name} must be a non-empty string, got {value!r}")
