"""Authentication: how a client obtains the ``Authorization`` header for each request."""

from __future__ import annotations

import abc

from ._headers import check_header_value

__all__ = ["AsyncTokenAuth", "Auth", "TokenAuth"]


class Auth(abc.ABC):
    """Base class of every authentication flow."""

    @property
    @abc.abstractmethod
    def token_type(self) -> str:
        """The scheme of the ``Authorization`` header, e.g. ``Bearer``."""

    @property
    @abc.abstractmethod
    def token(self) -> str:
        """The current access token."""

    async def authorization(self) -> str:
        """The ``Authorization`` header value for the next request (flows that refresh tokens
        override this)."""
        return f"{self.token_type} {self.token}"


class TokenAuth(Auth):
    """A fixed personal or service access token, sent as ``Authorization: Bearer <token>``.

    The token never appears in ``repr()``, ``str()`` or error messages.
    """

    __slots__ = ("_header", "_token")

    def __init__(self, token: str) -> None:
        if not isinstance(token, str):
            raise TypeError(f"token must be a str, not {type(token).__name__}")
        if not token.strip():
            raise ValueError("token must be a non-empty string")
        check_header_value("Authorization", token)
        self._token = token
        self._header = f"Bearer {token}"

    @property
    def token_type(self) -> str:
        return "Bearer"

    @property
    def token(self) -> str:
        return self._token

    async def authorization(self) -> str:
        """``Bearer <token>``."""
        return self._header

    def __repr__(self) -> str:
        return "TokenAuth(token='***')"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("TokenAuth holds a secret and cannot be pickled")


#: cozepy's name for the same flow in async code; one class serves both styles here.
AsyncTokenAuth = TokenAuth
