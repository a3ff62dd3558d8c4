"""The exception hierarchy: every failure the SDK raises is a :class:`CozeError`."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "COZE_PKCE_AUTH_ERROR_TYPE_ENUMS",
    "AuthenticationError",
    "BadRequestError",
    "CozeAPIError",
    "CozeClientClosedError",
    "CozeConnectionError",
    "CozeError",
    "CozeInvalidArgumentError",
    "CozeInvalidArgumentTypeError",
    "CozeInvalidEventError",
    "CozeInvalidResponseError",
    "CozePKCEAuthError",
    "CozePKCEAuthErrorType",
    "CozeStreamTruncatedError",
    "CozeTimeoutError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "api_error",
]

#: How many characters of an unexpected body an error message quotes.
BODY_EXCERPT_CHARS = 512


class CozeError(Exception):
    """Base class of every error raised by coze_async."""


class CozeInvalidArgumentError(CozeError, ValueError):
    """An argument was refused before anything was sent (an empty id, a bad value, an unknown
    option). Also a ``ValueError``, so existing ``except ValueError`` code keeps working."""


class CozeInvalidArgumentTypeError(CozeInvalidArgumentError, TypeError):
    """An argument of the wrong type. Also a ``TypeError``."""


class CozeAPIError(CozeError):
    """The service answered with an error: a non-zero envelope ``code`` or an HTTP error status.

    ``code`` is the Coze error code (``None`` when the body carried none), ``status`` the HTTP
    status (``None`` for errors delivered inside a stream), ``logid`` the request's log id to
    quote to Coze support. The OAuth endpoints name their errors instead: ``error_code`` holds
    that name (e.g. ``"invalid_grant"``), ``None`` elsewhere.
    """

    #: The OAuth error name (``invalid_grant``, ``invalid_client``, ...) of a token endpoint error.
    error_code: str | None = None

    def __init__(
        self,
        code: int | None = None,
        msg: str = "",
        logid: str | None = None,
        debug_url: str | None = None,
        status: int | None = None,
    ) -> None:
        self.code = code
        self.msg = msg
        self.logid = logid
        self.debug_url = debug_url
        self.status = status
        parts = []
        if code is not None:
            parts.append(f"code: {code}")
        if status is not None:
            parts.append(f"status: {status}")
        parts.append(f"msg: {msg}")
        parts.append(f"logid: {logid}")
        if debug_url:
            parts.append(f"debug_url: {debug_url}")
        super().__init__(", ".join(parts))

    @property
    def status_code(self) -> int | None:
        """Alias of :attr:`status`."""
        return self.status

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.code, self.msg, self.logid, self.debug_url, self.status))


class BadRequestError(CozeAPIError):
    """The request was malformed or a parameter was invalid (HTTP 400, Coze code 4000)."""


class AuthenticationError(CozeAPIError):
    """The token is missing, invalid or expired (HTTP 401, Coze code 4100)."""


class PermissionDeniedError(CozeAPIError):
    """The token lacks the permission for this resource (HTTP 403, Coze code 4101)."""


class NotFoundError(CozeAPIError):
    """The resource does not exist (HTTP 404, Coze code 4200)."""


class RateLimitError(CozeAPIError):
    """Too many requests (HTTP 429, Coze code 4013). ``retry_after`` is in seconds, if known."""

    def __init__(
        self,
        code: int | None = None,
        msg: str = "",
        logid: str | None = None,
        debug_url: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(code, msg, logid, debug_url, status)
        self.retry_after = retry_after

    def __str__(self) -> str:
        text = super().__str__()
        if self.retry_after is not None:
            text += f", retry_after: {self.retry_after:g}"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        args = (self.code, self.msg, self.logid, self.debug_url, self.status, self.retry_after)
        return (type(self), args)


class InternalServerError(CozeAPIError):
    """The service failed (HTTP 5xx, Coze code 5000)."""


class CozeInvalidResponseError(CozeAPIError):
    """The service answered with a body this SDK cannot read (not JSON, or the wrong shape)."""


class CozePKCEAuthErrorType(str, Enum):
    """The OAuth error names a device-code or PKCE token request can end with (RFC 8628 §3.5)."""

    AUTHORIZATION_PENDING = "authorization_pending"
    SLOW_DOWN = "slow_down"
    ACCESS_DENIED = "access_denied"
    EXPIRED_TOKEN = "expired_token"

    def __str__(self) -> str:
        return self.value


class CozePKCEAuthError(CozeAPIError):
    """A token request answered with one of :class:`CozePKCEAuthErrorType` (``error``): the
    user has not approved yet, polling is too fast, the user refused, or the code expired.
    A :class:`CozeAPIError`, so one ``except CozeAPIError`` sees every failed call."""

    def __init__(
        self,
        error: CozePKCEAuthErrorType,
        logid: str | None = None,
        *,
        msg: str = "",
        status: int | None = None,
    ) -> None:
        super().__init__(None, msg or f"pkce auth error: {error.value}", logid, None, status)
        self.error: CozePKCEAuthErrorType = CozePKCEAuthErrorType(error)
        self.error_code: str | None = self.error.value

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_pkce_error, (self.error, self.logid, self.msg, self.status))


def _rebuild_pkce_error(
    error: CozePKCEAuthErrorType, logid: str | None, msg: str, status: int | None
) -> CozePKCEAuthError:
    return CozePKCEAuthError(error, logid, msg=msg, status=status)


_BY_CODE: dict[int, type[CozeAPIError]] = {
    4000: BadRequestError,
    4013: RateLimitError,
    4100: AuthenticationError,
    4101: PermissionDeniedError,
    4200: NotFoundError,
    5000: InternalServerError,
}

_BY_STATUS: dict[int, type[CozeAPIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


_PKCE_ERRORS = frozenset(member.value for member in CozePKCEAuthErrorType)
#: The values of :class:`CozePKCEAuthErrorType` (cozepy's name for the set).
COZE_PKCE_AUTH_ERROR_TYPE_ENUMS = _PKCE_ERRORS


def api_error(
    code: int | None,
    msg: str,
    *,
    logid: str | None = None,
    debug_url: str | None = None,
    status: int | None = None,
    error_code: str | None = None,
) -> CozeAPIError:
    """Build the most specific :class:`CozeAPIError` subclass for a Coze code and HTTP status,
    or for an OAuth ``error_code`` (a :class:`CozePKCEAuthError` for the device/PKCE ones)."""
    if error_code is not None:
        if error_code in _PKCE_ERRORS:
            return CozePKCEAuthError(
                CozePKCEAuthErrorType(error_code), logid, msg=msg, status=status
            )
        error = api_error(code, msg, logid=logid, debug_url=debug_url, status=status)
        error.error_code = error_code
        return error
    cls: type[CozeAPIError] | None = _BY_CODE.get(code) if code is not None else None
    if cls is None and status is not None:
        cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else None)
    return (cls or CozeAPIError)(code, msg, logid, debug_url, status)


class CozeInvalidEventError(CozeError):
    """A stream event this SDK cannot decode (bad JSON, or an unknown name in strict mode)."""

    def __init__(self, field: str = "", data: str = "", logid: str | None = "") -> None:
        self.field = field
        self.data = data
        self.logid = logid
        excerpt = data[:BODY_EXCERPT_CHARS]
        where = f"field: {field}, " if field else ""
        super().__init__(f"invalid event, {where}data: {excerpt!r}, logid: {logid}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.data, self.logid))


class CozeStreamTruncatedError(CozeError):
    """A stream ended before its terminal event: the connection closed early. Nothing is dropped
    silently: ``events_seen`` events were delivered before the cut."""

    def __init__(self, events_seen: int, logid: str | None = None, detail: str = "") -> None:
        self.events_seen = events_seen
        self.logid = logid
        self.detail = detail
        message = f"stream ended early, after {events_seen} events, logid: {logid}"
        super().__init__(f"{message} ({detail})" if detail else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.events_seen, self.logid, self.detail))


class CozeClientClosedError(CozeError):
    """The client was closed: before this call, or while it (or a stream) was in progress."""


class CozeConnectionError(CozeError):
    """The request could not be completed at the network level (refused, reset, DNS, TLS).

    ``may_have_succeeded`` is true when the request may have reached the service before the failure.
    """

    def __init__(self, message: str, *, may_have_succeeded: bool = False) -> None:
        super().__init__(message)
        self.may_have_succeeded = may_have_succeeded
        #: False for failures a new attempt cannot fix (a TLS certificate error).
        self.retryable = True

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_connection_error, (type(self), str(self), self.may_have_succeeded))


class CozeTimeoutError(CozeConnectionError):
    """The request (or a stream waiting for its next bytes) exceeded its time limit."""


def _rebuild_connection_error(
    cls: type[CozeConnectionError], message: str, may_have_succeeded: bool
) -> CozeConnectionError:
    return cls(message, may_have_succeeded=may_have_succeeded)
