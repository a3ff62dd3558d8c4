"""Events of the streaming speech recognition endpoint (``/v1/audio/transcriptions``); the
``input_audio_buffer`` ones are sent and received on ``/v1/chat`` too."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel
from .websockets import InputAudio, WebsocketsEvent, WebsocketsEventType, event_table

__all__ = [
    "InputAudioBufferAppendEvent",
    "InputAudioBufferClearEvent",
    "InputAudioBufferClearedEvent",
    "InputAudioBufferCompleteEvent",
    "InputAudioBufferCompletedEvent",
    "TranscriptionsCreatedEvent",
    "TranscriptionsMessageCompletedEvent",
    "TranscriptionsMessageUpdateEvent",
    "TranscriptionsUpdateEvent",
    "TranscriptionsUpdatedEvent",
]

T = WebsocketsEventType

# -- sent --------------------------------------------------------------------------------------


@define(kw_only=True)
class TranscriptionsUpdateEvent(WebsocketsEvent):
    """Sent: change the recognition settings (answered by ``transcriptions.updated``)."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The input audio format."""

        input_audio: InputAudio | None = None

    event_type: WebsocketsEventType = T.TRANSCRIPTIONS_UPDATE
    data: TranscriptionsUpdateEvent.Data


@define(kw_only=True)
class InputAudioBufferAppendEvent(WebsocketsEvent):
    """Sent: one piece of the audio (raw bytes here, base64 on the wire)."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The audio piece."""

        delta: bytes

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_APPEND
    data: InputAudioBufferAppendEvent.Data


@define(kw_only=True)
class InputAudioBufferCompleteEvent(WebsocketsEvent):
    """Sent: the audio is complete (answered by ``input_audio_buffer.completed``)."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_COMPLETE


@define(kw_only=True)
class InputAudioBufferClearEvent(WebsocketsEvent):
    """Sent: drop the audio sent so far (answered by ``input_audio_buffer.cleared``)."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_CLEAR


# -- received ----------------------------------------------------------------------------------


@define(kw_only=True)
class TranscriptionsCreatedEvent(WebsocketsEvent):
    """Received first: the recognition session is open."""

    event_type: WebsocketsEventType = T.TRANSCRIPTIONS_CREATED


@define(kw_only=True)
class TranscriptionsUpdatedEvent(WebsocketsEvent):
    """Received: the settings in force after ``transcriptions.update``."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The input audio format."""

        input_audio: InputAudio | None = None

    event_type: WebsocketsEventType = T.TRANSCRIPTIONS_UPDATED
    data: TranscriptionsUpdatedEvent.Data


@define(kw_only=True)
class InputAudioBufferCompletedEvent(WebsocketsEvent):
    """Received: the audio was committed."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_COMPLETED


@define(kw_only=True)
class InputAudioBufferClearedEvent(WebsocketsEvent):
    """Received: the audio sent so far was dropped."""

    event_type: WebsocketsEventType = T.INPUT_AUDIO_BUFFER_CLEARED


@define(kw_only=True)
class TranscriptionsMessageUpdateEvent(WebsocketsEvent):
    """Received: the text recognised so far (the whole text each time)."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The recognised text."""

        content: str

    event_type: WebsocketsEventType = T.TRANSCRIPTIONS_MESSAGE_UPDATE
    data: TranscriptionsMessageUpdateEvent.Data


@define(kw_only=True)
class TranscriptionsMessageCompletedEvent(WebsocketsEvent):
    """Received: the recognition of the committed audio is complete."""

    event_type: WebsocketsEventType = T.TRANSCRIPTIONS_MESSAGE_COMPLETED


#: The events the transcriptions endpoint sends, by type (``error`` is common to all).
TRANSCRIPTIONS_EVENTS = event_table(
    TranscriptionsCreatedEvent,
    TranscriptionsUpdatedEvent,
    InputAudioBufferCompletedEvent,
    InputAudioBufferClearedEvent,
    TranscriptionsMessageUpdateEvent,
    TranscriptionsMessageCompletedEvent,
)
