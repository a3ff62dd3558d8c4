"""Chat payloads: messages, chats, stream events and tool outputs (field names as in cozepy)."""

from __future__ import annotations

import base64
from typing import Any

import orjson
from attrs import define

from .._errors import CozeInvalidArgumentError
from ._base import CozeModel, DynamicStrEnum, ListResponse

__all__ = [
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


class MessageRole(DynamicStrEnum):
    """Who sent a message."""

    USER = "user"
    ASSISTANT = "assistant"


class MessageType(DynamicStrEnum):
    """What a message is within a chat."""

    UNKNOWN = ""
    QUESTION = "question"
    ANSWER = "answer"
    FUNCTION_CALL = "function_call"
    TOOL_OUTPUT = "tool_output"
    TOOL_RESPONSE = "tool_response"
    FOLLOW_UP = "follow_up"
    VERBOSE = "verbose"


class MessageContentType(DynamicStrEnum):
    """How a message's ``content`` is encoded."""

    TEXT = "text"
    OBJECT_STRING = "object_string"
    CARD = "card"
    AUDIO = "audio"


class MessageObjectStringType(DynamicStrEnum):
    """The kind of one part of a multimodal (``object_string``) message."""

    TEXT = "text"
    FILE = "file"
    IMAGE = "image"
    AUDIO = "audio"


@define(kw_only=True)
class MessageObjectString(CozeModel):
    """One part of a multimodal message: text, or a file/image/audio by id or URL."""

    type: MessageObjectStringType
    text: str | None = None
    file_id: str | None = None
    file_url: str | None = None

    @staticmethod
    def build_text(text: str) -> MessageObjectString:
        """A text part."""
        return MessageObjectString(type=MessageObjectStringType.TEXT, text=text)

    @staticmethod
    def build_image(file_id: str | None = None, file_url: str | None = None) -> MessageObjectString:
        """An image part, by uploaded ``file_id`` or public ``file_url``."""
        return MessageObjectString._file_like(MessageObjectStringType.IMAGE, file_id, file_url)

    @staticmethod
    def build_file(file_id: str | None = None, file_url: str | None = None) -> MessageObjectString:
        """A file part, by uploaded ``file_id`` or public ``file_url``."""
        return MessageObjectString._file_like(MessageObjectStringType.FILE, file_id, file_url)

    @staticmethod
    def build_audio(file_id: str | None = None, file_url: str | None = None) -> MessageObjectString:
        """An audio part, by uploaded ``file_id`` or public ``file_url``."""
        return MessageObjectString._file_like(MessageObjectStringType.AUDIO, file_id, file_url)

    @staticmethod
    def _file_like(
        kind: MessageObjectStringType, file_id: str | None, file_url: str | None
    ) -> MessageObjectString:
        if not file_id and not file_url:
            raise CozeInvalidArgumentError(f"a {kind.value} part needs file_id or file_url")
        return MessageObjectString(type=kind, file_id=file_id, file_url=file_url)


@define(kw_only=True)
class InsertedMessage(CozeModel):
    """The id of a message the service inserted from ``additional_messages``."""

    id: str


@define(kw_only=True)
class Message(CozeModel):
    """A message in a conversation or chat."""

    role: MessageRole
    type: MessageType = MessageType.UNKNOWN
    content: str
    content_type: MessageContentType
    meta_data: dict[str, str] | None = None
    id: str | None = None
    conversation_id: str | None = None
    section_id: str | None = None
    bot_id: str | None = None
    chat_id: str | None = None
    created_at: int | None = None
    updated_at: int | None = None
    reasoning_content: str | None = None

    @staticmethod
    def build_user_question_text(content: str, meta_data: dict[str, str] | None = None) -> Message:
        """A user's text question."""
        return Message(
            role=MessageRole.USER,
            type=MessageType.QUESTION,
            content=content,
            content_type=MessageContentType.TEXT,
            meta_data=meta_data,
        )

    @staticmethod
    def build_user_question_objects(
        objects: list[MessageObjectString], meta_data: dict[str, str] | None = None
    ) -> Message:
        """A user's multimodal question built from :class:`MessageObjectString` parts."""
        from .._converter import unstructure

        return Message(
            role=MessageRole.USER,
            type=MessageType.QUESTION,
            content=orjson.dumps(unstructure(list(objects))).decode(),
            content_type=MessageContentType.OBJECT_STRING,
            meta_data=meta_data,
        )

    @staticmethod
    def build_assistant_answer(content: str, meta_data: dict[str, str] | None = None) -> Message:
        """An assistant's text answer (to pass earlier turns as context)."""
        return Message(
            role=MessageRole.ASSISTANT,
            type=MessageType.ANSWER,
            content=content,
            content_type=MessageContentType.TEXT,
            meta_data=meta_data,
        )

    def get_audio(self) -> bytes | None:
        """The decoded audio of an ``audio`` message, or ``None`` for any other content type."""
        if self.content_type == MessageContentType.AUDIO:
            return base64.b64decode(self.content)
        return None


class ChatStatus(DynamicStrEnum):
    """A chat's state; ``completed``, ``failed``, ``requires_action``, ``canceled`` are final."""

    UNKNOWN = ""
    CREATED = "created"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"
    REQUIRES_ACTION = "requires_action"
    CANCELED = "canceled"

    @property
    def is_terminal(self) -> bool:
        """True when the chat will not change any more without a new request."""
        return self in _TERMINAL_STATUSES


_TERMINAL_STATUSES = frozenset(
    {ChatStatus.COMPLETED, ChatStatus.FAILED, ChatStatus.REQUIRES_ACTION, ChatStatus.CANCELED}
)


@define(kw_only=True)
class ChatError(CozeModel):
    """The error a failed chat ended with (``code`` 0 when none)."""

    code: int = 0
    msg: str = ""


class ChatRequiredActionType(DynamicStrEnum):
    """What the service waits for when a chat ``requires_action``."""

    UNKNOWN = ""
    SUBMIT_TOOL_OUTPUTS = "submit_tool_outputs"


class ChatToolCallType(DynamicStrEnum):
    """The kind of tool the bot asks the caller to run."""

    FUNCTION = "function"
    REPLY_MESSAGE = "reply_message"


@define(kw_only=True)
class ChatToolCallFunction(CozeModel):
    """The function to run and its JSON-encoded arguments."""

    name: str
    arguments: str


@define(kw_only=True)
class ChatToolCall(CozeModel):
    """One tool call; answer it with a :class:`ToolOutput` carrying this ``id``."""

    id: str
    type: ChatToolCallType
    function: ChatToolCallFunction | None = None


@define(kw_only=True)
class ChatSubmitToolOutputs(CozeModel):
    """The tool calls awaiting outputs."""

    tool_calls: list[ChatToolCall]


@define(kw_only=True)
class ChatRequiredAction(CozeModel):
    """What the caller must do before a ``requires_action`` chat can go on."""

    type: ChatRequiredActionType
    submit_tool_outputs: ChatSubmitToolOutputs | None = None


@define(kw_only=True)
class ChatUsage(CozeModel):
    """Token usage of a chat."""

    token_count: int = 0
    output_count: int = 0
    input_count: int = 0


#: cozepy names the chat usage model both ways.
Usage = ChatUsage


@define(kw_only=True)
class Chat(CozeModel):
    """One chat: a bot's run in answer to the conversation so far."""

    id: str
    conversation_id: str
    bot_id: str | None = None
    created_at: int | None = None
    completed_at: int | None = None
    failed_at: int | None = None
    meta_data: dict[str, str] | None = None
    last_error: ChatError | None = None
    status: ChatStatus = ChatStatus.UNKNOWN
    required_action: ChatRequiredAction | None = None
    usage: ChatUsage | None = None
    section_id: str | None = None
    inserted_additional_messages: list[InsertedMessage] | None = None


@define(kw_only=True)
class ChatPoll(CozeModel):
    """The final state of a polled chat and the messages it produced."""

    chat: Chat
    messages: ListResponse[Message] | None = None


class ChatEventType(DynamicStrEnum):
    """The event names of a chat stream."""

    CONVERSATION_CHAT_CREATED = "conversation.chat.created"
    CONVERSATION_CHAT_IN_PROGRESS = "conversation.chat.in_progress"
    CONVERSATION_MESSAGE_DELTA = "conversation.message.delta"
    CONVERSATION_MESSAGE_COMPLETED = "conversation.message.completed"
    CONVERSATION_CHAT_COMPLETED = "conversation.chat.completed"
    CONVERSATION_CHAT_FAILED = "conversation.chat.failed"
    CONVERSATION_CHAT_REQUIRES_ACTION = "conversation.chat.requires_action"
    CONVERSATION_AUDIO_DELTA = "conversation.audio.delta"
    ERROR = "error"
    DONE = "done"
    UNKNOWN = "unknown"


@define(kw_only=True)
class ChatEvent(CozeModel):
    """One chat stream event: ``conversation.chat.*`` carry :attr:`chat`, ``conversation.message.*``
    and ``conversation.audio.delta`` carry :attr:`message`. An event name this SDK does not know
    arrives as ``UNKNOWN`` with ``unknown == {"event": name, "data": raw_data}``."""

    event: ChatEventType
    chat: Chat | None = None
    message: Message | None = None
    unknown: dict[str, Any] | None = None


@define(kw_only=True)
class ToolOutput(CozeModel):
    """The result of one tool call, sent back with ``submit_tool_outputs``."""

    tool_call_id: str
    output: str
