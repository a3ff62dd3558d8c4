"""Timeouts with one meaning, as httpx and cozepy users know them.

A bare number of seconds limits each network operation (connecting, waiting for the pool, and
each read: for a stream, the gap between two reads), on the client and per call alike.
``Timeout(...)`` sets the limits one by one and adds ``total``, a deadline for the whole call that
spans every attempt and every wait between retries (for a stream: opening and reading it to the
end, so leave it unset for long chats).

========  ==================================================  ==================================
field     limits                                              default
========  ==================================================  ==================================
connect   establishing a connection                           5 s
read      waiting for the next bytes (a response; a stream's  600 s; 120 s between a stream's
          next event)                                         reads
write     accepted for httpx compatibility (aiohttp has no    600 s
          separate write limit: ``read`` and ``total`` bound
          sending too)
pool      waiting for a free connection from the pool         600 s
total     the whole call, retries and their waits included    none
========  ==================================================  ==================================

``None`` means no limit. The stream default of 120 s between reads applies only while the client
was built without a ``timeout``: a number or ``Timeout`` given by the user means the same
everywhere.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol, Union

import attrs

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

if TYPE_CHECKING:
    import aiohttp

__all__ = ["DEFAULT_TIMEOUT", "Timeout", "TimeoutLike", "TimeoutTypes", "to_timeout"]

#: Seconds a stream may go between reads while the client uses the default timeout.
DEFAULT_STREAM_READ_TIMEOUT = 120.0


def _check(name: str, value: object) -> None:
    """``value`` must be ``None`` (no limit) or a positive, finite number of seconds."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CozeInvalidArgumentTypeError(
            f"{name} must be seconds or a Timeout, not {type(value).__name__}"
        )
    if not math.isfinite(value) or value <= 0:
        raise CozeInvalidArgumentError(
            f"{name} must be a positive number of seconds or None, not {value!r}"
        )


def _limit(name: str) -> Any:
    def check(_: object, __: object, value: float | None) -> None:
        _check(f"timeout {name}", value)

    return check


def _seconds(value: float | None) -> float | None:
    return None if value is None else float(value)


class _Unset:
    """Not given (kept apart from ``None``, which means no limit)."""

    def __repr__(self) -> str:
        return "UNSET"


_UNSET = _Unset()


@attrs.frozen(init=False)
class Timeout:
    """Limits in seconds for one call; ``Timeout(10)`` sets connect, read, write and pool to 10,
    keyword arguments override one each (``Timeout(10, connect=3)``), ``total`` bounds the whole
    call including retries. ``None`` is no limit. See the module docs for the defaults."""

    connect: float | None = attrs.field(validator=_limit("connect"))
    read: float | None = attrs.field(validator=_limit("read"))
    write: float | None = attrs.field(validator=_limit("write"))
    pool: float | None = attrs.field(validator=_limit("pool"))
    total: float | None = attrs.field(validator=_limit("total"))

    def __init__(
        self,
        timeout: float | None = None,
        *,
        connect: float | _Unset | None = _UNSET,
        read: float | _Unset | None = _UNSET,
        write: float | _Unset | None = _UNSET,
        pool: float | _Unset | None = _UNSET,
        total: float | None = None,
    ) -> None:
        _check("timeout", timeout)

        def pick(value: float | _Unset | None) -> float | None:
            return _seconds(timeout if isinstance(value, _Unset) else value)

        self.__attrs_init__(
            connect=pick(connect),
            read=pick(read),
            write=pick(write),
            pool=pick(pool),
            total=_seconds(total),
        )


#: What ``timeout=`` accepts: seconds, a :class:`Timeout`, or (compatibility) an
#: ``aiohttp.ClientTimeout`` or an ``httpx.Timeout`` (read by its attributes: coze_async does
#: not depend on httpx).
TimeoutTypes = Union[float, Timeout, "TimeoutLike", "aiohttp.ClientTimeout"]


class TimeoutLike(Protocol):
    """An httpx-style timeout: its four limits in seconds (``None``: no limit)."""

    @property
    def connect(self) -> float | None:
        """Seconds to establish a connection."""
        ...

    @property
    def read(self) -> float | None:
        """Seconds to wait for the next bytes."""
        ...

    @property
    def write(self) -> float | None:
        """Seconds to send."""
        ...

    @property
    def pool(self) -> float | None:
        """Seconds to wait for a free connection."""
        ...


#: The client's limits when none are given (cozepy's 600 s, 5 s to connect).
DEFAULT_TIMEOUT = Timeout(600.0, connect=5.0)


def to_timeout(value: object) -> Timeout:
    """Normalise a ``timeout=`` argument (``None``: the default)."""
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, Timeout):
        return value
    if isinstance(value, bool):
        raise CozeInvalidArgumentError(
            f"timeout must be a positive number of seconds, not {value!r}"
        )
    from_aiohttp = _from_client_timeout(value)
    if from_aiohttp is not None:
        return from_aiohttp
    from_httpx = _from_httpx_timeout(value)
    if from_httpx is not None:
        return from_httpx
    _check("timeout", value)
    return Timeout(float(value))  # type: ignore[arg-type]


def _from_httpx_timeout(value: object) -> Timeout | None:
    """An ``httpx.Timeout`` (any object with its ``connect``, ``read``, ``write`` and ``pool``
    attributes) read as a :class:`Timeout`: the same four limits, no ``total``."""
    names = ("connect", "read", "write", "pool")
    if not all(hasattr(value, name) for name in names):
        return None
    connect, read, write, pool = (getattr(value, name) for name in names)
    return Timeout(None, connect=connect, read=read, write=write, pool=pool)


def _from_client_timeout(value: object) -> Timeout | None:
    """An ``aiohttp.ClientTimeout`` read as a :class:`Timeout` (its ``total`` spans retries)."""
    if type(value).__name__ != "ClientTimeout" or not hasattr(value, "sock_read"):
        return None
    connect = value.sock_connect or value.connect  # type: ignore[attr-defined]
    return Timeout(
        None,
        connect=connect,
        read=value.sock_read,
        pool=value.connect,  # type: ignore[attr-defined]
        total=value.total,  # type: ignore[attr-defined]
    )
