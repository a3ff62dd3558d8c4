"""Realtime (websocket) payloads shared by the three channels: the event types, the event base
class, the error and unknown events, and the audio formats (names and fields as in cozepy).

Every event travels as one JSON text frame ``{"id", "event_type", "data", "detail"}``; the
channel modules (``websockets_chat``, ``websockets_speech``, ``websockets_transcriptions``)
define the events of each endpoint.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import define

from .._errors import CozeAPIError, api_error
from ._base import CozeModel, DynamicStrEnum

__all__ = [
    "InputAudio",
    "LimitConfig",
    "OpusConfig",
    "OutputAudio",
    "PCMConfig",
    "WebsocketsErrorEvent",
    "WebsocketsEvent",
    "WebsocketsEventType",
    "WebsocketsUnknownEvent",
]


class WebsocketsEventType(DynamicStrEnum):
    """The ``event_type`` of a websocket event (sent or received); unknown values are kept."""

    # raised by the SDK itself (handler keys, never on the wire)
    CLIENT_ERROR = "client_error"
    CLOSED = "closed"

    ERROR = "error"

    # /v1/audio/speech: sent
    SPEECH_UPDATE = "speech.update"
    INPUT_TEXT_BUFFER_APPEND = "input_text_buffer.append"
    INPUT_TEXT_BUFFER_COMPLETE = "input_text_buffer.complete"
    # /v1/audio/speech: received
    SPEECH_CREATED = "speech.created"
    SPEECH_UPDATED = "speech.updated"
    INPUT_TEXT_BUFFER_COMPLETED = "input_text_buffer.completed"
    SPEECH_AUDIO_UPDATE = "speech.audio.update"
    SPEECH_AUDIO_COMPLETED = "speech.audio.completed"

    # /v1/audio/transcriptions: sent (the input_audio_buffer ones on /v1/chat too)
    TRANSCRIPTIONS_UPDATE = "transcriptions.update"
    INPUT_AUDIO_BUFFER_APPEND = "input_audio_buffer.append"
    INPUT_AUDIO_BUFFER_COMPLETE = "input_audio_buffer.complete"
    INPUT_AUDIO_BUFFER_CLEAR = "input_audio_buffer.clear"
    # /v1/audio/transcriptions: received
    TRANSCRIPTIONS_CREATED = "transcriptions.created"
    TRANSCRIPTIONS_UPDATED = "transcriptions.updated"
    INPUT_AUDIO_BUFFER_COMPLETED = "input_audio_buffer.completed"
    INPUT_AUDIO_BUFFER_CLEARED = "input_audio_buffer.cleared"
    TRANSCRIPTIONS_MESSAGE_UPDATE = "transcriptions.message.update"
    TRANSCRIPTIONS_MESSAGE_COMPLETED = "transcriptions.message.completed"

    # /v1/chat: sent
    CHAT_UPDATE = "chat.update"
    CONVERSATION_MESSAGE_CREATE = "conversation.message.create"
    CONVERSATION_CLEAR = "conversation.clear"
    CONVERSATION_CHAT_SUBMIT_TOOL_OUTPUTS = "conversation.chat.submit_tool_outputs"
    CONVERSATION_CHAT_CANCEL = "conversation.chat.cancel"
    INPUT_TEXT_GENERATE_AUDIO = "input_text.generate_audio"
    # /v1/chat: received
    CHAT_CREATED = "chat.created"
    CHAT_UPDATED = "chat.updated"
    CONVERSATION_CHAT_CREATED = "conversation.chat.created"
    CONVERSATION_CHAT_IN_PROGRESS = "conversation.chat.in_progress"
    CONVERSATION_MESSAGE_DELTA = "conversation.message.delta"
    CONVERSATION_AUDIO_SENTENCE_START = "conversation.audio.sentence_start"
    CONVERSATION_AUDIO_DELTA = "conversation.audio.delta"
    CONVERSATION_MESSAGE_COMPLETED = "conversation.message.completed"
    CONVERSATION_AUDIO_COMPLETED = "conversation.audio.completed"
    CONVERSATION_CHAT_COMPLETED = "conversation.chat.completed"
    CONVERSATION_CHAT_FAILED = "conversation.chat.failed"
    CONVERSATION_CLEARED = "conversation.cleared"
    CONVERSATION_CHAT_CANCELED = "conversation.chat.canceled"
    CONVERSATION_AUDIO_TRANSCRIPT_UPDATE = "conversation.audio_transcript.update"
    CONVERSATION_AUDIO_TRANSCRIPT_COMPLETED = "conversation.audio_transcript.completed"
    CONVERSATION_CHAT_REQUIRES_ACTION = "conversation.chat.requires_action"
    INPUT_AUDIO_BUFFER_SPEECH_STARTED = "input_audio_buffer.speech_started"
    INPUT_AUDIO_BUFFER_SPEECH_STOPPED = "input_audio_buffer.speech_stopped"


@define(kw_only=True)
class WebsocketsEvent(CozeModel):
    """Base of every websocket event: its type, optional ``id`` and ``detail`` (the log id;
    for an error, the message that caused it)."""

    @define(kw_only=True)
    class Detail(CozeModel):
        """Where an event comes from: the service's log id, and for an ``error`` event the
        original message it answers."""

        logid: str | None = None
        origin_message: str | None = None

    event_type: WebsocketsEventType
    id: str | None = None
    detail: WebsocketsEvent.Detail | None = None

    @property
    def logid(self) -> str | None:
        """The log id the service gave this event (``detail.logid``)."""
        return self.detail.logid if self.detail is not None else None


@define(kw_only=True)
class WebsocketsErrorEvent(WebsocketsEvent):
    """The service reports an error (a bad event, a failed operation); the session stays open.
    :attr:`error` is the matching typed :class:`~coze_async.CozeAPIError`."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The error's code and message (and the event's log id)."""

        code: int = 0
        msg: str = ""
        logid: str | None = None

    event_type: WebsocketsEventType = WebsocketsEventType.ERROR
    data: WebsocketsErrorEvent.Data

    @property
    def error(self) -> CozeAPIError:
        """The typed error (``AuthenticationError`` for 4100, ...) carrying code, msg, logid."""
        return api_error(self.data.code, self.data.msg, logid=self.data.logid or self.logid)


