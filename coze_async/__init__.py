"""coze_async: an async-first Python SDK for the Coze OpenAPI, with a typed sync layer.

async with AsyncCoze(auth=TokenAuth(token)) as coze:
    async for event in coze.chat.stream(bot_id=..., user_id=..., additional_messages=[...]):
        ...

with Coze(auth=TokenAuth(token)) as coze:
    for event in coze.chat.stream(bot_id=..., user_id=..., additional_messages=[...]):
        ...
"""

from ._auth import AsyncTokenAuth, Auth, TokenAuth
from ._client import AsyncCoze
from ._config import COZE_CN_BASE_URL, COZE_COM_BASE_URL, DEFAULT_TIMEOUT
from ._errors import (
    AuthenticationError,
    BadRequestError,
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeInvalidEventError,
    CozeInvalidResponseError,
    CozeStreamTruncatedError,
    CozeTimeoutError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from ._portal import SyncStream
from ._response import HTTPResponse
from ._sse import SSELineTooLongError
from ._stream import AsyncStream
from ._sync import Coze
from ._transport import RequestOptions, Timeout
from ._version import __version__
from .models._base import CozeModel, DynamicIntEnum, DynamicStrEnum, ListResponse
from .models.chat import (
    Chat,
    ChatError,
    ChatEvent,
    ChatEventType,
    ChatPoll,
    ChatRequiredAction,
    ChatRequiredActionType,
    ChatStatus,
    ChatSubmitToolOutputs,
    ChatToolCall,
    ChatToolCallFunction,
    ChatToolCallType,
    ChatUsage,
    InsertedMessage,
    Message,
    MessageContentType,
    MessageObjectString,
    MessageObjectStringType,
    MessageRole,
    MessageType,
    ToolOutput,
    Usage,
)

#: cozepy's name for a stream in async code.
AsyncIteratorStream = AsyncStream
#: cozepy's name for a stream in sync code.
Stream = SyncStream

__all__ = [
    "COZE_CN_BASE_URL",
    "COZE_COM_BASE_URL",
    "DEFAULT_TIMEOUT",
    "AsyncCoze",
    "AsyncIteratorStream",
    "AsyncStream",
    "AsyncTokenAuth",
    "Auth",
    "AuthenticationError",
    "BadRequestError",
    "Chat",
    "ChatError",
    "ChatEvent",
    "ChatEventType",
    "ChatPoll",
    "ChatRequiredAction",
    "ChatRequiredActionType",
    "ChatStatus",
    "ChatSubmitToolOutputs",
    "ChatToolCall",
    "ChatToolCallFunction",
    "ChatToolCallType",
    "ChatUsage",
    "Coze",
    "CozeAPIError",
    "CozeConnectionError",
    "CozeError",
    "CozeInvalidEventError",
    "CozeInvalidResponseError",
    "CozeModel",
    "CozeStreamTruncatedError",
    "CozeTimeoutError",
    "DynamicIntEnum",
    "DynamicStrEnum",
    "HTTPResponse",
    "InsertedMessage",
    "InternalServerError",
    "ListResponse",
    "Message",
    "MessageContentType",
    "MessageObjectString",
    "MessageObjectStringType",
    "MessageRole",
    "MessageType",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "SSELineTooLongError",
    "Stream",
    "SyncStream",
    "Timeout",
    "TokenAuth",
    "ToolOutput",
    "Usage",
    "__version__",
]
