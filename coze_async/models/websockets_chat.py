"""Events of the realtime voice chat endpoint (``/v1/chat``); it also takes and answers the
``input_audio_buffer`` events of ``websockets_transcriptions``."""

from __future__ import annotations

from typing import Any

from attrs import define

from ._base import CozeModel, DynamicStrEnum
from .chat import Chat, Message, ToolOutput
from .websockets import InputAudio, OutputAudio, WebsocketsEvent, WebsocketsEventType, event_table
from .websockets_transcriptions import InputAudioBufferClearedEvent, InputAudioBufferCompletedEvent

__all__ = [
    "ChatCreatedEvent",
    "ChatUpdateEvent",
    "ChatUpdatedEvent",
    "ConversationAudioCompletedEvent",
    "ConversationAudioDeltaEvent",
    "ConversationAudioSentenceStartEvent",
    "ConversationAudioTranscriptCompletedEvent",
    "ConversationAudioTranscriptUpdateEvent",
    "ConversationChatCancelEvent",
    "ConversationChatCanceledEvent",
    "ConversationChatCompletedEvent",
    "ConversationChatCreatedEvent",
    "ConversationChatFailedEvent",
    "ConversationChatInProgressEvent",
    "ConversationChatRequiresActionEvent",
    "ConversationChatSubmitToolOutputsEvent",
    "ConversationClear",
    "ConversationClearedEvent",
    "ConversationMessageCompletedEvent",
    "ConversationMessageCreateEvent",
    "ConversationMessageDeltaEvent",
    "InputAudioBufferSpeechStartedEvent",
    "InputAudioBufferSpeechStoppedEvent",
    "InputTextGenerateAudioEvent",
]

T = WebsocketsEventType

# -- sent --------------------------------------------------------------------------------------


@define(kw_only=True)
class ChatUpdateEvent(WebsocketsEvent):
    """Sent: change the session's settings (answered by ``chat.updated`` or ``error``)."""

    @define(kw_only=True)
    class ChatConfig(CozeModel):
        """The chat itself: conversation, user, metadata, variables, history, parameters."""

        conversation_id: str | None = None
        user_id: str | None = None
        meta_data: dict[str, str] | None = None
        custom_variables: dict[str, str] | None = None
        extra_params: dict[str, str] | None = None
        auto_save_history: bool | None = None
        parameters: dict[str, Any] | None = None

    class TurnDetectionType(DynamicStrEnum):
        """Who decides that the user stopped talking."""

        SERVER_VAD = "server_vad"
        CLIENT_INTERRUPT = "client_interrupt"

    class InterruptConfigMode(DynamicStrEnum):
        """How keywords interrupt the bot in ``server_vad`` mode."""

        KEYWORD_CONTAINS = "keyword_contains"
        KEYWORD_PREFIX = "keyword_prefix"

    class ASRConfigUserLanguage(DynamicStrEnum):
        """The language the user speaks (``common``: Chinese, English, Cantonese detected)."""

        COMMON = "common"
        ZH = "zh"
        CANT = "cant"
        SC = "sc"
        EN = "en"
        JA = "ja"
        KO = "ko"
        FR = "fr"
        ID = "id"
        ES = "es"
        PT = "pt"
        MS = "ms"
        RU = "ru"

    @define(kw_only=True)
    class ASRConfig(CozeModel):
        """Speech recognition hints: hot words, context, language, text clean-up."""

        hot_words: list[str] | None = None
        context: str | None = None
        context_type: str | None = None
        user_language: ChatUpdateEvent.ASRConfigUserLanguage | None = None
        enable_ddc: bool | None = None
        enable_itn: bool | None = None
        enable_punc: bool | None = None

    @define(kw_only=True)
    class InterruptConfig(CozeModel):
        """Keywords that interrupt the bot (at most 5)."""

        mode: ChatUpdateEvent.InterruptConfigMode | None = None
        keywords: list[str] | None = None

    @define(kw_only=True)
    class TurnDetection(CozeModel):
        """Turn detection: the mode and its ``server_vad`` timings."""

        type: ChatUpdateEvent.TurnDetectionType | None = None
        prefix_padding_ms: int | None = None
        silence_duration_ms: int | None = None
        interrupt_config: ChatUpdateEvent.InterruptConfig | None = None

    @define(kw_only=True)
    class Data(CozeModel):
        """The settings to change (those left ``None`` stay as they are)."""

        output_audio: OutputAudio | None = None
        input_audio: InputAudio | None = None
        chat_config: ChatUpdateEvent.ChatConfig | None = None
        event_subscriptions: list[str] | None = None
        need_play_prologue: bool | None = None
        prologue_content: str | None = None
        turn_detection: ChatUpdateEvent.TurnDetection | None = None
        asr_config: ChatUpdateEvent.ASRConfig | None = None

    event_type: WebsocketsEventType = T.CHAT_UPDATE
    data: ChatUpdateEvent.Data


