"""HTTP settings a client can be given, under cozepy's names: ``SyncHTTPClient`` and
``AsyncHTTPClient`` (``http_client=``), ``Limits`` and ``DEFAULT_CONNECTION_LIMITS``.

In cozepy these are httpx clients; coze_async speaks HTTP through aiohttp and does not depend on
httpx. Here they carry the two settings cozepy users give them, the timeout and the connection
limits, and the client builds its aiohttp session from them::

    Coze(auth=..., http_client=SyncHTTPClient(timeout=httpx.Timeout(600.0, connect=5.0)))

``timeout`` takes what a client's ``timeout=`` takes: seconds, a :class:`~coze_async.Timeout`,
or any object with httpx's ``connect``, ``read``, ``write`` and ``pool`` attributes (an
``httpx.Timeout``). ``limits`` takes a :class:`Limits` or an ``httpx.Limits`` (read by its
attributes). How they map onto aiohttp:

=========================  =============================================================
``max_connections``        the connector's ``limit`` (``None``: no limit)
``keepalive_expiry``       the connector's ``keepalive_timeout``: how long an idle pooled
                           connection is kept (``None``: until the server closes it)
``max_keepalive_            not enforced: aiohttp keeps every idle connection (at most
connections``              ``max_connections``) until ``keepalive_expiry``; ``0`` turns
                           keep-alive off (one connection per request)
=========================  =============================================================
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._timeout import Timeout, to_timeout

if TYPE_CHECKING:
    from ._timeout import TimeoutTypes

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "AsyncHTTPClient",
    "HTTPClientOptions",
    "Limits",
    "LimitsLike",
    "SyncHTTPClient",
    "to_limits",
]


def _count(minimum: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise CozeInvalidArgumentTypeError(
                f"{attribute.name} must be an int or None, not {type(value).__name__}"
            )
        if value < minimum:
            raise CozeInvalidArgumentError(
                f"{attribute.name} must be at least {minimum} or None, not {value}"
            )

    return check


def _expiry(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CozeInvalidArgumentTypeError(
            f"{attribute.name} must be seconds or None, not {type(value).__name__}"
        )
    if not math.isfinite(value) or value <= 0:
        raise CozeInvalidArgumentError(
            f"{attribute.name} must be a positive number of seconds or None"
        )


@attrs.frozen
class Limits:
    """Connection pool limits, as ``httpx.Limits`` names them (see the module docs for what
    each means on aiohttp): at most ``max_connections`` open at once, idle ones kept for
    ``keepalive_expiry`` seconds."""

    max_connections: int | None = attrs.field(default=None, validator=_count(1))
    max_keepalive_connections: int | None = attrs.field(default=None, validator=_count(0))
    keepalive_expiry: float | None = attrs.field(default=15.0, validator=_expiry)


#: cozepy's limits (1000 connections, 100 kept alive); idle connections are kept 15 s, as
#: aiohttp does by default. Every client uses them unless given others.
DEFAULT_CONNECTION_LIMITS = Limits(max_connections=1000, max_keepalive_connections=100)


class LimitsLike(Protocol):
    """httpx-style limits (an ``httpx.Limits``)."""

    @property
    def max_connections(self) -> int | None:
        """Connections open at once."""
        ...

    @property
    def max_keepalive_connections(self) -> int | None:
        """Idle connections kept."""
        ...

    @property
    def keepalive_expiry(self) -> float | None:
        """Seconds an idle connection is kept."""
        ...


def to_limits(value: object) -> Limits:
    """A :class:`Limits`, or an object with httpx's three ``Limits`` attributes, as
    :class:`Limits` (``None``: the default)."""
    if value is None:
        return DEFAULT_CONNECTION_LIMITS
    if isinstance(value, Limits):
        return value
    names = ("max_connections", "max_keepalive_connections", "keepalive_expiry")
    if all(hasattr(value, name) for name in names):
        return Limits(**{name: getattr(value, name) for name in names})
    raise CozeInvalidArgumentTypeError(
        f"limits must be a coze_async Limits (or an httpx.Limits), not {type(value).__name__}"
    )


class HTTPClientOptions:
    """What :class:`SyncHTTPClient` and :class:`AsyncHTTPClient` carry: the client's timeout
    and its connection limits. ``timeout_given`` tells whether a timeout was passed (without
    one, streams keep their default 120 s between reads)."""

    __slots__ = ("limits", "timeout", "timeout_given")

    #: The limits of every call (``DEFAULT_TIMEOUT`` unless given).
    timeout: Timeout
    #: Whether ``timeout`` was given.
    timeout_given: bool
    #: The connection pool's limits (``DEFAULT_CONNECTION_LIMITS`` unless given).
    limits: Limits

    def __init__(
        self, *, timeout: TimeoutTypes | None = None, limits: Limits | LimitsLike | None = None
    ) -> None:
        self.timeout = to_timeout(timeout)
        self.timeout_given = timeout is not None
        self.limits = to_limits(limits)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(timeout={self.timeout!r}, limits={self.limits!r})"


class SyncHTTPClient(HTTPClientOptions):
    """The HTTP settings of a :class:`~coze_async.Coze` (``http_client=``), as cozepy names
    them: ``timeout`` and ``limits``. Not an httpx client: coze_async does not use httpx."""

    __slots__ = ()


class AsyncHTTPClient(HTTPClientOptions):
    """The HTTP settings of an :class:`~coze_async.AsyncCoze` (``http_client=``), as cozepy
    names them: ``timeout`` and ``limits``. An ``aiohttp.ClientSession`` may be passed there
    instead, to use a session of your own."""

    __slots__ = ()
