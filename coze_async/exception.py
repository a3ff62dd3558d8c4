"""The exceptions, as cozepy's ``cozepy.exception`` names them, and the ones coze_async adds: every
error the SDK raises is a ``CozeError``."""

from __future__ import annotations

from ._errors import (
    COZE_PKCE_AUTH_ERROR_TYPE_ENUMS,
    AuthenticationError,
    BadRequestError,
    CozeAPIError,
    CozeClientClosedError,
    CozeConnectionError,
    CozeError,
    CozeInvalidEventError,
    CozeInvalidResponseError,
    CozePKCEAuthError,
    CozePKCEAuthErrorType,
    CozeStreamTruncatedError,
    CozeTimeoutError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from ._sse import SSELineTooLongError

__all__ = [
    "COZE_PKCE_AUTH_ERROR_TYPE_ENUMS",
    "AuthenticationError",
    "BadRequestError",
    "CozeAPIError",
    "CozeClientClosedError",
    "CozeConnectionError",
    "CozeError",
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
    "SSELineTooLongError",
]