@define(kw_only=True)
class WebsocketsUnknownEvent(WebsocketsEvent):
    """An event type this SDK version does not know (or not on this channel): delivered, never
    dropped, with its ``data`` as decoded JSON."""

    data: Any = None


def event_table(*classes: type[WebsocketsEvent]) -> dict[str, type[WebsocketsEvent]]:
    """The events a channel receives, by the ``event_type`` each class has by default."""
    return {attrs.fields(cls).event_type.default.value: cls for cls in classes}


@define(kw_only=True)
class LimitConfig(CozeModel):
    """Output throttling: at most ``max_frame_num`` audio frames per ``period`` seconds."""

    period: int | None = None
    max_frame_num: int | None = None


@define(kw_only=True)
class InputAudio(CozeModel):
    """The audio the caller sends: ``format`` (pcm, wav, ogg), ``codec`` (pcm, opus, g711a,
    g711u), ``sample_rate`` (24000 by default), ``channel`` (1 or 2), ``bit_depth`` (8/16/24)."""

    format: str | None = None
    codec: str | None = None
    sample_rate: int | None = None
    channel: int | None = None
    bit_depth: int | None = None


@define(kw_only=True)
class OpusConfig(CozeModel):
    """Opus output: ``bitrate``, constant bit rate, frame length in ms, throttling."""

    bitrate: int | None = None
    use_cbr: bool | None = None
    frame_size_ms: float | None = None
    limit_config: LimitConfig | None = None


@define(kw_only=True)
class PCMConfig(CozeModel):
    """PCM (and G.711) output: sample rate, frame length in ms, throttling."""

    sample_rate: int | None = None
    frame_size_ms: float | None = None
    limit_config: LimitConfig | None = None


@define(kw_only=True)
class OutputAudio(CozeModel):
    """The audio the service sends: ``codec`` (pcm by default, g711a, g711u, opus) and its
    settings, speech rate (-50 to 100) and voice."""

    codec: str | None = None
    pcm_config: PCMConfig | None = None
    opus_config: OpusConfig | None = None
    speech_rate: int | None = None
    voice_id: str | None = None
