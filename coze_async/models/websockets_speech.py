"""Events of the streaming speech synthesis endpoint (``/v1/audio/speech``)."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel
from .websockets import OutputAudio, WebsocketsEvent, WebsocketsEventType, event_table

__all__ = [
    "InputTextBufferAppendEvent",
    "InputTextBufferCompleteEvent",
    "InputTextBufferCompletedEvent",
    "SpeechAudioCompletedEvent",
    "SpeechAudioUpdateEvent",
    "SpeechCreatedEvent",
    "SpeechUpdateEvent",
    "SpeechUpdatedEvent",
]

T = WebsocketsEventType

# -- sent --------------------------------------------------------------------------------------


@define(kw_only=True)
class InputTextBufferAppendEvent(WebsocketsEvent):
    """Sent: one piece of the text to speak."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The text piece."""

        delta: str

    event_type: WebsocketsEventType = T.INPUT_TEXT_BUFFER_APPEND
    data: InputTextBufferAppendEvent.Data


@define(kw_only=True)
class InputTextBufferCompleteEvent(WebsocketsEvent):
    """Sent: the text is complete (answered by ``input_text_buffer.completed``, then audio)."""

    event_type: WebsocketsEventType = T.INPUT_TEXT_BUFFER_COMPLETE


@define(kw_only=True)
class SpeechUpdateEvent(WebsocketsEvent):
    """Sent: change the synthesis settings (answered by ``speech.updated``)."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The output audio format and voice."""

        output_audio: OutputAudio | None = None

    event_type: WebsocketsEventType = T.SPEECH_UPDATE
    data: SpeechUpdateEvent.Data


# -- received ----------------------------------------------------------------------------------


@define(kw_only=True)
class SpeechCreatedEvent(WebsocketsEvent):
    """Received first: the synthesis session is open."""

    event_type: WebsocketsEventType = T.SPEECH_CREATED


@define(kw_only=True)
class SpeechUpdatedEvent(WebsocketsEvent):
    """Received: the settings in force after ``speech.update``."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The output audio format and voice."""

        output_audio: OutputAudio | None = None

    event_type: WebsocketsEventType = T.SPEECH_UPDATED
    data: SpeechUpdatedEvent.Data


@define(kw_only=True)
class InputTextBufferCompletedEvent(WebsocketsEvent):
    """Received: the text was committed; the audio follows."""

    event_type: WebsocketsEventType = T.INPUT_TEXT_BUFFER_COMPLETED


@define(kw_only=True)
class SpeechAudioUpdateEvent(WebsocketsEvent):
    """Received: one piece of the synthesised audio, decoded to bytes."""

    @define(kw_only=True)
    class Data(CozeModel):
        """The audio piece (base64 on the wire, bytes here)."""

        delta: bytes

    event_type: WebsocketsEventType = T.SPEECH_AUDIO_UPDATE
    data: SpeechAudioUpdateEvent.Data


@define(kw_only=True)
class SpeechAudioCompletedEvent(WebsocketsEvent):
    """Received: the audio of the committed text is complete."""

    event_type: WebsocketsEventType = T.SPEECH_AUDIO_COMPLETED


#: The events the speech endpoint sends, by type (``error`` is common to all).
SPEECH_EVENTS = event_table(
    SpeechCreatedEvent,
    SpeechUpdatedEvent,
    InputTextBufferCompletedEvent,
    SpeechAudioUpdateEvent,
    SpeechAudioCompletedEvent,
)
