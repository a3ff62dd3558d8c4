"""Chat, as cozepy's ``cozepy.chat`` names it: the chat and message models, the events of a stream,
and the clients (a chat's messages: ``coze_async.chat.message``). Every name is the object the
rest of the package uses (also exported by ``coze_async`` itself where it is a top-level name
there)."""

from __future__ import annotations

from ..models.chat import (
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
from ..resources.chat import AsyncChatClient, ChatClient

__all__ = [
    "AsyncChatClient",
    "Chat",
    "ChatClient",
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
    "InsertedMessage",
    "Message",
    "MessageContentType",
    "MessageObjectString",
    "MessageObjectStringType",
    "MessageRole",
    "MessageType",
    "ToolOutput",
    "Usage",
]