@define(kw_only=True)
class ConversationMessageCreateEvent(WebsocketsEvent):
    """Sent: add a message; from the ``user`` it starts a reply, from the ``assistant`` it
    only joins the context."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The message: role, content type (``text``, ``object_string``) and content."""

        role: str
        content_type: str
        content: str

    event_type: WebsocketsEventType = T.CONVERSATION_MESSAGE_CREATE
    data: ConversationMessageCreateEvent.Data


@define(kw_only=True)
class ConversationClear(WebsocketsEvent):
    """Sent: start a new context section (answered by ``conversation.cleared``)."""

    event_type: WebsocketsEventType = T.CONVERSATION_CLEAR


@define(kw_only=True)
class ConversationChatSubmitToolOutputsEvent(WebsocketsEvent):
    """Sent: the outputs of the tools a ``conversation.chat.requires_action`` asked for."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The chat's id and one output per tool call."""

        chat_id: str
        tool_outputs: list[ToolOutput]

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_SUBMIT_TOOL_OUTPUTS
    data: ConversationChatSubmitToolOutputsEvent.Data


@define(kw_only=True)
class ConversationChatCancelEvent(WebsocketsEvent):
    """Sent: interrupt the bot's reply (answered by ``conversation.chat.canceled``)."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_CANCEL


@define(kw_only=True)
class InputTextGenerateAudioEvent(WebsocketsEvent):
    """Sent: have this text spoken (no bot reply; interrupts the audio being played)."""

    class Mode(DynamicStrEnum):
        """What ``data`` carries."""

        TEXT = "text"

    @define(kw_only=True)
    class Data(CozeModel):
        """The text to speak (``mode`` text)."""

        mode: InputTextGenerateAudioEvent.Mode
        text: str | None = None

    event_type: WebsocketsEventType = T.INPUT_TEXT_GENERATE_AUDIO
    data: InputTextGenerateAudioEvent.Data


# -- received ----------------------------------------------------------------------------------


@define(kw_only=True)
class ChatCreatedEvent(WebsocketsEvent):
    """Received first: the chat session is open."""

    event_type: WebsocketsEventType = T.CHAT_CREATED


@define(kw_only=True)
class ChatUpdatedEvent(WebsocketsEvent):
    """Received: the settings in force after ``chat.update``."""

    event_type: WebsocketsEventType = T.CHAT_UPDATED
    data: ChatUpdateEvent.Data


@define(kw_only=True)
class ConversationChatCreatedEvent(WebsocketsEvent):
    """Received: a chat (the bot's reply) started."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_CREATED
    data: Chat


@define(kw_only=True)
class ConversationChatInProgressEvent(WebsocketsEvent):
    """Received: the chat is being processed."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_IN_PROGRESS
    data: Chat


@define(kw_only=True)
class ConversationMessageDeltaEvent(WebsocketsEvent):
    """Received: a piece of the reply's text."""

    event_type: WebsocketsEventType = T.CONVERSATION_MESSAGE_DELTA
    data: Message


@define(kw_only=True)
class ConversationAudioSentenceStartEvent(WebsocketsEvent):
    """Received: the subtitle of the audio deltas that follow."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The sentence's text."""

        text: str

    event_type: WebsocketsEventType = T.CONVERSATION_AUDIO_SENTENCE_START
    data: ConversationAudioSentenceStartEvent.Data


@define(kw_only=True)
class ConversationAudioDeltaEvent(WebsocketsEvent):
    """Received: a piece of the reply's audio; ``data.get_audio()`` (or :meth:`get_audio`)
    gives the bytes."""

    event_type: WebsocketsEventType = T.CONVERSATION_AUDIO_DELTA
    data: Message

    def get_audio(self) -> bytes | None:
        """The decoded audio of this delta."""
        return self.data.get_audio()


@define(kw_only=True)
class ConversationMessageCompletedEvent(WebsocketsEvent):
    """Received: a message is complete (all its deltas joined)."""

    event_type: WebsocketsEventType = T.CONVERSATION_MESSAGE_COMPLETED
    data: Message


@define(kw_only=True)
class ConversationAudioCompletedEvent(WebsocketsEvent):
    """Received: the reply's audio is complete."""

    event_type: WebsocketsEventType = T.CONVERSATION_AUDIO_COMPLETED
    data: Message


@define(kw_only=True)
class ConversationChatCompletedEvent(WebsocketsEvent):
    """Received: the chat is complete (with its usage)."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_COMPLETED
    data: Chat


@define(kw_only=True)
class ConversationChatFailedEvent(WebsocketsEvent):
    """Received: the chat failed (``data.last_error`` says why)."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_FAILED
    data: Chat


@define(kw_only=True)
class ConversationClearedEvent(WebsocketsEvent):
    """Received: the context was cleared."""

    event_type: WebsocketsEventType = T.CONVERSATION_CLEARED


@define(kw_only=True)
class ConversationChatCanceledEvent(WebsocketsEvent):
    """Received: the bot's reply was interrupted."""

    @define(kw_only=True)
    class Data(CozeModel):
        """Why: 1 the user spoke, 2 ``conversation.chat.cancel``, 3 a new message."""

        code: int
        msg: str

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_CANCELED
    data: ConversationChatCanceledEvent.Data


@define(kw_only=True)
class ConversationAudioTranscriptUpdateEvent(WebsocketsEvent):
    """Received: the user's speech recognised so far (the whole text each time)."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The text so far."""

        content: str

    event_type: WebsocketsEventType = T.CONVERSATION_AUDIO_TRANSCRIPT_UPDATE
    data: ConversationAudioTranscriptUpdateEvent.Data


@define(kw_only=True)
class ConversationAudioTranscriptCompletedEvent(WebsocketsEvent):
    """Received: the user's speech is recognised."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The final text."""

        content: str

    event_type: WebsocketsEventType = T.CONVERSATION_AUDIO_TRANSCRIPT_COMPLETED
    data: ConversationAudioTranscriptCompletedEvent.Data


@define(kw_only=True)
class ConversationChatRequiresActionEvent(WebsocketsEvent):
    """Received: the bot asks the caller to run tools (``data.required_action``); answer with
    ``conversation.chat.submit_tool_outputs``."""

    event_type: WebsocketsEventType = T.CONVERSATION_CHAT_REQUIRES_ACTION
    data: Chat


@define(kw_only=True)
class InputAudioBufferSpeechStartedEvent(WebsocketsEvent):
    """Received (``server_vad`` mode): the user started talking."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_SPEECH_STARTED


@define(kw_only=True)
class InputAudioBufferSpeechStoppedEvent(WebsocketsEvent):
    """Received (``server_vad`` mode): the user stopped talking."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_SPEECH_STOPPED


#: The events the chat endpoint sends, by type (``error`` is common to all).
CHAT_EVENTS = event_table(
    ChatCreatedEvent,
    ChatUpdatedEvent,
    ConversationChatCreatedEvent,
    ConversationChatInProgressEvent,
    ConversationMessageDeltaEvent,
    ConversationAudioSentenceStartEvent,
    ConversationAudioDeltaEvent,
    ConversationMessageCompletedEvent,
    ConversationAudioCompletedEvent,
    ConversationChatCompletedEvent,
    ConversationChatFailedEvent,
    InputAudioBufferCompletedEvent,
    InputAudioBufferClearedEvent,
    ConversationClearedEvent,
    ConversationChatCanceledEvent,
    ConversationAudioTranscriptUpdateEvent,
    ConversationAudioTranscriptCompletedEvent,
    ConversationChatRequiresActionEvent,
    InputAudioBufferSpeechStartedEvent,
    InputAudioBufferSpeechStoppedEvent,
)
