"""Authentication: how a client obtains the ``Authorization`` header for each request.

cozepy's shape is kept (``Auth`` with ``token_type`` / ``token`` / ``atoken``, ``SyncAuth`` and
``AsyncAuth``), so a user's own ``Auth`` subclass written for cozepy works here. The transport
only ever awaits :meth:`Auth.authorization`, in the client's event loop; the OAuth flows that
fetch and refresh tokens live in ``_oauth.py``.
"""

from __future__ import annotations

import abc
import inspect
from collections.abc import Awaitable, Callable

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._headers import check_header_value

__all__ = [
    "AsyncAuth",
    "AsyncTokenAuth",
    "Auth",
    "SyncAuth",
    "TokenAuth",
    "TokenSource",
    "check_auth",
]

#: A token, or a function (plain or ``async``) returning the current one.
TokenSource = str | Callable[[], str] | Callable[[], Awaitable[str]]


class Auth(abc.ABC):
    """Base class of every authentication flow.

    A subclass gives :attr:`token_type` and either :attr:`token` (sync) or :attr:`atoken`
    (async); flows that refresh tokens override :meth:`authorization`.
    """

    @property
    @abc.abstractmethod
    def token_type(self) -> str:
        """The scheme of the ``Authorization`` header, e.g. ``Bearer``."""

    @property
    @abc.abstractmethod
    def token(self) -> str:
        """The current access token (sync)."""

    @property
    async def atoken(self) -> str:
        """The current access token (async)."""
        return self.token

    def authentication(self, headers: dict[str, str]) -> None:
        """Set ``headers["Authorization"]`` (sync; cozepy's hook)."""
        headers["Authorization"] = f"{self.token_type} {self.token}"

    async def aauthentication(self, headers: dict[str, str]) -> None:
        """Set ``headers["Authorization"]`` (async; cozepy's hook)."""
        headers["Authorization"] = await self.authorization()

    async def authorization(self) -> str:
        """The ``Authorization`` header value for the next request."""
        return f"{self.token_type} {await self.atoken}"


def check_auth(auth: object) -> None:
    """``TypeError`` unless ``auth`` is an :class:`Auth`."""
    if not isinstance(auth, Auth):
        raise CozeInvalidArgumentTypeError(
            f"auth must be an Auth instance (e.g. TokenAuth), not {type(auth)!r}"
        )


class SyncAuth(Auth, abc.ABC):
    """An :class:`Auth` whose token is known without waiting (its ``atoken`` is ``token``)."""


class AsyncAuth(Auth, abc.ABC):
    """An :class:`Auth` whose token may need awaiting: subclasses give :attr:`atoken`."""

    @property
    def token(self) -> str:
        """An async flow's token is read with ``await auth.atoken``."""
        raise CozeInvalidArgumentTypeError(
            f"{type(self).__name__} is async: read the token with 'await auth.atoken'"
        )

    @property
    @abc.abstractmethod
    async def atoken(self) -> str:
        """The current access token."""


class _BearerToken:
    """A fixed token or a function returning one, sent as ``Bearer <token>``; never shown in
    ``repr()`` or pickled."""

    _source: TokenSource
    _header: str | None

    def _init_source(self, token: TokenSource) -> None:
        if callable(token):
            self._source, self._header = token, None
            return
        if not isinstance(token, str):
            raise CozeInvalidArgumentTypeError(
                f"token must be a str or a function returning one, not {type(token).__name__}"
            )
        if not token.strip():
            raise CozeInvalidArgumentError("token must be a non-empty string")
        check_header_value("Authorization", token)
        self._source, self._header = token, f"Bearer {token}"

    @property
    def token_type(self) -> str:
        return "Bearer"

    async def _current(self) -> str:
        source = self._source
        if isinstance(source, str):
            return source
        value = source()
        if inspect.isawaitable(value):
            value = await value
        return _checked(value, source)

    async def authorization(self) -> str:
        """``Bearer <token>``."""
        if self._header is not None:
            return self._header
        return f"Bearer {await self._current()}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token='***')"

    def __reduce__(self) -> tuple[object, ...]:
        raise CozeInvalidArgumentTypeError(
            f"{type(self).__name__} holds a secret and cannot be pickled"
        )


def _checked(value: object, source: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CozeInvalidArgumentTypeError(
            f"the token function {source!r} must return a non-empty str"
        )
    check_header_value("Authorization", value)
    return value


class TokenAuth(_BearerToken, SyncAuth):
    """A personal or service access token, sent as ``Authorization: Bearer <token>``.

    ``token`` is the token, or a function (plain or ``async``) called before each request that
    returns the current one (e.g. read from your own token store). The token never appears in
    ``repr()``, ``str()`` or error messages.
    """

    def __init__(self, token: TokenSource) -> None:
        self._init_source(token)

    @property
    def token(self) -> str:
        source = self._source
        if isinstance(source, str):
            return source
        value = source()
        if inspect.isawaitable(value):
            if inspect.iscoroutine(value):
                value.close()
            raise CozeInvalidArgumentTypeError(
                "this TokenAuth's function is async: read 'await auth.atoken'"
            )
        return _checked(value, source)

    @property
    async def atoken(self) -> str:
        return await self._current()


class AsyncTokenAuth(_BearerToken, AsyncAuth):
    """:class:`TokenAuth` under cozepy's async name: the same token or token function."""

    def __init__(self, token: TokenSource) -> None:
        self._init_source(token)

    @property
    async def atoken(self) -> str:
        return await self._current()
